package cmsbackend

import (
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
)

// change is one file as a save would leave it: data nil removes it.
type change struct {
	path string // relative to the site
	data []byte
}

// persist checks and writes the files of one save: the entry's data files
// (moved to newPath when Decap renames the entry) and its assets.
func (h *Handler) persist(files []DataFile, assets []Asset) error {
	var changes []change
	for _, f := range files {
		to := f.Path
		if f.NewPath != "" {
			to = f.NewPath
			changes = append(changes, change{path: f.Path})
		}
		changes = append(changes, change{path: to, data: []byte(f.Raw)})
	}
	for _, a := range assets {
		if a.Encoding != "base64" {
			return fail(http.StatusUnprocessableEntity, "loa serve: %s: unknown encoding %q", a.Path, a.Encoding)
		}
		b, err := base64.StdEncoding.DecodeString(a.Content)
		if err != nil {
			return fail(http.StatusUnprocessableEntity, "loa serve: %s: the content is not base64", a.Path)
		}
		if mf := h.cfg.MediaFolder(); mf == "" || !strings.HasPrefix(a.Path, mf+"/") {
			return fail(http.StatusForbidden, "loa serve: uploads go in the media folder; set [cms] media_folder in site.toml to allow them (not %q)", a.Path)
		}
		changes = append(changes, change{path: a.Path, data: b})
	}
	return h.apply(changes)
}

// remove checks and deletes files.
func (h *Handler) remove(paths []string) error {
	changes := make([]change, len(paths))
	for i, p := range paths {
		changes[i] = change{path: p}
	}
	return h.apply(changes)
}

// apply checks that every path may be written, that the site as it would
// be has no error it does not have now, and then writes each file
// atomically.
func (h *Handler) apply(changes []change) error {
	if len(changes) == 0 {
		return nil
	}
	for _, c := range changes {
		a, err := h.resolve(c.path, true)
		if err != nil {
			return err
		}
		a.close()
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if err := h.check(changes); err != nil {
		return err
	}
	for _, c := range changes {
		a, err := h.resolve(c.path, true)
		if err != nil {
			return err
		}
		if c.data == nil {
			err = a.root.Remove(a.name)
			if os.IsNotExist(err) {
				err = nil
			}
		} else {
			err = writeAtomic(a.root, a.name, c.data)
		}
		a.close()
		if err != nil {
			return fail(http.StatusInternalServerError, "loa serve: cannot write %s: %v", c.path, err)
		}
		if c.data == nil {
			h.cfg.Log("admin: deleted %s", c.path)
		} else {
			h.cfg.Log("admin: saved %s", c.path)
		}
	}
	return nil
}

// writeAtomic writes data to name inside root through a temporary file
// beside it, renamed over it: a reader (the preview's build) sees the old
// file or the new one, never half of one.
func writeAtomic(root *os.Root, name string, data []byte) error {
	if dir := path.Dir(name); dir != "." {
		if err := root.MkdirAll(dir, 0o755); err != nil {
			return err
		}
	}
	tmp := path.Join(path.Dir(name), "."+path.Base(name)+".loa-tmp")
	f, err := root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = root.Rename(tmp, name)
	}
	if err != nil {
		root.Remove(tmp)
	}
	return err
}

// check builds the site as the changes would leave it, in a copy made of
// hard links under .loa-cache/, and refuses the changes when that build
// has an error the site does not have now (the site may have errors of
// its own, which a save elsewhere must not be held up by).
func (h *Handler) check(changes []change) error {
	opts := h.cfg.Build
	opts.Out, opts.NoCache, opts.Inject, opts.InjectFor, opts.Sources, opts.Markdown = "", true, "", nil, nil, nil

	var now diag.List
	opts.Site = h.site()
	build.Check(opts, &now)
	had := map[string]bool{}
	for _, d := range now.Errors() {
		had[d.Pos.File+"\x00"+d.Msg] = true
	}

	cacheDir := filepath.Join(h.site(), ".loa-cache")
	if err := os.MkdirAll(cacheDir, 0o755); err != nil {
		return fail(http.StatusInternalServerError, "loa serve: cannot check the save: %v", err)
	}
	tmp, err := os.MkdirTemp(cacheDir, "cms-check-")
	if err != nil {
		return fail(http.StatusInternalServerError, "loa serve: cannot check the save: %v", err)
	}
	defer os.RemoveAll(tmp)
	for _, top := range []string{"site.toml", "content", "themes"} {
		if err := mirror(filepath.Join(h.site(), top), filepath.Join(tmp, top)); err != nil {
			return fail(http.StatusInternalServerError, "loa serve: cannot check the save: %v", err)
		}
	}
	// The copy is changed through a Root too: its symlinks are the
	// site's, and must not lead a change out of it.
	copyRoot, err := os.OpenRoot(tmp)
	if err != nil {
		return fail(http.StatusInternalServerError, "loa serve: cannot check the save: %v", err)
	}
	defer copyRoot.Close()
	for _, c := range changes {
		// Never write through a hard link: that would change the site.
		if err := copyRoot.Remove(c.path); err != nil && !os.IsNotExist(err) {
			return fail(http.StatusInternalServerError, "loa serve: cannot check the save: %v", err)
		}
		if c.data == nil {
			continue
		}
		copyRoot.MkdirAll(path.Dir(c.path), 0o755)
		if err := copyRoot.WriteFile(c.path, c.data, 0o644); err != nil {
			return fail(http.StatusInternalServerError, "loa serve: cannot check the save: %v", err)
		}
	}
	var after diag.List
	opts.Site = tmp
	build.Check(opts, &after)
	var msgs []string
	for _, d := range after.Errors() {
		if !had[d.Pos.File+"\x00"+d.Msg] {
			msgs = append(msgs, d.String())
		}
	}
	if len(msgs) > 0 {
		return fail(http.StatusUnprocessableEntity, "%s", refused(msgs))
	}
	return nil
}

// refused is the message Decap shows for a save that would break the site.
func refused(msgs []string) string {
	return fmt.Sprintf("Not saved: the site would have %s. Correct it and save again.\n%s",
		plural(len(msgs), "error"), strings.Join(msgs, "\n"))
}

func plural(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// mirror copies the tree src to dst with hard links (copies where links
// fail), symlinks as symlinks. A missing src is no error.
func mirror(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == src {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(src, p)
		to := filepath.Join(dst, rel)
		switch {
		case d.IsDir():
			if d.Name() == ".loa-cache" {
				return filepath.SkipDir
			}
			return os.MkdirAll(to, 0o755)
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, to)
		case d.Type().IsRegular():
			if os.Link(p, to) == nil {
				return nil
			}
			return copyFile(p, to)
		}
		return nil
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

package cmsbackend

import (
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// contentDir is the folder whose files the admin edits.
const contentDir = "content"

// area is an opened folder that requests may reach, and the name of one
// file or folder inside it. Every access goes through root, which refuses
// a name, or a symlink, that leads out of the folder.
type area struct {
	root   *os.Root
	name   string // slash-separated, relative to the area; "." for the area itself
	prefix string // the area's path relative to the site
	media  bool
}

func (a *area) close() { a.root.Close() }

// checkPath refuses what is not a plain relative path: an absolute path,
// a backslash, a NUL, a step up, an empty or dot segment, a hidden name.
func checkPath(p string) *problem {
	if p == "" || path.IsAbs(p) || filepath.IsAbs(p) || filepath.VolumeName(p) != "" ||
		strings.ContainsAny(p, "\\\x00:") || path.Clean(p) != p {
		return fail(http.StatusForbidden, "loa serve: %q is not a path inside the site", p)
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || strings.HasPrefix(seg, ".") {
			return fail(http.StatusForbidden, "loa serve: %q is not a path the admin may use", p)
		}
	}
	return nil
}

// open opens the area that p falls in: content/, or the media folder.
func (h *Handler) open(p string) (*area, *problem) {
	if pr := checkPath(p); pr != nil {
		return nil, pr
	}
	prefix, media := "", false
	if mf := h.cfg.MediaFolder(); mf != "" && (p == mf || strings.HasPrefix(p, mf+"/")) {
		prefix, media = mf, true
	} else if p == contentDir || strings.HasPrefix(p, contentDir+"/") {
		prefix = contentDir
	} else {
		return nil, fail(http.StatusForbidden, "loa serve: the admin may only use files under content/%s (not %q)", h.mediaHint(), p)
	}
	site, err := os.OpenRoot(h.site())
	if err != nil {
		return nil, fail(http.StatusInternalServerError, "loa serve: cannot open the site folder: %v", err)
	}
	defer site.Close()
	if err := site.MkdirAll(prefix, 0o755); err != nil && media {
		return nil, fail(http.StatusInternalServerError, "loa serve: cannot make the media folder %s: %v", prefix, err)
	}
	root, err := site.OpenRoot(prefix)
	if err != nil {
		return nil, fail(http.StatusForbidden, "loa serve: cannot open %s: %v", prefix, err)
	}
	name := strings.TrimPrefix(strings.TrimPrefix(p, prefix), "/")
	if name == "" {
		name = "."
	}
	return &area{root: root, name: name, prefix: prefix, media: media}, nil
}

func (h *Handler) mediaHint() string {
	if mf := h.cfg.MediaFolder(); mf != "" {
		return " and " + mf + "/"
	}
	return ""
}

// resolve opens the file p for reading, or for writing: then it must be
// a content file (.md, .toml) or a file of the media folder, and not a
// symlink.
func (h *Handler) resolve(p string, write bool) (*area, error) {
	a, pr := h.open(p)
	if pr != nil {
		return nil, pr
	}
	if a.name == "." {
		a.close()
		return nil, fail(http.StatusForbidden, "loa serve: %q is a folder", p)
	}
	if write {
		if !a.media && path.Ext(p) != ".md" && path.Ext(p) != ".toml" {
			a.close()
			return nil, fail(http.StatusForbidden, "loa serve: the admin writes only .md and .toml files under content/ (not %q)", p)
		}
		fi, err := a.root.Lstat(a.name)
		switch {
		case err == nil && !fi.Mode().IsRegular():
			a.close()
			return nil, fail(http.StatusForbidden, "loa serve: %q is not a plain file (a symlink or a folder): edit it in a text editor", p)
		case err != nil && !errors.Is(err, fs.ErrNotExist):
			// A folder on the way is a symlink that leads out, or
			// cannot be read.
			a.close()
			return nil, fail(http.StatusForbidden, "loa serve: %q cannot be written: %v", p, err)
		}
	}
	return a, nil
}

// resolveDir opens the folder p for listing.
func (h *Handler) resolveDir(p string) (*area, error) {
	a, pr := h.open(p)
	if pr != nil {
		return nil, pr
	}
	if a.name != "." {
		if _, err := a.root.Stat(a.name); err != nil {
			a.close()
			return nil, err
		}
	}
	return a, nil
}

package publish

import (
	"errors"
	"io/fs"
	"path/filepath"
	"strings"

	"github.com/loa-vn/loa/generator/diag"
)

// An OutputError says why a folder cannot be the output of a build of a
// site: a build replaces the whole output folder, so an output that holds
// the site's sources would delete them. It is a usage error (exit 2).
type OutputError struct {
	Out    string // the output folder, as given
	Reason diag.Text
}

func (e *OutputError) text() diag.Text {
	return diag.Textf("refusing to build into %s: %s. A build replaces its whole output folder: build into a folder of its own (leave out -o for the site's public/, or name a new folder)", e.Out, e.Reason)
}

// Error is the message in English.
func (e *OutputError) Error() string { return e.text().String() }

// Localize is the message in p's language.
func (e *OutputError) Localize(p diag.Printer) string { return e.text().Localize(p) }

// CheckOutput refuses an output folder out that would hold the sources of
// the site in the folder site: the site folder itself, a folder that
// contains it, or a folder inside its content/, themes/ or .loa-cache/.
// Both are resolved first (relative paths, symlinks, ".."), so that "-s src
// -o ." run from the site's parent is caught. public/ inside the site
// folder is the normal case.
func CheckOutput(site, out string) error {
	s, err := Resolve(site)
	if err != nil {
		return err
	}
	o, err := Resolve(out)
	if err != nil {
		return err
	}
	switch {
	case o == s:
		return &OutputError{Out: out, Reason: diag.Textf("it is the site folder (%s), which holds site.toml, content/ and themes/", s)}
	case within(s, o):
		return &OutputError{Out: out, Reason: diag.Textf("it contains the site folder %s", s)}
	}
	for _, dir := range []string{"content", "themes", ".loa-cache"} {
		if within(o, filepath.Join(s, dir)) {
			return &OutputError{Out: out, Reason: diag.Textf("it lies inside the site's %s/ folder", dir)}
		}
	}
	return nil
}

// within reports whether p is dir or lies inside it; both are clean and
// absolute.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// Resolve makes p absolute and resolves the symlinks of the part of it
// that exists; what does not exist yet is kept as it is named.
func Resolve(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	rest := ""
	for cur := abs; ; {
		r, err := filepath.EvalSymlinks(cur)
		if err == nil {
			return filepath.Join(r, rest), nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

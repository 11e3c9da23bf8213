package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/generator/diag"
)

// A build replaces the whole output folder, yet never deletes a file that
// no Loa build wrote there: a CNAME, the .git of a GitHub Pages
// repository, a file someone copied in. Beside the output, the file
// .<name>.loa-files lists the files the last build wrote (and which of them
// are a unit's landing page). At the swap, every file of the output that
// the list does not name and the new build does not write is carried over
// into the new output, hard-linked (Commit; Staging.Kept says which); one
// that the new build writes too is an error, since either choice would lose
// a file. Without a list (the first build into a folder, or a folder built
// by an older Loa) every file the new build does not write is carried over.
//
// Until the swap, the list must name the files of both outputs, so that a
// build killed in between leaves no file of either unclaimed. A build that
// writes new names puts them, before the swap, in .<name>.loa-files.add
// (a few lines where the whole list is 41,000 on a national site), which
// readOwned adds to the list; after the swap, the list is written anew and
// the addition removed.

const (
	ownedSuffix = ".loa-files"
	addedSuffix = ".add" // of the list: names a build adds, until its swap
)

// Kinds of files, as a list of owned files marks them (Staging.Mark).
const (
	KindFile = ""
	KindUnit = "unit" // a unit's landing page: printed QR codes lead there
)

// ownedPath is the list of the output folder out (absolute).
func ownedPath(out string) string {
	parent, base := filepath.Split(out)
	return filepath.Join(parent, "."+base+ownedSuffix)
}

// readOwned reads the list of the files Loa wrote into out: path -> kind,
// with the names a build killed before its swap added (the kinds they
// have there). ok is false without a readable list (or with an addition
// that cannot be read: every file is then carried over).
func readOwned(out string) (owned map[string]string, ok bool) {
	b, err := os.ReadFile(ownedPath(out))
	if err != nil {
		return nil, false
	}
	owned = make(map[string]string, bytes.Count(b, []byte("\n")))
	if !parseOwned(string(b), owned) {
		return nil, false
	}
	switch add, err := os.ReadFile(ownedPath(out) + addedSuffix); {
	case errors.Is(err, fs.ErrNotExist):
	case err != nil || !parseOwned(string(add), owned):
		return nil, false
	}
	return owned, true
}

// parseOwned adds the names of the list s to owned; false when a line is
// not a quoted name.
func parseOwned(s string, owned map[string]string) bool {
	for len(s) > 0 {
		var line string
		line, s, _ = strings.Cut(s, "\n")
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		name, kind, err := unquote(line) // as the tree records (tree.go)
		if err != nil {
			return false
		}
		owned[name] = strings.TrimSpace(kind)
	}
	return true
}

// addOwned writes, beside the list of out, the names of written that prev
// (the list) does not have, or has of another kind: until the swap,
// readOwned then names the files of both outputs.
func addOwned(out string, prev, written map[string]string) error {
	added := map[string]string{}
	for n, k := range written {
		if kp, ok := prev[n]; !ok || kp != k {
			added[n] = k
		}
	}
	return writeList(ownedPath(out)+addedSuffix, out, added)
}

// dropAdded removes the addition to the list of out, which the list now
// holds.
func dropAdded(out string) error {
	err := os.Remove(ownedPath(out) + addedSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	return err
}

// writeOwned replaces the list of out with owned, atomically.
func writeOwned(out string, owned map[string]string) error {
	return writeList(ownedPath(out), out, owned)
}

// writeList writes the list of owned, files of out, to p, atomically.
func writeList(p, out string, owned map[string]string) error {
	names := make([]string, 0, len(owned))
	for n := range owned {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	w := bufio.NewWriter(&b)
	fmt.Fprintf(w, "# The files that Loa wrote into %s/, one a line (\"unit\": a unit's landing page).\n", filepath.Base(out))
	fmt.Fprintf(w, "# Loa keeps every other file of that folder from build to build. Deleting this list is safe.\n")
	for _, n := range names {
		w.WriteString(strconv.Quote(n))
		if k := owned[n]; k != "" {
			w.WriteString(" " + k)
		}
		w.WriteByte('\n')
	}
	w.Flush()
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, p)
}

// A ForeignError says that a build writes a file of the same name as a file
// of the output that no Loa build wrote.
type ForeignError struct {
	Out   string
	Names []string
}

func (e *ForeignError) text() diag.Text {
	names := e.Names
	var more diag.Text
	if len(names) > 5 {
		names, more = names[:5], diag.Textf(" and %d more", len(names)-5)
	}
	return diag.Textf("%s holds %s%s, which no Loa build wrote, and this build writes a file of that name: move it out of the output folder (or delete it) and build again", e.Out, strings.Join(names, ", "), more)
}

// Error is the message in English.
func (e *ForeignError) Error() string { return e.text().String() }

// Localize is the message in p's language.
func (e *ForeignError) Localize(p diag.Printer) string { return e.text().Localize(p) }

// carried is what carryAll puts in the staging folder: a file (or
// symlink) of the output, or an empty folder.
type carried struct {
	name     string
	typ      fs.FileMode
	emptyDir bool
}

// foreign lists, in the order of a walk, the files of the output that are
// not Loa's and that the build does not write, and its empty folders that
// are not Loa's: what carryAll carries into the staging folder. owned is
// the list of the previous build, or nil for none. It looks at the output
// through its tree record (tree.go): a folder left as recorded is not read
// again. It reads the output only and writes nothing, so that Commit runs
// it beside pruneInPlace, which writes the spare only.
func (s *Staging) foreign(owned map[string]string) ([]carried, error) {
	var rec *listing // a build that does not record trusts no record
	if s.outRecord != nil {
		rec = <-s.outRecord
	}
	list, err := listTree(s.out, rec)
	if err != nil {
		return nil, err
	}
	var clash []string
	var plan []carried
	err = list.walk(func(name string, typ fs.FileMode) error {
		if typ == fs.ModeDir {
			if s.made[name] {
				return nil // the build made it: its files are looked at one by one
			}
			if d := list.dir(name); d != nil && len(d.Entries) == 0 {
				plan = append(plan, carried{name: name, typ: typ, emptyDir: true})
			}
			return nil
		}
		if _, mine := owned[name]; mine {
			return nil // written by the last build: this build decides
		}
		if s.wrote(name) {
			if owned != nil {
				clash = append(clash, name)
			}
			return nil // no list: the file is a former build's
		}
		plan = append(plan, carried{name: name, typ: typ})
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(clash) > 0 {
		return nil, &ForeignError{Out: s.out, Names: clash}
	}
	return plan, nil
}

// carryAll puts what foreign listed in the staging folder.
func (s *Staging) carryAll(plan []carried) error {
	for _, c := range plan {
		if c.emptyDir {
			s.kept = append(s.kept, c.name+"/")
			if err := s.mkdirLike(c.name); err != nil {
				return err
			}
			continue
		}
		if err := s.mkdirLike(path.Dir(c.name)); err != nil {
			return err
		}
		src := filepath.Join(s.out, filepath.FromSlash(c.name))
		s.touch(c.name)
		if err := carry(src, filepath.Join(s.dir, filepath.FromSlash(c.name)), c.typ); err != nil {
			return diag.Textf("cannot keep %s, which no Loa build wrote, in the new output: %w", src, err)
		}
		s.kept = append(s.kept, c.name)
	}
	return nil
}

// mkdirLike makes the staging folder rel (slash path), and its parents,
// with the permissions of the output's folder of that name.
func (s *Staging) mkdirLike(rel string) error {
	if s.made[rel] {
		return nil
	}
	if err := s.mkdirLike(path.Dir(rel)); err != nil {
		return err
	}
	dst := filepath.Join(s.dir, filepath.FromSlash(rel))
	s.touch(rel)
	mode := fs.FileMode(0o755)
	if fi, err := os.Stat(filepath.Join(s.out, filepath.FromSlash(rel))); err == nil {
		mode = fi.Mode().Perm()
	}
	if err := os.Mkdir(dst, mode); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	if err := os.Chmod(dst, mode); err != nil {
		return err
	}
	s.made[rel] = true
	return nil
}

// carry puts the file src, of type typ (see entry), at dst: a hard link,
// which leaves src as it is; a symlink is made again.
func carry(src, dst string, typ fs.FileMode) error {
	switch typ {
	case fs.ModeSymlink:
		target, err := os.Readlink(src)
		if err != nil {
			return err
		}
		return os.Symlink(target, dst)
	case 0:
		return os.Link(src, dst)
	default:
		return diag.Textf("it is neither a file, a folder nor a symlink")
	}
}

// Kept lists what Commit carried over from the previous output because no
// Loa build wrote it, by slash path; folders end in "/".
func (s *Staging) Kept() []string { return s.kept }

// Dropped lists, sorted, the files of the given kind that the previous
// build wrote and this one does not (KindUnit: unit landing pages that
// printed QR codes may lead to). Call it before Commit.
func (s *Staging) Dropped(kind string) []string {
	var out []string
	for name, k := range s.prevOwned {
		if k == kind && !s.wrote(name) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// Summary names up to five of names, sorted, files grouped under their top
// folder ("CNAME, .git/ (812 files)"), and says how many more there are.
func Summary(names []string) string { return summary(names) }

func summary(names []string) string {
	count := map[string]int{}
	var tops []string
	for _, n := range names {
		top := n
		if i := strings.IndexByte(n, '/'); i >= 0 {
			top = n[:i+1]
		}
		if count[top] == 0 {
			tops = append(tops, top)
		}
		count[top]++
	}
	sort.Strings(tops)
	var parts []string
	for i, t := range tops {
		if i == 5 {
			parts = append(parts, fmt.Sprintf("and %d more", len(tops)-5))
			break
		}
		if strings.HasSuffix(t, "/") && count[t] > 1 {
			t += fmt.Sprintf(" (%d files)", count[t])
		}
		parts = append(parts, t)
	}
	return strings.Join(parts, ", ")
}

package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
	"unicode/utf8"
)

// A build looks at every folder of the output (to carry over the files no
// Loa build wrote) and of the spare (to remove what the new build does not
// write): nationally 20,000 folders each, read entry by entry. A tree
// record, beside the output and beside the spare, keeps what a listing
// found: each folder's entries, and the folder's inode, modification and
// change times when it was listed. A folder whose times are still those
// recorded holds the entries recorded, since making, removing or renaming
// an entry changes its folder's times: the next listing takes its entries
// from the record, one lstat instead of a read of the folder.
//
// Nothing in a record is taken on trust: a folder is taken from it only
// when its inode and both times match, and only when its change time was
// at least stampMargin older than the listing that recorded it, so that
// a change made right after the listing, within the same tick of the
// file system's clock, cannot go unseen. A record that is missing,
// unreadable or of another folder only costs reading the folders.

const (
	treeSuffix  = ".loa-tree"
	treeVersion = "loa-tree 1"
	// stampMargin is how much older than its listing a folder's change
	// time must be for the record of its entries to be trusted: more than
	// the coarsest clock of common file systems (2 s on FAT).
	stampMargin = 2 * time.Second
)

// treePath is the tree record of the folder dir (absolute): beside it.
func treePath(dir string) string {
	parent, base := filepath.Split(dir)
	return filepath.Join(parent, "."+strings.TrimPrefix(base, ".")+treeSuffix)
}

// dirStamp is what a folder's lstat says of its entries.
type dirStamp struct {
	Ino          uint64
	Mtime, Ctime int64
}

// entry is one name in a folder, with its type (fs.ModeDir,
// fs.ModeSymlink, 0 for a regular file, fs.ModeIrregular for anything
// else).
type entry struct {
	Name string
	Type fs.FileMode
}

type treeDir struct {
	Stamp   dirStamp
	Entries []entry     // sorted by name
	Perm    fs.FileMode // as the listing found it (not recorded)
}

// listing is what a look at a folder found: slash path relative to it ("." for the
// folder itself) -> its entries. At is when the listing began.
type listing struct {
	At   int64
	Dirs map[string]*treeDir
}

// listTree lists the folder root, its folders read or, where the record
// rec (nil for none) still holds, taken from it. Folders are looked at by
// a few goroutines at once: the work is one system call or more a folder,
// and a folder's subfolders do not wait for each other.
func listTree(root string, rec *listing) (*listing, error) {
	l := &lister{root: root, rec: rec, t: &listing{At: time.Now().UnixNano(), Dirs: map[string]*treeDir{}}, free: make(chan struct{}, listers-1)}
	if rec != nil {
		l.trustBefore = rec.At - int64(stampMargin)
	}
	l.visit(".")
	l.wg.Wait()
	if l.err != nil {
		return nil, l.err
	}
	return l.t, nil
}

// listers is how many goroutines look at folders at once.
const listers = 4

type lister struct {
	root        string
	rec         *listing
	trustBefore int64
	free        chan struct{} // a token for each goroutine that may start
	wg          sync.WaitGroup

	mu  sync.Mutex
	t   *listing
	err error
}

// visit lists the folder rel and, in this goroutine or in new ones while
// there are tokens, its subfolders.
func (l *lister) visit(rel string) {
	d, err := l.list(rel)
	l.mu.Lock()
	if err != nil {
		if l.err == nil {
			l.err = err
		}
		l.mu.Unlock()
		return
	}
	l.t.Dirs[rel] = d
	stop := l.err != nil
	l.mu.Unlock()
	if stop {
		return
	}
	for _, e := range d.Entries {
		if e.Type != fs.ModeDir {
			continue
		}
		sub := joinRel(rel, e.Name)
		select {
		case l.free <- struct{}{}:
			l.wg.Go(func() {
				l.visit(sub)
				<-l.free
			})
		default:
			l.visit(sub)
		}
	}
}

// list looks at the one folder rel.
func (l *lister) list(rel string) (*treeDir, error) {
	p := filepath.Join(l.root, filepath.FromSlash(rel))
	var sys syscall.Stat_t // (os.Lstat would make a FileInfo of each)
	if err := lstat(p, &sys); err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: p, Err: err}
	}
	if sys.Mode&syscall.S_IFMT != syscall.S_IFDIR {
		return nil, fmt.Errorf("%s: not a folder", p)
	}
	st := dirStamp{Ino: sys.Ino, Mtime: sys.Mtim.Nano(), Ctime: sys.Ctim.Nano()}
	d := &treeDir{Stamp: st, Perm: fs.FileMode(sys.Mode & 0o777)}
	if old := l.rec.dir(rel); old != nil && old.Stamp == st && st.Ctime < l.trustBefore {
		d.Entries = old.Entries
		return d, nil
	}
	ents, err := os.ReadDir(p)
	if err != nil {
		return nil, err
	}
	d.Entries = make([]entry, len(ents))
	for i, e := range ents {
		d.Entries[i] = entry{e.Name(), typeOf(e.Type())}
	}
	return d, nil
}

// updated is the listing of the folder root, which a build updated in
// place from what base listed: the folders of dirs (all the folders root
// now holds) are taken from base, but those that touched names (their
// entries made, removed or replaced) and those base did not list are read
// again. A folder changed all the same has other times than base recorded:
// the next listing reads it. The listing keeps base's At, which is older
// than every time it holds.
func updated(root string, base *listing, dirs, touched map[string]bool) (*listing, error) {
	t := &listing{At: base.At, Dirs: make(map[string]*treeDir, len(dirs))}
	for rel := range dirs {
		if d := base.Dirs[rel]; d != nil && !touched[rel] {
			t.Dirs[rel] = d
			continue
		}
		d, err := (&lister{root: root}).list(rel) // no record: read
		if err != nil {
			return nil, err
		}
		t.Dirs[rel] = d
	}
	return t, nil
}

func (t *listing) dir(rel string) *treeDir {
	if t == nil {
		return nil
	}
	return t.Dirs[rel]
}

func typeOf(m fs.FileMode) fs.FileMode {
	switch t := m.Type(); t {
	case 0, fs.ModeDir, fs.ModeSymlink:
		return t
	default:
		return fs.ModeIrregular
	}
}

func joinRel(dir, name string) string {
	if dir == "." {
		return name
	}
	return dir + "/" + name
}

// walk calls fn for every entry of the listing but the root, folders
// before what they hold, in lexical order (as filepath.WalkDir).
func (t *listing) walk(fn func(rel string, typ fs.FileMode) error) error {
	var visit func(rel string) error
	visit = func(rel string) error {
		d := t.Dirs[rel]
		if d == nil {
			return nil
		}
		for _, e := range d.Entries {
			p := joinRel(rel, e.Name)
			if err := fn(p, e.Type); err != nil {
				return err
			}
			if e.Type == fs.ModeDir {
				if err := visit(p); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return visit(".")
}

// The kinds of entries, as a record writes them (and parseTree reads them).
var kindOfType = map[fs.FileMode]string{0: "f", fs.ModeDir: "d", fs.ModeSymlink: "l", fs.ModeIrregular: "o"}

// readTree reads the tree record at file; nil when there is none or it
// cannot be read whole.
func readTree(file string) *listing {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	t, err := parseTree(b)
	if err != nil {
		return nil
	}
	return t
}

var errTree = errors.New("publish: not a tree record")

func parseTree(b []byte) (*listing, error) {
	// One string for the whole record: the names are cut from it, not
	// copied one by one. The folders and their entries are each made in
	// one allocation (nationally 20,000 folders and 61,000 entries, which
	// took as many allocations, and half of a rebuild's 90 ms of CPU
	// reading its two records).
	header, rest, ok := strings.Cut(string(b), "\n")
	v, at, ok2 := strings.Cut(header, " at ")
	if !ok || !ok2 || v != treeVersion {
		return nil, errTree
	}
	ndirs := strings.Count(rest, "\ndir ") + 1 // names are quoted: a line break is one
	t := &listing{Dirs: make(map[string]*treeDir, ndirs)}
	var err error
	if t.At, err = strconv.ParseInt(at, 10, 64); err != nil {
		return nil, errTree
	}
	dirs := make([]treeDir, 0, ndirs)
	all := make([]entry, 0, strings.Count(rest, "\n"))
	var cur *treeDir
	first := 0 // cur's first entry in all
	// done gives cur its entries: a part of all that nothing appends to.
	done := func() {
		if cur != nil && len(all) > first {
			cur.Entries = all[first:len(all):len(all)]
		}
	}
	for len(rest) > 0 {
		var s string
		s, rest, ok = strings.Cut(rest, "\n")
		if !ok {
			return nil, errTree // cut short
		}
		if s == "end" {
			if len(rest) > 0 {
				return nil, errTree
			}
			done()
			return t, nil
		}
		kind, s, _ := strings.Cut(s, " ")
		name, s, err := unquote(s)
		if err != nil {
			return nil, errTree
		}
		var typ fs.FileMode
		switch kind {
		case "dir":
			ino, s, _ := strings.Cut(s, " ")
			mtime, ctime, _ := strings.Cut(s, " ")
			var st dirStamp
			var e1, e2, e3 error
			st.Ino, e1 = strconv.ParseUint(ino, 10, 64)
			st.Mtime, e2 = strconv.ParseInt(mtime, 10, 64)
			st.Ctime, e3 = strconv.ParseInt(ctime, 10, 64)
			if e1 != nil || e2 != nil || e3 != nil {
				return nil, errTree
			}
			if name != "." && (!fs.ValidPath(name) || t.Dirs[name] != nil) {
				return nil, errTree
			}
			done()
			if len(dirs) == cap(dirs) {
				return nil, errTree // more folders than lines that start one: cannot be
			}
			dirs = append(dirs, treeDir{Stamp: st})
			cur, first = &dirs[len(dirs)-1], len(all)
			t.Dirs[name] = cur
			continue
		case "f":
			typ = 0
		case "d":
			typ = fs.ModeDir
		case "l":
			typ = fs.ModeSymlink
		case "o":
			typ = fs.ModeIrregular
		default:
			return nil, errTree
		}
		if cur == nil || name == "" || strings.ContainsAny(name, "/\x00") || name == "." || name == ".." {
			return nil, errTree
		}
		all = append(all, entry{name, typ})
	}
	return nil, errTree // no end: cut short
}

// unquote reads the quoted string at the start of s, and what follows it
// after a space: a name without escapes (nearly all) is not copied.
func unquote(s string) (name, rest string, err error) {
	if len(s) >= 2 && s[0] == '"' {
		if i := strings.IndexAny(s[1:], `"\\`); i >= 0 && s[1+i] == '"' {
			name, rest = s[1:1+i], s[2+i:]
			if printableASCII(name) || utf8.ValidString(name) && !strings.ContainsFunc(name, func(r rune) bool { return !strconv.IsPrint(r) }) {
				return name, strings.TrimPrefix(rest, " "), nil
			}
		}
	}
	q, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", err
	}
	name, _ = strconv.Unquote(q)
	return name, strings.TrimPrefix(s[len(q):], " "), nil
}

// printableASCII reports whether every byte of s is a printable ASCII
// character, which strconv.Quote writes as it is but for the quote and
// the backslash.
func printableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// appendQuote is strconv.AppendQuote, quicker for the plain names nearly
// every name is.
func appendQuote(b []byte, s string) []byte {
	if printableASCII(s) && !strings.ContainsAny(s, `"\\`) {
		b = append(b, '"')
		b = append(b, s...)
		return append(b, '"')
	}
	return strconv.AppendQuote(b, s)
}

// writeTree writes t as the tree record at file, atomically.
func writeTree(file string, t *listing) error {
	b := make([]byte, 0, 64*len(t.Dirs))
	b = fmt.Appendf(b, "%s at %d\n", treeVersion, t.At)
	dirs := make([]string, 0, len(t.Dirs))
	for d := range t.Dirs {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	for _, d := range dirs {
		td := t.Dirs[d]
		b = append(b, "dir "...)
		b = appendQuote(b, d)
		b = append(b, ' ')
		b = strconv.AppendUint(b, td.Stamp.Ino, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, td.Stamp.Mtime, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, td.Stamp.Ctime, 10)
		b = append(b, '\n')
		for _, e := range td.Entries {
			b = append(b, kindOfType[e.Type]...)
			b = append(b, ' ')
			b = appendQuote(b, e.Name)
			b = append(b, '\n')
		}
	}
	b = append(b, "end\n"...)
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

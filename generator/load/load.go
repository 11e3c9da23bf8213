package load

import (
	"cmp"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loa-vn/loa/generator/diag"
)

// Read reads the site in dir. Every problem is added to diags with its
// position (file paths relative to dir, slash-separated, e.g.
// "content/units/phuong.toml"); Read returns what it could read even when
// there are errors, so that a build reports all problems at once. A file
// that cannot be decoded at all (invalid UTF-8, a TOML syntax error, front
// matter that is missing or not closed) is reported and left out; a file
// with wrong values is returned with the values that were right. Read never
// writes anything.
//
// Files are read concurrently, but the result and its order do not depend
// on scheduling: groups, directives and pages are sorted by file name,
// reports by date.
func Read(dir string, diags *diag.List) *Site {
	return ReadCached(dir, diags, nil)
}

// ReadCached is Read, taking from cache what it made of each file that did
// not change since (same size, times and inode) and keeping there what it
// makes of the others: serve reads a national site again on every save,
// and a save changes one file of a thousand. A nil cache caches nothing.
func ReadCached(dir string, diags *diag.List, cache *Cache) *Site {
	site := &Site{Dir: dir, Config: defaultConfig()}
	// Work on the absolute path: EvalSymlinks of a relative path gives a
	// relative result, which could not be compared with the site's.
	abs, err := filepath.Abs(dir)
	r := &reader{root: abs, diags: diags, cache: cache}
	if err == nil {
		r.real, err = filepath.EvalSymlinks(abs)
	}
	if err != nil {
		diags.Errorf(diag.Pos{File: "site.toml"}, "no site here (site.toml not found)")
		return site
	}

	switch r.lstat("site.toml") {
	case isFile:
		r.jobs = append(r.jobs, job{rel: "site.toml", kind: jobConfig})
	case isMissing:
		diags.Errorf(diag.Pos{File: "site.toml"}, "no site here (site.toml not found)")
	case isDir, isOther:
		diags.Errorf(diag.Pos{File: "site.toml"}, "site.toml is not a file")
	case isRefused: // reported

	}
	switch r.lstat("content") {
	case isDir:
		r.content()
	case isMissing:
		if r.lstat("site.toml") == isFile {
			diags.Errorf(diag.Pos{File: "content"}, "no content/ folder beside site.toml: a site keeps its units, reports, directives and pages there (content/units/, content/reports/, ...); create it, or point -s at the folder that holds it")
		}
	case isFile, isOther:
		diags.Errorf(diag.Pos{File: "content"}, "content should be a folder beside site.toml, holding the site's units, reports, directives and pages")
	}
	if r.lstat("themes") == isDir {
		r.themeLinks("themes", map[string]bool{})
	}

	r.results = results{
		groups:     make([]*Group, r.count[jobGroup]),
		reports:    make([]*Report, r.count[jobReport]),
		directives: make([]*Directive, r.count[jobDirective]),
		pages:      make([]*Page, r.count[jobPage]),
	}
	r.runJobs(&site.Config)
	cache.prune(r.jobs)

	site.Unread = r.unread() // before compact, which moves the results
	site.Home = r.results.home
	site.Groups = compact(r.results.groups, func(g *Group) string { return g.File })
	site.Directives = compact(r.results.directives, func(d *Directive) string { return d.File })
	site.Pages = compact(r.results.pages, func(p *Page) string { return p.File })
	site.Reports = compact(r.results.reports, func(r *Report) string { return r.File })
	slices.SortStableFunc(site.Reports, func(a, b *Report) int { return a.Date.Compare(b.Date) })
	cache.checkUnique(site.Groups, diags)
	return site
}

// compact drops the nil results of files that could not be read and sorts
// the rest by file name.
func compact[T any](s []*T, file func(*T) string) []*T {
	s = slices.DeleteFunc(s, func(v *T) bool { return v == nil })
	slices.SortStableFunc(s, func(a, b *T) int { return cmp.Compare(file(a), file(b)) })
	if len(s) == 0 {
		return nil
	}
	return s
}

type jobKind int

const (
	jobConfig jobKind = iota
	jobGroup
	jobReport
	jobDirective
	jobPage
	jobHome
	numJobKinds
)

// job is one file to read; slot is its index among the results of its kind.
type job struct {
	rel  string
	kind jobKind
	slot int
}

type results struct {
	groups     []*Group
	reports    []*Report
	directives []*Directive
	pages      []*Page
	home       *Page
}

type reader struct {
	root    string // the site folder, absolute
	real    string // the site folder, absolute, symlinks resolved
	diags   *diag.List
	cache   *Cache
	jobs    []job
	count   [numJobKinds]int
	results results
}

func (r *reader) abs(rel string) string { return filepath.Join(r.root, filepath.FromSlash(rel)) }

func (r *reader) add(rel string, kind jobKind) {
	r.jobs = append(r.jobs, job{rel: rel, kind: kind, slot: r.count[kind]})
	r.count[kind]++
}

type entryKind int

const (
	isMissing entryKind = iota // absent
	isRefused                  // reported: unreadable, or a symlink that is not followed
	isFile
	isDir
	isOther // a device, a pipe, a socket: never read
)

// lstat classifies the site entry rel.
func (r *reader) lstat(rel string) entryKind {
	fi, err := os.Lstat(r.abs(rel))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return isMissing
		}
		r.diags.Errorf(diag.Pos{File: rel}, "cannot read: %v", unwrapPath(err))
		return isRefused
	}
	return r.classify(rel, fi.Mode())
}

// classify tells what the site entry rel of the given mode is. A symlink is
// followed when it leads to a place inside the site; otherwise it is
// reported and refused.
func (r *reader) classify(rel string, mode fs.FileMode) entryKind {
	if mode&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(r.abs(rel))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			r.diags.Errorf(diag.Pos{File: rel}, "broken symlink: what it leads to does not exist")
			return isRefused
		case err != nil && strings.Contains(err.Error(), "too many links"):
			r.diags.Errorf(diag.Pos{File: rel}, "symlink loop: it is not read")
			return isRefused
		case err != nil:
			r.diags.Errorf(diag.Pos{File: rel}, "symlink cannot be followed: %v", unwrapPath(err))
			return isRefused
		}
		if !inside(r.real, target) {
			r.diags.Errorf(diag.Pos{File: rel}, "symlink leads outside the site (to %s): it is not read", target)
			return isRefused
		}
		fi, err := os.Stat(target)
		if err != nil {
			r.diags.Errorf(diag.Pos{File: rel}, "cannot read: %v", unwrapPath(err))
			return isRefused
		}
		mode = fi.Mode()
	}
	switch {
	case mode.IsDir():
		return isDir
	case mode.IsRegular():
		return isFile
	}
	return isOther
}

// inside reports whether the resolved path p is root or below it.
func inside(root, p string) bool {
	if p == root {
		return true
	}
	if !strings.HasSuffix(root, string(filepath.Separator)) {
		root += string(filepath.Separator)
	}
	return strings.HasPrefix(p, root)
}

func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// list returns the entries of the folder rel that are not hidden (a name
// starting with "."), each classified.
func (r *reader) list(rel string) (names []string, kinds []entryKind) {
	entries, err := os.ReadDir(r.abs(rel))
	if err != nil {
		r.diags.Errorf(diag.Pos{File: rel}, "cannot read the folder: %v", unwrapPath(err))
		return nil, nil
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue // .DS_Store, editor files, .git
		}
		names = append(names, e.Name())
		kinds = append(kinds, r.classify(path.Join(rel, e.Name()), e.Type()))
	}
	return names, kinds
}

// content lists content/ and its known folders into jobs.
func (r *reader) content() {
	names, kinds := r.list("content")
	for i, name := range names {
		rel := "content/" + name
		switch k := kinds[i]; {
		case k == isRefused || k == isMissing:
		case k == isDir && name == "units":
			r.folder(rel, ".toml", jobGroup)
		case k == isDir && name == "reports":
			r.folder(rel, ".toml", jobReport)
		case k == isDir && name == "directives":
			r.folder(rel, ".md", jobDirective)
		case k == isDir:
			r.diags.Warnf(diag.Pos{File: rel}, "ignored: the site format has no folder content/%s", name)
		case k == isFile && name == "_index.md":
			r.add(rel, jobHome)
		case k == isFile && strings.HasSuffix(name, ".md"):
			r.add(rel, jobPage)
		case k == isFile && (name == "units" || name == "reports" || name == "directives"):
			r.diags.Warnf(diag.Pos{File: rel}, "ignored: content/%s should be a folder", name)
		default:
			r.diags.Warnf(diag.Pos{File: rel}, "ignored: the site format has no place for this file (pages are .md files)")
		}
	}
}

// folder lists the files with extension ext of the folder rel into jobs of
// the given kind.
func (r *reader) folder(rel, ext string, kind jobKind) {
	names, kinds := r.list(rel)
	for i, name := range names {
		child := rel + "/" + name
		switch {
		case kinds[i] == isRefused || kinds[i] == isMissing:
		case kinds[i] == isFile && strings.HasSuffix(name, ext):
			r.add(child, kind)
		case kinds[i] == isDir:
			r.diags.Warnf(diag.Pos{File: child}, "ignored: %s/ holds no folders", rel)
		default:
			r.diags.Warnf(diag.Pos{File: child}, "ignored: not a %s file", ext)
		}
	}
}

// themeLinks reports the symlinks under the folder rel that lead outside
// the site; themes are read elsewhere, but the rule on symlinks holds for
// the whole site. visited holds the folders walked, by resolved path, so
// that a symlink to a parent folder ends.
func (r *reader) themeLinks(rel string, visited map[string]bool) {
	real, err := filepath.EvalSymlinks(r.abs(rel))
	if err != nil || visited[real] {
		return
	}
	visited[real] = true
	names, kinds := r.list(rel)
	for i, name := range names {
		if kinds[i] == isDir {
			r.themeLinks(rel+"/"+name, visited)
		}
	}
}

// runJobs reads every file of r.jobs, GOMAXPROCS at a time.
func (r *reader) runJobs(cfg *Config) {
	var next atomic.Int64
	var wg sync.WaitGroup
	workers := min(runtime.GOMAXPROCS(0), len(r.jobs))
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(r.jobs) {
					return
				}
				r.cached(r.jobs[i], cfg)
			}
		})
	}
	wg.Wait()
}

// do reads one file, reporting its problems to diags, and puts what it
// made in its own slot of r.results (or in cfg for site.toml), so jobs
// need no lock. It returns what it put, nil for nothing.
func (r *reader) do(j job, cfg *Config, diags *diag.List) any {
	f := &source{rel: j.rel, diags: diags}
	name := path.Base(j.rel)
	stem := strings.TrimSuffix(name, path.Ext(name))

	// The file name is checked before the content, so that a file with a
	// bad name and a bad content gets both problems reported.
	var date time.Time
	dateOK := true
	switch j.kind {
	case jobGroup:
		checkFileSlug(f, diag.Textf("group id"), stem, ".toml")
	case jobReport:
		date, dateOK = reportDate(f, stem)
	case jobDirective:
		checkFileSlug(f, diag.Textf("directive's slug"), stem, ".md")
	case jobPage:
		checkFileSlug(f, diag.Textf("page's slug"), stem, ".md")
		if what, ok := reservedSlugs[stem]; ok {
			f.diags.Errorf(f.name(), "the page slug %q is taken by %s (/%s/): rename the file", stem, what, stem)
		}
	}

	raw, err := os.ReadFile(r.abs(j.rel))
	if err != nil {
		diags.Errorf(f.name(), "cannot read the file: %v", unwrapPath(err))
		return nil
	}
	text, ok := normalize(f, raw)
	if !ok {
		return nil
	}
	var value any
	switch j.kind {
	case jobDirective:
		value = readDirective(f, stem, text)
	case jobPage, jobHome:
		slug := stem
		if j.kind == jobHome {
			slug = ""
		}
		value = readPage(f, slug, text)
	case jobReport:
		rep, ok := fastReport(f, date, text)
		if !ok {
			if m, ok := decodeTOML(f, text); ok {
				rep = readReport(f, date, m)
			}
		}
		if rep != nil && dateOK {
			value = rep
		}
	case jobConfig, jobGroup:
		m, ok := decodeTOML(f, text)
		if !ok {
			return nil
		}
		if j.kind == jobGroup {
			value = readGroup(f, stem, m)
		} else {
			readConfig(f, m, cfg)
			value = *cfg
		}
	}
	if value != nil {
		r.place(j, cfg, value)
	}
	return value
}

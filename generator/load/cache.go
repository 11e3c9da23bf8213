package load

import (
	"os"
	"slices"
	"sync"
	"syscall"

	"github.com/loa-vn/loa/generator/diag"
)

// Cache keeps what ReadCached made of each file of a site, by path, with
// the file's size, times and inode then. Its values are shared by the
// Sites it returns, which must not change them (no stage does). It is
// safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]cachedFile
	// unique is what checkUnique reported of the groups last read: the
	// same groups (unit files that did not change) give the same.
	unique struct {
		groups []*Group
		diags  []diag.Diagnostic
	}
	keepDir string          // see KeepIn
	fresh   map[string]bool // the files read since what was read was last kept
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cachedFile{}} }

type fileStamp struct {
	size         int64
	mtime, ctime int64
	ino          uint64
}

type cachedFile struct {
	stamp fileStamp
	kind  jobKind
	value any // *Group, *Report, *Directive, *Page or Config; nil when unreadable
	diags []diag.Diagnostic
}

func stampOf(path string) (fileStamp, bool) {
	fi, err := os.Stat(path)
	if err != nil {
		return fileStamp{}, false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileStamp{}, false
	}
	return fileStamp{size: fi.Size(), mtime: fi.ModTime().UnixNano(), ctime: st.Ctim.Nano(), ino: st.Ino}, true
}

// cached reads one file through the cache.
func (r *reader) cached(j job, cfg *Config) {
	if r.cache == nil {
		r.do(j, cfg, r.diags)
		return
	}
	stamp, ok := stampOf(r.abs(j.rel))
	if ok {
		r.cache.mu.Lock()
		c, hit := r.cache.files[j.rel]
		r.cache.mu.Unlock()
		if hit && c.stamp == stamp && c.kind == j.kind {
			r.place(j, cfg, c.value)
			for _, d := range c.diags {
				r.diags.Add(d)
			}
			return
		}
		if keepable(j.kind) {
			if v := r.cache.kept(j.rel, j.kind, stamp); v != nil {
				r.place(j, cfg, v)
				r.cache.mu.Lock()
				r.cache.files[j.rel] = cachedFile{stamp: stamp, kind: j.kind, value: v}
				r.cache.mu.Unlock()
				return
			}
		}
	}
	var own diag.List
	value := r.do(j, cfg, &own)
	for _, d := range own.All() {
		r.diags.Add(d)
	}
	if !ok {
		return
	}
	// The stamp taken before reading: a file changed while it was read
	// has a newer one, and is read again next time.
	r.cache.mu.Lock()
	r.cache.files[j.rel] = cachedFile{stamp: stamp, kind: j.kind, value: value, diags: own.All()}
	if r.cache.fresh != nil && keepable(j.kind) {
		r.cache.fresh[j.rel] = true
	}
	r.cache.mu.Unlock()
}

// place puts a value made by do in its slot.
func (r *reader) place(j job, cfg *Config, value any) {
	switch v := value.(type) {
	case Config:
		*cfg = v
	case *Group:
		r.results.groups[j.slot] = v
	case *Report:
		r.results.reports[j.slot] = v
	case *Directive:
		r.results.directives[j.slot] = v
	case *Page:
		if j.kind == jobHome {
			r.results.home = v
		} else {
			r.results.pages[j.slot] = v
		}
	}
}

// prune forgets the files that are no longer read.
func (c *Cache) prune(jobs []job) {
	if c == nil {
		return
	}
	read := make(map[string]bool, len(jobs))
	for _, j := range jobs {
		read[j.rel] = true
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for rel := range c.files {
		if !read[rel] {
			delete(c.files, rel)
		}
	}
}

// checkUnique is checkUnique through the cache: for the very groups it
// checked last, it reports what it reported then.
func (c *Cache) checkUnique(groups []*Group, diags *diag.List) {
	if c == nil {
		checkUnique(groups, diags)
		return
	}
	c.mu.Lock()
	same := c.unique.groups != nil && slices.Equal(c.unique.groups, groups)
	found := c.unique.diags
	c.mu.Unlock()
	if !same {
		var own diag.List
		checkUnique(groups, &own)
		found = own.All()
		c.mu.Lock()
		c.unique.groups, c.unique.diags = slices.Clone(groups), found
		c.mu.Unlock()
	}
	for _, d := range found {
		diags.Add(d)
	}
}

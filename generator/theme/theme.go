// Package theme owns loading a theme: the built-in default theme compiled
// into the generator, overridden file by file by the site's themes/<name>/,
// parsed into html/template sets with Loa's template functions. It writes
// nothing.
//
// A theme is a folder with two sub-folders:
//
//	templates/*.html           page templates, one per kind of page
//	templates/<dir>/*.html     shared templates (layouts/, partials/), parsed
//	                           into the set of every page
//	static/...                 assets copied to /static/ in the output
//
// A template is named by its path under templates/ ("home.html",
// "partials/progress-table.html"). Every page template is parsed into its
// own copy of the shared templates, so two pages may each define the blocks
// of the layout ("main", "title", ...) without clashing.
package theme

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/reads"
	"github.com/loa-vn/loa/themes"
)

// DefaultName is the name of the built-in theme.
const DefaultName = "default"

// builtinPrefix starts the display path of a file of the built-in theme in
// error messages, so that nobody looks for it in the site folder.
const builtinPrefix = "<built-in>/themes/default/"

// File is one static asset of a theme.
type File struct {
	// Path is the output path, slash-separated and relative to the output
	// root: "static/style.css".
	Path string
	Data []byte
}

// Theme is a loaded theme. It is safe for concurrent use: several pages may
// be executed at once.
type Theme struct {
	name    string
	sources []source // every file, sorted by path
	base    base

	pages   map[string]*template.Template // page template name -> its set
	shared  *template.Template            // layouts and partials
	static  []File
	hashes  map[string]string // static path under static/ -> short content hash
	display map[string]string // template name -> file path shown in errors
	digest  [sha256.Size]byte // of every file: see Digest

	// bound is the last theme Bind made of this one, kept for the next
	// call with the same base URL.
	boundMu sync.Mutex
	bound   *Theme

	// parsed is the theme's templates parsed afresh and never executed,
	// for Reads: made on its first call, kept for the next ones.
	parsed func() (*Theme, error)
}

// Digest is the SHA-256 of every file of the theme, its path and its
// bytes: two themes with the same digest render the same pages.
func (t *Theme) Digest() [sha256.Size]byte { return t.digest }

// Reads returns, for each of the page templates pages that the theme
// has, what executing it with data of type data reads of it (see package
// reads): every template the page may execute, with the theme's
// functions. methods are the methods of the data that execute a template
// of the theme. The templates are parsed afresh for it, once for every
// call: executing a template changes its parse trees, and a bound theme
// may be executing. It is safe for concurrent use.
func (t *Theme) Reads(pages []string, data reflect.Type, methods []reads.Method) map[string]*reads.Set {
	nt, err := t.parsed()
	if err != nil {
		return nil
	}
	out := map[string]*reads.Set{}
	for _, page := range pages {
		set, ok := nt.pages[page]
		if !ok {
			continue
		}
		trees := map[string]*parse.Tree{}
		for _, tm := range set.Templates() {
			if tm.Tree != nil {
				trees[tm.Name()] = tm.Tree
			}
		}
		out[page] = reads.Analyze(reads.Input{Trees: trees, Funcs: nt.funcs(), Methods: methods}, page, data)
	}
	return out
}

// source is one file of the merged theme.
type source struct {
	path    string // relative to the theme folder, slash-separated
	display string // where it comes from, for messages
	data    []byte
}

// Load loads the theme called name for the site in siteDir: the built-in
// default theme, with every file that siteDir/themes/<name>/ holds taking
// the place of the built-in file of the same path. A site without a
// themes/<name>/ folder uses the built-in theme as it is when name is
// "default", and is an error naming the missing folder otherwise.
//
// The templates are parsed at once; a template error names the file and
// line html/template reports. Until Bind is called, the url functions use
// the base path "/".
func Load(siteDir, name string) (*Theme, error) {
	return LoadCached(siteDir, name, nil)
}

// Cache keeps the last theme LoadCached loaded, so that a site whose
// theme did not change gets it again without parsing its templates
// (serve, after every save). It is safe for concurrent use.
type Cache struct {
	mu   sync.Mutex
	last *Theme
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

// LoadCached is Load through cache (nil: none): when every file of the
// theme reads the same as for the theme cached, that theme is returned,
// and Bind gives again what it gave for the same base URL.
func LoadCached(siteDir, name string, cache *Cache) (*Theme, error) {
	if name == "" {
		name = DefaultName
	}
	if name == "." || name == ".." || strings.ContainsAny(name, `/\`) {
		return nil, diag.Textf("theme name %q: must be a folder name under themes/", name)
	}
	files := map[string]source{}
	builtin, err := fs.Sub(themes.Default, DefaultName)
	if err != nil {
		return nil, diag.Textf("theme: built-in theme: %w", err)
	}
	if err := collect(builtin, builtinPrefix, files); err != nil {
		return nil, diag.Textf("theme: built-in theme: %w", err)
	}

	rel := path.Join("themes", name)
	dir := filepath.Join(siteDir, filepath.FromSlash(rel))
	switch info, err := os.Stat(dir); {
	case err == nil && !info.IsDir():
		return nil, diag.Textf("%s: the theme %q must be a folder", rel, name)
	case err == nil:
		root, err := os.OpenRoot(dir)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", rel, err)
		}
		defer root.Close()
		if err := collect(root.FS(), rel+"/", files); err != nil {
			return nil, err
		}
	case errors.Is(err, fs.ErrNotExist):
		if name != DefaultName {
			return nil, diag.Textf("%s: theme %q not found: site.toml chooses it but the site has no folder %s/", rel, name, rel)
		}
	default:
		return nil, fmt.Errorf("%s: %w", rel, err)
	}

	t := &Theme{name: name}
	for _, s := range files {
		t.sources = append(t.sources, s)
	}
	sort.Slice(t.sources, func(i, j int) bool { return t.sources[i].path < t.sources[j].path })
	h := sha256.New()
	for _, s := range t.sources {
		fmt.Fprintf(h, "%d:%s%d:", len(s.path), s.path, len(s.data))
		h.Write(s.data)
	}
	h.Sum(t.digest[:0])
	if cache != nil {
		cache.mu.Lock()
		last := cache.last
		cache.mu.Unlock()
		if last != nil && last.name == t.name && sameSources(last.sources, t.sources) {
			return last, nil
		}
	}
	if err := t.build(newBase("/")); err != nil {
		return nil, err
	}
	if cache != nil {
		cache.mu.Lock()
		cache.last = t
		cache.mu.Unlock()
	}
	return t, nil
}

func sameSources(a, b []source) bool {
	return slices.EqualFunc(a, b, func(x, y source) bool {
		return x.path == y.path && x.display == y.display && bytes.Equal(x.data, y.data)
	})
}

// collect reads every regular file of fsys into files, keyed by its path,
// replacing what is there. display is prepended to paths in messages.
func collect(fsys fs.FS, display string, files map[string]source) error {
	return fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return fmt.Errorf("%s%s: %w", display, p, err)
		}
		if d.IsDir() {
			if p != "." && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir // .git and the like
			}
			return nil
		}
		if strings.HasPrefix(d.Name(), ".") {
			return nil // .DS_Store, editor swap files
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return fmt.Errorf("%s%s: %w", display, p, err)
		}
		files[p] = source{path: p, display: display + p, data: data}
		return nil
	})
}

// Bind returns a copy of t whose url, absurl and static functions build
// links under baseURL (absolute, ending in "/"): url "don-vi/bac-son/"
// gives "/zalo/don-vi/bac-son/" for https://x.vn/zalo/. t itself is not
// changed, so one loaded theme may serve several builds.
func (t *Theme) Bind(baseURL string) (*Theme, error) {
	b := newBase(baseURL)
	t.boundMu.Lock()
	defer t.boundMu.Unlock()
	if t.bound != nil && t.bound.base == b {
		return t.bound, nil
	}
	nt := &Theme{name: t.name, sources: t.sources, digest: t.digest}
	if err := nt.build(b); err != nil {
		return nil, err
	}
	t.bound = nt
	return nt, nil
}

// Name returns the theme's name.
func (t *Theme) Name() string { return t.name }

// build parses the templates and hashes the static files.
func (t *Theme) build(b base) error {
	t.base = b
	t.parsed = sync.OnceValues(func() (*Theme, error) {
		nt := &Theme{name: t.name, sources: t.sources}
		return nt, nt.build(b)
	})
	t.pages = map[string]*template.Template{}
	t.display = map[string]string{}
	t.hashes = map[string]string{}
	t.static = nil
	for _, s := range t.sources {
		if name, ok := strings.CutPrefix(s.path, "static/"); ok {
			sum := sha256.Sum256(s.data)
			t.hashes[name] = hex.EncodeToString(sum[:5])
			t.static = append(t.static, File{Path: s.path, Data: s.data})
		}
	}

	t.shared = template.New("").Funcs(t.funcs())
	var pages []source
	for _, s := range t.sources {
		name, ok := strings.CutPrefix(s.path, "templates/")
		if !ok || path.Ext(name) != ".html" {
			continue
		}
		t.display[name] = s.display
		if !strings.Contains(name, "/") {
			pages = append(pages, s)
			continue
		}
		if _, err := t.shared.New(name).Parse(string(s.data)); err != nil {
			return t.wrap(err)
		}
	}
	if len(pages) == 0 {
		return diag.Textf("theme %q has no page templates (templates/*.html)", t.name)
	}
	for _, s := range pages {
		name := strings.TrimPrefix(s.path, "templates/")
		set, err := t.shared.Clone()
		if err != nil {
			return t.wrap(err)
		}
		if _, err := set.New(name).Parse(string(s.data)); err != nil {
			return t.wrap(err)
		}
		t.pages[name] = set
	}
	return nil
}

// Has reports whether the theme has a template called name.
func (t *Theme) Has(name string) bool {
	if _, ok := t.pages[name]; ok {
		return true
	}
	return t.shared.Lookup(name) != nil
}

// Execute executes the template called name ("home.html",
// "partials/directive-qr.html") with data and writes the result to w. An
// error names the template file and line.
func (t *Theme) Execute(w io.Writer, name string, data any) error {
	set, ok := t.pages[name]
	if !ok {
		if t.shared.Lookup(name) == nil {
			return diag.Textf("theme %q has no template %q", t.name, name)
		}
		set = t.shared
	}
	// Execute into a buffer: a failed page must not leave half a page in w.
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		buffers.Put(buf)
	}()
	if err := set.ExecuteTemplate(buf, name, data); err != nil {
		return t.wrap(err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// buffers keeps the buffers pages are executed into: a large site renders
// tens of thousands of pages, and growing a new buffer for each one costs
// more than executing the templates.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Static returns every static asset of the theme, sorted by path. The
// slice and the bytes are shared: do not modify them.
func (t *Theme) Static() []File { return t.static }

// errLocation matches the "template: NAME:LINE:" or
// "html/template:NAME:LINE:" that html/template puts before its messages.
var errLocation = regexp.MustCompile(`(?:html/)?template: ?([^:\s"]+):(\d+)(?::(\d+))?:? ?`)

// wrap rewrites the template name html/template puts in err into the file
// it was read from, giving "themes/x/templates/home.html:12: message".
func (t *Theme) wrap(err error) error {
	msg := err.Error()
	m := errLocation.FindStringSubmatchIndex(msg)
	if m == nil {
		return diag.Textf("theme %q: %w", t.name, err)
	}
	name := msg[m[2]:m[3]]
	file, ok := t.display[name]
	if !ok {
		return diag.Textf("theme %q: %w", t.name, err)
	}
	loc := file + ":" + msg[m[4]:m[5]]
	if m[6] >= 0 {
		loc += ":" + msg[m[6]:m[7]]
	}
	return &Error{Loc: loc, Msg: msg[m[1]:], Err: err}
}

// Error is a template problem at a file and line of the theme.
type Error struct {
	Loc string // file:line or file:line:col
	Msg string
	Err error // what html/template returned
}

func (e *Error) Error() string { return e.Loc + ": " + e.Msg }

// Unwrap returns the html/template error.
func (e *Error) Unwrap() error { return e.Err }

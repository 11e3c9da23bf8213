// Package serve owns the live preview: it builds the site into memory,
// serves it on loopback under the path of base_url, watches the sources,
// rebuilds on change and tells open browsers to reload. It parses no content
// itself: it runs package build.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/cms"
	"github.com/loa-vn/loa/generator/cmsbackend"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/msg"
	"github.com/loa-vn/loa/generator/render"
	"github.com/loa-vn/loa/generator/theme"
)

// DefaultAddr is where the preview listens unless told otherwise: loopback
// only, so that a preview with drafts is not visible on the network.
const DefaultAddr = "127.0.0.1:1313"

// debounce is how long the sources must stay quiet after a change before a
// rebuild starts: one save by an editor is a burst of events (temp file,
// rename, chmod) within a few milliseconds, and must give one rebuild.
// It is part of every wait for a reloaded page (issue 15 allows 100 ms
// from the save): a burst slower than it gives one more rebuild, never a
// stale page, since the rebuild after the last event reads every file
// whose size, times or inode moved since it was last read.
const debounce = 20 * time.Millisecond

// ErrListen is returned (wrapped) by Run when the address cannot be bound.
var ErrListen = errors.New("cannot listen")

// Config says what to serve and where.
type Config struct {
	// Build says which site to build; Build.Inject and Build.Out are
	// ignored: serve injects its own reload script and writes nothing.
	Build build.Options
	// Addr is the host:port to listen on; "" means DefaultAddr. Port 0
	// picks a free port (tests).
	Addr string
	// Log receives the diagnostics of every build and a one-line status
	// ("rebuilt in 45ms", "3 errors"); nil discards them.
	Log io.Writer
	// Ready, when not nil, is called once, after the first build, when
	// the server is listening, with the URL of the site's home page.
	Ready func(url string)
	// Lang is the language of the log and of the error page (--lang); ""
	// means the site's language, as of each build.
	Lang msg.Lang
}

// Run builds the site, serves it and rebuilds it on every change of its
// sources until ctx is cancelled; then it shuts the server down and returns
// nil. It returns an error when the site folder does not exist or the
// address cannot be bound (wrapping ErrListen). Errors in the site's content
// never end it: they are shown in the browser until they are fixed.
func Run(ctx context.Context, cfg Config) error {
	if cfg.Addr == "" {
		cfg.Addr = DefaultAddr
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	site := cfg.Build.Site
	if site == "" {
		site = "."
	}
	abs, err := filepath.Abs(site)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(abs); err != nil {
		return diag.Textf("site folder: %w", err)
	} else if !fi.IsDir() {
		return diag.Textf("site folder %s is not a folder", site)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return diag.Textf("%w on %s: %v", ErrListen, cfg.Addr, err)
	}

	s := newServer(cfg, ln.Addr())
	// Watch before the first build, so that a change saved while it runs
	// is not missed.
	triggers := make(chan struct{}, 1)
	w, err := watch(abs, s.logf, func() {
		select {
		case triggers <- struct{}{}:
		default:
		}
	})
	if err != nil {
		s.logf("watch: %v; the preview will not rebuild by itself", err)
	}
	s.rebuild()

	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          log.New(&logWriter{s}, "", 0),
	}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	if !s.loopback {
		s.warnNetwork()
	}
	if cfg.Ready != nil {
		cfg.Ready(s.url())
	}

	loopDone := make(chan struct{})
	go func() {
		defer close(loopDone)
		s.loop(ctx, triggers)
	}()

	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-served:
	}
	// Event streams never go idle: end them first, or Shutdown would wait
	// for them until its deadline.
	s.hub.close()
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if err := srv.Shutdown(shut); err != nil {
		srv.Close()
	}
	if w != nil {
		w.close()
	}
	<-loopDone
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}

// server is one running preview.
type server struct {
	cfg      Config
	addr     net.Addr
	loopback bool   // bound to a loopback address only
	hosts    *hosts // the Host headers answered
	hub      *hub
	snap     atomic.Pointer[snapshot]
	gens     atomic.Int64
	start    int64           // tells builds of this process from those of an earlier one
	sources  *load.Cache     // what the last rebuilds read, so that the next reads only what changed
	markdown *render.Docs    // and parsed
	themes   *theme.Cache    // and the theme, parsed
	model    *campaign.Cache // and what the model made of the reports
	// backend is the admin's local backend (package cmsbackend), nil
	// when the preview is not on loopback: it writes the site's files.
	backend *cmsbackend.Handler

	logMu sync.Mutex
}

func newServer(cfg Config, addr net.Addr) *server {
	s := &server{cfg: cfg, addr: addr, hub: newHub(), hosts: newHosts(), start: time.Now().UnixNano(), sources: load.NewCache(), markdown: render.NewDocs(), themes: theme.NewCache(), model: campaign.NewCache()}
	if ta, ok := addr.(*net.TCPAddr); ok {
		s.loopback = ta.IP.IsLoopback()
	}
	if s.loopback {
		port := fmt.Sprint(addr.(*net.TCPAddr).Port)
		s.backend = cmsbackend.New(cmsbackend.Config{
			Build:   cfg.Build,
			Printer: func() diag.Printer { return s.printer() },
			Hosts:   []string{addr.String(), net.JoinHostPort("localhost", port)},
			MediaFolder: func() string {
				if c := s.snap.Load().model; c != nil && c.Site.CMS != nil {
					return c.Site.CMS.MediaFolder
				}
				return ""
			},
			Log: s.logf,
		})
	}
	s.snap.Store(&snapshot{basePath: "/"})
	return s
}

// url is the address of the home page, for people: a wildcard address is
// shown as 127.0.0.1.
func (s *server) url() string {
	host, port := "127.0.0.1", ""
	if ta, ok := s.addr.(*net.TCPAddr); ok {
		port = fmt.Sprint(ta.Port)
		if !ta.IP.IsUnspecified() {
			host = ta.IP.String()
		}
	}
	return "http://" + net.JoinHostPort(host, port) + s.snap.Load().basePath
}

// warnNetwork says that the preview listens beyond loopback, and where.
func (s *server) warnNetwork() {
	if ta, ok := s.addr.(*net.TCPAddr); ok {
		if urls := networkURLs(ta, s.snap.Load().basePath); len(urls) > 0 {
			s.logf("warning: listening on %s, beyond loopback: the preview, drafts included, can be read by anyone on the network, at %s", s.addr, strings.Join(urls, " "))
			return
		}
	}
	s.logf("warning: listening on %s, beyond loopback: the preview, drafts included, can be read by anyone on the network", s.addr)
}

// logf writes one line to the log, in the language of the last build.
func (s *server) logf(format string, args ...any) {
	line := s.printer().Sprintf(format, args...)
	s.logMu.Lock()
	defer s.logMu.Unlock()
	io.WriteString(s.cfg.Log, line+"\n")
}

// printer is the language of the last build: --lang, else its site's.
func (s *server) printer() *msg.Printer {
	if p := s.snap.Load().p; p != nil {
		return p
	}
	return msg.New(msg.Choose(string(s.cfg.Lang), ""))
}

type logWriter struct{ s *server }

func (l *logWriter) Write(p []byte) (int, error) {
	l.s.logf("%s", strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// loop rebuilds the site a debounce after the last trigger, until ctx is
// done. Rebuilds run one at a time, here: triggers that arrive during a
// rebuild give one more rebuild after it.
func (s *server) loop(ctx context.Context, triggers <-chan struct{}) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	for {
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-triggers:
			timer.Reset(debounce)
		case <-timer.C:
			s.rebuild()
		}
	}
}

// snapshot is one build as served. It is never changed once stored.
type snapshot struct {
	gen      string // the build's id, sent to browsers
	basePath string // the path of base_url: "/" or "/zalo/"
	// site is the last successful build, whose files are made when they
	// are first asked for (see render.Prepared): a national site has
	// 40,000 files, and after an edit only the page looked at is needed,
	// at once. nil before a build succeeds.
	site *render.Prepared
	// model is the model of site, for the admin's config.yml, which
	// names the origin the admin is opened from.
	model *campaign.Campaign
	// files is a build held whole in memory instead of site (tests).
	files  map[string][]byte
	failed bool              // this build failed: HTML requests get the error page
	diags  []diag.Diagnostic // the problems of this build, errors and warnings
	errs   int               // how many of diags are errors
	err    error             // a failure that is not in the content (I/O, a panic)
	p      *msg.Printer      // the language of the log and the error page
}

// rebuild builds the site afresh into memory, swaps it in and tells the
// browsers to reload. It is the only place that runs the pipeline.
func (s *server) rebuild() {
	start := time.Now()
	prev := s.snap.Load()
	gen := fmt.Sprintf("%x-%d", s.start, s.gens.Add(1))
	next := &snapshot{gen: gen, basePath: prev.basePath, site: prev.site, model: prev.model, files: prev.files, p: prev.p}

	opts := s.cfg.Build
	opts.Out = ""
	opts.Sources, opts.Markdown, opts.Themes, opts.Model = s.sources, s.markdown, s.themes, s.model
	// The model says where the site lives, before a build succeeds and
	// even when it fails.
	base := prev.basePath
	lang := msg.Choose(string(s.cfg.Lang), "")
	if prev.p != nil {
		lang = prev.p.Lang()
	}
	opts.InjectFor = func(c *campaign.Campaign) string {
		if c != nil {
			lang = msg.Choose(string(s.cfg.Lang), c.Site.Language)
		}
		if c != nil && c.Site.BasePath != "" && build.CheckBaseURL(c.Site.BaseURL) == nil {
			base = c.Site.BasePath
		}
		return string(reloadScript(base, gen))
	}
	var diags diag.List
	var site *render.Prepared
	var model *campaign.Campaign
	err := guard(func() error {
		var err error
		model, site, err = build.Prepare(opts, &diags)
		return err
	})
	next.p = msg.New(lang)
	next.diags = diags.All()
	next.errs = len(diags.Errors())
	if err == nil {
		next.site, next.model, next.files = site, model, nil
		next.basePath = base
	} else {
		next.failed = true
		if !errors.Is(err, build.ErrContent) {
			next.err = err
		}
		// A failed build keeps the base path of the last good one; before
		// any, it takes the model's, when site.toml gave a valid one.
		if !prev.built() {
			next.basePath = base
		}
	}
	s.snap.Store(next)
	// The pages open reload now: the log can wait for them.
	s.hub.broadcast(gen)

	for _, d := range next.diags {
		s.logf("%s", d.Localize(next.p))
	}
	elapsed := time.Since(start).Round(time.Millisecond)
	warns := len(next.diags) - next.errs
	switch {
	case next.err != nil:
		s.logf("build failed: %v", next.err)
	case next.failed:
		s.logf("%s%s", errorCount(next.errs), andWarnings(warns))
	case prev.gen == "":
		s.logf("built in %s%s", elapsed, andWarnings(warns))
		if s.backend != nil && next.model != nil && cms.Enabled(next.model) {
			s.logf("admin (edit in the browser) at %sadmin/", s.url())
		}
	default:
		s.logf("rebuilt in %s%s", elapsed, andWarnings(warns))
	}
}

func errorCount(n int) diag.Text {
	if n == 1 {
		return diag.Textf("1 error")
	}
	return diag.Textf("%d errors", msg.Count(n))
}

func andWarnings(n int) diag.Text {
	switch n {
	case 0:
		return diag.Text{}
	case 1:
		return diag.Textf(", 1 warning")
	}
	return diag.Textf(", %d warnings", msg.Count(n))
}

// guard runs f, turning a panic into an error: a bug in a stage of the
// pipeline must show in the browser, not end the preview.
func guard(f func() error) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error (please report it): %v\n%s", r, debug.Stack())
		}
	}()
	return f()
}

// built reports whether the snapshot has the files of a successful build.
func (s *snapshot) built() bool { return s.site != nil || s.files != nil }

// file returns the output file at key, made now if it was not yet; err is
// a failure to make it (a template that fails on this page).
func (s *snapshot) file(key string) (data []byte, ok bool, err error) {
	if s.site == nil {
		data, ok = s.files[key]
		return data, ok, nil
	}
	data, err = s.site.File(key)
	if errors.Is(err, render.ErrNoFile) {
		return nil, false, nil
	}
	return data, err == nil, err
}

// has reports whether the snapshot has a file at key.
func (s *snapshot) has(key string) bool {
	if s.site != nil {
		return s.site.Has(key)
	}
	_, ok := s.files[key]
	return ok
}

// memSink is a render.Sink that keeps the files in memory.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
}

func newMemSink() *memSink { return &memSink{files: make(map[string][]byte)} }

// Put keeps a copy of data under the slash-separated path p.
func (m *memSink) Put(p string, data []byte) error {
	key, ok := cleanKey(p)
	if !ok {
		return fmt.Errorf("serve: bad output path %q", p)
	}
	b := append([]byte(nil), data...)
	m.mu.Lock()
	m.files[key] = b
	m.mu.Unlock()
	return nil
}

func (m *memSink) snapshot() map[string][]byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := m.files
	m.files = nil
	return out
}

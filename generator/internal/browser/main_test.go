package browser

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
)

// The example portal is built once, with a base_url that carries a
// sub-path, and served on loopback under that path, as a host would serve a
// deploy at https://kienan.example.vn/zalo/. One Chromium serves every
// test; each page opens in a new tab.

const subPath = "/zalo/"

// kind is one kind of page the theme draws, at a URL of the example site.
type kind struct {
	name   string
	path   string // under base_url
	status int    // the HTTP status of the document
}

var kinds = []kind{
	{"home", "", 200},
	{"directives", "van-ban/", 200},
	{"cong-van", "van-ban/tang-cuong-tuyen-truyen-zalo-oa/", 200},
	{"ke-hoach", "van-ban/ke-hoach-trien-khai-zalo-oa/", 200},
	{"units", "don-vi/", 200},
	{"group", "don-vi/phuong/", 200},
	{"landing", "don-vi/bac-son/", 200},
	{"poster", "don-vi/bac-son/in/", 200},
	{"posters", "don-vi/phuong/in/", 200},
	{"progress", "tien-do/", 200},
	{"reports", "bao-cao/", 200},
	{"report", "bao-cao/2023-11-04/", 200},
	{"page", "huong-dan/", 200},
	{"404", "khong-co-trang-nay/", 404},
}

func kindNamed(t *testing.T, name string) kind {
	t.Helper()
	for _, k := range kinds {
		if k.name == name {
			return k
		}
	}
	t.Fatalf("no page kind %q", name)
	return kind{}
}

type viewport struct{ w, h int64 }

func (v viewport) String() string { return fmt.Sprintf("%dx%d", v.w, v.h) }

var (
	phone   = viewport{390, 844}
	desktop = viewport{1280, 800}
)

var viewports = []viewport{phone, desktop}

func inCI() bool { return os.Getenv("CI") == "true" }

// skipOrFail skips the test, or fails it in CI, where every browser test
// must run.
func skipOrFail(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if inCI() {
		t.Fatalf("%s, and CI must run the browser tests", msg)
	}
	t.Skip(msg)
}

// env is what every test shares: the served site and the browser.
type env struct {
	base    string          // "http://127.0.0.1:PORT/zalo/"
	out     string          // the built site
	browser context.Context // the browser's first tab; new tabs derive from it
	srv     *server
}

var (
	envOnce  sync.Once
	theEnv   *env
	envErr   error
	teardown []func()
)

func TestMain(m *testing.M) {
	code := m.Run()
	for i := len(teardown) - 1; i >= 0; i-- {
		teardown[i]()
	}
	os.Exit(code)
}

func chromiumPath() string {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// setup builds and serves the site and starts the browser, once for all
// tests. It skips the test when Chromium is missing, except in CI.
func setup(t *testing.T) *env {
	t.Helper()
	exe := chromiumPath()
	if exe == "" {
		skipOrFail(t, "chromium is not installed")
	}
	envOnce.Do(func() { theEnv, envErr = start(exe) })
	if envErr != nil {
		t.Fatal(envErr)
	}
	return theEnv
}

func start(exe string) (*env, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	e := &env{base: "http://" + ln.Addr().String() + subPath}
	dir, err := os.MkdirTemp("", "loa-browser-")
	if err != nil {
		ln.Close()
		return nil, err
	}
	teardown = append(teardown, func() { os.RemoveAll(dir) })
	e.out = filepath.Join(dir, "public")
	var diags diag.List
	if _, err := build.Site(build.Options{Site: "../../..", Out: e.out, BaseURL: e.base, NoCache: true}, &diags); err != nil {
		ln.Close()
		var b strings.Builder
		for _, d := range diags.Errors() {
			b.WriteString("\n" + d.String())
		}
		return nil, fmt.Errorf("building the example site: %v%s", err, b.String())
	}

	e.srv = &server{root: e.out}
	hs := &http.Server{Handler: e.srv, ReadHeaderTimeout: 10 * time.Second}
	go hs.Serve(ln)
	teardown = append(teardown, func() { hs.Close() })

	userData, err := os.MkdirTemp("", "loa-chromium-")
	if err != nil {
		return nil, err
	}
	teardown = append(teardown, func() { os.RemoveAll(userData) })
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(userData),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	)
	bctx, cancel := chromedp.NewContext(actx)
	teardown = append(teardown, cancelAlloc, cancel)
	if err := chromedp.Do(bctx); err != nil {
		return nil, fmt.Errorf("starting %s: %w", exe, err)
	}
	e.browser = bctx
	return e, nil
}

// server serves the built site under subPath, as a static host does: a
// folder's index.html, and the site's 404.html with status 404 for an
// address that has no file. It notes every request outside subPath: on a
// sub-path deploy, those reach someone else's site (a favicon at the host
// root is the usual one).
type server struct {
	root string

	mu      sync.Mutex
	outside []string
}

func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p := r.URL.Path
	if !strings.HasPrefix(p, subPath) {
		s.mu.Lock()
		s.outside = append(s.outside, p)
		s.mu.Unlock()
		http.NotFound(w, r)
		return
	}
	name := filepath.Join(s.root, filepath.FromSlash(path.Clean("/"+strings.TrimPrefix(p, subPath))))
	fi, err := os.Stat(name)
	if err == nil && fi.IsDir() {
		if !strings.HasSuffix(p, "/") {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		name = filepath.Join(name, "index.html")
		fi, err = os.Stat(name)
	}
	if err != nil {
		body, err := os.ReadFile(filepath.Join(s.root, "404.html"))
		if err != nil {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(http.StatusNotFound)
		w.Write(body)
		return
	}
	f, err := os.Open(name)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	defer f.Close()
	http.ServeContent(w, r, name, fi.ModTime(), f)
}

// takeOutside returns the requests outside subPath since the last call.
func (s *server) takeOutside() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.outside
	s.outside = nil
	return l
}

// tab is one browser tab, with what the page reported while it loaded.
type tab struct {
	t   *testing.T
	e   *env
	ctx context.Context

	mu       sync.Mutex
	errors   []string           // console errors, exceptions, error log entries
	requests map[string]string  // request id -> URL
	docOf    map[string]string  // request id -> URL of the document that made it
	done     map[string]float64 // request id -> bytes on the wire
	failed   map[string]string  // request id -> error
}

// tabOptions set up a tab before it loads a page.
type tabOptions struct {
	vp      viewport
	dark    bool // prefers-color-scheme: dark
	noCache bool
	// fontSize, when not 0, sets the browser's default font size in CSS
	// pixels (16 by default): 32 is text at 200%.
	fontSize int64
}

// open opens a new tab in the shared browser. The tab closes when the test
// ends.
func (e *env) open(t *testing.T, o tabOptions) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(e.browser)
	t.Cleanup(cancel)
	tb := &tab{t: t, e: e, ctx: ctx,
		requests: map[string]string{}, docOf: map[string]string{}, done: map[string]float64{}, failed: map[string]string{}}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(o.vp.w, o.vp.h, chromedp.EmulatePortrait)); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	if o.dark {
		tb.media("", "dark")
	}
	if o.noCache {
		send(tb, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true})
	}
	if o.fontSize != 0 {
		send(tb, page.SetFontSizes, page.SetFontSizesParams{
			FontSizes: &page.FontSizes{Standard: o.fontSize, Fixed: o.fontSize * 13 / 16},
		})
	}
	if err := chromedp.Listen(ctx, tb.event); err != nil {
		t.Fatal(err)
	}
	return tb
}

func (tb *tab) event(ev any) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var parts []string
			for _, a := range ev.Args {
				if a.Value != nil {
					parts = append(parts, string(a.Value))
				} else {
					parts = append(parts, a.Description)
				}
			}
			tb.errors = append(tb.errors, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		tb.errors = append(tb.errors, fmt.Sprintf("exception: %s (%s:%d)", msg, d.URL, d.LineNumber+1))
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError {
			tb.errors = append(tb.errors, fmt.Sprintf("log (%s): %s %s", ev.Entry.Source, ev.Entry.Text, ev.Entry.URL))
		}
	case *network.EventRequestWillBeSent:
		tb.requests[string(ev.RequestID)] = ev.Request.URL
		tb.docOf[string(ev.RequestID)] = ev.DocumentURL
	case *network.EventLoadingFinished:
		tb.done[string(ev.RequestID)] = ev.EncodedDataLength
	case *network.EventLoadingFailed:
		tb.failed[string(ev.RequestID)] = ev.ErrorText
		if !ev.Canceled {
			tb.errors = append(tb.errors, fmt.Sprintf("request failed: %s: %s", tb.requests[string(ev.RequestID)], ev.ErrorText))
		}
	}
}

// send sends a protocol command to the tab.
func send[P, R any](tb *tab, cmd cdp.Command[P, R], params P) R {
	tb.t.Helper()
	r, err := chromedp.Call(tb.ctx, cmd, params)
	if err != nil {
		tb.t.Fatalf("%s: %v", cmd.Method, err)
	}
	return r
}

// media emulates a CSS media type ("print"; "" for the screen) and colour
// scheme ("dark", "light"; "" for the browser's own).
func (tb *tab) media(typ, scheme string) {
	tb.t.Helper()
	p := emulation.SetEmulatedMediaParams{Media: typ}
	if scheme != "" {
		p.Features = []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}
	}
	send(tb, emulation.SetEmulatedMedia, p)
}

// load opens the page at path (under base_url), waits until it and what it
// fetches have loaded, and checks the document's status.
func (tb *tab) load(path string, status int) {
	tb.t.Helper()
	u := tb.e.base + path
	resp, err := chromedp.Run(tb.ctx, chromedp.NavigateResponse(u))
	if err != nil {
		tb.t.Fatalf("loading %s: %v", u, err)
	}
	if resp == nil || resp.Status != int64(status) {
		got := int64(0)
		if resp != nil {
			got = resp.Status
		}
		tb.t.Fatalf("%s: status %d, want %d", u, got, status)
	}
	tb.settle()
}

// settle waits until every request of the current document has finished
// or failed. (A document that the page left, as an alias page does, may
// leave requests that never end.)
func (tb *tab) settle() {
	tb.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		// A round trip: events sent before the reply have been seen. A
		// page that navigates by itself (an alias page) may interrupt it:
		// then it is tried again, on the next document.
		doc, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`location.href`))
		if err != nil {
			if time.Now().After(deadline) {
				tb.t.Fatalf("evaluating location.href: %v", err)
			}
			time.Sleep(20 * time.Millisecond)
			continue
		}
		tb.mu.Lock()
		pending := 0
		for id := range tb.requests {
			if tb.docOf[id] != doc {
				continue
			}
			_, ok1 := tb.done[id]
			_, ok2 := tb.failed[id]
			if !ok1 && !ok2 {
				pending++
			}
		}
		tb.mu.Unlock()
		if pending == 0 {
			return
		}
		if time.Now().After(deadline) {
			tb.t.Fatalf("%d requests still pending after 5s", pending)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// takeErrors returns the errors reported since the last call.
func (tb *tab) takeErrors() []string {
	eval[bool](tb, `true`) // see every event sent so far
	tb.mu.Lock()
	defer tb.mu.Unlock()
	l := tb.errors
	tb.errors = nil
	return l
}

// transferred sums the bytes on the wire of every request of the tab.
func (tb *tab) transferred() (total float64, each map[string]float64) {
	tb.mu.Lock()
	defer tb.mu.Unlock()
	each = map[string]float64{}
	for id, n := range tb.done {
		total += n
		each[tb.requests[id]] += n
	}
	return total, each
}

// eval evaluates js in the tab's page and decodes its value.
func eval[T any](tb *tab, js string, opts ...chromedp.EvaluateOption) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, opts...))
	if err != nil {
		tb.t.Fatalf("evaluating %.200s: %v", js, err)
	}
	return v
}

// jsString quotes s for JavaScript.
func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

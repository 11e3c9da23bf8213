package serve

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The browser tests drive a real Chromium: the reload script must work in
// a browser, not only on the wire.

// browser starts a headless Chromium and returns its context. It skips the
// test when Chromium is missing, except in CI, where it fails.
func browser(t *testing.T) context.Context {
	t.Helper()
	exe := "/usr/bin/chromium"
	if _, err := os.Stat(exe); err != nil {
		if p, err := exec.LookPath("chromium"); err == nil {
			exe = p
		} else if os.Getenv("CI") == "true" {
			t.Fatalf("chromium is not installed, and CI must run the browser tests")
		} else {
			t.Skip("chromium is not installed")
		}
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-extensions", true),
	}
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	// Start the browser now, so that its start-up is not counted in what
	// the test waits for.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting chromium: %v", err)
	}
	return ctx
}

// consoleErrors collects the errors the page reports: console.error,
// uncaught exceptions and the browser's own error log (failed loads), that
// is runtime.ConsoleAPICalled, runtime.ExceptionThrown and log.EntryAdded,
// which chromedp.Console joins.
type consoleErrors struct {
	mu   sync.Mutex
	list []string
}

func listenErrors(ctx context.Context) *consoleErrors {
	c := &consoleErrors{}
	messages := chromedp.Console(ctx) // subscribed from now on
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type == chromedp.ConsoleError || m.IsException() || m.Type == "assert" {
				c.mu.Lock()
				c.list = append(c.list, m.String()+" "+m.URL)
				c.mu.Unlock()
			}
		}
	}()
	return c
}

func (c *consoleErrors) take() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.list
	c.list = nil
	return l
}

// pageHas reports whether the page's text contains s. It never navigates.
// While the page reloads there may be no document to ask: that is false.
func pageHas(ctx context.Context, s string) bool {
	js := fmt.Sprintf(`!!document.body && document.body.innerText.includes(%q)`, s)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
	return err == nil && ok
}

// waitPageHas waits until the open page shows s, checking every interval.
func waitPageHas(t *testing.T, ctx context.Context, s string, interval time.Duration) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !pageHas(ctx, s) {
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			t.Fatalf("the page does not show %q after 10s; it shows:\n%.2000s", s, text)
		}
		time.Sleep(interval)
	}
}

func TestBrowserReloads(t *testing.T) {
	ctx := browser(t)
	p := startPreview(t, "testdata/site")
	errs := listenErrors(ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url)); err != nil {
		t.Fatal(err)
	}
	waitPageHas(t, ctx, home, 20*time.Millisecond)
	// A mark on the window: gone after a real reload.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](`window.loaTestMark = 1`)); err != nil {
		t.Fatal(err)
	}
	// Let the page open its event stream before the edit.
	time.Sleep(200 * time.Millisecond)

	p.write("content/_index.md", strings.Replace(p.read("content/_index.md"), home, "Trình duyệt tự tải lại.", 1))
	waitPageHas(t, ctx, "Trình duyệt tự tải lại.", 20*time.Millisecond)
	marked, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.loaTestMark === 1`))
	if err != nil {
		t.Fatal(err)
	}
	if marked {
		t.Errorf("the page changed without a reload")
	}
	if loc, err := chromedp.Run(ctx, chromedp.Location()); err != nil || loc != p.url {
		t.Errorf("the page is at %q (%v), want %q", loc, err, p.url)
	}
	if e := errs.take(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}

	// A mistake shows in the open page, and the fix brings the site back,
	// still without the test navigating.
	good := p.read("content/units/phuong.toml")
	p.write("content/units/phuong.toml", strings.Replace(good, "target = 500", `target = "abc"`, 1))
	waitPageHas(t, ctx, "content/units/phuong.toml:", 20*time.Millisecond)
	time.Sleep(200 * time.Millisecond)
	p.write("content/units/phuong.toml", good)
	waitPageHas(t, ctx, "Trình duyệt tự tải lại.", 20*time.Millisecond)
	for _, e := range errs.take() {
		// The error page's own status is the one error expected.
		if !strings.Contains(e, "status of 500") {
			t.Errorf("console error: %s", e)
		}
	}

	// A hidden tab lets its event stream go, and catches up when shown.
	time.Sleep(200 * time.Millisecond)
	setHidden := func(hidden bool) {
		t.Helper()
		js := fmt.Sprintf(`Object.defineProperty(document, "hidden", {configurable: true, get: () => %v});
			document.dispatchEvent(new Event("visibilitychange")); window.loaTestMark = 2`, hidden)
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[int](js)); err != nil {
			t.Fatal(err)
		}
	}
	setHidden(true)
	p.write("content/_index.md", strings.Replace(p.read("content/_index.md"), "Trình duyệt tự tải lại.", "Tab ẩn thấy khi hiện lại.", 1))
	p.waitPage("", 200, "Tab ẩn thấy khi hiện lại.")
	time.Sleep(300 * time.Millisecond)
	if pageHas(ctx, "Tab ẩn thấy khi hiện lại.") {
		t.Errorf("a hidden tab reloaded")
	}
	setHidden(false)
	waitPageHas(t, ctx, "Tab ẩn thấy khi hiện lại.", 20*time.Millisecond)
	if e := errs.take(); len(e) > 0 {
		t.Errorf("console errors:\n%s", strings.Join(e, "\n"))
	}
}

// TestMeasureReload measures the time from saving a file to the browser
// showing the change, on the repository's example site. It is a
// measurement, not a test: it logs the figures and asserts nothing about
// them. Run it with
//
//	LOA_MEASURE=1 go test -run TestMeasureReload -v ./generator/serve
func TestMeasureReload(t *testing.T) {
	if os.Getenv("LOA_MEASURE") != "1" {
		t.Skip("set LOA_MEASURE=1 to measure")
	}
	ctx := browser(t)
	p := startPreview(t, "../../site.toml", "../../content")
	if err := chromedp.Do(ctx, chromedp.Navigate(p.url)); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	orig := p.read("content/_index.md")
	const edits = 20
	var times []time.Duration
	for i := range edits {
		mark := fmt.Sprintf("Lần sửa thứ %d.", i+1)
		time.Sleep(300 * time.Millisecond) // the page has loaded and listens
		start := time.Now()
		p.write("content/_index.md", orig+"\n"+mark+"\n")
		waitPageHas(t, ctx, mark, 2*time.Millisecond)
		times = append(times, time.Since(start))
	}
	sorted := slices.Clone(times)
	slices.Sort(sorted)
	median := (sorted[edits/2-1] + sorted[edits/2]) / 2
	t.Logf("site %q: save -> browser shows the change, over %d edits: median %s, min %s, max %s",
		title, edits, median.Round(time.Millisecond), sorted[0].Round(time.Millisecond), sorted[edits-1].Round(time.Millisecond))
	t.Logf("each: %v", times)
	var builds []string
	for _, l := range strings.Split(p.log.String(), "\n") {
		if strings.HasPrefix(l, "rebuilt in") {
			builds = append(builds, strings.TrimPrefix(l, "rebuilt in "))
		}
	}
	t.Logf("rebuilds (%d): %s", len(builds), strings.Join(builds, " "))
}

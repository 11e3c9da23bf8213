package serve

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/msg"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// The end-to-end tests use real files in a temporary folder, a real
// watcher and real HTTP on 127.0.0.1: no part of the preview is mocked.

// syncBuffer is a log that the test reads while the server writes it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// count counts the lines of the log that contain s.
func (b *syncBuffer) count(s string) int {
	n := 0
	for _, l := range strings.Split(b.String(), "\n") {
		if strings.Contains(l, s) {
			n++
		}
	}
	return n
}

// preview is a running Run on a copy of a site.
type preview struct {
	t      testing.TB
	dir    string // the site's copy
	url    string // the home page, like http://127.0.0.1:40123/zalo/
	origin string // http://127.0.0.1:40123
	log    *syncBuffer
	stop   context.CancelFunc
	done   chan error
	lang   msg.Lang // --lang
}

// startPreview copies the site src into a temporary folder and serves it
// on 127.0.0.1, with --lang en. A folder named site, or given with a
// trailing separator, is copied as the site itself; any other goes in it.
func startPreview(t testing.TB, src ...string) *preview {
	t.Helper()
	return startPreviewAtIn(t, "127.0.0.1:0", msg.En, src...)
}

// startPreviewIn is startPreview with --lang lang ("" for the site's).
func startPreviewIn(t testing.TB, lang msg.Lang, src ...string) *preview {
	t.Helper()
	return startPreviewAtIn(t, "127.0.0.1:0", lang, src...)
}

// startPreviewAt is startPreview listening on addr.
func startPreviewAt(t testing.TB, addr string, src ...string) *preview {
	t.Helper()
	return startPreviewAtIn(t, addr, msg.En, src...)
}

// startPreviewAtIn is startPreview listening on addr, with --lang lang.
func startPreviewAtIn(t testing.TB, addr string, lang msg.Lang, src ...string) *preview {
	t.Helper()
	dir := t.TempDir()
	for _, s := range src {
		if fi, err := os.Stat(s); err == nil && !fi.IsDir() {
			b, err := os.ReadFile(s)
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, filepath.Base(s)), b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if filepath.Base(s) == "site" || strings.HasSuffix(s, string(filepath.Separator)) { // testdata/site, or "dir/": its contents
			sitetest.Copy(t, s, dir)
		} else {
			sitetest.Copy(t, s, filepath.Join(dir, filepath.Base(s)))
		}
	}
	p := &preview{t: t, dir: dir, log: &syncBuffer{}, done: make(chan error, 1), lang: lang}
	ctx, cancel := context.WithCancel(context.Background())
	p.stop = cancel
	ready := make(chan string, 1)
	go func() {
		p.done <- Run(ctx, Config{
			Build: build.Options{Site: dir},
			Addr:  addr,
			Log:   p.log,
			Ready: func(u string) { ready <- u },
			Lang:  p.lang,
		})
	}()
	select {
	case p.url = <-ready:
	case err := <-p.done:
		t.Fatalf("Run returned before ready: %v\n%s", err, p.log)
	case <-time.After(30 * time.Second):
		t.Fatalf("not ready after 30s\n%s", p.log)
	}
	p.origin = p.url[:strings.Index(p.url[len("http://"):], "/")+len("http://")]
	t.Cleanup(func() { p.close() })
	return p
}

// close cancels Run and checks that it returns nil promptly.
func (p *preview) close() {
	p.t.Helper()
	if p.stop == nil {
		return
	}
	p.stop()
	p.stop = nil
	select {
	case err := <-p.done:
		if err != nil {
			p.t.Errorf("Run returned %v", err)
		}
	case <-time.After(5 * time.Second):
		p.t.Errorf("Run did not return within 5s of the cancel")
	}
}

func (p *preview) write(rel, text string) {
	p.t.Helper()
	if err := os.WriteFile(filepath.Join(p.dir, rel), []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

func (p *preview) read(rel string) string {
	p.t.Helper()
	b, err := os.ReadFile(filepath.Join(p.dir, rel))
	if err != nil {
		p.t.Fatal(err)
	}
	return string(b)
}

// get fetches a URL of the preview without following redirects.
func get(t testing.TB, url string) (int, http.Header, string) {
	t.Helper()
	c := &http.Client{
		Timeout:       10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	resp, err := c.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// waitFor polls cond until it holds, for at most 10 s.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// waitPage waits until the page at rel (below the base) answers status
// with a body containing want.
func (p *preview) waitPage(rel string, status int, want string) string {
	p.t.Helper()
	var last string
	var lastStatus int
	deadline := time.Now().Add(10 * time.Second)
	for {
		lastStatus, _, last = get(p.t, p.url+rel)
		if lastStatus == status && strings.Contains(last, want) {
			return last
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("GET %s: want %d with %q, have %d:\n%.2000s\nlog:\n%s", rel, status, want, lastStatus, last, p.log)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// settle waits until no rebuild has been logged for a while, and returns
// the number of builds logged.
func (p *preview) settle() int {
	p.t.Helper()
	n := p.statuses()
	for {
		time.Sleep(250 * time.Millisecond)
		m := p.statuses()
		if m == n {
			return n
		}
		n = m
	}
}

// statuses counts the status lines of the log: one per build.
func (p *preview) statuses() int {
	n := 0
	for _, l := range strings.Split(p.log.String(), "\n") {
		if statusLine.MatchString(l) {
			n++
		}
	}
	return n
}

var errLine = regexp.MustCompile(`content/units/phuong\.toml:\d+:\d+: [^<]*`)

var statusLine = regexp.MustCompile(`^(built in|rebuilt in|\d+ errors?\b|build failed)`)

const (
	home = "Lời giới thiệu ban đầu."
	unit = "don-vi/to-mot/"
)

func TestServe(t *testing.T) {
	p := startPreview(t, "testdata/site")
	if !strings.HasSuffix(p.url, "/zalo/") || !strings.HasPrefix(p.url, "http://127.0.0.1:") {
		t.Fatalf("Ready gave %q, want http://127.0.0.1:PORT/zalo/", p.url)
	}

	status, h, body := get(t, p.url)
	if status != 200 || !strings.Contains(body, home) {
		t.Fatalf("home: %d\n%.2000s\nlog:\n%s", status, body, p.log)
	}
	if ct := h.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("home Content-Type %q", ct)
	}
	if cc := h.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("home Cache-Control %q", cc)
	}
	if !strings.Contains(body, "__loa/reload") || !strings.Contains(body, "EventSource") {
		t.Errorf("home has no reload script:\n%.2000s", body)
	}
	if i, j := strings.Index(body, "EventSource"), strings.LastIndex(body, "</body>"); j >= 0 && i > j {
		t.Errorf("the reload script is after </body>")
	}
	p.waitPage(unit, 200, "Tổ dân phố Một")

	t.Run("redirects", func(t *testing.T) {
		for from, to := range map[string]string{
			"/":                       "/zalo/",
			"/zalo":                   "/zalo/",
			"/zalo/don-vi/to-mot":     "/zalo/don-vi/to-mot/",
			"/zalo//don-vi/./to-mot/": "/zalo/don-vi/to-mot/",
			"/?a=1":                   "/zalo/?a=1",
		} {
			status, h, _ := get(t, p.origin+from)
			if status/100 != 3 || h.Get("Location") != to {
				t.Errorf("GET %s: %d to %q, want a redirect to %q", from, status, h.Get("Location"), to)
			}
		}
	})

	t.Run("not found", func(t *testing.T) {
		status, h, body := get(t, p.url+"khong-co/")
		if status != 404 || h.Get("Content-Type") != "text/html; charset=utf-8" {
			t.Errorf("missing page: %d %q", status, h.Get("Content-Type"))
		}
		_, _, want := get(t, p.url+"404.html")
		if body != want {
			t.Errorf("missing page is not the site's 404.html:\n%.1000s", body)
		}
		if status, _, _ := get(t, p.origin+"/khac/"); status != 404 {
			t.Errorf("outside the base path: %d, want 404", status)
		}
	})

	t.Run("content types", func(t *testing.T) {
		for rel, want := range map[string]string{
			"du-lieu/tien-do.json": "application/json",
			"du-lieu/tien-do.csv":  "text/csv; charset=utf-8",
		} {
			status, h, _ := get(t, p.url+rel)
			if status != 200 || h.Get("Content-Type") != want {
				t.Errorf("%s: %d %q, want 200 %q", rel, status, h.Get("Content-Type"), want)
			}
		}
	})

	t.Run("edit in place", func(t *testing.T) {
		before := p.settle()
		p.write("content/_index.md", strings.Replace(p.read("content/_index.md"), home, "Đã sửa tại chỗ.", 1))
		p.waitPage("", 200, "Đã sửa tại chỗ.")
		if n := p.settle(); n != before+1 {
			t.Errorf("one save gave %d rebuilds, want 1\n%s", n-before, p.log)
		}
	})

	t.Run("edit by rename", func(t *testing.T) {
		// vim with backupcopy=no, VS Code, JetBrains: write a temporary
		// file beside the original, then rename it over.
		before := p.settle()
		text := strings.Replace(p.read("content/_index.md"), "Đã sửa tại chỗ.", "Đã sửa bằng đổi tên.", 1)
		tmp := filepath.Join(p.dir, "content", ".~_index.md.tmp")
		if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(p.dir, "content", "_index.md")); err != nil {
			t.Fatal(err)
		}
		p.waitPage("", 200, "Đã sửa bằng đổi tên.")
		if n := p.settle(); n != before+1 {
			t.Errorf("one save gave %d rebuilds, want 1\n%s", n-before, p.log)
		}
	})

	t.Run("edit by delete and create", func(t *testing.T) {
		before := p.settle()
		text := strings.Replace(p.read("content/_index.md"), "Đã sửa bằng đổi tên.", "Đã xóa rồi tạo lại.", 1)
		if err := os.Remove(filepath.Join(p.dir, "content", "_index.md")); err != nil {
			t.Fatal(err)
		}
		p.write("content/_index.md", text)
		p.waitPage("", 200, "Đã xóa rồi tạo lại.")
		if n := p.settle(); n != before+1 {
			t.Errorf("one save gave %d rebuilds, want 1\n%s", n-before, p.log)
		}
	})

	t.Run("errors shown until fixed", func(t *testing.T) {
		good := p.read("content/units/phuong.toml")
		p.write("content/units/phuong.toml", strings.Replace(good, "target = 500", `target = "abc"`, 1))
		body := p.waitPage("", 500, "content/units/phuong.toml:")
		if !errLine.MatchString(body) {
			t.Errorf("the error page does not give file:line:col:\n%s", body)
		}
		if !strings.Contains(body, "EventSource") {
			t.Errorf("the error page has no reload script:\n%s", body)
		}
		// Every page shows the errors, and so does a missing one.
		for _, rel := range []string{unit, "van-ban/tang-cuong/", "khong-co/"} {
			if status, _, b := get(t, p.url+rel); status != 500 || !strings.Contains(b, "content/units/phuong.toml:") {
				t.Errorf("%s while broken: %d\n%.1000s", rel, status, b)
			}
		}
		waitFor(t, "the log reports the error", func() bool {
			return strings.Contains(p.log.String(), "content/units/phuong.toml:") && p.log.count("1 error") > 0
		})

		// A syntax error too: a different line of the error page.
		first := errLine.FindString(body)
		p.write("content/units/phuong.toml", strings.Replace(good, "[[unit]]", "[[unit]", 1))
		waitFor(t, "the syntax error shows", func() bool {
			status, _, b := get(t, p.url)
			line := errLine.FindString(b)
			return status == 500 && line != "" && line != first
		})

		p.write("content/units/phuong.toml", good)
		p.waitPage("", 200, "Đã xóa rồi tạo lại.")
		p.waitPage(unit, 200, "Tổ dân phố Một")
	})

	t.Run("pages come and go", func(t *testing.T) {
		p.write("content/trang-moi.md", "+++\ntitle = \"Trang mới\"\n+++\n\nNội dung trang mới.\n")
		p.waitPage("trang-moi/", 200, "Nội dung trang mới.")
		if err := os.Remove(filepath.Join(p.dir, "content", "trang-moi.md")); err != nil {
			t.Fatal(err)
		}
		p.waitPage("trang-moi/", 404, "")
	})

	t.Run("folders come and go", func(t *testing.T) {
		p.waitPage("van-ban/tang-cuong/", 200, "")
		dir := filepath.Join(p.dir, "content", "directives")
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		p.waitPage("van-ban/tang-cuong/", 404, "")

		if err := os.Mkdir(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		directive := "+++\nkind = \"Thông báo\"\nnumber = \"7/TB-UBND\"\ndate = 2023-11-01\nsubject = \"Lịch trực\"\n+++\n\n%s\n"
		p.write("content/directives/lich-truc.md", strings.Replace(directive, "%s", "Bản đầu tiên.", 1))
		p.waitPage("van-ban/lich-truc/", 200, "Bản đầu tiên.")
		// The new folder is watched: a later edit in it is seen.
		p.write("content/directives/lich-truc.md", strings.Replace(directive, "%s", "Bản thứ hai.", 1))
		p.waitPage("van-ban/lich-truc/", 200, "Bản thứ hai.")

		// Nested folders made at once are watched too.
		nested := filepath.Join(p.dir, "themes", "default", "static", "css")
		if err := os.MkdirAll(nested, 0o755); err != nil {
			t.Fatal(err)
		}
		p.write("themes/default/static/css/extra.css", "body{color:red}")
		p.waitPage("static/css/extra.css", 200, "color:red")
		p.write("themes/default/static/css/extra.css", "body{color:blue}")
		p.waitPage("static/css/extra.css", 200, "color:blue")
		if err := os.RemoveAll(filepath.Join(p.dir, "themes")); err != nil {
			t.Fatal(err)
		}
		p.waitPage("static/css/extra.css", 404, "")
	})

	t.Run("reload events", func(t *testing.T) {
		events := sse(t, p.url+"__loa/reload")
		first := next(t, events)
		p.write("content/_index.md", strings.Replace(p.read("content/_index.md"), "Đã xóa rồi tạo lại.", "Sửa để tải lại.", 1))
		if gen := next(t, events); gen == first {
			t.Errorf("the event after an edit repeats the build %q", gen)
		}
		// A failed build is announced too, so that browsers show its errors.
		p.write("site.toml", strings.Replace(p.read("site.toml"), "target = 1000", "target = -1", 1))
		next(t, events)
		p.waitPage("", 500, "site.toml:")
		p.write("site.toml", strings.Replace(p.read("site.toml"), "target = -1", "target = 1000", 1))
		next(t, events)
		p.waitPage("", 200, "Sửa để tải lại.")
	})

	t.Run("traversal", func(t *testing.T) {
		addr := strings.TrimPrefix(p.origin, "http://")
		for _, target := range []string{
			"/zalo/../site.toml",
			"/zalo/%2e%2e/site.toml",
			"/zalo/%2E%2E/site.toml",
			"/zalo/..%2fsite.toml",
			"/zalo/..%2Fsite.toml",
			"/zalo/%2e%2e%2f%2e%2e%2fetc/passwd",
			"/zalo/../../../../etc/passwd",
			"/zalo/..%5csite.toml",
			"/zalo/%2e%2e%5c%2e%2e%5cetc%5cpasswd",
			"/zalo/content/_index.md",
			"/zalo/%00/../site.toml",
			"/zalo/site.toml%00.html",
			"/site.toml",
			"/../site.toml",
			"//etc/passwd",
			"/zalo/don-vi%2fto-mot/",
		} {
			status, body := rawGet(t, addr, target)
			if status == 200 || strings.Contains(body, "base_url") || strings.Contains(body, "root:") ||
				strings.Contains(body, "Lời giới thiệu") {
				t.Errorf("GET %s: %d\n%.500s", target, status, body)
			}
			if status/100 == 3 {
				loc := regexp.MustCompile(`(?mi)^Location: (.*)\r$`).FindStringSubmatch(body)
				if loc == nil || !strings.HasPrefix(loc[1], "/") || strings.HasPrefix(loc[1], "//") {
					t.Errorf("GET %s: redirect %q", target, loc)
					continue
				}
				if status, body := rawGet(t, addr, loc[1]); status == 200 || strings.Contains(body, "base_url") {
					t.Errorf("GET %s then %s: %d\n%.500s", target, loc[1], status, body)
				}
			}
		}
	})

	t.Run("host header", func(t *testing.T) {
		req, _ := http.NewRequest("GET", p.url, nil)
		req.Host = "attacker.example"
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("Host attacker.example: %d, want 403", resp.StatusCode)
		}
		req.Host = "localhost:1313"
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("Host localhost: %d, want 200", resp.StatusCode)
		}
	})

	// Run returns promptly even with an event stream open.
	events := sse(t, p.url+"__loa/reload")
	next(t, events)
	start := time.Now()
	p.close()
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("Run took %s to return", d)
	}
}

// TestServeGrows starts on an empty folder, as staff do when they begin a
// site, and follows it as the files arrive and base_url moves.
func TestServeGrows(t *testing.T) {
	p := startPreview(t)
	origin := p.origin
	status, _, body := get(t, p.url)
	if status != 500 || !strings.Contains(body, "site.toml") {
		t.Errorf("empty folder: %d\n%.1000s", status, body)
	}
	sitetest.Copy(t, "testdata/site", p.dir)
	p.url = origin + "/zalo/"
	p.waitPage("", 200, home)
	if status, h, _ := get(t, origin+"/"); status != 302 || h.Get("Location") != "/zalo/" {
		t.Errorf("/ after the first build: %d to %q", status, h.Get("Location"))
	}

	// A broken site.toml keeps the base path of the last good build.
	good := p.read("site.toml")
	p.write("site.toml", strings.Replace(good, `base_url = "https://thu.example.vn/zalo/"`, `base_url = "thu.example.vn/moi/"`, 1))
	p.waitPage("", 500, "site.toml:")

	p.write("site.toml", strings.Replace(good, "/zalo/", "/moi/", 1))
	p.url = origin + "/moi/"
	p.waitPage("", 200, home)
	if status, h, _ := get(t, origin+"/"); status != 302 || h.Get("Location") != "/moi/" {
		t.Errorf("/ after moving base_url: %d to %q", status, h.Get("Location"))
	}
	if status, _, _ := get(t, origin+"/zalo/"); status != 404 {
		t.Errorf("the old base path: %d, want 404", status)
	}
	if status, _, body := get(t, origin+"/moi/don-vi/to-mot/"); status != 200 || !strings.Contains(body, `"/moi/__loa/reload"`) {
		t.Errorf("a page after moving base_url: %d, or its script does not listen under /moi/", status)
	}
}

// rawGet sends target as written, byte for byte, so that no client cleans
// it first, and returns the status and the whole response.
func rawGet(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.WriteString(c, "GET "+target+" HTTP/1.1\r\nHost: "+addr+"\r\nConnection: close\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(c)
	if err != nil {
		t.Fatal(err)
	}
	resp := string(b)
	var status int
	if _, err := fmt.Sscanf(resp, "HTTP/1.1 %d", &status); err != nil {
		t.Fatalf("GET %s: no status line in %q", target, resp)
	}
	return status, resp
}

// sse connects to an event stream and returns the data of its "reload"
// events, in order.
func sse(t *testing.T, url string) <-chan string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); resp.StatusCode != 200 || !strings.HasPrefix(ct, "text/event-stream") {
		t.Fatalf("event stream: %d %q", resp.StatusCode, ct)
	}
	out := make(chan string, 16)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				event = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: ") && event == "reload":
				out <- strings.TrimPrefix(line, "data: ")
			case line == "":
				event = ""
			}
		}
	}()
	t.Cleanup(func() { resp.Body.Close() })
	return out
}

func next(t *testing.T, events <-chan string) string {
	t.Helper()
	select {
	case gen, ok := <-events:
		if !ok {
			t.Fatal("the event stream ended")
		}
		return gen
	case <-time.After(10 * time.Second):
		t.Fatal("no reload event within 10s")
	}
	return ""
}

// TestBuildHasNoReloadScript checks that the reload script is serve's
// alone: `build` output never carries it.
func TestBuildHasNoReloadScript(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, "testdata/site", dir)
	var diags diag.List
	if _, err := build.Site(build.Options{Site: dir}, &diags); err != nil {
		t.Fatalf("build: %v\n%v", err, diags.All())
	}
	n := 0
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		n++
		b, _ := os.ReadFile(p)
		if bytes.Contains(b, []byte("__loa")) || bytes.Contains(b, []byte("EventSource")) {
			t.Errorf("%s carries the reload script", p)
		}
		return nil
	})
	if n == 0 {
		t.Fatal("the build wrote nothing")
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err = Run(ctx, Config{Build: build.Options{Site: "testdata/site"}, Addr: ln.Addr().String()})
	if !errors.Is(err, ErrListen) {
		t.Errorf("Run on a port in use: %v, want ErrListen", err)
	}
}

func TestMissingSite(t *testing.T) {
	err := Run(context.Background(), Config{Build: build.Options{Site: filepath.Join(t.TempDir(), "khong-co")}, Addr: "127.0.0.1:0"})
	if err == nil || errors.Is(err, ErrListen) {
		t.Errorf("Run on a missing folder: %v", err)
	}
}

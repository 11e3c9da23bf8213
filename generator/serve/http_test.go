package serve

import (
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/msg"
)

// testServer is a server holding a given snapshot, without a build.
func testServer(snap *snapshot) *server {
	s := newServer(Config{Lang: msg.En}, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313})
	s.snap.Store(snap)
	return s
}

func serveOnce(s *server, target string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", target, nil)
	req.Host = "127.0.0.1:1313"
	s.ServeHTTP(rec, req)
	return rec
}

func TestErrorPageEscapes(t *testing.T) {
	s := testServer(&snapshot{
		gen: "g1", basePath: "/zalo/", failed: true, errs: 1,
		diags: []diag.Diagnostic{
			{Pos: diag.Pos{File: "content/units/a.toml", Line: 3, Col: 10}, Msg: `unknown key "<script>alert(1)</script>" & more`},
			{Pos: diag.Pos{File: "content/reports/2023-11-04.toml", Line: 2, Col: 1}, Severity: diag.Warning, Msg: "count went down"},
		},
	})
	rec := serveOnce(s, "/zalo/don-vi/a/")
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError || rec.Header().Get("Content-Type") != "text/html; charset=utf-8" {
		t.Errorf("status %d, type %q", rec.Code, rec.Header().Get("Content-Type"))
	}
	if strings.Contains(body, "<script>alert") {
		t.Errorf("the message is not escaped:\n%s", body)
	}
	for _, want := range []string{
		"content/units/a.toml:3:10: unknown key &#34;&lt;script&gt;alert(1)&lt;/script&gt;&#34; &amp; more",
		"content/reports/2023-11-04.toml:2:1: warning: count went down",
		"1 error ",
		`u="/zalo/__loa/reload"`,
		`new EventSource(u)`,
		`var g="g1"`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the error page lacks %q:\n%s", want, body)
		}
	}
	if rec.Header().Get("Cache-Control") != "no-store" {
		t.Errorf("Cache-Control %q", rec.Header().Get("Cache-Control"))
	}
}

func TestFailedBuildKeepsAssets(t *testing.T) {
	s := testServer(&snapshot{
		gen: "g2", basePath: "/", failed: true, errs: 1,
		files: map[string][]byte{"index.html": []byte("old"), "static/site.css": []byte("body{}")},
		diags: []diag.Diagnostic{{Pos: diag.Pos{File: "site.toml", Line: 1, Col: 1}, Msg: "bad"}},
	})
	if rec := serveOnce(s, "/static/site.css"); rec.Code != 200 || rec.Body.String() != "body{}" ||
		rec.Header().Get("Content-Type") != "text/css; charset=utf-8" {
		t.Errorf("asset while broken: %d %q %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body)
	}
	if rec := serveOnce(s, "/"); rec.Code != 500 || strings.Contains(rec.Body.String(), "old") {
		t.Errorf("page while broken: %d %q", rec.Code, rec.Body)
	}
}

func TestServeFromMemory(t *testing.T) {
	s := testServer(&snapshot{
		gen: "g3", basePath: "/zalo/",
		files: map[string][]byte{
			"index.html":            []byte("home"),
			"404.html":              []byte("not here"),
			"don-vi/a/index.html":   []byte("unit a"),
			"don-vi/a/qr.png":       []byte("\x89PNG"),
			"don-vi/a/qr.svg":       []byte("<svg/>"),
			"van-ban/index.xml":     []byte("<feed/>"),
			"du-lieu/tien-do.csv":   []byte("date,unit,group,count\n"),
			"tiếng-việt/index.html": []byte("unicode"),
			"a b/index.html":        []byte("space"),
			"..%2fsite.toml":        []byte("never"),
		},
	})
	for _, c := range []struct {
		target, body, ctype string
		status              int
	}{
		{"/zalo/", "home", "text/html; charset=utf-8", 200},
		{"/zalo/index.html", "home", "text/html; charset=utf-8", 200},
		{"/zalo/don-vi/a/", "unit a", "text/html; charset=utf-8", 200},
		{"/zalo/don-vi/a/qr.png", "\x89PNG", "image/png", 200},
		{"/zalo/don-vi/a/qr.svg", "<svg/>", "image/svg+xml", 200},
		{"/zalo/van-ban/index.xml", "<feed/>", "application/xml; charset=utf-8", 200},
		{"/zalo/du-lieu/tien-do.csv", "date,unit,group,count\n", "text/csv; charset=utf-8", 200},
		{"/zalo/ti%E1%BA%BFng-vi%E1%BB%87t/", "unicode", "text/html; charset=utf-8", 200},
		{"/zalo/a%20b/", "space", "text/html; charset=utf-8", 200},
		{"/zalo/khong-co", "not here", "text/html; charset=utf-8", 404},
		{"/zalo/%2e%2e%2fsite.toml", "not here", "text/html; charset=utf-8", 404},
		{"/zalo/..%2fsite.toml", "not here", "text/html; charset=utf-8", 404},
		{"/zalo/%2e%2e/zalo/", "not here", "text/html; charset=utf-8", 404},
		{"/zalo/don-vi%2fa/", "not here", "text/html; charset=utf-8", 404},
		{"/zalo/don-vi/a%00/", "not here", "text/html; charset=utf-8", 404},
	} {
		rec := serveOnce(s, c.target)
		if rec.Code != c.status || rec.Body.String() != c.body || rec.Header().Get("Content-Type") != c.ctype {
			t.Errorf("GET %s: %d %q %q, want %d %q %q", c.target, rec.Code, rec.Header().Get("Content-Type"), rec.Body,
				c.status, c.ctype, c.body)
		}
	}
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/zalo/", nil)
	req.Host = "localhost"
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("POST: %d", rec.Code)
	}
	rec = httptest.NewRecorder()
	req = httptest.NewRequest("HEAD", "/zalo/don-vi/a/", nil)
	req.Host = "[::1]:1313"
	s.ServeHTTP(rec, req)
	if rec.Code != 200 || rec.Body.Len() != 0 || rec.Header().Get("Content-Length") != "6" {
		t.Errorf("HEAD: %d %q %q", rec.Code, rec.Body, rec.Header().Get("Content-Length"))
	}
}

func TestLoopbackHost(t *testing.T) {
	for host, want := range map[string]bool{
		"127.0.0.1:1313":       true,
		"127.0.0.1":            true,
		"localhost:1313":       true,
		"preview.localhost":    true,
		"[::1]:1313":           true,
		"127.1.2.3:80":         true,
		"example.vn":           false,
		"127.0.0.1.example.vn": false,
		"localhost.example.vn": false,
		"192.168.1.10:1313":    false,
		"":                     false,
	} {
		if got := loopbackHost(host); got != want {
			t.Errorf("loopbackHost(%q) = %v, want %v", host, got, want)
		}
	}
}

func TestReloadScriptEscapes(t *testing.T) {
	got := string(reloadScript("/a</script><b>/", `x"y`))
	if strings.Contains(got, "</script><b>") || !strings.Contains(got, `"x\"y"`) {
		t.Errorf("reloadScript: %s", got)
	}
}

func TestSinkKeys(t *testing.T) {
	m := newMemSink()
	for _, bad := range []string{"", "../x", "a/../../x", "a\\b", "a\x00b", "."} {
		if err := m.Put(bad, nil); err == nil {
			t.Errorf("Put(%q) accepted", bad)
		}
	}
	if err := m.Put("/don-vi/./a/index.html", []byte("x")); err != nil {
		t.Fatal(err)
	}
	if _, ok := m.snapshot()["don-vi/a/index.html"]; !ok {
		t.Errorf("Put did not clean the key")
	}
}

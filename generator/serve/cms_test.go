package serve

import (
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
)

func postBackend(t *testing.T, url, origin, body string) (int, string) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// The admin that serve shows saves to serve, on the origin it was opened
// from; a save lands on disk and in the preview.
func TestAdminLocalBackend(t *testing.T) {
	p := startPreview(t, "../cms/testdata/site")
	status, h, body := get(t, p.url+"admin/config.yml")
	if status != 200 || !strings.Contains(h.Get("Content-Type"), "yaml") {
		t.Fatalf("config.yml: %d %s", status, h.Get("Content-Type"))
	}
	var cfg struct {
		LocalBackend struct {
			URL          string   `json:"url"`
			AllowedHosts []string `json:"allowed_hosts"`
		} `json:"local_backend"`
	}
	json.Unmarshal([]byte(body[strings.Index(body, "{"):]), &cfg)
	if want := p.origin + "/zalo/admin/api/v1"; cfg.LocalBackend.URL != want || len(cfg.LocalBackend.AllowedHosts) != 1 || cfg.LocalBackend.AllowedHosts[0] != "127.0.0.1" {
		t.Errorf("local_backend %+v, want url %s", cfg.LocalBackend, want)
	}
	// Opened as localhost, the admin saves to localhost: the same origin.
	req, _ := http.NewRequest(http.MethodGet, p.url+"admin/config.yml", nil)
	req.Host = strings.Replace(p.origin, "http://127.0.0.1", "localhost", 1)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"url": "http://`+req.Host+`/zalo/admin/api/v1"`) {
		t.Errorf("config.yml for localhost:\n%s", b)
	}

	if !strings.Contains(p.log.String(), "admin (edit in the browser) at "+p.url+"admin/") {
		t.Errorf("the log does not give the admin's address:\n%s", p.log)
	}
	api := p.url + "admin/api/v1"
	if status, body := postBackend(t, api, "http://evil.example", `{"action":"info"}`); status != 403 {
		t.Errorf("another origin: %d %s", status, body)
	}
	if status, body := postBackend(t, api, p.origin, `{"action":"info"}`); status != 200 || !strings.Contains(body, `"local_fs"`) {
		t.Errorf("info: %d %s", status, body)
	}
	report := `{"action":"persistEntry","params":{"dataFiles":[{"path":"content/reports/2023-11-18.toml","raw":"date = \"2023-11-18\"\nfollowers = 1777\n\n[units]\nto-mot = 55\n"}],"assets":[]}}`
	if status, body := postBackend(t, api, p.origin, report); status != 200 {
		t.Fatalf("persistEntry: %d %s", status, body)
	}
	p.waitPage("tien-do/", 200, "1.777")
	if !strings.Contains(p.log.String(), "admin: saved content/reports/2023-11-18.toml") {
		t.Errorf("the log does not tell of the save:\n%s", p.log)
	}
}

// Without [cms] there is no admin and nothing answers a POST.
func TestNoAdminWithoutCMS(t *testing.T) {
	p := startPreview(t, "testdata/site")
	if status, _, _ := get(t, p.url+"admin/config.yml"); status != 404 {
		t.Errorf("config.yml: %d", status)
	}
	if status, body := postBackend(t, p.url+"admin/api/v1", p.origin, `{"action":"info"}`); status != http.StatusMethodNotAllowed {
		t.Errorf("POST to the backend of a site without [cms]: %d %s", status, body)
	}
}

// A preview on the network (--addr 0.0.0.0:1313) has no writing backend.
func TestNoBackendOffLoopback(t *testing.T) {
	if s := newServer(Config{}, &net.TCPAddr{IP: net.IPv4zero, Port: 1313}); s.backend != nil {
		t.Errorf("a preview on 0.0.0.0 has the CMS backend")
	}
	if s := newServer(Config{}, &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 1313}); s.backend == nil {
		t.Errorf("a preview on 127.0.0.1 has no CMS backend")
	}
}

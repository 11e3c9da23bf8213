package cmsbackend_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/cmsbackend"
	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// backend is a real backend on a loopback port, over a copy of a site.
type backend struct {
	t      *testing.T
	dir    string
	url    string
	host   string
	media  string
	client *http.Client
}

func start(t *testing.T, srcs ...string) *backend {
	t.Helper()
	dir := t.TempDir()
	if len(srcs) == 0 {
		sitetest.Copy(t, "../cms/testdata/site", dir)
	}
	for _, s := range srcs {
		if fi, err := os.Stat(s); err == nil && !fi.IsDir() {
			b, _ := os.ReadFile(s)
			os.WriteFile(filepath.Join(dir, filepath.Base(s)), b, 0o644)
			continue
		}
		sitetest.Copy(t, s, filepath.Join(dir, filepath.Base(s)))
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	b := &backend{t: t, dir: dir, host: ln.Addr().String(), client: &http.Client{}}
	h := cmsbackend.New(cmsbackend.Config{
		Build:       build.Options{Site: dir},
		Hosts:       []string{b.host},
		MediaFolder: func() string { return b.media },
	})
	srv := &http.Server{Handler: h}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	b.url = "http://" + b.host + "/zalo/admin/api/v1"
	return b
}

// post sends body as the admin page of the preview would.
func (b *backend) post(body any) (int, map[string]any, []byte) {
	b.t.Helper()
	return b.send(body, map[string]string{"Origin": "http://" + b.host, "Content-Type": "application/json"})
}

func (b *backend) send(body any, headers map[string]string) (int, map[string]any, []byte) {
	b.t.Helper()
	var data []byte
	switch v := body.(type) {
	case string:
		data = []byte(v)
	default:
		data, _ = json.Marshal(v)
	}
	req, _ := http.NewRequest(http.MethodPost, b.url, bytes.NewReader(data))
	for k, v := range headers {
		if k == "Host" {
			req.Host = v
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp.StatusCode, m, raw
}

func (b *backend) read(rel string) string {
	b.t.Helper()
	data, err := os.ReadFile(filepath.Join(b.dir, rel))
	if err != nil {
		b.t.Fatal(err)
	}
	return string(data)
}

func action(name string, params any) map[string]any {
	return map[string]any{"action": name, "params": params}
}

func TestOnlyThePreviewsOrigin(t *testing.T) {
	b := start(t)
	info := `{"action":"info"}`
	for _, c := range []struct {
		name    string
		headers map[string]string
		status  int
	}{
		{"no Origin (a form, a script elsewhere)", map[string]string{"Content-Type": "application/json"}, 403},
		{"another site", map[string]string{"Origin": "http://evil.example", "Content-Type": "application/json"}, 403},
		{"another port of loopback", map[string]string{"Origin": "http://127.0.0.1:1", "Content-Type": "application/json"}, 403},
		{"DNS rebinding: a name of the attacker pointing at 127.0.0.1", map[string]string{"Host": "evil.example:" + strings.Split(b.host, ":")[1], "Origin": "http://evil.example:" + strings.Split(b.host, ":")[1], "Content-Type": "application/json"}, 403},
		{"a cross-site fetch", map[string]string{"Origin": "http://" + b.host, "Sec-Fetch-Site": "cross-site", "Content-Type": "application/json"}, 403},
		{"a form post", map[string]string{"Origin": "http://" + b.host, "Content-Type": "application/x-www-form-urlencoded"}, 415},
		{"the admin", map[string]string{"Origin": "http://" + b.host, "Sec-Fetch-Site": "same-origin", "Content-Type": "application/json"}, 200},
	} {
		status, m, raw := b.send(info, c.headers)
		if status != c.status {
			t.Errorf("%s: status %d (%s), want %d", c.name, status, raw, c.status)
		}
		if c.status != 200 && m["error"] == nil {
			t.Errorf("%s: no error message: %s", c.name, raw)
		}
	}
	resp, err := http.Get(b.url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET: status %d", resp.StatusCode)
	}
}

func TestInfoAndUnknownAction(t *testing.T) {
	b := start(t)
	status, m, _ := b.post(action("info", nil))
	if status != 200 || m["type"] != "local_fs" || m["repo"] != filepath.Base(b.dir) {
		t.Errorf("info: %d %v", status, m)
	}
	if modes, _ := m["publish_modes"].([]any); len(modes) != 1 || modes[0] != "simple" {
		t.Errorf("publish_modes %v", m["publish_modes"])
	}
	status, m, _ = b.post(action("unpublishedEntries", map[string]any{}))
	if status != 422 || m["error"] != "Unknown action unpublishedEntries" {
		t.Errorf("unknown action: %d %v", status, m)
	}
}

// Nothing outside content/ (and the media folder) can be read or
// written: no step up, no absolute path, no symlink out.
func TestPathsConfined(t *testing.T) {
	b := start(t)
	secret := filepath.Join(t.TempDir(), "secret.toml")
	os.WriteFile(secret, []byte("followers = 1\n"), 0o644)
	if err := os.Symlink(secret, filepath.Join(b.dir, "content", "reports", "2023-11-05.toml")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Dir(secret), filepath.Join(b.dir, "content", "ngoai")); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{
		"site.toml", "../site.toml", "content/../site.toml", "content/../../etc/passwd", "/etc/passwd",
		b.dir + "/site.toml", "content\\..\\site.toml", "content/./reports/2023-11-04.toml", "content//reports/2023-11-04.toml",
		"content/reports/2023-11-05.toml", "content/ngoai/secret.toml", "content/.git/config", "themes/default/templates/home.html",
	} {
		_, m, raw := b.post(action("getEntry", map[string]any{"path": p}))
		if m["data"] != nil {
			t.Errorf("getEntry %q read %s", p, raw)
		}
		status, _, raw := b.post(action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"path": p, "raw": "followers = 2\n"}}, "assets": []any{}}))
		if status == 200 {
			t.Errorf("persistEntry %q: %s", p, raw)
		}
		status, _, raw = b.post(action("deleteFile", map[string]any{"path": p}))
		if status == 200 {
			t.Errorf("deleteFile %q: %s", p, raw)
		}
	}
	if got, _ := os.ReadFile(secret); string(got) != "followers = 1\n" {
		t.Errorf("the file outside was changed: %q", got)
	}
	if _, err := os.Stat(filepath.Join(b.dir, "site.toml")); err != nil {
		t.Errorf("site.toml: %v", err)
	}
	status, _, raw := b.post(action("entriesByFolder", map[string]any{"folder": "content/ngoai", "extension": "toml", "depth": 1}))
	if status == 200 && strings.Contains(string(raw), "secret") {
		t.Errorf("listed a folder outside: %s", raw)
	}
	status, _, raw = b.post(action("entriesByFolder", map[string]any{"folder": "themes", "extension": "html", "depth": 3}))
	if status == 200 {
		t.Errorf("listed themes/: %s", raw)
	}
}

// A save that would give the site an error is refused with the error's
// position, and the file stays as it was.
func TestSaveRefusedWithPosition(t *testing.T) {
	b := start(t)
	before := b.read("content/reports/2023-11-04.toml")
	bad := strings.Replace(before, "to-mot = 40", "to-mot = -40", 1)
	status, m, _ := b.post(action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"path": "content/reports/2023-11-04.toml", "raw": bad}}, "assets": []any{}}))
	msg, _ := m["error"].(string)
	if status != 422 || !strings.Contains(msg, `content/reports/2023-11-04.toml:5:10: the count of "to-mot" must not be negative`) {
		t.Errorf("negative count: %d %q", status, msg)
	}
	if b.read("content/reports/2023-11-04.toml") != before {
		t.Errorf("the refused save changed the file")
	}

	dir := b.read("content/directives/tang-cuong.md")
	status, m, _ = b.post(action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"path": "content/directives/tang-cuong.md",
		"raw": strings.Replace(dir, `to = ["to-dan-pho", "thcs-thu"]`, `to = ["to-dan-pho", "to-ba"]`, 1)}}, "assets": []any{}}))
	msg, _ = m["error"].(string)
	if status != 422 || !strings.Contains(msg, "content/directives/tang-cuong.md:6:") || !strings.Contains(msg, "to-ba") {
		t.Errorf("unknown recipient: %d %q", status, msg)
	}
	if b.read("content/directives/tang-cuong.md") != dir {
		t.Errorf("the refused save changed the directive")
	}

	// Deleting a group that a directive names would break the site too.
	status, m, _ = b.post(action("deleteFiles", map[string]any{"paths": []string{"content/units/truong-hoc.toml"}}))
	if status != 422 || !strings.Contains(m["error"].(string), "thcs-thu") {
		t.Errorf("deleting a group in use: %d %v", status, m)
	}
	b.read("content/units/truong-hoc.toml")
	leftovers(t, b.dir)
}

// A good save is written whole, and nothing temporary stays behind.
func TestSaveWritesAtomically(t *testing.T) {
	b := start(t)
	raw := "date = \"2023-11-11\"\nfollowers = 150\n\n[units]\nto-mot = 45\n"
	status, m, _ := b.post(action("persistEntry", map[string]any{"dataFiles": []any{map[string]any{"path": "content/reports/2023-11-11.toml", "slug": "2023-11-11", "raw": raw}}, "assets": []any{}}))
	if status != 200 || m["message"] != "entry persisted" {
		t.Fatalf("persistEntry: %d %v", status, m)
	}
	if got := b.read("content/reports/2023-11-11.toml"); got != raw {
		t.Errorf("on disk %q, want %q", got, raw)
	}
	leftovers(t, b.dir)

	status, m, _ = b.post(action("deleteFile", map[string]any{"path": "content/reports/2023-11-11.toml"}))
	if status != 200 {
		t.Fatalf("deleteFile: %d %v", status, m)
	}
	if _, err := os.Stat(filepath.Join(b.dir, "content/reports/2023-11-11.toml")); !os.IsNotExist(err) {
		t.Errorf("not deleted: %v", err)
	}
}

// leftovers fails on temporary files in content/ or check copies in the
// cache.
func leftovers(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && (strings.Contains(d.Name(), ".loa-tmp") || strings.HasPrefix(d.Name(), "cms-check-")) {
			t.Errorf("left behind: %s", p)
		}
		return nil
	})
}

func TestMedia(t *testing.T) {
	b := start(t)
	png := []byte("\x89PNG\r\n\x1a\nnot really")
	asset := map[string]any{"path": "static/anh/a.png", "content": base64.StdEncoding.EncodeToString(png), "encoding": "base64"}
	status, m, _ := b.post(action("persistMedia", map[string]any{"asset": asset}))
	if status != 403 {
		t.Errorf("an upload without [cms] media_folder: %d %v", status, m)
	}
	b.media = "static/anh"
	status, m, _ = b.post(action("persistMedia", map[string]any{"asset": asset}))
	if status != 200 || m["path"] != "static/anh/a.png" || m["name"] != "a.png" || m["encoding"] != "base64" || m["content"] != asset["content"] {
		t.Fatalf("persistMedia: %d %v", status, m)
	}
	if got := b.read("static/anh/a.png"); got != string(png) {
		t.Errorf("on disk %q", got)
	}
	status, _, raw := b.post(action("getMedia", map[string]any{"mediaFolder": "static/anh"}))
	var list []map[string]any
	json.Unmarshal(raw, &list)
	if status != 200 || len(list) != 1 || list[0]["path"] != "static/anh/a.png" {
		t.Errorf("getMedia: %d %s", status, raw)
	}
	status, m, _ = b.post(action("getMediaFile", map[string]any{"path": "static/anh/a.png"}))
	if status != 200 || m["id"] == "" || m["content"] != asset["content"] {
		t.Errorf("getMediaFile: %d %v", status, m)
	}
	status, _, _ = b.post(action("getMediaFile", map[string]any{"path": "content/reports/2023-11-04.toml"}))
	if status == 200 {
		t.Errorf("getMediaFile read a content file")
	}
	status, m, _ = b.post(action("getDeployPreview", map[string]any{"collection": "reports", "slug": "2023-11-04"}))
	if status != 200 || m != nil {
		t.Errorf("getDeployPreview: %d %v", status, m)
	}
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// `check` and `build` report a Markdown link to a page that does not exist
// at its file:line:col, exit 1, and build leaves no output.
func TestBrokenLinkIsAnErrorAtItsLine(t *testing.T) {
	site := t.TempDir()
	files := map[string]string{
		"site.toml": "title = \"T\"\nbase_url = \"https://x.example.vn/a/\"\n[authority]\nname = \"UBND\"\n" +
			"[campaign]\nname = \"C\"\nfollow_url = \"https://zalo.me/1\"\n",
		"content/units/phuong.toml": "name = \"Phường\"\n[[unit]]\nid = \"bac-son\"\nname = \"Bắc Sơn\"\n",
		"content/huong-dan.md":      "+++\ntitle = \"Hướng dẫn\"\n+++\n\nĐọc [văn bản](/van-ban/khong-co/).\n\nXem [đơn vị](../don-vi/bac-son/) và [Zalo](https://zalo.me/1).\n",
	}
	for name, content := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// The site has no language: the message is in Vietnamese.
	const want = "content/huong-dan.md:5:5: liên kết tới trang không tồn tại: /van-ban/khong-co/"
	out := filepath.Join(t.TempDir(), "public")
	for _, args := range [][]string{{"check", "-s", site}, {"build", "-s", site, "-o", out}} {
		var stdout, stderr bytes.Buffer
		code := run(args, &stdout, &stderr)
		if code != 1 || !strings.Contains(stderr.String(), want) || strings.Count(stderr.String(), "không tồn tại") != 1 {
			t.Errorf("loa %s: exit %d, stderr:\n%s\nwant %q", args[0], code, stderr.String(), want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("the failed build wrote %s", out)
	}
}

// build --minify says how many bytes it saved, the Vietnamese way (13,2 kB).
func TestBuildMinifyReportsBytesSaved(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	var stdout, stderr bytes.Buffer
	if code := run([]string{"build", "-s", "build/testdata/xa-thu", "-o", out, "--minify", "--no-cache"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !regexp.MustCompile(`đã nén HTML và CSS: tiết kiệm \d+,\d kB`).MatchString(stdout.String()) {
		t.Errorf("stdout: %s", stdout.String())
	}
}

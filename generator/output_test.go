package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// exitCode runs cmd and returns its exit status and output.
func exitCode(t *testing.T, cmd *exec.Cmd) (int, string) {
	t.Helper()
	b, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return 0, string(b)
	case errors.As(err, &ee):
		return ee.ExitCode(), string(b)
	}
	t.Fatal(err)
	return 0, ""
}

// An output folder that holds the site's sources is refused with exit 2
// and the sources are left as they were (issue 11, item 1). Before, in a
// site folder that holds an index.html (a Pages repository published from
// its root), "build -o ." exited 0 and deleted site.toml, content/, themes/
// and .git.
func TestOutputHoldingTheSiteIsRefused(t *testing.T) {
	base := t.TempDir()
	// A site folder that is also a Pages repository published from its root.
	repo := filepath.Join(base, "repo")
	sitetest.Copy(t, "build/testdata/xa-thu", repo)
	sitetest.Write(t, repo, map[string]string{"index.html": "<p>published</p>", ".git/HEAD": "ref: refs/heads/main\n"})
	// www/index.html beside the site www/src/.
	www := filepath.Join(base, "www")
	sitetest.Copy(t, "build/testdata/xa-thu", filepath.Join(www, "src"))
	sitetest.Write(t, www, map[string]string{"index.html": "<p>published</p>"})
	link := filepath.Join(t.TempDir(), "link")
	os.Symlink(repo, link)

	for _, c := range []struct {
		name, dir string
		args      []string
		why       string
	}{
		{"build -o . in the site folder", repo, []string{"build", "-o", "."}, "it is the site folder"},
		{"build -s src -o . from its parent", www, []string{"build", "-s", "src", "-o", "."}, "it contains the site folder"},
		{"build -s src -o .. from a folder below", filepath.Join(www, "src", "content"), []string{"build", "-s", "..", "-o", "../.."}, "it contains the site folder"},
		{"-o through a symlink to the site", base, []string{"build", "-s", "repo", "-o", link}, "it is the site folder"},
		{"-o inside content/", repo, []string{"build", "-o", "content/out"}, "inside the site's content/"},
		{"-o inside themes/", repo, []string{"build", "-o", "themes/x/../y"}, "inside the site's themes/"},
	} {
		t.Run(c.name, func(t *testing.T) {
			before := tree(t, base)
			cmd := loa(append([]string{"--lang", "en"}, c.args...)...)
			cmd.Dir = c.dir
			code, out := exitCode(t, cmd)
			if code != 2 || !strings.Contains(out, "refusing to build into") || !strings.Contains(out, c.why) || !strings.Contains(out, "build into a folder of its own") {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, c.why, out)
			}
			if !sameTree(tree(t, base), before) {
				t.Error("the refused build changed the files")
			}
		})
	}

	// public/ inside the site folder stays the normal case, from anywhere.
	cmd := loa("--lang", "en", "build", "-s", "repo", "-o", "repo/public")
	cmd.Dir = base
	if code, out := exitCode(t, cmd); code != 0 {
		t.Fatalf("build into public/: exit %d\n%s", code, out)
	}
	if _, err := os.Stat(filepath.Join(repo, "public/index.html")); err != nil {
		t.Error(err)
	}
}

// A build never deletes a file that no Loa build wrote into its output (a
// CNAME, the .git of a Pages repository, a file copied in): it is carried
// over into the new output and the build says so, while the files Loa wrote
// and no longer writes go (issue 11, item 1).
func TestForeignFilesSurviveABuild(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	sitetest.Copy(t, "build/testdata/xa-thu", site)
	out := filepath.Join(t.TempDir(), "pages")
	// A Pages repository that an older build, or a person, made: no list of
	// Loa's files yet.
	foreign := map[string]string{
		"CNAME":                "zalo.example.vn\n",
		".git/HEAD":            "ref: refs/heads/gh-pages\n",
		".git/objects/ab/cdef": "blob",
		"google1234.html":      "google-site-verification: google1234.html",
	}
	sitetest.Write(t, out, foreign)
	sitetest.Write(t, out, map[string]string{"index.html": "<p>old home</p>"})
	os.Mkdir(filepath.Join(out, "empty"), 0o755)
	os.Symlink("CNAME", filepath.Join(out, "cname-link"))

	check := func(what string) {
		t.Helper()
		for name, want := range foreign {
			if b, err := os.ReadFile(filepath.Join(out, name)); err != nil || string(b) != want {
				t.Errorf("%s: %s = %q, %v; want %q", what, name, b, err, want)
			}
		}
		if fi, err := os.Stat(filepath.Join(out, "empty")); err != nil || !fi.IsDir() {
			t.Errorf("%s: the empty folder is gone: %v", what, err)
		}
		if target, err := os.Readlink(filepath.Join(out, "cname-link")); err != nil || target != "CNAME" {
			t.Errorf("%s: the symlink is gone: %q %v", what, target, err)
		}
	}
	build := func(args ...string) string {
		t.Helper()
		code, msg := exitCode(t, loa(append([]string{"--lang", "en", "build", "-s", site, "-o", out}, args...)...))
		if code != 0 {
			t.Fatalf("exit %d\n%s", code, msg)
		}
		return msg
	}
	msg := build("--no-cache")
	check("first build")
	if !strings.Contains(msg, "kept 6 file(s) that no Loa build wrote, as they were: .git/ (2 files), CNAME, cname-link, empty/, google1234.html") {
		t.Errorf("the build does not say what it kept:\n%s", msg)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); bytes.Contains(b, []byte("old home")) {
		t.Error("the old home page was not replaced")
	}

	// A unit removed from the site: its page goes, the foreign files stay,
	// and the build warns that printed QR codes may lead to the page.
	units := filepath.Join(site, "content/units/thon.toml")
	src, err := os.ReadFile(units)
	if err != nil {
		t.Fatal(err)
	}
	const gone = "thon-nam" // in no report
	start := bytes.Index(src, []byte("[[unit]]\nid = \"thon-nam\""))
	if start < 0 {
		t.Fatal("the test site changed")
	}
	end := start + 1 + bytes.Index(src[start+1:], []byte("[[unit]]"))
	without := append(append([]byte{}, src[:start]...), src[end:]...)
	os.WriteFile(units, without, 0o644)
	if _, err := os.Stat(filepath.Join(out, "don-vi", gone, "index.html")); err != nil {
		t.Fatalf("unit %q: %v", gone, err)
	}
	for _, args := range [][]string{nil, {"--no-cache"}} {
		msg = build(args...)
		check("second build")
		if _, err := os.Stat(filepath.Join(out, "don-vi", gone)); !os.IsNotExist(err) {
			t.Errorf("the page of the removed unit %s is still there", gone)
		}
		if !strings.Contains(msg, "kept 6 file(s)") {
			t.Errorf("second build:\n%s", msg)
		}
		os.WriteFile(units, src, 0o644) // back, for the next round
		build()
		os.WriteFile(units, without, 0o644)
	}
	os.WriteFile(units, src, 0o644)
	build()
	os.WriteFile(units, without, 0o644)
	if msg = build(); !strings.Contains(msg, "content/units: warning: 1 unit landing page(s) of the previous output are gone: /don-vi/"+gone+"/") {
		t.Errorf("no warning for the dropped unit page:\n%s", msg)
	}

	// A file no Loa build wrote, of a name the build writes: an error
	// that names it, and the output as it was.
	os.WriteFile(units, src, 0o644)
	sitetest.Write(t, out, map[string]string{"don-vi/" + gone + "/index.html": "mine"})
	before := tree(t, out)
	code, msg := exitCode(t, loa("--lang", "en", "build", "-s", site, "-o", out))
	if code != 1 || !strings.Contains(msg, "don-vi/"+gone+"/index.html, which no Loa build wrote, and this build writes a file of that name") {
		t.Errorf("exit %d:\n%s", code, msg)
	}
	if !sameTree(tree(t, out), before) {
		t.Error("the refused build changed the output")
	}
	// The same refusal in the site's language, without --lang (issue 13).
	code, msg = exitCode(t, loa("build", "-s", site, "-o", out))
	if code != 1 || !strings.Contains(msg, "don-vi/"+gone+"/index.html, không do Loa ghi, mà lần dựng này lại ghi một tệp trùng tên: hãy chuyển tệp đó ra khỏi thư mục kết quả") {
		t.Errorf("exit %d:\n%s", code, msg)
	}
	if !sameTree(tree(t, out), before) {
		t.Error("the refused build changed the output")
	}
}

// The refusal reads in the site's language (Vietnamese, the default) when
// no --lang is given (issue 13).
func TestOutputHoldingTheSiteIsRefusedInVietnamese(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	sitetest.Copy(t, "build/testdata/xa-thu", site)
	code, out, errs := runRaw("build", "-s", site, "-o", site)
	want := "loa: không dựng vào " + site + ": đó là thư mục của trang ("
	if code != 2 || !strings.Contains(errs, want) || !strings.Contains(errs, "hãy dựng vào một thư mục riêng") ||
		strings.Contains(errs, "refusing") || strings.Contains(errs, "site folder") {
		t.Errorf("exit %d, want 2 and %q\n%s%s", code, want, out, errs)
	}
}

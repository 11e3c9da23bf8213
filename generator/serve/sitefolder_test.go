package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// waitLong polls the page at rel until it answers status with want in its
// body, for at most a minute: the check is that it comes, not how fast.
func (p *preview) waitLong(rel string, status int, want string) {
	p.t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		got, _, body := get(p.t, p.url+rel)
		if got == status && strings.Contains(body, want) {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("GET %s: want %d with %q, have %d:\n%.1000s\nlog:\n%s", rel, status, want, got, body, p.log)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// changedCopy writes a copy of testdata/site at dir whose home page says
// text in place of its introduction.
func changedCopy(t *testing.T, dir, text string) {
	t.Helper()
	sitetest.Copy(t, "testdata/site", dir)
	index := filepath.Join(dir, "content", "_index.md")
	b, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), home) {
		t.Fatalf("%s does not say %q", index, home)
	}
	if err := os.WriteFile(index, []byte(strings.Replace(string(b), home, text, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestSiteFolderDeletedAndMadeAgain deletes the folder of a served site
// and makes it again with other content, as a checkout of another branch
// or a restored backup does: the preview says the site is gone, then
// shows the new content by itself.
func TestSiteFolderDeletedAndMadeAgain(t *testing.T) {
	p := startPreview(t, "testdata/site")
	p.waitPage("", 200, home)

	if err := os.RemoveAll(p.dir); err != nil {
		t.Fatal(err)
	}
	p.waitLong("", 500, "site.toml")
	changedCopy(t, p.dir, "Nội dung sau khi khôi phục.")
	p.waitLong("", 200, "Nội dung sau khi khôi phục.")

	p.editHome("Nội dung sau khi khôi phục.", "Nội dung sửa lần nữa.")
}

// editHome replaces old by text on the home page's source and waits until
// the page shows it: the folder at the site's path is the one watched.
func (p *preview) editHome(old, text string) {
	p.t.Helper()
	index := filepath.Join(p.dir, "content", "_index.md")
	b, err := os.ReadFile(index)
	if err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(index, []byte(strings.Replace(string(b), old, text, 1)), 0o644); err != nil {
		p.t.Fatal(err)
	}
	p.waitLong("", 200, text)
}

// TestSiteFolderReplaced swaps another folder into the site's path in one
// rename, faster than any poll: the preview shows the new content, and
// then the edits made in it.
func TestSiteFolderReplaced(t *testing.T) {
	p := startPreview(t, "testdata/site")
	p.waitPage("", 200, home)

	next := filepath.Join(t.TempDir(), "next")
	changedCopy(t, next, "Nhánh khác của kho.")
	if err := os.RemoveAll(p.dir); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(next, p.dir); err != nil {
		t.Fatal(err)
	}
	p.waitLong("", 200, "Nhánh khác của kho.")
	p.editHome("Nhánh khác của kho.", "Sửa trên nhánh khác.")
}

package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPageTemplateFails checks that a template of the site's theme that
// fails on one kind of page shows the error on those pages, while the
// others are served; fixing it brings them back.
func TestPageTemplateFails(t *testing.T) {
	p := startPreview(t, "testdata/site")
	p.waitPage(unit, 200, "Tổ dân phố Một")
	// Fails when run (an index out of range), not when parsed: the build
	// itself succeeds, and only unit pages are made with it.
	if err := os.MkdirAll(filepath.Join(p.dir, "themes/default/templates"), 0o755); err != nil {
		t.Fatal(err)
	}
	p.write("themes/default/templates/unit.html", `{{template "base" .}}{{define "main"}}{{index .Unit.Aliases 7}}{{end}}`)
	body := p.waitPage(unit, 500, "index out of range")
	if !strings.Contains(body, "unit.html") {
		t.Errorf("the error page does not name the template:\n%.2000s", body)
	}
	if status, _, body := get(t, p.url); status != 200 || !strings.Contains(body, home) {
		t.Errorf("home while a unit page fails: %d", status)
	}
	if err := os.RemoveAll(filepath.Join(p.dir, "themes")); err != nil {
		t.Fatal(err)
	}
	p.waitPage(unit, 200, "Tổ dân phố Một")
}

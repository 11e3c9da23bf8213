package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// TestReportsKeepTheirContent builds a copy of the example site, adds a
// later report, builds again: every earlier report's document and open
// data are byte for byte the same, the later one has both, every link of
// the report pages leads to a file the build wrote, and the sitemap lists
// every report.
func TestReportsKeepTheirContent(t *testing.T) {
	dir := exampleCopy(t)
	before := sitetest.Files(t, buildSite(t, dir))
	sitetest.Write(t, dir, map[string]string{"content/reports/2023-11-11.toml": "followers = 470\n\n[units]\nbac-son = 40\n"})
	outAfter := buildSite(t, dir)
	after := sitetest.Files(t, outAfter)

	article := regexp.MustCompile(`(?s)<article.*</article>`)
	n := 0
	for p, data := range before {
		switch {
		case strings.HasPrefix(p, "bao-cao/20"):
			n++
			if !bytes.Equal(article.Find(data), article.Find(after[p])) {
				t.Errorf("%s: the report changed with a later report", p)
			}
		case strings.HasPrefix(p, "du-lieu/bao-cao/"):
			if !bytes.Equal(data, after[p]) {
				t.Errorf("%s changed with a later report", p)
			}
		}
	}
	if n != 5 {
		t.Errorf("%d reports, want one per report file (5)", n)
	}
	for _, p := range []string{"bao-cao/2023-11-11/index.html", "du-lieu/bao-cao/2023-11-11.json"} {
		if _, ok := after[p]; !ok {
			t.Errorf("%s was not written", p)
		}
	}

	href := regexp.MustCompile(`(?:href|src)="/zalo/([^"#?]*)`)
	for p, data := range after {
		if !strings.HasPrefix(p, "bao-cao/") && !strings.Contains(p, "/in/") {
			continue
		}
		for _, m := range href.FindAllSubmatch(data, -1) {
			target := string(m[1])
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, ok := after[target]; !ok {
				t.Errorf("%s links /zalo/%s, which the build did not write", p, m[1])
			}
		}
	}
	sitemap := string(after["sitemap.xml"])
	for _, d := range []string{"2023-10-13", "2023-11-04", "2023-11-11"} {
		if !strings.Contains(sitemap, "<loc>https://kienan.example.vn/zalo/bao-cao/"+d+"/</loc>") {
			t.Errorf("the sitemap does not list the report of %s", d)
		}
	}
	if !strings.Contains(sitemap, "<loc>https://kienan.example.vn/zalo/don-vi/phuong/in/</loc>") {
		t.Error("the sitemap does not list a group's posters")
	}
}

// exampleCopy copies the example site of the repository into a new
// folder, for a test to change; it skips the test without one.
func exampleCopy(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	b, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Skip("no example site")
	}
	sitetest.Write(t, dir, map[string]string{"site.toml": string(b)})
	sitetest.Copy(t, "../../content", filepath.Join(dir, "content"))
	return dir
}

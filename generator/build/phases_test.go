package build_test

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// brokenSite is the second site with the files given replaced.
func brokenSite(t *testing.T, files map[string]string) string {
	t.Helper()
	site := t.TempDir()
	sitetest.Copy(t, "testdata/xa-thu", site)
	for rel, text := range files {
		if err := os.WriteFile(filepath.Join(site, filepath.FromSlash(rel)), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return site
}

func check(t *testing.T, site string) (errors, warnings []string) {
	t.Helper()
	var diags diag.List
	if err := build.Check(build.Options{Site: site}, &diags); err != build.ErrContent {
		t.Fatalf("check: err = %v, want ErrContent", err)
	}
	for _, d := range diags.Errors() {
		errors = append(errors, d.String())
	}
	for _, d := range diags.Warnings() {
		warnings = append(warnings, d.String())
	}
	return errors, warnings
}

// A mistake in each phase of the build (a TOML syntax error in a report,
// read by load; an unknown recipient of a directive, checked by the
// model; an unknown Markdown directive on a page, checked by render) is
// reported in one run, each at its place: CONTENT.md promises every
// problem of a build at once.
func TestCheckReportsEveryPhaseAtOnce(t *testing.T) {
	page, err := os.ReadFile("testdata/xa-thu/content/so-lieu.md")
	if err != nil {
		t.Fatal(err)
	}
	pageLine := strings.Count(string(page), "\n") + 2 // after a blank line
	site := brokenSite(t, map[string]string{
		"content/reports/2024-02-02.toml": "followers = 410\n[units\nthon-dong = 1\n",
		"content/directives/cong-van-nhap.md": "+++\nkind = \"Công văn\"\nnumber = \"/UBND\"\ndate = 2024-03-01\n" +
			"subject = \"Bản nháp\"\nto = [\"thon\", \"thon-khong-co\"]\ndraft = true\n+++\nNội dung nháp.\n",
		"content/so-lieu.md": string(page) + "\n::khong-co-chi-thi\n",
	})
	errs, _ := check(t, site)
	want := []string{
		`content/directives/cong-van-nhap.md:6:15: unknown group or unit "thon-khong-co" (did you mean "thon-dong"?)`,
		`content/reports/2024-02-02.toml:2:7: a table header is not written right: write it on one line, in brackets, like [units] or [[unit]]`,
		"content/so-lieu.md:" + strconv.Itoa(pageLine) + `:1: ::khong-co-chi-thi: unknown directive "khong-co-chi-thi"`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
}

// What depends on a file that could not be read is not reported: with a
// unit file broken, the ids it holds are unknown, and the reports,
// directives and pages that name them are not wrong; with a report
// broken, a unit it counts is not "in no report yet".
func TestBrokenFileReportsNoConsequences(t *testing.T) {
	site := brokenSite(t, map[string]string{
		"content/units/thon.toml":         "name = \"Các thôn\"\n[[unit]\nid = \"thon-dong\"\n",
		"content/reports/2024-02-02.toml": "followers = 410\nnote = \"\n",
	})
	errs, warns := check(t, site)
	want := []string{
		`content/reports/2024-02-02.toml:2:9: a quote is not closed: the text on this line must end with " on the same line`,
		`content/units/thon.toml:2:8: a table header is not written right: write it on one line, in brackets, like [units] or [[unit]]`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range warns {
		if strings.Contains(w, "in no report yet") {
			t.Errorf("warning about a unit that the unread report may count: %s", w)
		}
	}
}

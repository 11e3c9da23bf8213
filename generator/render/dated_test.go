package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// exampleCopy copies the example site at the root of the repository into a
// folder of the test's, to edit.
func exampleCopy(t *testing.T) string {
	t.Helper()
	if _, err := os.Stat("../../site.toml"); err != nil {
		t.Skip("no example site")
	}
	dir := t.TempDir()
	b, err := os.ReadFile("../../site.toml")
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, dir, map[string]string{"site.toml": string(b)})
	sitetest.Copy(t, "../../content", filepath.Join(dir, "content"))
	return dir
}

// laterReport is a report after every report of the example site.
const laterReport = `followers = 470

[units]
bac-son = 60
dong-hoa = 30
mam-non-van-dau = 4
`

// figuresOf are the texts of a page's live data: stats and progress
// tables.
func figuresOf(t *testing.T, page []byte) []string {
	doc := parse(t, page)
	var out []string
	for _, n := range findAll(doc, func(n *html.Node) bool {
		return hasClass(n, "stat") || hasClass(n, "directive-progress") || hasClass(n, "directive-chart")
	}) {
		out = append(out, text(n))
	}
	return out
}

// TestLettersKeepTheirFigures renders the example site, adds a later
// report in a copy, renders again: the letter of 06/11/2023 shows the
// figures of 04/11/2023 both times, while the home page moves on.
func TestLettersKeepTheirFigures(t *testing.T) {
	dir := exampleCopy(t)
	before, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	sitetest.Write(t, dir, map[string]string{"content/reports/2023-11-11.toml": laterReport})
	after, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	const letter = "van-ban/don-doc-chia-se-zalo-oa/index.html"
	was, is := figuresOf(t, before.files[letter]), figuresOf(t, after.files[letter])
	if len(was) < 3 || strings.Join(was, "\n") != strings.Join(is, "\n") {
		t.Fatalf("the letter's figures changed with a later report:\n%q\n%q", was, is)
	}
	if !strings.Contains(is[0], "330") || !strings.Contains(is[0], "04/11/2023") || strings.Contains(strings.Join(is, " "), "470") {
		t.Errorf("the letter shows %q, want the 330 followers of 04/11/2023", is)
	}
	// The ward that reported 60 on 11/11 shows its 41 of 04/11 in the letter.
	doc := parse(t, after.files[letter])
	bacSon := first(t, doc, "bac-son row", func(n *html.Node) bool { return attr(n, "data-unit") == "bac-son" })
	if !strings.Contains(text(bacSon), "41") || strings.Contains(text(bacSon), "60") {
		t.Errorf("bac-son in the letter: %q", text(bacSon))
	}
	// A unit that did not report this period says so, on its page and in
	// the tables, with the date its count is from; it changed by 0.
	unit := text(first(t, parse(t, after.files["don-vi/lam-ha/index.html"]), "as of", byClass("as-of")))
	if unit != "Cập nhật ngày 04/11/2023; đơn vị chưa báo cáo kỳ ngày 11/11/2023." {
		t.Errorf("lam-ha's page says %q", unit)
	}
	row := first(t, parse(t, after.files["tien-do/index.html"]), "lam-ha", func(n *html.Node) bool { return attr(n, "data-unit") == "lam-ha" })
	if got := text(row); !strings.Contains(got, "22 (ngày 04/11/2023; chưa báo cáo kỳ này)") || !strings.HasSuffix(got, " 0") {
		t.Errorf("lam-ha's row %q", got)
	}
	home := figuresOf(t, after.files["index.html"])
	if !strings.Contains(strings.Join(home, " "), "11/11/2023") {
		t.Errorf("the home page shows %q, want the latest report's figures", home)
	}
}

// TestAtAttribute checks at="latest" and at="YYYY-MM-DD", a letter dated
// before every report, and a wrong at.
func TestAtAttribute(t *testing.T) {
	dir := exampleCopy(t)
	sitetest.Write(t, dir, map[string]string{
		"content/reports/2023-11-11.toml": laterReport,
		"content/directives/som.md": `+++
kind = "Thông báo"
number = "1/TB-UBND"
date = 2023-10-01
subject = "Trước mọi kỳ báo cáo"
sign = ["Chủ tịch"]
signer = "A"
+++

::stat{name="followers"}

::progress{group="phuong"}

::chart

Mới nhất: :stat[followers]{at="latest"}.

::stat{name="followers" at="2023-10-22"}
`,
	})
	sink, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	doc := parse(t, sink.files["van-ban/som/index.html"])
	stats := findAll(doc, byClass("stat"))
	if len(stats) != 2 || !strings.Contains(text(stats[0]), "Chưa có") {
		t.Fatalf("a letter before every report: %q", texts(stats))
	}
	if got := text(stats[1]); !strings.Contains(got, "120") || !strings.Contains(got, "21/10/2023") {
		t.Errorf("at=\"2023-10-22\" shows %q, want the 120 of 21/10/2023", got)
	}
	if got := text(first(t, doc, "inline", byClass("stat-inline"))); got != "470" {
		t.Errorf("at=\"latest\" shows %q", got)
	}
	progress := text(first(t, doc, "progress", byClass("directive-progress")))
	if !strings.Contains(progress, "Chưa có kỳ báo cáo nào") || strings.Count(progress, "chưa báo cáo") != 11 {
		t.Errorf("progress before every report: %q", progress)
	}
	if got := text(first(t, doc, "chart", byClass("directive-chart"))); !strings.Contains(got, "Chưa có số liệu") {
		t.Errorf("chart before every report: %q", got)
	}

	sitetest.Write(t, dir, map[string]string{"content/gioi-thieu.md": "+++\ntitle = \"Giới thiệu\"\n+++\n\n::stat{name=\"followers\" at=\"04/11/2023\"}\n"})
	_, errs, _ = renderSite(t, dir, Options{})
	if len(errs) != 1 || !strings.Contains(errs[0].String(), `content/gioi-thieu.md:5:25: ::stat: attribute "at": "04/11/2023" is not a date`) {
		t.Errorf("errors %v", errs)
	}
}

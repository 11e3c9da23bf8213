package render

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/period"
	"github.com/loa-vn/loa/generator/qr/qrtest"
	"github.com/loa-vn/loa/generator/vi"
)

// The later report of the tests below: a school's first count, a ward
// whose count goes down, most units not reporting.
const report1111 = `followers = 470

[units]
van-phong = 25
bac-son = 40
dong-hoa = 30
mam-non-van-dau = 4
thcs-tran-phu = 9
`

const reportTable = `
[report]
number = "/BC-UBND"
to = ["Thường trực Quận ủy", "Thường trực HĐND quận"]
sign = ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
signer = "Người Ký Thử"
`

// unitFacts is what the test reads from the TOML files itself.
type unitFacts struct {
	id, name, group string
	target          int64
}

type siteFacts struct {
	dates  []string
	counts map[string]map[string]int64
	units  []unitFacts // in the site's order: groups by order, units in file order
	groups []struct{ id, name string }
}

func readFacts(t *testing.T, dir string) *siteFacts {
	f := &siteFacts{counts: map[string]map[string]int64{}}
	files, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	for _, p := range files {
		var r struct{ Units map[string]int64 }
		if _, err := toml.DecodeFile(p, &r); err != nil {
			t.Fatal(err)
		}
		d := strings.TrimSuffix(filepath.Base(p), ".toml")
		f.dates = append(f.dates, d)
		f.counts[d] = r.Units
	}
	sort.Strings(f.dates)
	type group struct {
		id, name string
		order    int
		units    []unitFacts
	}
	var groups []group
	files, _ = filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	for _, p := range files {
		var g struct {
			Name  string
			Order int
			Unit  []struct {
				ID, Name string
				Target   int64
			}
		}
		if _, err := toml.DecodeFile(p, &g); err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSuffix(filepath.Base(p), ".toml")
		gr := group{id: id, name: g.Name, order: g.Order}
		for _, u := range g.Unit {
			gr.units = append(gr.units, unitFacts{u.ID, u.Name, id, u.Target})
		}
		groups = append(groups, gr)
	}
	sort.SliceStable(groups, func(i, j int) bool { return groups[i].order < groups[j].order })
	for _, g := range groups {
		f.groups = append(f.groups, struct{ id, name string }{g.id, g.name})
		f.units = append(f.units, g.units...)
	}
	return f
}

// at is a unit's count at report i: the latest report on or before it
// that lists the unit.
func (f *siteFacts) at(id string, i int) (int64, bool) {
	for ; i >= 0; i-- {
		if n, ok := f.counts[f.dates[i]][id]; ok {
			return n, true
		}
	}
	return 0, false
}

func reportSite(t *testing.T) string {
	dir := exampleCopy(t)
	toml, err := readFile(filepath.Join(dir, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	sitetest.Write(t, dir, map[string]string{
		"site.toml":                       toml + reportTable,
		"content/reports/2023-11-11.toml": report1111,
	})
	return dir
}

// TestReportPage checks the report of 11/11/2023 against figures the test
// computes from the TOML files: the document's parts, the headline
// figures, the groups, the ranking, the five highest and lowest, the units
// that did not report and those that went down, and the chart.
func TestReportPage(t *testing.T) {
	dir := reportSite(t)
	f := readFacts(t, dir)
	sink, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	i := len(f.dates) - 1
	doc := sink.page(t, "bao-cao/2023-11-11/index.html")
	vb := first(t, doc, "document", byClass("van-ban"))
	want := map[string]string{
		"vb-ten-co-quan": "ỦY BAN NHÂN DÂNQUẬN KIẾN AN",
		"vb-so":          "Số: /BC-UBND", // the number left to fill in: see below
		"vb-dia-danh":    "Kiến An, ngày 11 tháng 11 năm 2023",
		"vb-loai":        "BÁO CÁO",
		"vb-quyen-han":   "TL. CHỦ TỊCHCHÁNH VĂN PHÒNG",
		"vb-nguoi-ky":    "Người Ký Thử",
	}
	for class, w := range want {
		if got := text(first(t, vb, class, byClass(class))); got != w {
			t.Errorf("%s: %q, want %q", class, got, w)
		}
	}
	if !bytes.Contains(sink.files["bao-cao/2023-11-11/index.html"], []byte("Số:&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;/BC-UBND")) {
		t.Error("the number has no room left to write it in")
	}
	if got := texts(findAll(vb, byClass("vb-kg-ten"))); strings.Join(got, "|") != "- Thường trực Quận ủy;|- Thường trực HĐND quận." {
		t.Errorf("Kính gửi %q", got)
	}

	// Headline figures: followers 470, change 470 - 330.
	figure := func(name string) string {
		return text(first(t, vb, name, func(n *html.Node) bool { return attr(n, "data-figure") == name }))
	}
	if figure("followers") != "470" || figure("followers-change") != "tăng 140" || figure("reach") != vi.Percent(470/(99400*0.83), 1) ||
		figure("target-rate") != vi.Percent(470.0/82500, 1) {
		t.Errorf("figures %q %q %q %q", figure("followers"), figure("followers-change"), figure("reach"), figure("target-rate"))
	}
	listed := len(f.counts[f.dates[i]])
	if got := figure("reported"); got != fmt.Sprint(listed) {
		t.Errorf("reported %s, want %d", got, listed)
	}

	// Groups: units, reported this period, total, change, % of target.
	rows := findAll(first(t, vb, "groups", byClass("report-groups")), func(n *html.Node) bool { return attr(n, "data-group") != "" })
	if len(rows) != len(f.groups) {
		t.Fatalf("%d group rows", len(rows))
	}
	for k, g := range f.groups {
		var units, reported int
		var count, before, target int64
		for _, u := range f.units {
			if u.group != g.id {
				continue
			}
			units++
			target += u.target
			if _, ok := f.counts[f.dates[i]][u.id]; ok {
				reported++
			}
			n, _ := f.at(u.id, i)
			b, _ := f.at(u.id, i-1)
			count, before = count+n, before+b
		}
		w := []string{g.name, fmt.Sprint(units), fmt.Sprint(reported), vi.Int(count), vi.Signed(count - before), vi.Percent(float64(count)/float64(target), 1)}
		if got := texts(findAll(rows[k], func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" })); strings.Join(got, "|") != strings.Join(w, "|") {
			t.Errorf("group %s: %q, want %q", g.id, got, w)
		}
	}

	// The ranking: share, then count, then name (Vietnamese order).
	type ranked struct {
		id    string
		count int64
		share float64
		name  string
	}
	var order []ranked
	for _, u := range f.units {
		if n, ok := f.at(u.id, i); ok && u.target > 0 {
			order = append(order, ranked{u.id, n, float64(n) / float64(u.target), u.name})
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := order[a], order[b]
		if x.share != y.share {
			return x.share > y.share
		}
		if x.count != y.count {
			return x.count > y.count
		}
		return vi.Compare(x.name, y.name) < 0
	})
	var wantOrder []string
	for _, r := range order {
		wantOrder = append(wantOrder, r.id)
	}
	unitsOf := func(class string) []string {
		var ids []string
		for _, n := range findAll(first(t, vb, class, byClass(class)), func(n *html.Node) bool { return attr(n, "data-unit") != "" }) {
			ids = append(ids, attr(n, "data-unit"))
		}
		return ids
	}
	ranking := unitsOf("report-ranking")
	if strings.Join(ranking[:len(wantOrder)], " ") != strings.Join(wantOrder, " ") {
		t.Errorf("ranking\n%v\nwant\n%v", ranking, wantOrder)
	}
	if len(ranking) != len(f.units) {
		t.Errorf("the ranking lists %d units, want all %d", len(ranking), len(f.units))
	}
	if got := unitsOf("bc-cao-nhat"); strings.Join(got, " ") != strings.Join(wantOrder[:5], " ") {
		t.Errorf("five highest %v", got)
	}
	if got := unitsOf("bc-thap-nhat"); strings.Join(got, " ") != strings.Join(wantOrder[len(wantOrder)-5:], " ") {
		t.Errorf("five lowest %v", got)
	}

	var notReported, dropped []string
	for _, u := range f.units {
		if _, ok := f.counts[f.dates[i]][u.id]; !ok {
			notReported = append(notReported, u.id)
		}
		n, ok := f.at(u.id, i)
		b, okb := f.at(u.id, i-1)
		if ok && okb && n < b {
			dropped = append(dropped, u.id)
		}
	}
	if got := unitsOf("bc-chua-bao-cao"); strings.Join(got, " ") != strings.Join(notReported, " ") {
		t.Errorf("not reported %v, want %v", got, notReported)
	}
	if got := unitsOf("bc-giam"); strings.Join(got, " ") != strings.Join(dropped, " ") || len(dropped) != 1 {
		t.Errorf("dropped %v, want %v", got, dropped)
	}
	if got := text(first(t, vb, "drop", byClass("bc-giam"))); !strings.Contains(got, "từ 41 xuống 40") {
		t.Errorf("the drop %q", got)
	}
	svg := first(t, vb, "chart", func(n *html.Node) bool { return n.Data == "svg" })
	if n := len(findAll(svg, byTag("circle"))); n != len(f.dates) {
		t.Errorf("the chart has %d points, want one per report up to the date (%d)", n, len(f.dates))
	}
	style := text(first(t, doc, "print style", func(n *html.Node) bool { return n.Data == "style" && attr(n, "media") == "print" }))
	if !strings.Contains(style, "size: A4") {
		t.Errorf("print style %q", style)
	}

	// The first report has no previous date.
	first0 := text(first(t, sink.page(t, "bao-cao/"+f.dates[0]+"/index.html"), "first", byClass("bc-nguoi-quan-tam")))
	if !strings.Contains(first0, "kỳ báo cáo đầu tiên") {
		t.Errorf("the first report says %q", first0)
	}
}

// article is the bytes of a page's <article>: the report itself, without
// the site's header and footer (which name the latest report).
func article(t *testing.T, page []byte) []byte {
	i, j := bytes.Index(page, []byte("<article")), bytes.LastIndex(page, []byte("</article>"))
	if i < 0 || j < i {
		t.Fatal("no article")
	}
	return page[i:j]
}

// TestReportKeepsItsContent renders the example site, adds a later report,
// renders again: every earlier report says the same, byte for byte.
func TestReportKeepsItsContent(t *testing.T) {
	dir := exampleCopy(t)
	before, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	sitetest.Write(t, dir, map[string]string{"content/reports/2023-11-11.toml": report1111})
	after, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	n := 0
	for p, b := range before.files {
		if !strings.HasPrefix(p, "bao-cao/20") {
			continue
		}
		n++
		if !bytes.Equal(article(t, b), article(t, after.files[p])) {
			t.Errorf("%s changed with a later report", p)
		}
	}
	if n != 5 {
		t.Errorf("%d reports before, want 5", n)
	}
	if _, ok := after.files["bao-cao/2023-11-11/index.html"]; !ok {
		t.Error("no report for the later date")
	}
}

// TestReportsListAndLinks checks /bao-cao/ (every period, newest first)
// and the links of home and /tien-do/ to the latest report.
func TestReportsListAndLinks(t *testing.T) {
	dir := reportSite(t)
	f := readFacts(t, dir)
	sink, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	doc := sink.page(t, "bao-cao/index.html")
	var got []string
	for _, a := range findAll(first(t, doc, "list", byClass("reports-table")), byTag("a")) {
		got = append(got, attr(a, "href"))
	}
	var want []string
	for i := len(f.dates) - 1; i >= 0; i-- {
		want = append(want, "/zalo/bao-cao/"+f.dates[i]+"/")
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("reports %v, want %v", got, want)
	}
	for _, p := range []string{"index.html", "tien-do/index.html"} {
		links := findAll(sink.page(t, p), func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/zalo/bao-cao/2023-11-11/" })
		if len(links) == 0 {
			t.Errorf("%s does not link the latest report", p)
		}
	}
}

// TestGroupPosters checks /don-vi/<group>/in/: linked from the group's
// page, one poster per unit, each on its own printed page, each QR code
// decoding to its unit's landing page; and split like the group's pages.
func TestGroupPosters(t *testing.T) {
	dir := exampleCopy(t)
	f := readFacts(t, dir)
	sink, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	group := sink.page(t, "don-vi/phuong/index.html")
	if len(findAll(group, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/zalo/don-vi/phuong/in/" })) != 1 {
		t.Error("the group's page does not link its posters")
	}
	doc := sink.page(t, "don-vi/phuong/in/index.html")
	posters := findAll(doc, byClass("poster"))
	var want []string
	for _, u := range f.units {
		if u.group == "phuong" {
			want = append(want, "https://kienan.example.vn/zalo/don-vi/"+u.id+"/")
		}
	}
	if len(posters) != len(want) {
		t.Fatalf("%d posters, want %d", len(posters), len(want))
	}
	for k, p := range posters {
		img := first(t, p, "qr", byClass("poster-qr"))
		svg := sink.files[strings.TrimPrefix(attr(img, "src"), "/zalo/")]
		got, err := qrtest.DecodeSVG(svg)
		if err != nil || got != want[k] {
			t.Errorf("poster %d: QR %q (%v), want %s", k+1, got, err, want[k])
		}
	}
	css := string(sink.files["static/style.css"])
	if !strings.Contains(css, ".posters .poster { break-after: page;") {
		t.Error("posters do not break pages")
	}

	// Split as the group's pages: 4 a page here.
	defer func(n int) { groupPageRows = n }(groupPageRows)
	groupPageRows = 4
	sink, _, _ = renderSite(t, dir, Options{})
	var all []string
	for k := 1; k <= 3; k++ {
		p := groupPostersPath("phuong", k) + "index.html"
		page := sink.page(t, p)
		for _, img := range findAll(page, byClass("poster-qr")) {
			got, _ := qrtest.DecodeSVG(sink.files[strings.TrimPrefix(attr(img, "src"), "/zalo/")])
			all = append(all, got)
		}
		if len(findAll(page, byClass("pager"))) != 1 {
			t.Errorf("%s has no pager", p)
		}
	}
	if strings.Join(all, " ") != strings.Join(want, " ") {
		t.Errorf("split posters %v, want %v", all, want)
	}
}

func readFile(p string) (string, error) {
	b, err := os.ReadFile(p)
	return string(b), err
}

// TestLargeReportLinksItsRanking checks that past reportRankingMax units
// the report names the highest and lowest and links its open data for the
// whole ranking.
func TestLargeReportLinksItsRanking(t *testing.T) {
	defer func(n int) { reportRankingMax = n }(reportRankingMax)
	reportRankingMax = 5
	sink, errs, err := renderSite(t, exampleCopy(t), Options{})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	doc := sink.page(t, "bao-cao/2023-11-04/index.html")
	if len(findAll(doc, byClass("report-ranking"))) != 0 {
		t.Error("a large site's report lists every unit")
	}
	if len(findAll(doc, byClass("bc-cao-nhat"))) != 1 || len(findAll(doc, byClass("bc-thap-nhat"))) != 1 {
		t.Error("no highest and lowest")
	}
	links := findAll(first(t, doc, "document", byClass("van-ban")), func(n *html.Node) bool {
		return n.Data == "a" && attr(n, "href") == "/zalo/du-lieu/bao-cao/2023-11-04.json"
	})
	if len(links) != 1 {
		t.Error("the report does not link its open data for the whole ranking")
	}
}

// TestReportDataBesideItsPage checks Options.ReportData: each report's
// page job writes, at the path the page links to, the bytes made from
// that report's own period (its date, and the sum of its units' counts,
// carried forward, which the test adds up itself from the TOML files);
// without it no such file is written.
func TestReportDataBesideItsPage(t *testing.T) {
	dir := reportSite(t)
	f := readFacts(t, dir)
	data := func(p *period.Period) []byte {
		var sum int64
		for _, u := range p.Units {
			sum += u.Count
		}
		return fmt.Appendf(nil, "%s %d", p.Date.Format(time.DateOnly), sum)
	}
	sink, errs, err := renderSite(t, dir, Options{ReportData: data})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	for i, d := range f.dates {
		var sum int64
		for _, u := range f.units {
			if n, ok := f.at(u.id, i); ok {
				sum += n
			}
		}
		p := "du-lieu/bao-cao/" + d + ".json"
		if got, want := string(sink.files[p]), fmt.Sprintf("%s %d", d, sum); got != want {
			t.Errorf("%s holds %q, want %q", p, got, want)
		}
		links := findAll(sink.page(t, "bao-cao/"+d+"/index.html"), func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/zalo/"+p })
		if len(links) == 0 {
			t.Errorf("the report of %s does not link %s", d, p)
		}
	}
	if _, ok := sink.files["du-lieu/bao-cao/2023-11-11.json"]; !ok {
		t.Errorf("no du-lieu/bao-cao/2023-11-11.json; the render wrote %v", sink.paths())
	}
	sink, _, err = renderSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sink.paths() {
		if strings.HasPrefix(p, "du-lieu/") {
			t.Errorf("without ReportData the render wrote %s", p)
		}
	}
}

package build_test

import (
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/htmlq"
	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/qr/qrtest"
)

// The figures below are computed by the test from the TOML files, with its
// own formatting, so that a mistake in the model or in package vi shows.

func viInt(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

func viPct(r float64) string {
	return strings.Replace(strconv.FormatFloat(math.Round(r*1000)/10, 'f', 1, 64), ".", ",", 1) + "%"
}

type unitFile struct {
	Name string
	Unit []struct {
		ID      string
		Name    string
		Short   string
		Target  int64
		Aliases []string
	}
}

type reportFile struct {
	Followers int64
	Units     map[string]int64
}

type expectUnit struct {
	id, name, short, group string
	target                 int64
	counts                 []int64 // one per report listing the unit
	dates                  []string
}

// expected reads a site's units and reports on its own.
func expected(t *testing.T, dir string) (units []*expectUnit, followers int64, latest string) {
	t.Helper()
	byID := map[string]*expectUnit{}
	files, _ := filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	for _, f := range files {
		var uf unitFile
		if _, err := toml.DecodeFile(f, &uf); err != nil {
			t.Fatal(err)
		}
		for _, u := range uf.Unit {
			e := &expectUnit{id: u.ID, name: norm.NFC.String(u.Name), short: norm.NFC.String(u.Short),
				group: strings.TrimSuffix(filepath.Base(f), ".toml"), target: u.Target}
			if e.short == "" {
				e.short = e.name
			}
			units = append(units, e)
			byID[u.ID] = e
			for _, a := range u.Aliases {
				byID[a] = e
			}
		}
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	sort.Strings(reports)
	for _, f := range reports {
		var rf reportFile
		if _, err := toml.DecodeFile(f, &rf); err != nil {
			t.Fatal(err)
		}
		date := strings.TrimSuffix(filepath.Base(f), ".toml")
		for id, n := range rf.Units {
			e := byID[id]
			e.counts = append(e.counts, n)
			e.dates = append(e.dates, date)
		}
		followers, latest = rf.Followers, date
	}
	return units, followers, latest
}

func readPage(t *testing.T, out, path string) *htmlq.Node {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, path))
	if err != nil {
		t.Fatalf("missing page: %v", err)
	}
	doc, err := htmlq.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func buildSite(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := build.Site(build.Options{Site: dir, Out: out}, &diags); err != nil {
		t.Fatalf("build %s: %v\n%v", dir, err, diags.Err())
	}
	return out
}

// checkProgress compares every unit's row of /tien-do/ with figures the
// test computed from the site's files.
func checkProgress(t *testing.T, out, dir string) {
	t.Helper()
	units, _, latest := expected(t, dir)
	if len(units) < 5 {
		t.Fatalf("only %d units read from %s", len(units), dir)
	}
	doc := readPage(t, out, "tien-do/index.html")
	for _, u := range units {
		row := htmlq.First(doc, htmlq.AttrIs("data-unit", u.id))
		if row == nil {
			t.Errorf("%s: no row on /tien-do/", u.id)
			continue
		}
		cells := htmlq.All(row, func(n *htmlq.Node) bool { return n.Data == "td" || n.Data == "th" })
		if len(cells) != 6 {
			t.Fatalf("%s: %d cells", u.id, len(cells))
		}
		text := func(i int) string { return htmlq.Text(cells[i]) }
		if text(1) != u.short {
			t.Errorf("%s: name %q, want %q", u.id, text(1), u.short)
		}
		if u.target > 0 && text(2) != viInt(u.target) {
			t.Errorf("%s: target %q, want %q", u.id, text(2), viInt(u.target))
		}
		n := len(u.counts)
		if n == 0 {
			if text(3) != "chưa báo cáo" {
				t.Errorf("%s never reported but shows %q", u.id, text(3))
			}
			continue
		}
		count := u.counts[n-1]
		if !strings.HasPrefix(text(3), viInt(count)) {
			t.Errorf("%s: count %q, want %s", u.id, text(3), viInt(count))
		}
		if d := u.dates[n-1]; d != latest {
			day, _ := time.Parse("2006-01-02", d)
			if !strings.Contains(text(3), day.Format("02/01/2006")) {
				t.Errorf("%s missed the latest report: %q should name %s", u.id, text(3), d)
			}
		}
		if u.target > 0 && !strings.HasPrefix(text(4), viPct(float64(count)/float64(u.target))) {
			t.Errorf("%s: rate %q, want %s", u.id, text(4), viPct(float64(count)/float64(u.target)))
		}
		if n > 1 {
			ch := count - u.counts[n-2]
			want := viInt(ch)
			if ch > 0 {
				want = "+" + want
			}
			if text(5) != want {
				t.Errorf("%s: change %q, want %q", u.id, text(5), want)
			}
		}
	}
}

// checkQR decodes every unit's PNG and SVG back to its landing URL.
func checkQR(t *testing.T, out, base string, ids []string) {
	t.Helper()
	zbar, _ := exec.LookPath("zbarimg")
	for _, id := range ids {
		want := base + "don-vi/" + id + "/"
		pngPath := filepath.Join(out, "don-vi", id, "qr.png")
		pngData, err := os.ReadFile(pngPath)
		if err != nil {
			t.Fatal(err)
		}
		if got, err := qrtest.DecodePNG(pngData); err != nil || got != want {
			t.Errorf("%s qr.png decodes to %q (%v), want %q", id, got, err, want)
		}
		svg, err := os.ReadFile(filepath.Join(out, "don-vi", id, "qr.svg"))
		if err != nil {
			t.Fatal(err)
		}
		if got, err := qrtest.DecodeSVG(svg); err != nil || got != want {
			t.Errorf("%s qr.svg decodes to %q (%v), want %q", id, got, err, want)
		}
		if zbar != "" { // a second decoder, independent of Go
			got, err := exec.Command(zbar, "-q", "--raw", pngPath).Output()
			if err != nil || strings.TrimSpace(string(got)) != want {
				t.Errorf("zbarimg %s: %q %v", id, got, err)
			}
		}
	}
}

func TestSecondSite(t *testing.T) {
	const dir = "testdata/xa-thu"
	const base = "https://thu-nghiem.example.org/cong/zalo-oa/"
	out := buildSite(t, dir)

	// The draft is not published, anywhere.
	if _, err := os.Stat(filepath.Join(out, "van-ban/cong-van-nhap")); !os.IsNotExist(err) {
		t.Error("the draft directive was published")
	}
	list := readPage(t, out, "van-ban/index.html")
	if strings.Contains(htmlq.Text(list), "Bản nháp") {
		t.Error("the draft is listed")
	}

	checkProgress(t, out, dir)
	units, followers, _ := expected(t, dir)
	var ids []string
	for _, u := range units {
		ids = append(ids, u.id)
	}
	checkQR(t, out, base, ids)

	prog := htmlq.Text(readPage(t, out, "tien-do/index.html"))
	reach := viPct(float64(followers) / (6000 * 0.75))
	if !strings.Contains(prog, viInt(followers)) || !strings.Contains(prog, reach) {
		t.Errorf("headline figures: want %s followers and %s reach in %q", viInt(followers), reach, prog[:200])
	}

	// The name typed in NFD is shown in NFC.
	h1 := htmlq.Text(htmlq.First(readPage(t, out, "don-vi/thon-dong/index.html"), htmlq.Tag("h1")))
	if h1 != norm.NFC.String("Thôn Đông Hưng") || !norm.NFC.IsNormalString(h1) {
		t.Errorf("h1 %q is not the NFC name", h1)
	}

	// The alias sends visitors to the unit's page, under the sub-path.
	alias := readPage(t, out, "don-vi/tayson/index.html")
	refresh := htmlq.First(alias, htmlq.AttrIs("http-equiv", "refresh"))
	if refresh == nil || !strings.HasSuffix(htmlq.Attr(refresh, "content"), "/cong/zalo-oa/don-vi/thon-tay/") {
		t.Errorf("alias refresh: %v", refresh)
	}

	// The unit that never reported says so on its landing page, with no zero.
	nam := htmlq.Text(readPage(t, out, "don-vi/thon-nam/index.html"))
	if !strings.Contains(nam, "chưa báo cáo") {
		t.Error("thon-nam landing page does not say chưa báo cáo")
	}

	// The task addressed to thon-bac is on its landing page.
	bac := htmlq.Text(readPage(t, out, "don-vi/thon-bac/index.html"))
	if !strings.Contains(bac, "Gửi số liệu kỳ tháng 02") {
		t.Error("thon-bac's task is missing from its landing page")
	}

	// Another authority's header, and the kind in capitals for a Thông báo.
	doc := htmlq.Text(readPage(t, out, "van-ban/thong-bao-ket-qua/index.html"))
	for _, want := range []string{"UBND HUYỆN VÍ DỤ", "ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM", "Số: 12/TB-UBND",
		"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Thử Nghiệm, ngày 05 tháng 02 năm 2024", "THÔNG BÁO", "Lê Văn Thử"} {
		if !strings.Contains(doc, want) {
			t.Errorf("directive page lacks %q", want)
		}
	}
}

func TestExampleSite(t *testing.T) {
	const dir = "../.."
	out := buildSite(t, dir)
	checkProgress(t, out, dir)
	units, _, _ := expected(t, dir)
	var ids []string
	for _, u := range units {
		ids = append(ids, u.id)
	}
	checkQR(t, out, "https://kienan.example.vn/zalo/", ids)

	prog := htmlq.Text(readPage(t, out, "tien-do/index.html"))
	for _, want := range []string{"330", "0,4%", "82.500", "04/11/2023"} {
		if !strings.Contains(prog, want) {
			t.Errorf("/tien-do/ lacks %q", want)
		}
	}
	letter := htmlq.Text(readPage(t, out, "van-ban/tang-cuong-tuyen-truyen-zalo-oa/index.html"))
	for _, want := range []string{"Số: 3143/UBND-VP", "Kiến An, ngày 11 tháng 10 năm 2023", "V/v", "Kính gửi", "Như trên", "Nơi nhận"} {
		if !strings.Contains(letter, want) {
			t.Errorf("letter 3143 lacks %q", want)
		}
	}
	for _, p := range []string{"index.html", "van-ban/index.html", "don-vi/index.html", "don-vi/bac-son/in/index.html",
		"don-vi/bacson/index.html", "huong-dan/index.html", "404.html", "du-lieu/tien-do.json", "du-lieu/tien-do.csv",
		"qr/quan-tam.png", "qr/quan-tam.svg"} {
		if _, err := os.Stat(filepath.Join(out, p)); err != nil {
			t.Errorf("missing %s", p)
		}
	}
	acct, _ := os.ReadFile(filepath.Join(out, "qr/quan-tam.svg"))
	if got, err := qrtest.DecodeSVG(acct); err != nil || got != "https://zalo.me/0000000000000000000" {
		t.Errorf("account QR decodes to %q %v", got, err)
	}
}

// A build that fails on bad content leaves the previous output byte for
// byte as it was.
func TestFailedBuildKeepsOutput(t *testing.T) {
	site := t.TempDir()
	sitetest.Copy(t, "testdata/xa-thu", site)
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := build.Site(build.Options{Site: site, Out: out}, &diags); err != nil {
		t.Fatal(err)
	}
	before := sitetest.Files(t, out)
	os.WriteFile(filepath.Join(site, "content/reports/2024-02-02.toml"), []byte("followers = -1\n[units]\nthon-xx = 3\n"), 0o644)
	diags = diag.List{}
	_, err := build.Site(build.Options{Site: site, Out: out}, &diags)
	if err != build.ErrContent {
		t.Fatalf("err = %v", err)
	}
	msgs := fmt.Sprint(diags.Errors())
	if !strings.Contains(msgs, "content/reports/2024-02-02.toml:1:") || !strings.Contains(msgs, "thon-xx") {
		t.Errorf("errors do not point at the file: %s", msgs)
	}
	if after := sitetest.Files(t, out); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatal("the failed build changed the output")
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	// Beside the output: its lock, the list of the files Loa wrote, their
	// manifest, the sources as it read them, the parses of their Markdown,
	// the units' charts and the record of its folders.
	if fmt.Sprint(names) != "[.public.loa-charts .public.loa-charts.index .public.loa-docs .public.loa-files .public.loa-lock .public.loa-manifest .public.loa-read .public.loa-tree public]" {
		t.Fatalf("staging left behind: %v", names)
	}
}

// Every Markdown directive on a free page of the second site, its figures
// computed by the test from the TOML files.
func TestDirectivesOnAPage(t *testing.T) {
	const dir = "testdata/xa-thu"
	out := buildSite(t, dir)
	units, followers, latest := expected(t, dir)
	doc := readPage(t, out, "so-lieu/index.html")

	reported := 0
	for _, u := range units {
		if n := len(u.dates); n > 0 && u.dates[n-1] == latest {
			reported++
		}
	}
	want := map[string]string{
		"followers": viInt(followers),
		"reach":     viPct(float64(followers) / (6000 * 0.75)),
		"target":    viInt(4000),
		"units":     strconv.Itoa(len(units)),
		"reported":  strconv.Itoa(reported),
	}
	for name, value := range want {
		n := htmlq.First(doc, htmlq.Class("stat-"+name))
		if n == nil {
			t.Errorf("no ::stat %s", name)
			continue
		}
		if got := htmlq.Text(htmlq.First(n, htmlq.Class("stat-value"))); got != value {
			t.Errorf("::stat %s = %q, want %q", name, got, value)
		}
	}
	inline := htmlq.First(doc, htmlq.Class("stat-inline"))
	if inline == nil || htmlq.Text(inline) != want["reach"] || inline.Parent.Data != "p" {
		t.Errorf(":stat[reach] inline: %v", inline)
	}

	rows := htmlq.All(htmlq.First(doc, htmlq.Tag("table")), func(n *htmlq.Node) bool { return htmlq.Attr(n, "data-unit") != "" })
	if len(rows) != 4 {
		t.Errorf("::progress{group=thon} has %d unit rows, want 4", len(rows))
	}

	links := htmlq.All(htmlq.First(doc, htmlq.Class("directive-units")), htmlq.Tag("a"))
	if len(links) != 4 || htmlq.Attr(links[1], "href") != "/cong/zalo-oa/don-vi/thon-tay/" || htmlq.Text(links[1]) != "Thôn Tây Sơn" {
		t.Errorf("::units: %d links", len(links))
	}

	img := htmlq.First(htmlq.First(doc, htmlq.Class("directive-qr")), htmlq.Tag("img"))
	if img == nil || !strings.HasSuffix(htmlq.Attr(img, "src"), "/cong/zalo-oa/don-vi/thon-tay/qr.svg") ||
		!strings.Contains(htmlq.Attr(img, "alt"), "Thôn Tây Sơn") {
		t.Errorf("::qr{unit=tayson}: %v", img)
	}

	var dong *expectUnit
	for _, u := range units {
		if u.id == "thon-dong" {
			dong = u
		}
	}
	dots := htmlq.All(htmlq.First(doc, htmlq.Class("directive-chart")), htmlq.Tag("circle"))
	if len(dots) != len(dong.counts) {
		t.Fatalf("::chart{unit=thon-dong} has %d points, want %d", len(dots), len(dong.counts))
	}
	for i, dot := range dots {
		day, _ := time.Parse("2006-01-02", dong.dates[i])
		if got, want := htmlq.Text(dot), day.Format("02/01/2006")+": "+viInt(dong.counts[i]); got != want {
			t.Errorf("chart point %d: %q, want %q", i, got, want)
		}
	}

	code := htmlq.First(doc, htmlq.Tag("code"))
	if code == nil || htmlq.Text(code) != `::stat{name="followers"}` {
		t.Errorf("a directive in a code span must stay text: %v", code)
	}
}

// A build that no longer writes unit landing pages that the previous
// build into the folder wrote warns and names them, the first ten and how
// many more (issue 11, item 11): printed QR codes lead there. The unit
// pages of the previous build are taken from its list of files, which here
// claims thirteen units that the site no longer has.
func TestDroppedUnitPagesWarn(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	sitetest.Copy(t, "testdata/xa-thu", site)
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := build.Site(build.Options{Site: site, Out: out}, &diags); err != nil {
		t.Fatal(err, diags.Errors())
	}
	list := filepath.Join(filepath.Dir(out), ".public.loa-files")
	b, err := os.ReadFile(list)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), "\"don-vi/thon-tay/index.html\" unit\n") || !strings.Contains(string(b), "\"don-vi/tayson/index.html\" unit\n") {
		t.Fatalf("the list does not mark the unit and alias pages:\n%s", b)
	}
	var more strings.Builder
	for i := range 13 {
		fmt.Fprintf(&more, "\"don-vi/cu-%02d/index.html\" unit\n\"don-vi/cu-%02d/in/index.html\"\n", i, i)
	}
	os.WriteFile(list, append(b, more.String()...), 0o644)

	// Again, and once more: the second build drops nothing.
	for i, want := range []string{
		"content/units: warning: 13 unit landing page(s) of the previous output are gone: /don-vi/cu-00/, /don-vi/cu-01/, /don-vi/cu-02/, /don-vi/cu-03/, /don-vi/cu-04/, /don-vi/cu-05/, /don-vi/cu-06/, /don-vi/cu-07/, /don-vi/cu-08/, /don-vi/cu-09/, and 3 more. Printed QR codes may lead there",
		"",
	} {
		diags = diag.List{}
		if _, err := build.Site(build.Options{Site: site, Out: out, NoCache: true}, &diags); err != nil {
			t.Fatal(err, diags.Errors())
		}
		var got string
		for _, d := range diags.Warnings() {
			if strings.Contains(d.String(), "unit landing page") {
				got = d.String()
			}
		}
		if !strings.HasPrefix(got, want) || (want == "") != (got == "") {
			t.Errorf("build %d: warning %q, want %q", i+1, got, want)
		}
	}
}

package render

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/theme"
	"github.com/loa-vn/loa/generator/vi"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// The test site. Its report data is repeated in reportData below, from
// which the tests compute the figures the pages must show.

const testSiteToml = `title = "Cùng quan tâm Zalo OA quận Thử"
base_url = "https://thu.example.vn/zalo/"

[authority]
name = "Ủy ban nhân dân quận Thử"
header = ["ỦY BAN NHÂN DÂN", "QUẬN THỬ"]
place = "Thử"

[campaign]
name = "Quan tâm Zalo OA quận Thử"
channel = "UBND quận Thử"
follow_url = "https://zalo.me/1234567890"
target = 1000

[audience]
population_14plus = 10000
smartphone_share = 0.8
`

const phuongToml = `name = "UBND các phường"
order = 1

[[unit]]
id = "an-lac"
name = "UBND phường An Lạc"
short = "An Lạc"
target = 100
aliases = ["anlac"]

[[unit]]
id = "binh-minh"
name = "UBND phường Bình Minh"
target = 200

[[unit]]
id = "cau-giay"
name = "<script>alert(1)</script>"
target = 40

[[unit]]
id = "dong-tam"
name = "UBND phường Đồng Tâm"
target = 80
`

const truongToml = `name = "Các trường học"
order = 2

[[unit]]
id = "thcs-le-loi"
name = "Trường THCS Lê Lợi"
`

// reportData is the test's own copy of the reports: date -> unit -> count.
var reportData = []struct {
	date      string
	followers int64
	units     map[string]int64
}{
	{"2023-10-01", 50, map[string]int64{"an-lac": 10, "binh-minh": 5}},
	{"2023-10-08", 120, map[string]int64{"an-lac": 25, "cau-giay": 7, "thcs-le-loi": 3}},
}

var targets = map[string]int64{"an-lac": 100, "binh-minh": 200, "cau-giay": 40, "dong-tam": 80}

const congVan = `+++
kind = "Công văn"
number = "12/UBND-VP"
date = 2024-01-05
subject = 'Về việc "thử" & kiểm tra <b>'
to = ["phuong", "thcs-le-loi"]
cc = ["Chủ tịch UBND quận;", "Lưu: VT"]
sign = ["TM. Ủy ban nhân dân", "Chủ tịch"]
signer = "Nguyễn Văn Thử"

[[task]]
to = ["phuong"]
text = "Hướng dẫn người dân quan tâm trang."
due = 2024-02-01
+++

Đề nghị các đơn vị xem [tiến độ](/tien-do/) và [trang An Lạc](../../don-vi/an-lac/).

::progress{group="phuong"}

::qr{unit="anlac"}
`

const keHoach = `+++
kind = "Kế hoạch"
number = "3/KH-UBND"
date = 2023-10-02
subject = "Triển khai chiến dịch"
to = ["binh-minh"]
cc = ["Lưu: VT"]
sign = ["Chủ tịch"]
signer = "Trần Thị Mẫu"
+++

Kế hoạch có :stat[reach] người dân đã quan tâm.
`

const huongDan = `+++
title = "Hướng dẫn"
weight = 1
+++

:::note[Lưu ý]
Quan tâm là miễn phí.
:::

::units{group="phuong"}

::chart{unit="an-lac"}

::stat{name="followers"}

Xem [trang chủ](https://thu.example.vn/zalo/) và [Zalo](https://zalo.me/).
`

func testFiles() map[string]string {
	files := map[string]string{
		"site.toml":                      testSiteToml,
		"content/_index.md":              "Chào mừng bạn.\n\n::stat{name=\"reach\"}\n",
		"content/units/phuong.toml":      phuongToml,
		"content/units/truong.toml":      truongToml,
		"content/directives/cong-van.md": congVan,
		"content/directives/ke-hoach.md": keHoach,
		"content/huong-dan.md":           huongDan,
		"content/gioi-thieu.md":          "+++\ntitle = \"Giới thiệu\"\nweight = 2\n+++\n\nTrang giới thiệu.\n",
	}
	for _, r := range reportData {
		var b strings.Builder
		fmt.Fprintf(&b, "followers = %d\n\n[units]\n", r.followers)
		ids := make([]string, 0, len(r.units))
		for id := range r.units {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		for _, id := range ids {
			fmt.Fprintf(&b, "%s = %d\n", id, r.units[id])
		}
		files["content/reports/"+r.date+".toml"] = b.String()
	}
	return files
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	sitetest.Write(t, dir, files)
	return dir
}

// model reads the site in dir and builds its model, failing on errors.
func model(t *testing.T, dir string) *campaign.Campaign {
	t.Helper()
	var diags diag.List
	c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
	if diags.HasErrors() {
		t.Fatalf("the test site has errors:\n%v", diags.Err())
	}
	return c
}

// renderSite renders the site in dir into memory.
func renderSite(t *testing.T, dir string, opts Options) (*memSink, []diag.Diagnostic, error) {
	t.Helper()
	var diags diag.List
	c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
	if diags.HasErrors() {
		t.Fatalf("the test site has errors before rendering:\n%v", diags.Err())
	}
	if opts.Theme == nil {
		th, err := theme.Load(dir, c.Site.Theme)
		if err != nil {
			t.Fatal(err)
		}
		opts.Theme = th
	}
	sink := newMemSink()
	err := Site(c, opts, sink, &diags)
	return sink, diags.Errors(), err
}

// rendered renders the test site and fails on any error.
func rendered(t *testing.T) *memSink {
	t.Helper()
	sink, errs, err := renderSite(t, writeSite(t, testFiles()), Options{})
	if err != nil || len(errs) > 0 {
		t.Fatalf("render: %v %v", err, errs)
	}
	return sink
}

func (s *memSink) page(t *testing.T, path string) *html.Node {
	t.Helper()
	data, ok := s.files[path]
	if !ok {
		t.Fatalf("%s was not written", path)
	}
	return parse(t, data)
}

func TestEveryURLOfTheTable(t *testing.T) {
	sink := rendered(t)
	want := []string{
		"index.html",
		"van-ban/index.html",
		"van-ban/cong-van/index.html",
		"van-ban/ke-hoach/index.html",
		"don-vi/index.html",
		"don-vi/phuong/index.html", // the groups' pages
		"don-vi/truong/index.html",
		"tien-do/index.html",
		"huong-dan/index.html",
		"gioi-thieu/index.html",
		"404.html",
		"qr/quan-tam.png",
		"qr/quan-tam.svg",
		"static/style.css",
		"static/favicon.svg",
		"don-vi/anlac/index.html",     // the alias
		"don-vi/phuong/in/index.html", // the posters of each group
		"don-vi/truong/in/index.html",
		"bao-cao/index.html", // the leaders' report of every period
		"bao-cao/2023-10-01/index.html",
		"bao-cao/2023-10-08/index.html",
	}
	for _, id := range []string{"an-lac", "binh-minh", "cau-giay", "dong-tam", "thcs-le-loi"} {
		want = append(want,
			"don-vi/"+id+"/index.html",
			"don-vi/"+id+"/qr.png",
			"don-vi/"+id+"/qr.svg",
			"don-vi/"+id+"/in/index.html")
	}
	for _, p := range want {
		if _, ok := sink.files[p]; !ok {
			t.Errorf("%s was not written", p)
		}
	}
	if len(sink.files) != len(want) {
		t.Errorf("%d files written, want %d: %v", len(sink.files), len(want), sink.paths())
	}
	if !bytes.HasPrefix(sink.files["don-vi/an-lac/qr.png"], []byte("\x89PNG")) {
		t.Error("qr.png is not a PNG")
	}
	if !bytes.Contains(sink.files["don-vi/an-lac/qr.svg"], []byte("https://thu.example.vn/zalo/don-vi/an-lac/")) {
		t.Error("the unit's QR should encode its absolute landing URL")
	}
	if !bytes.Contains(sink.files["qr/quan-tam.svg"], []byte("https://zalo.me/1234567890")) {
		t.Error("the account QR should encode follow_url")
	}
}

func TestEveryPageHasTheBasics(t *testing.T) {
	sink := rendered(t)
	for _, p := range sink.paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc := sink.page(t, p)
		h := first(t, doc, "<html>", byTag("html"))
		if attr(h, "lang") != "vi" {
			t.Errorf("%s: lang=%q", p, attr(h, "lang"))
		}
		canon := findAll(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "canonical" })
		if len(canon) != 1 || !strings.HasPrefix(attr(canon[0], "href"), "https://thu.example.vn/zalo/") {
			t.Errorf("%s: canonical link %v", p, texts(canon))
		}
		if titles := findAll(doc, byTag("title")); len(titles) == 0 || text(titles[0]) == "" {
			t.Errorf("%s: no title", p)
		}
		if strings.HasPrefix(p, "don-vi/anlac/") {
			continue // the alias page has no layout
		}
		first(t, doc, "main#noi-dung", func(n *html.Node) bool { return n.Data == "main" && attr(n, "id") == "noi-dung" })
		first(t, doc, "viewport meta", func(n *html.Node) bool { return n.Data == "meta" && attr(n, "name") == "viewport" })
		first(t, doc, "description meta", func(n *html.Node) bool { return n.Data == "meta" && attr(n, "name") == "description" })
		icon := first(t, doc, "icon", func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "icon" })
		if !strings.HasPrefix(attr(icon, "href"), "/zalo/static/") {
			t.Errorf("%s: icon at %q", p, attr(icon, "href"))
		}
		nav := first(t, doc, "nav", byTag("nav"))
		if got := strings.Join(texts(findAll(nav, byTag("a"))), " | "); got != "Trang chủ | Văn bản | Đơn vị | Tiến độ | Hướng dẫn | Giới thiệu" {
			t.Errorf("%s: menu %q", p, got)
		}
	}
}

func TestDirectivePage(t *testing.T) {
	sink := rendered(t)
	doc := sink.page(t, "van-ban/cong-van/index.html")
	vb := first(t, doc, "document", byClass("van-ban"))
	if got := text(first(t, vb, "national title", byClass("vb-qh"))); got != "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" {
		t.Errorf("national title %q", got)
	}
	if got := text(first(t, vb, "motto", byClass("vb-tieu-ngu"))); got != "Độc lập - Tự do - Hạnh phúc" {
		t.Errorf("motto %q", got)
	}
	if got := texts(findAll(first(t, vb, "authority", byClass("vb-ten-co-quan")), byClass("vb-dong"))); strings.Join(got, "|") != "ỦY BAN NHÂN DÂN|QUẬN THỬ" {
		t.Errorf("authority lines %q", got)
	}
	if got := text(first(t, vb, "number", byClass("vb-so"))); got != "Số: 12/UBND-VP" {
		t.Errorf("number %q", got)
	}
	if got := text(first(t, vb, "V/v", byClass("vb-vv"))); got != `V/v Về việc "thử" & kiểm tra <b>` {
		t.Errorf("V/v %q", got)
	}
	if got := text(first(t, vb, "place and date", byClass("vb-dia-danh"))); got != "Thử, ngày 05 tháng 01 năm 2024" {
		t.Errorf("place and date %q", got)
	}
	if len(findAll(vb, byClass("vb-loai"))) != 0 {
		t.Error("a công văn has no kind title")
	}
	kg := first(t, vb, "Kính gửi", byClass("vb-kinh-gui"))
	names := texts(findAll(kg, byClass("vb-kg-ten")))
	if strings.Join(names, "|") != "- UBND các phường;|- Trường THCS Lê Lợi." {
		t.Errorf("recipients %q, want one per line", names)
	}
	for _, n := range findAll(kg, byClass("vb-kg-ten")) {
		if n.Data != "li" {
			t.Errorf("recipient %q is a <%s>, not a line of its own", text(n), n.Data)
		}
	}
	nn := first(t, vb, "Nơi nhận", byClass("vb-noi-nhan"))
	if got := text(first(t, nn, "Nơi nhận label", byClass("vb-nn-nhan"))); got != "Nơi nhận:" {
		t.Errorf("label %q", got)
	}
	if got := texts(findAll(nn, byTag("li"))); strings.Join(got, "|") != "- Như trên;|- Chủ tịch UBND quận;|- Lưu: VT." {
		t.Errorf("Nơi nhận %q", got)
	}
	if got := texts(findAll(first(t, vb, "signature", byClass("vb-quyen-han")), byClass("vb-dong"))); strings.Join(got, "|") != "TM. ỦY BAN NHÂN DÂN|CHỦ TỊCH" {
		t.Errorf("sign lines %q", got)
	}
	if got := text(first(t, vb, "signer", byClass("vb-nguoi-ky"))); got != "Nguyễn Văn Thử" {
		t.Errorf("signer %q", got)
	}
	tasks := text(first(t, vb, "tasks", byClass("vb-nhiem-vu")))
	for _, want := range []string{"Hướng dẫn người dân quan tâm trang.", "UBND các phường", "01/02/2024"} {
		if !strings.Contains(tasks, want) {
			t.Errorf("tasks %q lack %q", tasks, want)
		}
	}
	// The body's ::qr{unit="anlac"} resolved the alias.
	img := first(t, vb, "QR image", byTag("img"))
	if attr(img, "src") != "/zalo/don-vi/an-lac/qr.svg" || attr(img, "alt") != "Mã QR để quan tâm UBND quận Thử từ UBND phường An Lạc" {
		t.Errorf("qr img src=%q alt=%q", attr(img, "src"), attr(img, "alt"))
	}
	// Links in the body work under the base path.
	var hrefs []string
	for _, a := range findAll(first(t, vb, "body", byClass("vb-noi-dung")), byTag("a")) {
		hrefs = append(hrefs, attr(a, "href"))
	}
	if !contains(hrefs, "/zalo/tien-do/") || !contains(hrefs, "../../don-vi/an-lac/") {
		t.Errorf("body links %q", hrefs)
	}
	style := text(first(t, doc, "print style", func(n *html.Node) bool { return n.Data == "style" && attr(n, "media") == "print" }))
	if !strings.Contains(style, "size: A4") || !strings.Contains(style, "margin: 20mm 15mm 20mm 30mm") {
		t.Errorf("print style %q", style)
	}

	// A kế hoạch: the kind in capitals with the subject below; one recipient on the Kính gửi line.
	doc = sink.page(t, "van-ban/ke-hoach/index.html")
	vb = first(t, doc, "document", byClass("van-ban"))
	if got := text(first(t, vb, "kind", byClass("vb-loai"))); got != "KẾ HOẠCH" {
		t.Errorf("kind %q", got)
	}
	if got := text(first(t, vb, "subject", byClass("vb-trich-yeu"))); got != "Triển khai chiến dịch" {
		t.Errorf("subject %q", got)
	}
	if len(findAll(vb, byClass("vb-vv"))) != 0 {
		t.Error("a kế hoạch has no V/v line")
	}
	if got := text(first(t, vb, "Kính gửi", byClass("vb-kinh-gui"))); got != "Kính gửi: UBND phường Bình Minh." {
		t.Errorf("single recipient %q", got)
	}
	if got := text(first(t, vb, "date", byClass("vb-dia-danh"))); got != "Thử, ngày 02 tháng 10 năm 2023" {
		t.Errorf("date %q", got)
	}
	// :stat[reach] inline in a letter of 02/10/2023 keeps the figures of
	// its date, the report of 01/10: 50 / (10000 × 0.8) = 0,6% (the latest,
	// 120 of 08/10, would be 1,5%).
	if got := text(first(t, vb, "inline stat", byClass("stat-inline"))); got != "0,6%" {
		t.Errorf("inline stat %q", got)
	}
}

func TestDirectivesListNewestFirst(t *testing.T) {
	sink := rendered(t)
	doc := sink.page(t, "van-ban/index.html")
	var got []string
	for _, a := range findAll(first(t, doc, "list", byClass("doc-list")), byTag("a")) {
		got = append(got, attr(a, "href"))
	}
	if strings.Join(got, " ") != "/zalo/van-ban/cong-van/ /zalo/van-ban/ke-hoach/" {
		t.Errorf("directives %q", got)
	}
}

func TestLandingPage(t *testing.T) {
	sink := rendered(t)
	doc := sink.page(t, "don-vi/an-lac/index.html")
	if got := text(first(t, doc, "h1", byTag("h1"))); got != "UBND phường An Lạc" {
		t.Errorf("h1 %q", got)
	}
	follow := findAll(doc, func(n *html.Node) bool { return n.Data == "a" && text(n) == "Quan tâm" })
	if len(follow) != 1 || attr(follow[0], "href") != "https://zalo.me/1234567890" || attr(follow[0], "rel") != "noopener" {
		t.Fatalf("follow button %v", follow)
	}
	imgs := findAll(doc, byTag("img"))
	if len(imgs) == 0 || attr(imgs[0], "src") != "/zalo/qr/quan-tam.svg" || attr(imgs[0], "alt") == "" {
		t.Errorf("account QR missing: %v", imgs)
	}
	steps := findAll(first(t, doc, "steps", byClass("steps")), byTag("li"))
	if len(steps) != 3 || !strings.Contains(text(steps[0]), "Zalo") || !strings.Contains(text(steps[2]), "Quan tâm") {
		t.Errorf("steps %q", texts(steps))
	}
	progress := text(first(t, doc, "progress", byClass("unit-progress")))
	for _, want := range []string{"25 người quan tâm / chỉ tiêu 100", "đạt 25,0% chỉ tiêu", "Cập nhật ngày 08/10/2023", "+15"} {
		if !strings.Contains(progress, want) {
			t.Errorf("progress %q lacks %q", progress, want)
		}
	}
	first(t, doc, "chart", func(n *html.Node) bool { return n.Data == "svg" && attr(n, "role") == "img" })
	tasks := text(first(t, doc, "tasks", byClass("task-list")))
	if !strings.Contains(tasks, "Hướng dẫn người dân quan tâm trang.") {
		t.Errorf("tasks %q", tasks)
	}
	poster := findAll(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/zalo/don-vi/an-lac/in/" })
	if len(poster) != 1 {
		t.Error("no link to the poster")
	}

	// A unit no report lists.
	doc = sink.page(t, "don-vi/dong-tam/index.html")
	up := first(t, doc, "progress", byClass("unit-progress"))
	if got := text(up); !strings.Contains(got, "chưa báo cáo") || len(findAll(up, byClass("value"))) > 0 {
		t.Errorf("unreported unit: %q", got)
	}
}

func TestPosterAndAlias(t *testing.T) {
	sink := rendered(t)
	doc := sink.page(t, "don-vi/an-lac/in/index.html")
	p := first(t, doc, "poster", byClass("poster"))
	if text(first(t, p, "h1", byTag("h1"))) != "UBND phường An Lạc" {
		t.Error("poster title")
	}
	if attr(first(t, p, "qr", byTag("img")), "src") != "/zalo/don-vi/an-lac/qr.svg" {
		t.Error("poster QR")
	}
	if !strings.Contains(text(p), "https://thu.example.vn/zalo/don-vi/an-lac/") {
		t.Error("poster should print the landing URL")
	}
	style := text(first(t, doc, "print style", func(n *html.Node) bool { return n.Data == "style" && attr(n, "media") == "print" }))
	if !strings.Contains(style, "size: A4") || !strings.Contains(style, "margin: 15mm") {
		t.Errorf("print style %q", style)
	}

	doc = sink.page(t, "don-vi/anlac/index.html")
	refresh := first(t, doc, "refresh", func(n *html.Node) bool { return n.Data == "meta" && attr(n, "http-equiv") == "refresh" })
	if attr(refresh, "content") != "0; url=/zalo/don-vi/an-lac/" {
		t.Errorf("refresh %q", attr(refresh, "content"))
	}
	canon := first(t, doc, "canonical", func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "canonical" })
	if attr(canon, "href") != "https://thu.example.vn/zalo/don-vi/an-lac/" {
		t.Errorf("canonical %q", attr(canon, "href"))
	}
	// The link is a path on the same host (serve's preview stays on the
	// preview), and shows the full address.
	if len(findAll(doc, func(n *html.Node) bool {
		return n.Data == "a" && attr(n, "href") == "/zalo/don-vi/an-lac/" && text(n) == attr(canon, "href")
	})) != 1 {
		t.Error("the alias page needs a visible link")
	}
}

// expected computes, from reportData alone, what the progress table must
// show for a unit: count, target, rate, change, or "chưa báo cáo". The
// change is the count at the latest report minus the count at the report
// before (carried forward, 0 before the first), as docs/format.md says.
func expected(id string) (count, target, rate, change string) {
	var history []int64 // the count at every report, carried forward
	var counted []bool
	for _, r := range reportData {
		n, ok := r.units[id]
		if !ok && len(history) > 0 {
			n, ok = history[len(history)-1], counted[len(counted)-1]
		}
		history, counted = append(history, n), append(counted, ok)
	}
	if !counted[len(counted)-1] {
		history = nil
	}
	target = "–"
	if targets[id] > 0 {
		target = vi.Int(targets[id])
	}
	if len(history) == 0 {
		return "chưa báo cáo", target, "–", "–"
	}
	last := history[len(history)-1]
	count = vi.Int(last)
	rate, change = "–", "–"
	if targets[id] > 0 {
		rate = vi.Percent(float64(last)/float64(targets[id]), 1)
	}
	if len(history) > 1 {
		change = vi.Signed(last - history[len(history)-2])
	}
	return count, target, rate, change
}

func TestProgressTables(t *testing.T) {
	sink := rendered(t)
	doc := sink.page(t, "tien-do/index.html")
	tables := findAll(doc, byClass("progress-table"))
	if len(tables) != 2 {
		t.Fatalf("%d progress tables, want one per group", len(tables))
	}
	if got := text(first(t, tables[0], "caption", byTag("caption"))); got != "UBND các phường" {
		t.Errorf("caption %q", got)
	}
	heads := texts(findAll(first(t, tables[0], "thead", byTag("thead")), byTag("th")))
	if strings.Join(heads, "|") != "STT|Đơn vị|Chỉ tiêu|Đã đạt|Tỷ lệ|Tăng so với kỳ trước" {
		t.Errorf("headers %q", heads)
	}
	for _, th := range findAll(tables[0], byTag("th")) {
		if attr(th, "scope") == "" {
			t.Errorf("<th>%s</th> has no scope", text(th))
		}
	}
	seen := 0
	for _, table := range tables {
		for _, tr := range findAll(first(t, table, "tbody", byTag("tbody")), byTag("tr")) {
			id := attr(tr, "data-unit")
			cells := findAll(tr, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" })
			if len(cells) != 6 {
				t.Fatalf("%s: %d cells", id, len(cells))
			}
			count, target, rate, change := expected(id)
			got := texts(cells[2:])
			// A count older than the latest report carries its date.
			got[1] = strings.Split(got[1], " (")[0]
			want := []string{target, count, rate, change}
			if strings.Join(got, "|") != strings.Join(want, "|") {
				t.Errorf("%s: row %q, want %q", id, got, want)
			}
			seen++
		}
	}
	if seen != 5 {
		t.Errorf("%d unit rows, want 5", seen)
	}
	// binh-minh last reported on 01/10: its count says so.
	for _, tr := range findAll(doc, func(n *html.Node) bool { return attr(n, "data-unit") == "binh-minh" }) {
		if !strings.Contains(text(tr), "(ngày 01/10/2023; chưa báo cáo kỳ này)") {
			t.Errorf("stale count without its date: %q", text(tr))
		}
	}

	figures := text(first(t, doc, "figures", byClass("figures-block")))
	for _, want := range []string{"120", "1,5%", "1.000", "12,0%", "08/10/2023", "+70"} {
		if !strings.Contains(figures, want) {
			t.Errorf("headline figures %q lack %q", figures, want)
		}
	}
	hist := findAll(first(t, doc, "history", byClass("history-table")), byTag("tr"))
	if got := texts(hist[1:]); strings.Join(got, "|") != "08/10/2023 120 +70|01/10/2023 50 –" {
		t.Errorf("history %q", got)
	}
	svg := first(t, doc, "chart", func(n *html.Node) bool { return n.Data == "svg" })
	if attr(svg, "role") != "img" || len(findAll(svg, byTag("circle"))) != 2 || len(findAll(svg, byTag("polyline"))) != 1 {
		t.Error("chart: want role=img, a polyline and a circle per report")
	}
	labelled := strings.Fields(attr(svg, "aria-labelledby"))
	for _, id := range labelled {
		if len(findAll(svg, func(n *html.Node) bool { return attr(n, "id") == id })) != 1 {
			t.Errorf("aria-labelledby %q names no element", id)
		}
	}
}

func TestDirectivesInMarkdown(t *testing.T) {
	sink := rendered(t)
	doc := sink.page(t, "huong-dan/index.html")
	note := first(t, doc, "note", byClass("callout"))
	if got := text(note); got != "Lưu ý Quan tâm là miễn phí." {
		t.Errorf("note %q", got)
	}
	units := findAll(first(t, doc, "units", byClass("directive-units")), byTag("a"))
	if len(units) != 4 || attr(units[0], "href") != "/zalo/don-vi/an-lac/" || text(units[0]) != "UBND phường An Lạc" {
		t.Errorf("units %q", texts(units))
	}
	chart := first(t, doc, "chart", byClass("directive-chart"))
	if n := len(findAll(chart, byTag("circle"))); n != 2 {
		t.Errorf("an-lac's chart has %d points, want 2", n)
	}
	if got := text(first(t, doc, "stat", byClass("stat-value"))); got != "120" {
		t.Errorf("stat %q", got)
	}
	home := sink.page(t, "index.html")
	if got := text(first(t, home, "stat", byClass("stat-value"))); got != "1,5%" {
		t.Errorf("home stat %q", got)
	}
}

func TestEscaping(t *testing.T) {
	sink := rendered(t)
	for _, p := range sink.paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		doc := sink.page(t, p)
		if s := findAll(doc, byTag("script")); len(s) > 0 {
			t.Errorf("%s: a <script> element: %q", p, texts(s))
		}
		if b := findAll(doc, byTag("b")); len(b) > 0 && p == "van-ban/cong-van/index.html" {
			// The only <b> allowed is "Nơi nhận".
			for _, n := range b {
				if text(n) != "Nơi nhận:" {
					t.Errorf("%s: the subject's <b> became a tag", p)
				}
			}
		}
	}
	doc := sink.page(t, "don-vi/cau-giay/index.html")
	if got := text(first(t, doc, "h1", byTag("h1"))); got != "<script>alert(1)</script>" {
		t.Errorf("unit name shown as %q", got)
	}
	doc = sink.page(t, "van-ban/cong-van/index.html")
	if got := text(first(t, doc, "title", byTag("title"))); !strings.HasPrefix(got, `Về việc "thử" & kiểm tra <b>`) {
		t.Errorf("title %q", got)
	}
}

func TestDirectiveErrors(t *testing.T) {
	files := testFiles()
	files["content/loi.md"] = `+++
title = "Lỗi"
+++

::progres

::qr{unit="an-lc"}

::units

::progress{group="phuongg" colour="do"}

Xem [trang cũ](/don-vi/khong-co/) và ![ảnh](../static/khong-co.png).
`
	sink, errs, err := renderSite(t, writeSite(t, files), Options{})
	if err == nil {
		t.Fatal("no error")
	}
	var got []string
	for _, d := range errs {
		got = append(got, d.String())
	}
	want := []string{
		`content/loi.md:5:1: ::progres: unknown directive "progres" (did you mean "progress"?)`,
		`content/loi.md:7:6: ::qr: attribute "unit": no unit "an-lc" (did you mean "an-lac"?)`,
		`content/loi.md:9:1: ::units: missing attribute "group": write ::units{group="..."}`,
		`content/loi.md:11:28: ::progress: attribute "colour": unknown attribute`,
		`content/loi.md:13:5: link to a page that does not exist: /don-vi/khong-co/ (did you mean "/don-vi/dong-tam/"?)`,
		`content/loi.md:13:38: link to a file that does not exist: ../static/khong-co.png`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if sink.puts != 0 {
		t.Errorf("%d files written despite errors", sink.puts)
	}
}

func TestInternalLinks(t *testing.T) {
	c := model(t, writeSite(t, testFiles()))
	th, err := theme.Load(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	// The open data is another package's file, declared as build does.
	also := []Extra{{Paths: []string{"du-lieu/tien-do.json", "du-lieu/tien-do.csv"}}}
	r := &renderer{c: c, th: th, v: newViews(c), also: also}
	// Unparsed: the jobs are made, never run.
	r.home, r.pages, r.directives = nil, make([]*docRef, len(c.Pages)), make([]*docRef, len(c.Directives))
	r.plan(newPrepared(append([]job{{paths: also[0].Paths}}, r.jobs()...)))
	cases := []struct {
		dest, page string
		target     string
		internal   bool
	}{
		{"/van-ban/cong-van/", "", "van-ban/cong-van/", true},
		{"/zalo/van-ban/cong-van/", "", "van-ban/cong-van/", true},
		{"https://thu.example.vn/zalo/tien-do/#bang", "", "tien-do/", true},
		{"https://thu.example.vn/khac/", "", "", false},
		{"https://zalo.me/123", "", "", false},
		{"mailto:a@b.vn", "", "", false},
		{"#muc-1", "huong-dan/", "", false},
		{"../don-vi/an-lac/", "huong-dan/", "don-vi/an-lac/", true},
		{"don-vi/", "", "don-vi/", true},
		{"../../../x/", "van-ban/cong-van/", "..", true},
	}
	for _, tc := range cases {
		target, internal := r.internal(tc.dest, tc.page)
		if target != tc.target || internal != tc.internal {
			t.Errorf("internal(%q, %q) = %q, %v; want %q, %v", tc.dest, tc.page, target, internal, tc.target, tc.internal)
		}
	}
	for _, ok := range []string{"", "van-ban/cong-van/", "van-ban/cong-van", "don-vi/anlac/", "static/style.css", "du-lieu/tien-do.json", "qr/quan-tam.svg",
		"bao-cao/", "bao-cao/2023-10-08/", "don-vi/phuong/in/"} {
		if !r.exists(ok) {
			t.Errorf("%q should exist", ok)
		}
	}
	for _, missing := range []string{"van-ban/khong/", "..", "don-vi/an-lac/qr.jpg", "bao-cao/2023-10-09/", "don-vi/phuong/in/trang-2/"} {
		if r.exists(missing) {
			t.Errorf("%q should not exist", missing)
		}
	}
}

func TestDeterministic(t *testing.T) {
	dir := writeSite(t, testFiles())
	a, _, err := renderSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		b, _, err := renderSite(t, dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(a.files) != len(b.files) {
			t.Fatalf("%d files, then %d", len(a.files), len(b.files))
		}
		for p, data := range a.files {
			if !bytes.Equal(data, b.files[p]) {
				t.Fatalf("%s differs between two renders", p)
			}
		}
	}
}

func TestInject(t *testing.T) {
	const js = `<script>/* reload */</script>`
	sink, _, err := renderSite(t, writeSite(t, testFiles()), Options{Inject: js})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range sink.paths() {
		data := sink.files[p]
		if !strings.HasSuffix(p, ".html") {
			if bytes.Contains(data, []byte(js)) {
				t.Errorf("%s: injected into a non-HTML file", p)
			}
			continue
		}
		if !bytes.Contains(data, []byte(js+"</body>")) {
			t.Errorf("%s: nothing injected before </body>", p)
		}
	}
}

func TestSiteOverrideOfATemplate(t *testing.T) {
	files := testFiles()
	files["themes/default/templates/page.html"] = `{{template "base" .}}{{define "main"}}<h1 class="rieng">{{.Title}}</h1>{{.Body}}{{end}}`
	sink, _, err := renderSite(t, writeSite(t, files), Options{})
	if err != nil {
		t.Fatal(err)
	}
	doc := sink.page(t, "gioi-thieu/index.html")
	if got := text(first(t, doc, "overridden h1", byClass("rieng"))); got != "Giới thiệu" {
		t.Errorf("h1 %q", got)
	}
	// Pages the site did not override still come from the built-in theme.
	doc = sink.page(t, "tien-do/index.html")
	first(t, doc, "progress table", byClass("progress-table"))
}

func TestEmptySite(t *testing.T) {
	// No report, no directive, no page, no home text: every page still
	// renders, and says so instead of showing zeros.
	sink, errs, err := renderSite(t, writeSite(t, map[string]string{
		"site.toml":                 testSiteToml,
		"content/units/phuong.toml": phuongToml,
	}), Options{})
	if err != nil || len(errs) > 0 {
		t.Fatalf("%v %v", err, errs)
	}
	doc := sink.page(t, "tien-do/index.html")
	if got := text(first(t, doc, "figures", byClass("figures"))); !strings.Contains(got, "chưa có báo cáo") {
		t.Errorf("figures %q", got)
	}
	for _, tr := range findAll(first(t, doc, "table", byTag("tbody")), byTag("tr")) {
		if !strings.Contains(text(tr), "chưa báo cáo") {
			t.Errorf("row %q", text(tr))
		}
	}
	if got := text(first(t, doc, "chart", byClass("chart"))); got != "Chưa có số liệu báo cáo. Chỉ tiêu: 1.000." {
		t.Errorf("chart %q", got)
	}
	if got := text(first(t, sink.page(t, "van-ban/index.html"), "main", byTag("main"))); !strings.Contains(got, "Chưa có văn bản") {
		t.Errorf("directives %q", got)
	}
}

// TestLinksToOtherFiles checks that a link to a file that another package
// writes (Options.Also: the parts of a large site's sitemap) is a link that
// works, and that the same link without that file is reported.
func TestLinksToOtherFiles(t *testing.T) {
	files := testFiles()
	files["content/ban-do.md"] = "+++\ntitle = \"Bản đồ trang\"\n+++\n\nXem [phần 2](/sitemap-2.xml).\n"
	dir := writeSite(t, files)
	also := []Extra{{Paths: []string{"sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"}, Write: func(Sink) error { return nil }}}
	if _, errs, err := renderSite(t, dir, Options{SkipQR: true, Also: also}); err != nil || len(errs) > 0 {
		t.Errorf("with the sitemap's parts written: %v %v", err, errs)
	}
	_, errs, err := renderSite(t, dir, Options{SkipQR: true})
	if err == nil || len(errs) != 1 || !strings.Contains(errs[0].String(), "link to a page that does not exist: /sitemap-2.xml") {
		t.Errorf("without them: %v %v", err, errs)
	}
}

package render

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestGroupPage checks a group's page: every unit of the group with its
// progress, and what is addressed to the group or to one of its units.
func TestGroupPage(t *testing.T) {
	sink := rendered(t)
	doc := sink.page(t, "don-vi/phuong/index.html")
	if got := text(first(t, doc, "h1", byTag("h1"))); got != "UBND các phường" {
		t.Errorf("h1 %q", got)
	}
	table := first(t, doc, "progress table", byClass("progress-table"))
	var units []string
	for _, tr := range findAll(table, byTag("tr")) {
		if id := attr(tr, "data-unit"); id != "" {
			units = append(units, id)
		}
	}
	if fmt.Sprint(units) != "[an-lac binh-minh cau-giay dong-tam]" {
		t.Errorf("units of the table: %v", units)
	}
	body := text(doc)
	// cong-van is sent to the group, ke-hoach to binh-minh, one of its units.
	for _, want := range []string{"Hướng dẫn người dân quan tâm trang.", "Triển khai chiến dịch", `Về việc "thử" & kiểm tra <b>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the group's page does not show %q", want)
		}
	}
	// truong's page has cong-van (sent to thcs-le-loi) but no task.
	doc = sink.page(t, "don-vi/truong/index.html")
	if body := text(doc); !strings.Contains(body, "Về việc") || strings.Contains(body, "Hướng dẫn người dân") || strings.Contains(body, "Triển khai") {
		t.Errorf("truong's page: %s", body)
	}
	// /don-vi/ links to the group's page.
	found := false
	for _, a := range findAll(sink.page(t, "don-vi/index.html"), byTag("a")) {
		found = found || attr(a, "href") == "/zalo/don-vi/phuong/"
	}
	if !found {
		t.Error("/don-vi/ does not link to the group's page")
	}
}

// manyTasks is a site where every unit of phuong is sent more directives
// and tasks than a unit's page lists.
func manyTasks(n int) map[string]string {
	files := testFiles()
	for i := range n {
		files[fmt.Sprintf("content/directives/cv-%02d.md", i)] = fmt.Sprintf(`+++
kind = "Công văn"
number = "%d/UBND"
date = 2024-03-%02d
subject = "Văn bản số %02d"
to = ["phuong"]
cc = ["Lưu: VT"]
sign = ["Chủ tịch"]
signer = "A"

[[task]]
to = ["phuong"]
text = "Nhiệm vụ số %02d."
+++

Nội dung.
`, 100+i, i+1, i, i)
	}
	return files
}

// TestUnitPageListsTheMostRecent checks that a unit's page lists the
// unitListMax most recent tasks and directives and links to its group's
// page, which lists all of them.
func TestUnitPageListsTheMostRecent(t *testing.T) {
	const n = 14 // and cong-van (a task) and ke-hoach (to binh-minh)
	sink, errs, err := renderSite(t, writeSite(t, manyTasks(n)), Options{SkipQR: true})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	unit := sink.page(t, "don-vi/an-lac/index.html")
	tasks := findAll(first(t, unit, "tasks", byClass("task-list")), byTag("li"))
	docs := findAll(first(t, unit, "directives", byClass("doc-list")), byTag("li"))
	if len(tasks) != unitListMax || len(docs) != unitListMax {
		t.Fatalf("%d tasks and %d directives on the unit's page, want %d of each", len(tasks), len(docs), unitListMax)
	}
	// Newest first: the directives of March, 14 down to 5.
	if got := text(tasks[0]); !strings.Contains(got, "Nhiệm vụ số 13.") {
		t.Errorf("first task %q", got)
	}
	if got := text(tasks[unitListMax-1]); !strings.Contains(got, "Nhiệm vụ số 04.") {
		t.Errorf("last task %q", got)
	}
	var more []string
	for _, p := range findAll(unit, byClass("more")) {
		more = append(more, text(p))
		if a := first(t, p, "link", byTag("a")); !strings.HasPrefix(attr(a, "href"), "/zalo/don-vi/phuong/#") {
			t.Errorf("more link %q", attr(a, "href"))
		}
	}
	// 14 + cong-van's task: 5 more; 14 + cong-van: 5 more directives.
	if len(more) != 2 || !strings.Contains(more[0], "5 nhiệm vụ") || !strings.Contains(more[1], "5 văn bản") {
		t.Errorf("more: %q", more)
	}
	group := sink.page(t, "don-vi/phuong/index.html")
	gtasks := findAll(first(t, group, "tasks", byClass("task-list")), byTag("li"))
	gdocs := findAll(first(t, group, "directives", byClass("doc-list")), byTag("li"))
	// ke-hoach (to binh-minh, no task) is on the group's page too.
	if len(gtasks) != n+1 || len(gdocs) != n+2 {
		t.Errorf("the group's page lists %d tasks and %d directives, want %d and %d", len(gtasks), len(gdocs), n+1, n+2)
	}
	// A unit with few stays whole and has no link.
	if p := findAll(sink.page(t, "don-vi/thcs-le-loi/index.html"), byClass("more")); len(p) != 0 {
		t.Error("thcs-le-loi has a more link")
	}
}

// TestSplitSite checks a site with more units than splitUnits: groups,
// not units, on /tien-do/, /don-vi/ and in ::progress.
func TestSplitSite(t *testing.T) {
	defer func(n int) { splitUnits = n }(splitUnits)
	splitUnits = 3
	files := testFiles()
	files["content/_index.md"] = "Chào.\n\n::progress\n"
	sink, errs, err := renderSite(t, writeSite(t, files), Options{SkipQR: true})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	for _, p := range []string{"tien-do/index.html", "index.html"} {
		tables := findAll(sink.page(t, p), byClass("progress-table"))
		if len(tables) != 1 {
			t.Fatalf("%s: %d progress tables, want the table of groups", p, len(tables))
		}
		var rows []string
		for _, tr := range findAll(tables[0], byTag("tr")) {
			if id := attr(tr, "data-unit"); id != "" {
				a := first(t, tr, "link", byTag("a"))
				rows = append(rows, id+" "+attr(a, "href")+" "+text(a))
			}
		}
		want := "[phuong /zalo/don-vi/phuong/ UBND các phường truong /zalo/don-vi/truong/ Các trường học]"
		if fmt.Sprint(rows) != want {
			t.Errorf("%s: rows %v", p, rows)
		}
		// The total: 25 + 5 + 7 (an-lac, binh-minh's older count,
		// cau-giay) + 3, of targets 420 + 0.
		tfoot := first(t, tables[0], "tfoot", byTag("tfoot"))
		if got := strings.Join(strings.Fields(text(tfoot)), " "); !strings.HasPrefix(got, "Cộng 420 40 9,5%") {
			t.Errorf("%s: total %q", p, got)
		}
	}
	units := sink.page(t, "don-vi/index.html")
	if n := len(findAll(units, byClass("unit-links"))); n != 0 {
		t.Errorf("/don-vi/ lists units (%d lists)", n)
	}
	links := 0
	for _, a := range findAll(units, byTag("a")) {
		if h := attr(a, "href"); h == "/zalo/don-vi/phuong/" || h == "/zalo/don-vi/truong/" {
			links++
		}
	}
	if links != 2 {
		t.Errorf("/don-vi/ has %d links to group pages, want 2", links)
	}
	// The group's page still lists every unit, and ::progress{group} too.
	if n := len(findAll(sink.page(t, "don-vi/phuong/index.html"), func(n *html.Node) bool { return attr(n, "data-unit") != "" })); n != 4 {
		t.Errorf("the group's page lists %d units, want 4", n)
	}
}

// TestGroupPages checks a group of more units than a page lists: its units
// spread over pages in order, each counted once, the pages linked both
// ways, the tasks and directives on the first, and every page in Pages.
func TestGroupPages(t *testing.T) {
	defer func(n int) { groupPageRows = n }(groupPageRows)
	groupPageRows = 3 // phuong has 4 units: 2 pages; truong has 2: 1
	dir := writeSite(t, testFiles())
	sink, errs, err := renderSite(t, dir, Options{SkipQR: true})
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	pages := map[string]string{"don-vi/phuong/": "", "don-vi/phuong/trang-2/": ""}
	var units []string
	for i, path := range []string{"don-vi/phuong/", "don-vi/phuong/trang-2/"} {
		doc := sink.page(t, path+"index.html")
		for _, tr := range findAll(first(t, doc, "progress table", byClass("progress-table")), byTag("tr")) {
			if id := attr(tr, "data-unit"); id != "" {
				units = append(units, id)
				if stt := text(first(t, tr, "STT", byTag("td"))); stt != fmt.Sprint(len(units)) {
					t.Errorf("%s: %s is number %s, want %d", path, id, stt, len(units))
				}
			}
		}
		pages[path] = text(first(t, doc, "title", byTag("title")))
		pagers := findAll(doc, byClass("pager"))
		if len(pagers) != 2 || attr(pagers[0], "aria-label") == attr(pagers[1], "aria-label") {
			t.Fatalf("%s: %d pagers, want one above and one below the table, named apart", path, len(pagers))
		}
		pager := pagers[1]
		var links []string
		for _, a := range findAll(pager, byTag("a")) {
			links = append(links, attr(a, "rel")+" "+attr(a, "href"))
		}
		want := []string{" /zalo/don-vi/phuong/trang-2/", "next /zalo/don-vi/phuong/trang-2/"}
		if i == 1 {
			want = []string{"prev /zalo/don-vi/phuong/", " /zalo/don-vi/phuong/"}
		}
		if fmt.Sprint(links) != fmt.Sprint(want) {
			t.Errorf("%s: pager links %q, want %q", path, links, want)
		}
		if cur := text(first(t, pager, "current page", byTag("span"))); cur != fmt.Sprint(i+1) {
			t.Errorf("%s: current page %q", path, cur)
		}
		// The tasks and directives are on the first page only.
		if tasks := findAll(doc, byClass("task-list")); (len(tasks) == 1) != (i == 0) {
			t.Errorf("%s: %d task lists", path, len(tasks))
		}
	}
	if fmt.Sprint(units) != "[an-lac binh-minh cau-giay dong-tam]" {
		t.Errorf("units over the pages: %v", units)
	}
	if pages["don-vi/phuong/"] == pages["don-vi/phuong/trang-2/"] {
		t.Errorf("both pages are titled %q", pages["don-vi/phuong/"])
	}
	// A group that fits one page has no pager and no second page.
	if p := findAll(sink.page(t, "don-vi/truong/index.html"), byClass("pager")); len(p) != 0 {
		t.Error("truong's page has a pager")
	}
	if _, ok := sink.files["don-vi/truong/trang-2/index.html"]; ok {
		t.Error("truong has a second page")
	}
	// Pages (and so the sitemap and serve) knows every page written.
	var listed []string
	for _, p := range Pages(model(t, dir)) {
		if p.Kind == "group" {
			listed = append(listed, fmt.Sprintf("%s%d", p.Path, p.Number))
			if _, ok := sink.files[p.File]; !ok {
				t.Errorf("Pages lists %s, not written", p.File)
			}
		}
	}
	if got := strings.Join(listed, " "); !strings.Contains(got, "don-vi/phuong/1 don-vi/phuong/trang-2/2") {
		t.Errorf("group pages listed: %s", got)
	}
}

package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"github.com/loa-vn/loa/generator/internal/htmlq"
)

// This file holds the last leg of TestReportCycleOnTheExampleSite: the
// site is built after the import, and the leaders' report of the new date
// (page and open data) is checked against figures worked out here from the
// site's TOML files alone, by the rule of docs/format.md "Figures of a
// period". Nothing here calls the generator's campaign or period packages.

// cycleUnit is one unit as the TOML files give it, with its figures at the
// report date worked out by the test.
type cycleUnit struct {
	ID, Name, Short, Group, GroupName string
	Target                            int64

	Listed    bool  // the report of the date lists it
	HasCount  bool  // some report on or before the date lists it
	Count     int64 // its count at the date
	From      string
	Before    int64 // its count at the previous date (0 if none)
	HasChange bool
	Change    int64
	Rank      int // 0 without a share
}

type cycleGroup struct {
	ID, Name                string
	Units, Reported         int
	Count, CountBefore      int64
	HasChange               bool
	Change                  int64
	UnitChanges             int64
	members                 []*cycleUnit
	hasCountBefore, counted bool
}

type cycleReport struct {
	Date      string
	Followers int64
	Units     map[string]int64
}

// cycleFigures are the figures of one report date worked out from the TOML.
type cycleFigures struct {
	Date, Previous  string
	HasPrevious     bool
	Followers       int64
	FollowersChange int64
	Reach           float64
	HasReach        bool
	Units           []*cycleUnit // site order
	Groups          []*cycleGroup
	Ranked          []*cycleUnit
	NotReported     []string
	Dropped         []string
	Ties            []string // pairs of units with the same share, for the log
	Chart           []string // "13/10/2023: 41", one per report up to the date
}

// expectedFigures reads dir's site.toml, content/units/*.toml and
// content/reports/*.toml and works out the figures of the report of date.
func expectedFigures(t *testing.T, dir, date string) *cycleFigures {
	t.Helper()
	var site struct {
		Audience *struct {
			Population14Plus int64   `toml:"population_14plus"`
			SmartphoneShare  float64 `toml:"smartphone_share"`
		}
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "site.toml"), &site); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	type groupFile struct {
		id    string
		Name  string
		Order int
		Unit  []struct {
			ID, Name, Short string
			Target          int64
		}
	}
	var gfs []groupFile
	for _, f := range files {
		var g groupFile
		if _, err := toml.DecodeFile(f, &g); err != nil {
			t.Fatal(err)
		}
		g.id = strings.TrimSuffix(filepath.Base(f), ".toml")
		gfs = append(gfs, g)
	}
	sort.SliceStable(gfs, func(i, j int) bool { return gfs[i].Order < gfs[j].Order })

	files, _ = filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	var reports []cycleReport
	for _, f := range files {
		var r cycleReport
		if _, err := toml.DecodeFile(f, &r); err != nil {
			t.Fatal(err)
		}
		r.Date = strings.TrimSuffix(filepath.Base(f), ".toml")
		reports = append(reports, r)
	}
	sort.Slice(reports, func(i, j int) bool { return reports[i].Date < reports[j].Date })
	at := -1
	for i, r := range reports {
		if r.Date == date {
			at = i
		}
	}
	if at < 0 {
		t.Fatalf("no report of %s in %s", date, dir)
	}
	// countAt is a unit's count in the latest report on or before the
	// report of index i that lists it, and that report's date.
	countAt := func(id string, i int) (int64, string, bool) {
		for ; i >= 0; i-- {
			if n, ok := reports[i].Units[id]; ok {
				return n, reports[i].Date, true
			}
		}
		return 0, "", false
	}

	fig := &cycleFigures{Date: date, Followers: reports[at].Followers}
	if at > 0 {
		fig.Previous, fig.HasPrevious = reports[at-1].Date, true
		fig.FollowersChange = reports[at].Followers - reports[at-1].Followers
	}
	for _, r := range reports[:at+1] {
		fig.Chart = append(fig.Chart, viDate(r.Date)+": "+viNum(r.Followers))
	}
	if a := site.Audience; a != nil {
		fig.Reach, fig.HasReach = float64(fig.Followers)/(float64(a.Population14Plus)*a.SmartphoneShare), true
	}
	for _, gf := range gfs {
		g := &cycleGroup{ID: gf.id, Name: gf.Name, Units: len(gf.Unit)}
		for _, x := range gf.Unit {
			u := &cycleUnit{ID: x.ID, Name: x.Name, Short: x.Short, Group: gf.id, GroupName: gf.Name, Target: x.Target}
			_, u.Listed = reports[at].Units[x.ID]
			u.Count, u.From, u.HasCount = countAt(x.ID, at)
			if at > 0 {
				var had bool
				u.Before, _, had = countAt(x.ID, at-1)
				g.hasCountBefore = g.hasCountBefore || had
				g.CountBefore += u.Before
			}
			if u.HasCount && at > 0 {
				u.Change, u.HasChange = u.Count-u.Before, true
				g.UnitChanges += u.Change
			}
			if u.Listed {
				g.Reported++
			} else {
				fig.NotReported = append(fig.NotReported, u.ID)
			}
			if u.HasChange && u.Change < 0 {
				fig.Dropped = append(fig.Dropped, u.ID)
			}
			if u.HasCount {
				g.counted = true
				g.Count += u.Count
				if u.Target > 0 {
					fig.Ranked = append(fig.Ranked, u)
				}
			}
			g.members = append(g.members, u)
			fig.Units = append(fig.Units, u)
		}
		// The change of a total is the difference of the total between
		// the two dates (0 for a group with no count at either).
		if at > 0 {
			g.Change, g.HasChange = g.Count-g.CountBefore, true
		}
		fig.Groups = append(fig.Groups, g)
	}

	// The ranking: count ÷ target, highest first, compared exactly
	// (a·d against c·b); ties by count, highest first, then by name in
	// Vietnamese order.
	coll := collate.New(language.Vietnamese)
	cmpShare := func(a, b *cycleUnit) int {
		l, r := a.Count*b.Target, b.Count*a.Target
		switch {
		case l > r:
			return -1
		case l < r:
			return 1
		}
		return 0
	}
	sort.SliceStable(fig.Ranked, func(i, j int) bool {
		a, b := fig.Ranked[i], fig.Ranked[j]
		if c := cmpShare(a, b); c != 0 {
			return c < 0
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return coll.CompareString(a.Name, b.Name) < 0
	})
	for i, u := range fig.Ranked {
		u.Rank = i + 1
		if i > 0 && cmpShare(fig.Ranked[i-1], u) == 0 {
			fig.Ties = append(fig.Ties, fig.Ranked[i-1].ID+" = "+u.ID)
		}
	}
	return fig
}

// checkPublishedReport builds dir once and checks the leaders' report of
// every report date, page and open data, against expectedFigures, then
// that the list of reports and the links to the latest report lead to the
// report of date, which must be the latest. The earlier reports' pages
// and data must still give their own date's figures: a later report
// never changes them. It returns the pairs of units whose
// shares are equal (as "a = b"), so that the caller can tell that the
// tie-breaks were exercised.
func checkPublishedReport(t *testing.T, dir, date string) []string {
	t.Helper()
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	var all []*cycleFigures
	for _, f := range reports {
		all = append(all, expectedFigures(t, dir, strings.TrimSuffix(filepath.Base(f), ".toml")))
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Date > all[j].Date })
	want := all[0]
	if want.Date != date {
		t.Fatalf("the latest report is of %s, not %s", want.Date, date)
	}
	for _, fig := range all {
		if len(fig.Ties) > 0 {
			t.Logf("units with the same share at %s (ordered by count, then name): %v", fig.Date, fig.Ties)
		} else {
			t.Logf("no two units have the same share at %s: the order is by share alone", fig.Date)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if code, o, e := runLoa(t, "build", "-s", dir, "-o", out); code != 0 {
		t.Fatalf("build after the import: exit %d\n%s%s", code, o, e)
	}
	for _, fig := range all {
		checkReportJSON(t, out, fig)
		t.Run("page of "+fig.Date, func(t *testing.T) { checkReportPage(t, out, fig) })
	}
	checkReportLinks(t, out, all)
	return want.Ties
}

func checkReportJSON(t *testing.T, out string, want *cycleFigures) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "du-lieu/bao-cao", want.Date+".json"))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Date            string   `json:"date"`
		Previous        *string  `json:"previous"`
		Followers       int64    `json:"followers"`
		FollowersChange *int64   `json:"followers_change"`
		Reach           *float64 `json:"reach"`
		Groups          []struct {
			ID, Name        string
			Units, Reported int
			Count           int64
			Change          *int64
		} `json:"groups"`
		Units []struct {
			ID, Group     string
			Count, Change *int64
			Reported      bool
			Target        *int64
			Share         *float64
			Rank          *int
		} `json:"units"`
		NotReported []string `json:"not_reported"`
		Dropped     []string `json:"dropped"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	str := func(p *string) string {
		if p == nil {
			return "null"
		}
		return *p
	}
	num := func(p *int64) string {
		if p == nil {
			return "null"
		}
		return strconv.FormatInt(*p, 10)
	}
	wantPrev, wantChange := "null", opt(want.HasPrevious, want.FollowersChange)
	if want.HasPrevious {
		wantPrev = want.Previous
	}
	if got.Date != want.Date || str(got.Previous) != wantPrev || got.Followers != want.Followers ||
		num(got.FollowersChange) != wantChange {
		t.Errorf("JSON of %s: date %s previous %s followers %d change %s; want %s %s %d %s", want.Date,
			got.Date, str(got.Previous), got.Followers, num(got.FollowersChange),
			want.Date, wantPrev, want.Followers, wantChange)
	}
	if !want.HasReach || got.Reach == nil || math.Abs(*got.Reach-want.Reach) > 5e-7 {
		t.Errorf("JSON reach %v, want %v (rounded to six decimals)", got.Reach, want.Reach)
	}
	if len(got.Groups) != len(want.Groups) {
		t.Fatalf("JSON has %d groups, want %d", len(got.Groups), len(want.Groups))
	}
	for i, g := range want.Groups {
		x := got.Groups[i]
		if g.HasChange && g.UnitChanges != g.Change {
			t.Errorf("group %s: the units' changes add up to %d, the total changed by %d", g.ID, g.UnitChanges, g.Change)
		}
		if x.ID != g.ID || x.Name != g.Name || x.Units != g.Units || x.Reported != g.Reported || x.Count != g.Count ||
			num(x.Change) != opt(g.HasChange, g.Change) {
			t.Errorf("JSON of %s, group %d: %s %q units %d reported %d count %d change %s; want %s %q %d %d %d %s", want.Date,
				i, x.ID, x.Name, x.Units, x.Reported, x.Count, num(x.Change), g.ID, g.Name, g.Units, g.Reported, g.Count, opt(g.HasChange, g.Change))
		}
	}
	if len(got.Units) != len(want.Units) {
		t.Fatalf("JSON has %d units, want %d", len(got.Units), len(want.Units))
	}
	for i, u := range want.Units {
		x := got.Units[i]
		wc, wch, wrank, wshare := opt(u.HasCount, u.Count), opt(u.HasChange, u.Change), "null", "null"
		if u.Rank > 0 {
			wrank = strconv.Itoa(u.Rank)
			wshare = strconv.FormatFloat(math.Round(float64(u.Count)/float64(u.Target)*1e6)/1e6, 'f', 6, 64)
		}
		gshare, grank := "null", "null"
		if x.Share != nil {
			gshare = strconv.FormatFloat(*x.Share, 'f', 6, 64)
		}
		if x.Rank != nil {
			grank = strconv.Itoa(*x.Rank)
		}
		if x.ID != u.ID || x.Group != u.Group || num(x.Count) != wc || num(x.Change) != wch || x.Reported != u.Listed ||
			num(x.Target) != strconv.FormatInt(u.Target, 10) || gshare != wshare || grank != wrank {
			t.Errorf("JSON of %s, unit %d: %s %s count %s change %s reported %v target %s share %s rank %s;\n want %s %s %s %s %v %d %s %s", want.Date,
				i, x.ID, x.Group, num(x.Count), num(x.Change), x.Reported, num(x.Target), gshare, grank,
				u.ID, u.Group, wc, wch, u.Listed, u.Target, wshare, wrank)
		}
	}
	if fmt.Sprint(got.NotReported) != fmt.Sprint(want.NotReported) {
		t.Errorf("JSON of %s: not_reported %v, want %v", want.Date, got.NotReported, want.NotReported)
	}
	if fmt.Sprint(got.Dropped) != fmt.Sprint(want.Dropped) {
		t.Errorf("JSON of %s: dropped %v, want %v", want.Date, got.Dropped, want.Dropped)
	}
}

// opt writes n as JSON writes an optional number.
func opt(has bool, n int64) string {
	if !has {
		return "null"
	}
	return strconv.FormatInt(n, 10)
}

// viNum writes n the Vietnamese way: 8.200, -1.234.
func viNum(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// viPct writes a ratio as a percentage with one decimal: 0,5%.
func viPct(r float64) string {
	return strings.Replace(strconv.FormatFloat(math.Round(r*1000)/10, 'f', 1, 64), ".", ",", 1) + "%"
}

func viDate(iso string) string { // 2023-11-04 -> 04/11/2023
	p := strings.Split(iso, "-")
	return p[2] + "/" + p[1] + "/" + p[0]
}

func parsePage(t *testing.T, out, rel string) *htmlq.Node {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := htmlq.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func ids(nodes []*htmlq.Node) []string {
	var s []string
	for _, n := range nodes {
		s = append(s, htmlq.Attr(n, "data-unit"))
	}
	return s
}

func checkReportPage(t *testing.T, out string, want *cycleFigures) {
	t.Helper()
	doc := parsePage(t, out, "bao-cao/"+want.Date+"/index.html")
	figure := func(name string) string {
		n := htmlq.First(doc, htmlq.AttrIs("data-figure", name))
		if n == nil {
			t.Errorf("the report page has no %s figure", name)
			return ""
		}
		return htmlq.Text(n)
	}
	if got := figure("followers"); got != viNum(want.Followers) {
		t.Errorf("page followers %q, want %q", got, viNum(want.Followers))
	}
	sentence := ""
	if p := htmlq.First(doc, htmlq.Class("bc-nguoi-quan-tam")); p != nil {
		sentence = htmlq.Text(p)
	}
	if want.HasPrevious {
		wantChange := "tăng " + viNum(want.FollowersChange)
		if want.FollowersChange < 0 {
			wantChange = "giảm " + viNum(-want.FollowersChange)
		}
		if got := figure("followers-change"); got != wantChange {
			t.Errorf("page followers change %q, want %q", got, wantChange)
		}
		if !strings.Contains(sentence, "so với kỳ báo cáo ngày "+viDate(want.Previous)) {
			t.Errorf("the followers sentence %q does not name the previous report %s", sentence, viDate(want.Previous))
		}
	} else if htmlq.First(doc, htmlq.AttrIs("data-figure", "followers-change")) != nil || !strings.Contains(sentence, "đây là kỳ báo cáo đầu tiên") {
		t.Errorf("the first report's followers sentence %q gives a change or does not say it is the first", sentence)
	}
	if got := figure("reach"); got != viPct(want.Reach) {
		t.Errorf("page reach %q, want %q", got, viPct(want.Reach))
	}
	reported := 0
	for _, u := range want.Units {
		if u.Listed {
			reported++
		}
	}
	if got := figure("reported"); got != viNum(int64(reported)) {
		t.Errorf("page reported %q, want %d", got, reported)
	}

	// The followers chart: one dot per report up to the date, none after.
	var dots []string
	if chart := htmlq.First(doc, htmlq.Class("bc-bieu-do")); chart != nil {
		for _, d := range htmlq.All(chart, htmlq.Class("chart-dot")) {
			dots = append(dots, htmlq.Text(d))
		}
	}
	if !reflect.DeepEqual(dots, want.Chart) {
		t.Errorf("the followers chart has the points %q, want %q", dots, want.Chart)
	}

	// II. The groups' table, and its "Cộng" row.
	var total cycleGroup
	for _, g := range want.Groups {
		row := htmlq.First(doc, htmlq.AttrIs("data-group", g.ID))
		if row == nil {
			t.Errorf("the groups' table has no row for %s", g.ID)
			continue
		}
		cells := htmlq.All(row, func(n *htmlq.Node) bool { return n.Data == "td" || n.Data == "th" })
		wantCells := []string{g.Name, viNum(int64(g.Units)), viNum(int64(g.Reported)), "chưa báo cáo", "–"}
		if g.counted {
			wantCells[3] = viNum(g.Count)
		}
		if g.HasChange && g.counted { // the page has no figure for a group without counts
			wantCells[4] = signedVi(g.Change)
		}
		if len(cells) < len(wantCells) {
			t.Errorf("group row %s: %d cells", g.ID, len(cells))
			continue
		}
		for i, w := range wantCells {
			if got := htmlq.Text(cells[i]); got != w {
				t.Errorf("group row %s, column %d: %q, want %q", g.ID, i+1, got, w)
			}
		}
		total.Units += g.Units
		total.Reported += g.Reported
		total.Count += g.Count
		total.CountBefore += g.CountBefore
	}
	if foot := htmlq.First(doc, htmlq.Tag("tfoot")); foot == nil {
		t.Error("the groups' table has no Cộng row")
	} else {
		cells := htmlq.All(foot, func(n *htmlq.Node) bool { return n.Data == "td" || n.Data == "th" })
		wantCells := []string{"Cộng", viNum(int64(total.Units)), viNum(int64(total.Reported)), viNum(total.Count), "–"}
		if want.HasPrevious {
			wantCells[4] = signedVi(total.Count - total.CountBefore)
		}
		for i, w := range wantCells {
			if i >= len(cells) || htmlq.Text(cells[i]) != w {
				t.Errorf("Cộng row, column %d: want %q (row %q)", i+1, w, htmlq.Text(foot))
			}
		}
	}

	// III. The ranking: the full table (the example has fewer than 500
	// units), then the five highest and the five lowest.
	table := htmlq.First(doc, htmlq.Class("report-ranking"))
	if table == nil {
		t.Fatal("the report page has no ranking table")
	}
	rows := htmlq.All(table, func(n *htmlq.Node) bool { return n.Data == "tr" && htmlq.Attr(n, "data-unit") != "" })
	var wantOrder []string
	for _, u := range want.Ranked {
		wantOrder = append(wantOrder, u.ID)
	}
	for _, u := range want.Units {
		if u.Rank == 0 {
			wantOrder = append(wantOrder, u.ID)
		}
	}
	if got := ids(rows); !reflect.DeepEqual(got, wantOrder) {
		t.Errorf("ranking table order\n got %v\nwant %v", got, wantOrder)
	}
	for i, u := range want.Ranked {
		if i >= len(rows) {
			break
		}
		cells := htmlq.All(rows[i], func(n *htmlq.Node) bool { return n.Data == "td" || n.Data == "th" })
		if len(cells) < 7 {
			t.Errorf("ranking row %s: %d cells", u.ID, len(cells))
			continue
		}
		count := viNum(u.Count)
		if !u.Listed {
			count += " (ngày " + viDate(u.From) + ")"
		}
		change := "–"
		if u.HasChange {
			change = signedVi(u.Change)
		}
		for k, w := range map[int]string{0: strconv.Itoa(u.Rank), 1: u.Short, 3: viNum(u.Target), 4: count,
			5: viPct(float64(u.Count) / float64(u.Target)), 6: change} {
			if got := htmlq.Text(cells[k]); got != w {
				t.Errorf("ranking row %s, column %d: %q, want %q", u.ID, k+1, got, w)
			}
		}
	}
	n := len(want.Ranked)
	if n < 10 {
		t.Fatalf("the example has %d ranked units; the test expects at least 10", n)
	}
	check5 := func(class string, units []*cycleUnit) {
		list := htmlq.First(doc, htmlq.Class(class))
		if list == nil {
			t.Errorf("the report page has no %s list", class)
			return
		}
		items := htmlq.All(list, htmlq.Tag("li"))
		var wantIDs []string
		for _, u := range units {
			wantIDs = append(wantIDs, u.ID)
		}
		if got := ids(items); !reflect.DeepEqual(got, wantIDs) {
			t.Errorf("%s: %v, want %v", class, got, wantIDs)
			return
		}
		for i, u := range units {
			text := htmlq.Text(items[i])
			if !strings.HasPrefix(text, u.Name) || !strings.Contains(text, viNum(u.Count)+"/"+viNum(u.Target)) ||
				(class == "bc-thap-nhat" && !strings.Contains(text, "(hạng "+strconv.Itoa(u.Rank)+")")) {
				t.Errorf("%s item %d: %q lacks %s, %s/%s or its rank %d", class, i, text, u.Name, viNum(u.Count), viNum(u.Target), u.Rank)
			}
		}
	}
	check5("bc-cao-nhat", want.Ranked[:5])
	check5("bc-thap-nhat", want.Ranked[n-5:])

	// IV. The units that did not report this period, with the date their
	// count is from; V. those whose count went down.
	byID := map[string]*cycleUnit{}
	for _, u := range want.Units {
		byID[u.ID] = u
	}
	items := htmlq.All(doc, func(n *htmlq.Node) bool {
		return n.Data == "li" && n.Parent != nil && htmlq.HasClass(n.Parent, "bc-chua-bao-cao")
	})
	if got := ids(items); !reflect.DeepEqual(got, want.NotReported) {
		t.Errorf("not reported on the page: %v, want %v", got, want.NotReported)
	}
	for _, it := range items {
		u := byID[htmlq.Attr(it, "data-unit")]
		if u == nil {
			continue
		}
		w := "chưa báo cáo lần nào"
		if u.HasCount {
			w = "dùng số liệu ngày " + viDate(u.From) + ", " + viNum(u.Count) + " người quan tâm"
		}
		if text := htmlq.Text(it); !strings.HasPrefix(text, u.Name+" ("+u.GroupName+")") || !strings.HasSuffix(text, w) {
			t.Errorf("not reported: %q, want %s (%s): %s", text, u.Name, u.GroupName, w)
		}
	}
	items = htmlq.All(doc, func(n *htmlq.Node) bool {
		return n.Data == "li" && n.Parent != nil && htmlq.HasClass(n.Parent, "bc-giam")
	})
	if got := ids(items); !reflect.DeepEqual(got, want.Dropped) {
		t.Errorf("dropped on the page: %v, want %v", got, want.Dropped)
	}
	for _, it := range items {
		if u := byID[htmlq.Attr(it, "data-unit")]; u != nil {
			if w := u.Name + ": từ " + viNum(u.Before) + " xuống " + viNum(u.Count) + " người quan tâm"; htmlq.Text(it) != w {
				t.Errorf("dropped: %q, want %q", htmlq.Text(it), w)
			}
		}
	}
}

func signedVi(n int64) string {
	if n > 0 {
		return "+" + viNum(n)
	}
	return viNum(n)
}

// checkReportLinks checks that /bao-cao/ lists every report, the new one
// first, that the sitemap lists them, and that the home page and /tien-do/
// link the new one.
func checkReportLinks(t *testing.T, out string, all []*cycleFigures) {
	t.Helper()
	want := all[0]
	path := "bao-cao/" + want.Date + "/"
	links := func(n *htmlq.Node) []string {
		var s []string
		for _, a := range htmlq.All(n, htmlq.Tag("a")) {
			s = append(s, htmlq.Attr(a, "href"))
		}
		return s
	}
	doc := parsePage(t, out, "bao-cao/index.html")
	rows := htmlq.All(htmlq.First(doc, htmlq.Tag("tbody")), htmlq.Tag("tr"))
	if len(rows) == 0 {
		t.Fatal("/bao-cao/ lists no report")
	}
	if l := links(rows[0]); len(l) != 1 || !strings.HasSuffix(l[0], path) || !strings.Contains(htmlq.Text(rows[0]), viDate(want.Date)+" (mới nhất)") {
		t.Errorf("the first report /bao-cao/ lists is %q %v, want the report of %s, marked the latest", htmlq.Text(rows[0]), l, want.Date)
	}
	// Every row, newest first: the date, followers, change, units reported.
	if len(rows) != len(all) {
		t.Errorf("/bao-cao/ lists %d reports, want %d", len(rows), len(all))
	}
	for i, fig := range all {
		if i >= len(rows) {
			break
		}
		reported := 0
		for _, u := range fig.Units {
			if u.Listed {
				reported++
			}
		}
		change := "–"
		if fig.HasPrevious {
			change = signedVi(fig.FollowersChange)
		}
		w := "Báo cáo ngày " + viDate(fig.Date)
		if i == 0 {
			w += " (mới nhất)"
		}
		w += " " + viNum(fig.Followers) + " " + change + " " + viNum(int64(reported)) + "/" + viNum(int64(len(fig.Units)))
		if got := htmlq.Text(rows[i]); got != w {
			t.Errorf("/bao-cao/ row %d: %q, want %q", i+1, got, w)
		}
		if l := links(rows[i]); len(l) != 1 || !strings.HasSuffix(l[0], "bao-cao/"+fig.Date+"/") {
			t.Errorf("/bao-cao/ row %d links %v, want …bao-cao/%s/", i+1, l, fig.Date)
		}
	}
	sitemap, err := os.ReadFile(filepath.Join(out, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, fig := range all {
		if loc := "/bao-cao/" + fig.Date + "/</loc>"; !strings.Contains(string(sitemap), loc) {
			t.Errorf("the sitemap lacks %s", loc)
		}
	}
	for _, page := range []string{"index.html", "tien-do/index.html"} {
		n := htmlq.First(parsePage(t, out, page), htmlq.Class("bao-cao-moi"))
		if n == nil {
			t.Errorf("%s does not link the latest report", page)
			continue
		}
		// n is the link itself on the home page, a paragraph of links on
		// /tien-do/: the first is the latest report.
		if l := links(n); len(l) == 0 || !strings.HasSuffix(l[0], path) {
			t.Errorf("%s links the latest report as %v, want …%s", page, l, path)
		}
	}
}

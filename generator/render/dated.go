package render

import (
	"sort"
	"sync"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/chart"
	"github.com/loa-vn/loa/generator/markdown"
	"github.com/loa-vn/loa/generator/period"
	"github.com/loa-vn/loa/generator/vi"
)

// A letter keeps its figures: the live-data directives inside a directive
// show the data as of the directive's date, the latest report on or before
// it (docs/directives.md, "Dates"); the home page and free pages show the
// latest. `at="YYYY-MM-DD"` picks another date, `at="latest"` the latest.

// dated are the views of the live-data directives at one report date.
// They hold the headline figures and the groups' totals only, a few bytes
// a group: a national campaign's letters are dated over a hundred reports.
// A group's table is laid out when a directive asks for it (table).
type dated struct {
	figures Figures
	index   int            // the report's, in Campaign.Reports; -1 before every report
	totals  *period.Period // nil before every report
	// groups is the table of groups, for ::progress on a split site.
	groups *Table
	chart  *ChartView
}

// datedViews lays out the views of report i (-1: before every report).
func datedViews(c *campaign.Campaign, i int) *dated {
	d := &dated{index: i}
	d.figures = Figures{Target: c.Target(), Units: len(c.Units)}
	var history []campaign.Point
	if i >= 0 {
		p := period.Totals(c, i)
		d.totals = p
		d.figures.HasReport, d.figures.Latest, d.figures.Followers = true, p.Date, p.Followers
		d.figures.Change, d.figures.HasChange = p.Change, p.HasChange
		d.figures.Reach, d.figures.HasReach = p.Reach, p.HasReach
		d.figures.TargetRate, d.figures.HasTargetRate = p.TargetRate, p.HasTargetRate
		d.figures.Reported, d.figures.Units, d.figures.Target = p.Reported, p.Counting, p.Target
		history = p.History
	}
	totals := make([]*Row, len(c.Groups))
	for k, g := range c.Groups {
		totals[k] = d.total(k, g)
	}
	d.groups = groupsOf(c, totals)
	d.chart = &ChartView{
		ID:    "bieu-do-chung",
		Title: "Số người quan tâm trang Zalo OA qua các kỳ báo cáo",
		Chart: chart.New(points(history), d.figures.Target, chart.Layout{}),
	}
	return d
}

// total is the total row of group k, g.
func (d *dated) total(k int, g *campaign.Group) *Row {
	t := &Row{Name: g.Name, Short: g.Name, Target: g.Target, HasTarget: g.Target > 0}
	if d.totals != nil {
		pg := d.totals.Groups[k]
		t.Target, t.HasTarget = pg.Target, pg.Target > 0
		t.Count, t.HasCount = pg.Count, pg.Counted > 0
		t.Change, t.HasChange = pg.Change, pg.HasChange
		t.Rate, t.HasRate = pg.Rate, pg.HasRate
		t.BarWidth = barWidth(pg.Rate)
	}
	return t
}

// table lays out the progress table of group g (k in Campaign.Groups).
func (d *dated) table(c *campaign.Campaign, k int, g *campaign.Group) *Table {
	t := &Table{ID: g.ID, Caption: g.Name, Total: d.total(k, g)}
	if d.index >= 0 {
		for i, pu := range period.GroupAt(c, d.index, g).Units {
			t.Rows = append(t.Rows, periodRow(i, pu.Unit, pu))
		}
		return t
	}
	for i, u := range g.Units {
		t.Rows = append(t.Rows, periodRow(i, u, nil))
	}
	return t
}

// tables are the tables of ::progress without a group: one per group, or
// the table of groups on a split site.
func (d *dated) tables(c *campaign.Campaign, split bool) []*Table {
	if split {
		return []*Table{d.groups}
	}
	out := make([]*Table, len(c.Groups))
	for k, g := range c.Groups {
		out[k] = d.table(c, k, g)
	}
	return out
}

// periodRow is a unit's row at a period (pu nil: before every report).
func periodRow(i int, u *campaign.Unit, pu *period.Unit) Row {
	r := Row{
		STT: i + 1, ID: u.ID, Name: u.Name, Short: u.Short, Path: unitPath(u.ID),
		Target: u.Target, HasTarget: u.Target > 0,
	}
	if r.Short == "" {
		r.Short = r.Name
	}
	if pu == nil {
		return r
	}
	r.Count, r.HasCount, r.Reported = pu.Count, pu.HasCount, pu.From
	r.Stale = pu.HasCount && !pu.Listed
	r.Change, r.HasChange = pu.Change, pu.HasChange
	r.Rank = pu.GroupRank
	if pu.HasCount && u.Target > 0 {
		r.Rate, r.HasRate = float64(pu.Count)/float64(u.Target), true
	}
	r.BarWidth = barWidth(r.Rate)
	return r
}

// groupsOf is the table of groups made of the groups' total rows.
func groupsOf(c *campaign.Campaign, totals []*Row) *Table {
	t := &Table{ID: groupsTableID, Caption: "Các nhóm đơn vị"}
	total := &Row{Name: "Cộng", Short: "Cộng"}
	for i, g := range c.Groups {
		r := *totals[i]
		r.STT, r.ID, r.Path = i+1, g.ID, groupPath(g.ID)
		t.Rows = append(t.Rows, r)
		total.Target += r.Target
		total.Count += r.Count
		total.Change += r.Change
		total.HasCount = total.HasCount || r.HasCount
		total.HasChange = total.HasChange || r.HasChange
	}
	total.HasTarget = total.Target > 0
	if total.HasCount && total.HasTarget {
		total.Rate, total.HasRate = float64(total.Count)/float64(total.Target), true
	}
	total.BarWidth = barWidth(total.Rate)
	t.Total = total
	return t
}

// datedCache holds the dated views by report index (-1: before every
// report), made the first time a directive asks for them.
type datedCache struct {
	mu sync.Mutex
	m  map[int]*dated
}

// asOf is the date whose figures directive d shows, and false when it
// shows the latest (the views every page shares).
func (h *handler) asOf(d *markdown.Directive) (time.Time, bool) {
	if v, ok := d.Attr("at"); ok {
		if v == "latest" {
			return time.Time{}, false
		}
		t, _ := time.Parse(time.DateOnly, v) // Check accepted it
		return t, true
	}
	if dir, ok := h.r.dirOfFile[d.Pos.File]; ok && !dir.Date.IsZero() {
		return dir.Date, true
	}
	return time.Time{}, false
}

// datedAt is the views of the latest report on or before t; nil when that
// is the latest report, whose views every page shares.
func (r *renderer) datedAt(t time.Time) *dated {
	c := r.c
	key := -1
	if p := sort.Search(len(c.Reports), func(i int) bool { return c.Reports[i].Date.After(t) }) - 1; p >= 0 {
		key = p
	}
	if key >= 0 && key == len(c.Reports)-1 {
		return nil
	}
	r.datedViews.mu.Lock()
	defer r.datedViews.mu.Unlock()
	if d, ok := r.datedViews.m[key]; ok {
		return d
	}
	if r.datedViews.m == nil {
		r.datedViews.m = map[int]*dated{}
	}
	d := datedViews(c, key)
	r.datedViews.m[key] = d
	return d
}

// unitChartAt lays out the chart of a unit up to report i (-1: before
// every report).
func unitChartAt(c *campaign.Campaign, u *campaign.Unit, i int) *ChartView {
	var h []campaign.Point
	if i >= 0 {
		h = period.UnitAt(c, i, u).History
	}
	return &ChartView{
		ID:    "bieu-do-don-vi",
		Title: "Số người quan tâm " + u.Name + " đã vận động được qua các kỳ báo cáo",
		Chart: chart.New(points(h), u.Target, chart.Layout{}),
	}
}

// asOfTitle names in a chart's title the date its figures end.
func asOfTitle(title string, f Figures) string {
	if !f.HasReport {
		return title + " (chưa có số liệu)"
	}
	return title + ", đến ngày " + vi.ShortDate(f.Latest)
}

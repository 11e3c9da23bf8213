package render

import (
	"bytes"
	"html/template"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/chart"
	"github.com/loa-vn/loa/generator/theme"
	"github.com/loa-vn/loa/generator/vi"
)

// The types below are what templates receive. They hold plain values
// (strings, numbers, dates, flags); templates format and escape them.
// Every figure that has a "not available" state comes with a Has flag, so a
// unit that has not reported is never shown as 0.

// Page is the data of every page template.
type Page struct {
	Site      campaign.Site
	Authority campaign.Authority
	Info      campaign.Info
	// Campaign is the whole model, for themes that want more than the
	// fields below.
	Campaign *campaign.Campaign

	// Kind names the page template without ".html" ("home", "unit", ...);
	// the layout puts it in the body's class.
	Kind string
	// Path is the page's URL under base_url: "" for the home page,
	// "don-vi/bac-son/" for a unit, "404.html" for the 404 page.
	Path        string
	Title       string // the page's own title; "" on the home page
	Description string // for <meta name="description">
	// Image is the output path of the image that stands for the page where
	// it is shared (og:image): the unit's QR on its landing page and
	// poster, the account's QR everywhere else.
	Image   string
	Nav     []NavItem
	Figures Figures // headline figures of the latest report

	// Body is the page's rendered Markdown (home, free pages and
	// directives).
	Body template.HTML
	// Header and Footer are the site's header (title and menu) and footer,
	// rendered from partials/site-header.html and partials/site-footer.html
	// once per menu state rather than on every page (see Chrome).
	Header, Footer template.HTML

	Directives []*DirectiveView // home: the latest; van-ban/: all
	Directive  *DirectiveView   // a directive's page
	Groups     []*GroupView     // don-vi/
	Group      *GroupView       // don-vi/<group id>/
	Unit       *UnitView        // a unit's landing page, poster and alias pages
	Alias      string           // an alias page: the former id
	MovedTo    string           // a merged unit's page: the path visitors are sent to
	AccountQR  *QRView          // the follow QR of the account
	Progress   []*Table         // tien-do/: one table per group
	History    []HistoryRow     // tien-do/: every report, newest first
	Chart      *ChartView       // tien-do/: the account's followers over time
	// Pager links the pages of a list split over several (a group of
	// more than 1,000 units); nil on a page that is whole.
	Pager *Pager

	Report  *ReportView  // bao-cao/<date>/: one period's leaders' report
	Reports []ReportItem // bao-cao/: every period, newest first
	// LatestReport is the path of the latest period's report, "" without
	// a report (home and tien-do/ link it).
	LatestReport string
	// Posters are the units whose posters a group's posters page prints
	// (don-vi/<group>/in/), one A4 page each.
	Posters []*UnitView
}

// Pager links the pages of a list split over several pages.
type Pager struct {
	Number, Count int    // this page, from 1, and how many there are
	Prev, Next    string // paths of the pages before and after; "" at either end
	Pages         []PagerLink
}

// PagerLink is one page of a Pager.
type PagerLink struct {
	Number  int
	Path    string
	Current bool
}

// Chrome is the data of partials/site-header.html and
// partials/site-footer.html: what the site's header and footer may show.
// It holds nothing of one page but which menu entry is current, so each
// partial is rendered once per menu state (once for the footer) and the
// result handed to every page as Page.Header and Page.Footer: on a
// national site that is 20,000 pages spared some thirty template actions
// each.
type Chrome struct {
	Site      campaign.Site
	Authority campaign.Authority
	Info      campaign.Info
	Figures   Figures
	Nav       []NavItem // Current set on the entry of the page, if any
}

// NavItem is one entry of the main menu.
type NavItem struct {
	Title   string
	Path    string // under base_url, "" for home
	Current bool   // the page being rendered
}

// Figures are the campaign's headline figures.
type Figures struct {
	HasReport bool // false before the first report: the figures below are 0
	Latest    time.Time
	Followers int64
	Change    int64 // since the previous report
	HasChange bool

	Reach    float64 // followers over smartphone users
	HasReach bool

	Target        int64 // 0 without a target
	TargetRate    float64
	HasTargetRate bool

	Units    int // all units
	Reported int // units in the latest report
}

// Row is one unit in a progress table (or a group's total).
type Row struct {
	STT             int // position in its group, from 1
	ID, Name, Short string
	Path            string // the landing page
	Target          int64
	HasTarget       bool
	Count           int64
	HasCount        bool      // false: "chưa báo cáo"
	Reported        time.Time // the date of the report Count comes from
	Stale           bool      // Count is older than the latest report
	Rate            float64   // Count / Target
	HasRate         bool
	BarWidth        float64 // Rate as a width in percent, 0 to 100
	Change          int64   // the count minus the count at the previous report date (docs/format.md)
	HasChange       bool
	Rank            int // in its group by count; 0 without a count
}

// Table is one group's progress table.
type Table struct {
	ID      string // the group id
	Caption string // the group name
	Rows    []Row
	Total   *Row
}

// GroupView is a group with its units.
type GroupView struct {
	ID, Name string
	Path     string // the group's page, "don-vi/<group id>/"
	// PostersPath is the page that prints the posters of all its units,
	// "don-vi/<group id>/in/" (continued on in/trang-2/ and on, like the
	// group's pages).
	PostersPath string
	Units       int // how many units the group has
	// Rows are the group's units. On /don-vi/ of a site split by group
	// (see splitUnits) they are left out: the group's page lists them.
	Rows []Row
	// On the group's own page only: its progress table, and the tasks and
	// directives addressed to the group or to any of its units, newest
	// first.
	Table      *Table
	Tasks      []*TaskView
	Directives []*DirectiveView

	units []*UnitView // the group's units, for its posters
}

// GroupRef names a group.
type GroupRef struct {
	ID, Name string
	Path     string // the group's page, "don-vi/<group id>/"
}

// HistoryRow is one report in the history table.
type HistoryRow struct {
	Date      time.Time
	Followers int64
	Change    int64
	HasChange bool
	Source    string
	Note      string
}

// DirectiveView is a directive, ready for the document layout.
type DirectiveView struct {
	Slug     string
	Kind     string
	Number   string
	Numbered bool // false for a number still blank ("/UBND-VP")
	Date     time.Time
	Subject  string
	IsLetter bool   // a công văn: "V/v" under the number, no title
	Title    string // "Công văn số 3143/UBND-VP ngày 11/10/2023"
	Path     string // "van-ban/<slug>/"

	Recipients []string // "Kính gửi": one name per recipient
	// CC is the "Nơi nhận" list without its punctuation, "Như trên"
	// first when the directive has recipients.
	CC     []string
	Sign   []string
	Signer string
	Tasks  []*TaskView   // as listed on the directive's own page
	Body   template.HTML // on the directive's own page only
	// BeforeClosing and Closing are Body split before its last paragraph
	// when that paragraph ends with the closing formula "./." (Closing is
	// empty otherwise), so that the tasks can come before it. Body stays
	// whole for the themes that print it alone.
	BeforeClosing, Closing template.HTML
	Directive              *campaign.Directive

	item *lazyItem // see Item
}

// Item is the directive as one item of a list
// (partials/directive-item.html), rendered the first time a page lists it
// and shared by every other page that does.
func (d *DirectiveView) Item() (template.HTML, error) { return d.item.get() }

// TaskView is a task of a directive.
type TaskView struct {
	Text      string
	To        []string // recipients' names
	Due       time.Time
	HasDue    bool
	Directive *DirectiveView
	// ShowDirective is set where the task is listed away from its
	// directive (a unit's page), which it then links to.
	ShowDirective bool
	task          *campaign.Task
	item          *lazyItem // see Item
}

// Item is the task as one list item (partials/task-item.html), rendered
// the first time a page lists it and shared by every other page that does.
func (t *TaskView) Item() (template.HTML, error) { return t.item.get() }

// TaskList is a list of tasks that the landing pages of a group's units
// share.
type TaskList struct {
	Tasks []*TaskView
	html  *lazyItem
}

// HTML is the list as partials/unit-tasks.html renders it (with the
// TaskList as data), the first time a page asks for it, and shared by
// every other page that shows the same list.
func (l *TaskList) HTML() (template.HTML, error) { return l.html.get() }

// DirectiveList is a list of directives that the landing pages of a
// group's units share.
type DirectiveList struct {
	Directives []*DirectiveView
	html       *lazyItem
}

// HTML is the list as partials/unit-directives.html renders it, once, as
// TaskList.HTML.
func (l *DirectiveList) HTML() (template.HTML, error) { return l.html.get() }

// newTaskList is the shared list of tasks, nil for none; its theme is set
// by prerender.
func newTaskList(tasks []*TaskView) *TaskList {
	if len(tasks) == 0 {
		return nil
	}
	l := &TaskList{Tasks: tasks}
	l.html = &lazyItem{name: "partials/unit-tasks.html", data: l}
	return l
}

// newDirectiveList is the shared list of directives, as newTaskList.
func newDirectiveList(dirs []*DirectiveView) *DirectiveList {
	if len(dirs) == 0 {
		return nil
	}
	l := &DirectiveList{Directives: dirs}
	l.html = &lazyItem{name: "partials/unit-directives.html", data: l}
	return l
}

// lazyItem is a piece of a page that a theme partial renders the first
// time a page asks for it: a list item, a list that a group's units share,
// a unit's chart (which may be preset from an earlier build). A large
// site lists each directive and task on many pages: rendered once, not on
// every page; and only when asked for, so that serve, which makes the
// pages a browser asks for, does not render the items of 1,000 directives
// after every edit of a report.
type lazyItem struct {
	once sync.Once
	th   *theme.Theme
	name string // the partial
	data any
	html template.HTML
	err  error
	ran  bool // the partial was executed
}

// preset makes h the item's HTML, which get then gives without rendering.
func (l *lazyItem) preset(h template.HTML) {
	l.once.Do(func() { l.html = h })
}

// rendered returns the item's HTML when get rendered it, without an
// error (not when it was preset). Called by the goroutine that called get.
func (l *lazyItem) rendered() (template.HTML, bool) {
	return l.html, l.ran && l.err == nil
}

func (l *lazyItem) get() (template.HTML, error) {
	if l == nil {
		return "", nil // a view made without a theme: no item
	}
	l.once.Do(func() {
		buf := pageBuffers.Get().(*bytes.Buffer)
		defer func() {
			buf.Reset() // the pool hands out empty buffers
			pageBuffers.Put(buf)
		}()
		l.ran = true
		if l.err = l.th.Execute(buf, l.name, l.data); l.err == nil {
			// Rendered by the theme's own template, escaped by html/template.
			l.html = template.HTML(buf.String())
		}
	})
	return l.html, l.err
}

// UnitView is a unit with everything its pages show.
type UnitView struct {
	ID, Name, Short string
	Group           GroupRef
	Path            string // "don-vi/<id>/"
	PosterPath      string // "don-vi/<id>/in/"
	QRSVG, QRPNG    string // "don-vi/<id>/qr.svg", ".png"
	LandingURL      string // absolute: what the unit's QR encodes
	Row             Row
	// Tasks and Directives are the most recent addressed to the unit, at
	// most unitListMax of each; MoreTasks and MoreDirectives count those
	// left out, which the group's page lists (Group.Path).
	Tasks          []*TaskView
	Directives     []*DirectiveView
	MoreTasks      int
	MoreDirectives int
	// Chart is the unit's followers over time, on its landing page only:
	// laid out as the page is rendered, not held for 10,000 units.
	Chart   *ChartView
	Aliases []string
	// Retired is the date the unit stopped taking part, zero when it
	// takes part; Successor the landing page of the unit that carries on
	// its work (merged_into), nil when none: then the unit's pages send
	// visitors there.
	Retired   time.Time
	Successor *UnitView

	// TaskList and DirectiveList are Tasks and Directives as the units
	// that share them share one rendered list (TaskList.HTML); nil when
	// empty.
	TaskList      *TaskList
	DirectiveList *DirectiveList

	unit *campaign.Unit
}

// unitChart lays out the chart of a unit.
func unitChart(u *campaign.Unit) *ChartView {
	cv := unitChartHead(u)
	cv.Chart = chart.New(points(u.History), u.Target, chart.Layout{})
	return cv
}

// unitChartHead is unitChart without the layout (Chart is zero).
func unitChartHead(u *campaign.Unit) *ChartView {
	return &ChartView{
		ID:    "bieu-do-don-vi",
		Title: "Số người quan tâm " + u.Name + " đã vận động được qua các kỳ báo cáo",
	}
}

// ChartView is a chart to draw.
type ChartView struct {
	ID    string // unique in the page, for aria-labelledby
	Title string
	Chart chart.Chart

	html *lazyItem // see HTML; nil but on a unit's landing page
}

// HTML is the chart of a unit's landing page as partials/chart.html draws
// it, taken from an earlier build when that build drew the same chart
// (Options.Fragments); empty for any other chart.
func (c *ChartView) HTML() (template.HTML, error) { return c.html.get() }

// QRView is a QR image with its caption.
type QRView struct {
	Src     string // output path of the SVG
	PNG     string // output path of the PNG
	Alt     string
	Caption string
}

// DirectiveProgress is the data of ::progress.
type DirectiveProgress struct {
	Tables  []*Table
	Figures Figures
}

// StatView is the data of ::stat and :stat[...].
type StatView struct {
	Name   string
	Label  string
	Value  string
	Note   string
	Inline bool
}

// NoteView is the data of :::note.
type NoteView struct {
	Entering bool
	Label    string
}

// Output paths.

func unitPath(id string) string        { return "don-vi/" + id + "/" }
func groupPath(id string) string       { return "don-vi/" + id + "/" } // ids of groups and units never clash
func posterPath(id string) string      { return unitPath(id) + "in/" }
func directivePath(slug string) string { return "van-ban/" + slug + "/" }

const (
	accountQRSVG = "qr/quan-tam.svg"
	accountQRPNG = "qr/quan-tam.png"
)

// unitPaths are the poster's path, the QR images' paths and the landing
// URL of the unit at path (unitPath), made in one allocation: every
// render makes them for 10,000 units nationally.
func unitPaths(baseURL, path string) (poster, svg, png, landing string) {
	all := path + "in/" + path + "qr.svg" + path + "qr.png" + baseURL + path
	n := len(path)
	poster, all = all[:n+3], all[n+3:]
	svg, all = all[:n+6], all[n+6:]
	png, landing = all[:n+6], all[n+6:]
	return poster, svg, png, landing
}

// sameSlice reports whether a and b are the same part of one array.
func sameSlice[T any](a, b []T) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}

// views are computed once per render, before any page, and only read
// afterwards, so pages render concurrently.
type views struct {
	figures    Figures
	tables     []*Table
	tableOf    map[string]*Table // by group id
	groups     []*GroupView
	groupOf    map[string]*GroupView
	units      []*UnitView
	unitOf     map[*campaign.Unit]*UnitView
	directives []*DirectiveView
	dirOf      map[*campaign.Directive]*DirectiveView
	// taskOf holds the tasks as units' pages list them.
	taskOf    map[*campaign.Task]*TaskView
	history   []HistoryRow
	chart     *ChartView
	accountQR *QRView
	// latestReport is the path of the latest period's report, "" without.
	latestReport string
	// groupsList is the table of groups (see split).
	groupsList *Table

	// chrome is what the header and footer show, its menu with no entry
	// current; header holds the rendered header of each menu state, by the
	// path of the current entry, and plainHeader the header with no entry
	// current (see Chrome).
	chrome      Chrome
	header      map[string]template.HTML
	plainHeader template.HTML
	footer      template.HTML
}

func newViews(c *campaign.Campaign) *views {
	tasks := 0
	for _, d := range c.Directives {
		tasks += len(d.Tasks)
	}
	v := &views{
		tableOf: make(map[string]*Table, len(c.Groups)),
		groupOf: make(map[string]*GroupView, len(c.Groups)),
		unitOf:  make(map[*campaign.Unit]*UnitView, len(c.All)),
		dirOf:   make(map[*campaign.Directive]*DirectiveView, len(c.Directives)),
		taskOf:  make(map[*campaign.Task]*TaskView, tasks),
	}
	v.figures = figures(c)
	v.chrome = Chrome{Site: c.Site, Authority: c.Authority, Info: c.Info, Figures: v.figures, Nav: navOf(c)}

	for _, d := range c.Directives {
		dv := directiveView(d)
		v.directives = append(v.directives, dv)
		v.dirOf[d] = dv
	}
	for _, dv := range v.directives {
		for _, t := range dv.Directive.Tasks {
			dv.Tasks = append(dv.Tasks, taskView(t, dv, false))
			v.taskOf[t] = taskView(t, dv, true)
		}
	}

	// The views of all units in one allocation, 10,000 nationally, laid
	// out a group on each processor: each group's in its own part.
	unitViews := make([]UnitView, len(c.All))
	v.units = make([]*UnitView, len(c.All)-len(c.Gone), len(c.All))
	first := make([]int, len(c.Groups)) // the place of each group's first unit
	for k, g := range c.Groups {
		gv := &GroupView{ID: g.ID, Name: g.Name, Path: groupPath(g.ID), PostersPath: groupPostersPath(g.ID, 1), Units: len(g.Units)}
		gv.Rows = make([]Row, len(g.Units))
		v.groups = append(v.groups, gv)
		v.groupOf[g.ID] = gv
		t := &Table{ID: g.ID, Caption: g.Name, Rows: gv.Rows, Total: groupTotal(g)}
		v.tables = append(v.tables, t)
		v.tableOf[g.ID] = t
		if k+1 < len(first) {
			first[k+1] = first[k] + len(g.Units)
		}
	}
	forEach(len(c.Groups), func(k int) {
		g, gv := c.Groups[k], v.groups[k]
		for i, u := range g.Units {
			gv.Rows[i] = unitRow(c, i, u)
		}
		gv.units = v.units[first[k] : first[k]+len(g.Units) : first[k]+len(g.Units)]
		// The units of a group share the group's lists of tasks and
		// directives (campaign.Unit): so do their views.
		var (
			lastTasks []*campaign.Task
			tasksView []*TaskView
			taskList  *TaskList
			lastDirs  []*campaign.Directive
			dirsView  []*DirectiveView
			dirList   *DirectiveList
		)
		for i, u := range g.Units {
			path := gv.Rows[i].Path // unitPath(u.ID)
			uv := &unitViews[first[k]+i]
			*uv = UnitView{
				ID: u.ID, Name: u.Name, Short: u.Short,
				Group:   GroupRef{ID: g.ID, Name: g.Name, Path: gv.Path},
				Path:    path,
				Row:     gv.Rows[i],
				Aliases: u.Aliases,
			}
			uv.PosterPath, uv.QRSVG, uv.QRPNG, uv.LandingURL = unitPaths(c.Site.BaseURL, path)
			// Only the most recent are shown: a unit nationally has a
			// hundred tasks, whose views need not be looked up.
			tasks, more := mostRecent(u.Tasks)
			if tasksView == nil || !sameSlice(tasks, lastTasks) {
				lastTasks, tasksView = tasks, make([]*TaskView, 0, len(tasks))
				for _, t := range tasks {
					tasksView = append(tasksView, v.taskOf[t]) // every task of c.Directives has one
				}
				taskList = newTaskList(tasksView)
			}
			uv.Tasks, uv.MoreTasks, uv.TaskList = tasksView, more, taskList
			dirs, more := mostRecent(u.Directives)
			if dirsView == nil || !sameSlice(dirs, lastDirs) {
				lastDirs, dirsView = dirs, make([]*DirectiveView, 0, len(dirs))
				for _, d := range dirs {
					dirsView = append(dirsView, v.dirOf[d])
				}
				dirList = newDirectiveList(dirsView)
			}
			uv.Directives, uv.MoreDirectives, uv.DirectiveList = dirsView, more, dirList
			uv.unit = u
			gv.units[i] = uv
		}
	})
	for _, uv := range v.units {
		v.unitOf[uv.unit] = uv
	}

	// Units retired before the latest report are in no group's table or
	// posters, but their pages keep answering: printed QR codes lead there.
	for _, u := range c.Gone {
		g := v.groupOf[u.Group.ID]
		uv := &unitViews[len(v.units)]
		*uv = UnitView{
			ID: u.ID, Name: u.Name, Short: u.Short,
			Group:      GroupRef{ID: g.ID, Name: g.Name, Path: g.Path},
			Path:       unitPath(u.ID),
			PosterPath: posterPath(u.ID),
			QRSVG:      unitPath(u.ID) + "qr.svg",
			QRPNG:      unitPath(u.ID) + "qr.png",
			LandingURL: c.Site.BaseURL + unitPath(u.ID),
			Row:        unitRow(c, 0, u),
			Aliases:    u.Aliases,
			unit:       u,
		}
		v.units = append(v.units, uv)
		v.unitOf[u] = uv
	}
	for _, uv := range v.units {
		uv.Retired = uv.unit.Retired
		if s := uv.unit.Successor(); s != nil {
			uv.Successor = v.unitOf[s]
		}
	}

	v.groupLists(c)
	v.groupsList = v.groupsTable(c)

	for i := len(c.Reports) - 1; i >= 0; i-- {
		r := c.Reports[i]
		v.history = append(v.history, HistoryRow{
			Date: r.Date, Followers: r.Followers, Change: r.Change, HasChange: r.HasChange,
			Source: r.Source, Note: r.Note,
		})
	}
	v.chart = &ChartView{
		ID:    "bieu-do-chung",
		Title: "Số người quan tâm trang Zalo OA qua các kỳ báo cáo",
		Chart: chart.New(points(c.History()), c.Target(), chart.Layout{}),
	}
	if c.Latest != nil {
		v.latestReport = reportPath(c.Latest)
	}
	v.accountQR = &QRView{
		Src:     accountQRSVG,
		PNG:     accountQRPNG,
		Alt:     "Mã QR để quan tâm " + c.Info.Channel,
		Caption: "Đang xem trên máy tính? Mở Zalo trên điện thoại và quét mã này để quan tâm trang “" + c.Info.Channel + "”.",
	}
	return v
}

func figures(c *campaign.Campaign) Figures {
	f := Figures{
		Reach: c.Reach, HasReach: c.HasReach,
		Target: c.Target(),
		Units:  len(c.Units), Reported: c.Reported,
	}
	if r := c.Latest; r != nil {
		f.HasReport, f.Latest, f.Followers = true, r.Date, r.Followers
		f.Change, f.HasChange = r.Change, r.HasChange
	}
	f.TargetRate, f.HasTargetRate = c.TargetRate()
	return f
}

func unitRow(c *campaign.Campaign, i int, u *campaign.Unit) Row {
	r := Row{
		STT: i + 1, ID: u.ID, Name: u.Name, Short: u.Short, Path: unitPath(u.ID),
		Target: u.Target, HasTarget: u.Target > 0,
		Count: u.Count, HasCount: u.HasCount, Reported: u.Reported,
		Stale:  u.HasCount && !u.InLatest,
		Change: u.Change, HasChange: u.HasChange,
		Rank: u.Rank,
	}
	if r.Short == "" {
		r.Short = r.Name
	}
	r.Rate, r.HasRate = u.Rate()
	r.BarWidth = barWidth(r.Rate)
	return r
}

func groupTotal(g *campaign.Group) *Row {
	r := &Row{
		Name: g.Name, Short: g.Name,
		Target: g.Target, HasTarget: g.Target > 0,
		Count: g.Count, HasCount: g.Reported > 0,
		Change: g.Change,
	}
	for _, u := range g.Units {
		r.HasChange = r.HasChange || u.HasChange
	}
	if r.HasCount {
		r.Rate, r.HasRate = g.Rate()
	}
	r.BarWidth = barWidth(r.Rate)
	return r
}

func barWidth(rate float64) float64 {
	return min(max(rate*100, 0), 100)
}

func points(h []campaign.Point) []chart.Point {
	out := make([]chart.Point, len(h))
	for i, p := range h {
		out[i] = chart.Point{Date: p.Date, Count: p.Count}
	}
	return out
}

func directiveView(d *campaign.Directive) *DirectiveView {
	dv := &DirectiveView{
		Slug: d.Slug, Kind: d.Kind, Number: d.Number, Date: d.Date, Subject: d.Subject,
		Numbered: d.Number != "" && !strings.HasPrefix(d.Number, "/"),
		IsLetter: d.IsLetter(),
		Path:     directivePath(d.Slug),
		Sign:     d.Sign, Signer: d.Signer,
		Directive: d,
	}
	dv.Title = d.Kind
	if dv.Numbered {
		dv.Title += " số " + d.Number
	}
	if !d.Date.IsZero() {
		dv.Title += " ngày " + vi.ShortDate(d.Date)
	}
	for _, r := range d.To {
		dv.Recipients = append(dv.Recipients, r.Name())
	}
	if len(dv.Recipients) > 0 {
		dv.CC = append(dv.CC, "Như trên")
	}
	for _, line := range d.CC {
		line = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(line), ";.,"))
		if line == "" || (len(dv.Recipients) > 0 && strings.EqualFold(line, "Như trên")) {
			continue
		}
		dv.CC = append(dv.CC, line)
	}
	return dv
}

func taskView(t *campaign.Task, dv *DirectiveView, show bool) *TaskView {
	tv := &TaskView{Text: t.Text, Due: t.Due, HasDue: !t.Due.IsZero(), Directive: dv, ShowDirective: show, task: t}
	for _, r := range t.To {
		tv.To = append(tv.To, r.Name())
	}
	return tv
}

// prerender readies what many pages share: the list items of directives
// and tasks, rendered when first asked for (see lazyItem), and the site's
// header and footer, rendered now (see Chrome).
func (v *views) prerender(th *theme.Theme) error {
	for _, dv := range v.directives {
		dv.item = &lazyItem{th: th, name: "partials/directive-item.html", data: dv}
		for _, tv := range dv.Tasks {
			tv.item = &lazyItem{th: th, name: "partials/task-item.html", data: tv}
			if shared := v.taskOf[tv.task]; shared != nil {
				shared.item = &lazyItem{th: th, name: "partials/task-item.html", data: shared}
			}
		}
	}
	for _, uv := range v.units { // each shared list, once per unit that shares it
		if uv.TaskList != nil {
			uv.TaskList.html.th = th
		}
		if uv.DirectiveList != nil {
			uv.DirectiveList.html.th = th
		}
	}
	return v.prerenderChrome(th)
}

// prerenderChrome renders the header once per menu state and the footer
// once (see Chrome).
func (v *views) prerenderChrome(th *theme.Theme) error {
	var buf bytes.Buffer
	exec := func(name string, data any) (template.HTML, error) {
		buf.Reset()
		if err := th.Execute(&buf, name, data); err != nil {
			return "", err
		}
		// Rendered by the theme's own template, escaped by html/template.
		return template.HTML(buf.String()), nil
	}
	var err error
	ch := v.chrome
	if v.plainHeader, err = exec("partials/site-header.html", ch); err != nil {
		return err
	}
	if v.footer, err = exec("partials/site-footer.html", ch); err != nil {
		return err
	}
	nav := v.chrome.Nav
	v.header = make(map[string]template.HTML, len(nav))
	for i, item := range nav {
		ch.Nav = navAt(nav, i)
		if v.header[item.Path], err = exec("partials/site-header.html", ch); err != nil {
			return err
		}
	}
	return nil
}

// headerOf is the rendered header of the page at path.
func (v *views) headerOf(path string) template.HTML {
	if h, ok := v.header[path]; ok {
		return h
	}
	return v.plainHeader
}

// navOf is the main menu: the sections, then the free pages.
func navOf(c *campaign.Campaign) []NavItem {
	items := []NavItem{
		{Title: "Trang chủ", Path: ""},
		{Title: "Văn bản", Path: "van-ban/"},
		{Title: "Đơn vị", Path: "don-vi/"},
		{Title: "Tiến độ", Path: "tien-do/"},
	}
	for _, p := range c.Pages {
		if !reserved[p.Slug] {
			items = append(items, NavItem{Title: p.Title, Path: p.Slug + "/"})
		}
	}
	return items
}

// navAt is a copy of nav with entry i current.
func navAt(nav []NavItem, i int) []NavItem {
	out := append([]NavItem(nil), nav...)
	out[i].Current = true
	return out
}

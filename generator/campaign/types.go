// Package campaign owns the site model: the campaign, its groups and units,
// the reports in date order, the directives and pages, and every figure
// derived from them (counts under the "not reported" rule, totals, reach,
// ranks, changes, tasks per unit). It is computed once, in pure Go, from
// what package load read; it reads no file and knows no HTML.
package campaign

import (
	"time"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
)

// Campaign is the whole site model.
type Campaign struct {
	Site      Site
	Authority Authority
	Info      Info
	Audience  *Audience // nil without an [audience] table
	// Report says how the leaders' report of every period is numbered,
	// addressed and signed ([report] of site.toml).
	Report ReportConfig

	Groups []*Group // by order, then id
	// Units holds every unit that counts at the latest report: groups in
	// order, units in file order within a group. A unit retired before
	// the latest report is in Gone instead; All holds both, in the same
	// order (docs/format.md, "Units that come and go").
	Units      []*Unit
	Gone       []*Unit
	All        []*Unit
	Reports    []*Report    // oldest first
	Directives []*Directive // published directives, newest first (date, then number, then slug)
	Pages      []*Page      // free pages by weight, then Vietnamese title order
	Home       *Page        // content/_index.md; never nil (an empty page when the file is absent)

	// Latest is the most recent report, nil when there is none.
	Latest *Report
	// Reach is the latest followers over the smartphone users of the
	// audience baseline; HasReach is false without a report or a baseline.
	Reach    float64
	HasReach bool
	// Reported counts the units listed in the latest report.
	Reported int

	units  map[string]*Unit // ids and aliases
	groups map[string]*Group
	// leftOut counts the problems that follow from unread files.
	leftOut *leftOut
	// draftsLeft counts the draft directives and pages not built.
	draftsLeft [2]int
}

// Site is the site-wide configuration the pages need.
type Site struct {
	Title    string
	BaseURL  string // absolute, always ending in "/"
	BasePath string // the path of BaseURL, always starting and ending in "/"
	Language string
	Theme    string
	RawHTML  bool // Markdown may carry raw HTML
	// CMS is the [cms] table of site.toml: the admin is written only
	// when it is not nil.
	CMS *load.CMS
}

// Authority is the issuing body as printed on documents.
type Authority struct {
	Name   string
	Header []string
	Place  string
}

// ReportConfig is the [report] table of site.toml.
type ReportConfig struct {
	Number string   // "/BC-UBND": the number, left to fill in before the slash
	To     []string // Kính gửi; none when empty
	Sign   []string // the signer's title lines; no signature block when empty
	Signer string
}

// Info describes the campaign and the account citizens follow.
type Info struct {
	Name      string
	Channel   string
	FollowURL string
	Start     time.Time // zero when absent
	End       time.Time // zero when absent
	Target    int64     // 0 when absent
}

// Audience is the baseline for reach figures.
type Audience struct {
	Population14Plus int64
	SmartphoneShare  float64
	VNeIDLevel2      int64 // 0 when absent
}

// SmartphoneUsers is the population aged 14 and over times the smartphone
// share, rounded to the nearest person.
func (a *Audience) SmartphoneUsers() int64 {
	return int64(float64(a.Population14Plus)*a.SmartphoneShare + 0.5)
}

// Group is a group of units, from one file content/units/<id>.toml.
type Group struct {
	ID    string
	Name  string
	Order int
	// Units are the group's units that count at the latest report, in
	// file order; All every unit of the file, retired ones included.
	Units []*Unit
	All   []*Unit

	Target   int64 // sum of the units' targets
	Count    int64 // sum of the units' current counts (reported units only)
	Reported int   // units with a count
	// Change is the sum of the units' changes: the group's count at the
	// latest report minus its count at the report before.
	Change int64

	// What is addressed to the group as a whole (see reach).
	dirs              []*Directive
	tasks             []*Task
	dirMark, taskMark int
}

// Rate is Count over Target; ok is false without a target.
func (g *Group) Rate() (rate float64, ok bool) { return ratio(g.Count, g.Target) }

// Point is one report's figure for a unit or for the whole account.
type Point struct {
	Date  time.Time
	Count int64
}

// Unit is one unit (a ward, a department, a school...).
type Unit struct {
	ID       string
	Name     string
	Short    string // the short name, or Name when absent
	Group    *Group
	Target   int64 // 0 when absent
	Audience int64 // 0 when absent
	Aliases  []string
	Pos      diag.Pos

	// Retired is the date the unit stopped taking part, zero when it
	// takes part; MergedInto the unit that carries on its work, nil when
	// none. Gone is true when a report later than Retired exists: the
	// unit then counts in no total of the latest figures.
	Retired    time.Time
	MergedInto *Unit
	Gone       bool

	// History holds only the reports that list the unit, oldest first.
	History []Point
	// Count and Reported come from the most recent report that lists the
	// unit; HasCount is false when no report does ("chưa báo cáo").
	Count    int64
	Reported time.Time
	HasCount bool
	// InLatest is true when the latest report lists the unit.
	InLatest bool
	// Change is Count minus the unit's count at the report before the
	// latest (0 when it had none then; 0 when the latest report does not
	// list it); HasChange is false without a count or with fewer than two
	// reports (docs/format.md, "Figures of a period").
	Change    int64
	HasChange bool
	// Rank is the unit's place in its group by count, 1 for the most;
	// equal counts share a rank; 0 when the unit has no count.
	Rank int

	// Tasks addressed to the unit, directly or through its group, in the
	// order of Campaign.Directives.
	Tasks []*Task
	// Directives addressed to the unit (Kính gửi or a task), newest first.
	Directives []*Directive

	dirMark, taskMark int // see reach
	ownDirs           []*Directive
	ownTasks          []*Task
	index             int // in Campaign.All
	// countPos is the line of the latest report that gives Count, and
	// targetPos the value of the unit's target: where a total that does
	// not fit is reported.
	countPos, targetPos diag.Pos
}

// CountsAt reports whether the unit counts in the figures of a report
// dated d: it has not retired, or retired on or after d.
func (u *Unit) CountsAt(d time.Time) bool {
	return u.Retired.IsZero() || !d.After(u.Retired)
}

// Successor is the unit that finally carries on u's work, following
// merged_into to its end; nil when u was not merged.
func (u *Unit) Successor() *Unit {
	s := u.MergedInto
	for n := 0; s != nil && s.MergedInto != nil && n < 64; n++ {
		s = s.MergedInto
	}
	return s
}

// Rate is Count over Target; ok is false without a target or a count.
func (u *Unit) Rate() (rate float64, ok bool) {
	if !u.HasCount {
		return 0, false
	}
	return ratio(u.Count, u.Target)
}

// Report is one reporting date.
type Report struct {
	Date      time.Time
	Followers int64
	Source    string
	Note      string
	// Change is Followers minus the previous report's; HasChange is false
	// for the first report.
	Change    int64
	HasChange bool

	// counts holds the cumulative followers credited to each unit listed,
	// by the unit's place in Campaign.Units; -1 for a unit not listed.
	counts []int64
}

// Count returns the cumulative followers credited to u by the report, and
// false when the report does not list u (by its id or an alias).
func (r *Report) Count(u *Unit) (int64, bool) {
	if u == nil || u.index < 0 || u.index >= len(r.counts) || r.counts[u.index] < 0 {
		return 0, false
	}
	return r.counts[u.index], true
}

// Recipient is one addressee of a directive: a group or a unit.
type Recipient struct {
	Group *Group // set for a group
	Unit  *Unit  // set for a unit
}

// Name is the recipient's display name.
func (r Recipient) Name() string {
	if r.Group != nil {
		return r.Group.Name
	}
	return r.Unit.Name
}

// Units lists the units the recipient stands for.
func (r Recipient) Units() []*Unit {
	if r.Group != nil {
		return r.Group.Units
	}
	return []*Unit{r.Unit}
}

// Directive is an official document (văn bản chỉ đạo).
type Directive struct {
	Slug    string
	Kind    string // Công văn, Kế hoạch, ...
	Number  string
	Date    time.Time
	Subject string
	To      []Recipient
	CC      []string
	Sign    []string
	Signer  string
	Draft   bool
	Tasks   []*Task

	// Body is the Markdown body; BodyLine is the line of the file on which
	// it starts, so that positions inside it are true file positions.
	Body     []byte
	BodyLine int
	File     string // path relative to the site, slash-separated
	Pos      diag.Pos

	order int // its place in Campaign.Directives (see reach)
}

// IsLetter reports whether the directive is a công văn, which prints its
// subject as "V/v …" under the number instead of a title.
func (d *Directive) IsLetter() bool { return isCongVan(d.Kind) }

// Task is a task a directive assigns.
type Task struct {
	Directive *Directive
	To        []Recipient
	Text      string
	Due       time.Time // zero when absent

	order int // its place among the tasks of Campaign.Directives (see reach)
}

// Page is a free page or the home page.
type Page struct {
	Slug        string // "" for the home page
	Title       string
	Description string
	Weight      int
	Draft       bool
	Body        []byte
	BodyLine    int
	File        string
}

// Unit returns the unit with the given id or alias.
func (c *Campaign) Unit(id string) (*Unit, bool) {
	u, ok := c.units[id]
	return u, ok
}

// Group returns the group with the given id.
func (c *Campaign) Group(id string) (*Group, bool) {
	g, ok := c.groups[id]
	return g, ok
}

// Target is the campaign's target, or the sum of the units' targets when
// the campaign sets none.
func (c *Campaign) Target() int64 {
	if c.Info.Target > 0 {
		return c.Info.Target
	}
	var t int64
	for _, g := range c.Groups {
		t += g.Target
	}
	return t
}

// Followers is the latest report's total, 0 without a report.
func (c *Campaign) Followers() int64 {
	if c.Latest == nil {
		return 0
	}
	return c.Latest.Followers
}

// TargetRate is Followers over Target; ok is false without a report or a
// target.
func (c *Campaign) TargetRate() (rate float64, ok bool) {
	if c.Latest == nil {
		return 0, false
	}
	return ratio(c.Latest.Followers, c.Target())
}

// History is the account's followers at every report, oldest first.
func (c *Campaign) History() []Point {
	out := make([]Point, len(c.Reports))
	for i, r := range c.Reports {
		out[i] = Point{Date: r.Date, Count: r.Followers}
	}
	return out
}

func ratio(n, d int64) (float64, bool) {
	if d <= 0 {
		return 0, false
	}
	return float64(n) / float64(d), true
}

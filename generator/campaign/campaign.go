package campaign

import (
	"cmp"
	"net/url"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/vi"
)

// Options changes how the model is built.
type Options struct {
	// Drafts keeps draft directives and pages.
	Drafts bool
	// BaseURL, when not empty, replaces site.toml's base_url (for preview
	// deploys). It must be absolute http(s); the caller validates it.
	BaseURL string
	// Cache, when set, keeps what was made of each report for the next
	// model (serve; see Cache).
	Cache *Cache
}

// New builds the model from what load read. It checks every reference
// between files (units in reports, recipients and task targets of
// directives) and adds problems to diags; it returns a usable model even
// when there are errors, so that all problems are reported at once.
func New(s *load.Site, opts Options, diags *diag.List) *Campaign {
	c := &Campaign{
		units:   map[string]*Unit{},
		groups:  map[string]*Group{},
		leftOut: newLeftOut(s.Unread),
	}
	c.setSite(s.Config, opts)
	c.addGroups(s.Groups)
	c.addSuccessors(s.Groups, diags)
	// Reports and directives only read the groups and units, and write
	// apart (a unit's history; its tasks and directives): on a national
	// site each is a tenth of a second, so they go side by side.
	var wg sync.WaitGroup
	wg.Go(func() { c.addReports(s.Reports, s.Groups, opts.Cache, diags) })
	c.addDirectives(s.Directives, opts.Drafts, diags)
	c.addPages(s.Pages, s.Home, opts.Drafts)
	if s.Config.CMS != nil {
		for _, p := range s.Pages {
			if p.Slug == AdminSlug {
				diags.Errorf(p.Pos, "the page %s would take /%s/, where site.toml's [cms] puts the admin: rename the file", p.File, AdminSlug)
			}
		}
	}
	c.reach()
	wg.Wait()
	c.compute(diags)
	c.leftOut.note(diags)
	draftsNote(c.draftsLeft[0], c.draftsLeft[1], diags)
	return c
}

func (c *Campaign) setSite(cfg load.Config, opts Options) {
	base := cfg.BaseURL
	if opts.BaseURL != "" {
		base = opts.BaseURL
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	path := "/"
	if u, err := url.Parse(base); err == nil && u.Path != "" {
		path = u.Path
		if !strings.HasSuffix(path, "/") {
			path += "/"
		}
	}
	c.Site = Site{
		Title:    cfg.Title,
		BaseURL:  base,
		BasePath: path,
		Language: cfg.Language,
		Theme:    cfg.Theme,
		RawHTML:  cfg.RawHTML,
		CMS:      cfg.CMS,
	}
	if c.Site.Language == "" {
		c.Site.Language = "vi"
	}
	if c.Site.Theme == "" {
		c.Site.Theme = "default"
	}
	c.Authority = Authority{
		Name:   cfg.Authority.Name,
		Header: cfg.Authority.Header,
		Place:  cfg.Authority.Place,
	}
	if len(c.Authority.Header) == 0 && c.Authority.Name != "" {
		c.Authority.Header = []string{vi.Upper(c.Authority.Name)}
	}
	c.Report = ReportConfig{Number: cfg.Report.Number, To: cfg.Report.To, Sign: cfg.Report.Sign, Signer: cfg.Report.Signer}
	if c.Report.Number == "" {
		c.Report.Number = "/BC"
	}
	c.Info = Info{
		Name:      cfg.Campaign.Name,
		Channel:   cfg.Campaign.Channel,
		FollowURL: cfg.Campaign.FollowURL,
		Start:     cfg.Campaign.Start,
		End:       cfg.Campaign.End,
		Target:    cfg.Campaign.Target,
	}
	if c.Info.Channel == "" {
		c.Info.Channel = c.Info.Name
	}
	if a := cfg.Audience; a != nil {
		c.Audience = &Audience{
			Population14Plus: a.Population14Plus,
			SmartphoneShare:  a.SmartphoneShare,
			VNeIDLevel2:      a.VNeIDLevel2,
		}
	}
}

func (c *Campaign) addGroups(groups []*load.Group) {
	// The units in one allocation: 10,000 nationally.
	n, ids := 0, 0
	for _, lg := range groups {
		n += len(lg.Units)
		for _, lu := range lg.Units {
			ids += 1 + len(lu.Aliases)
		}
	}
	units := make([]Unit, 0, n)
	c.units = make(map[string]*Unit, ids)
	for _, lg := range groups {
		g := &Group{ID: lg.ID, Name: lg.Name, Order: lg.Order}
		if len(lg.Units) > 0 {
			g.Units = make([]*Unit, 0, len(lg.Units))
		}
		c.groups[g.ID] = g
		c.Groups = append(c.Groups, g)
		for _, lu := range lg.Units {
			if _, dup := c.units[lu.ID]; dup {
				continue // load reported it
			}
			units = append(units, Unit{
				ID:       lu.ID,
				Name:     lu.Name,
				Short:    lu.Short,
				Group:    g,
				Target:   lu.Target,
				Audience: lu.Audience,
				Aliases:  lu.Aliases,
				Pos:      lu.Pos,
				Retired:  lu.Retired,

				targetPos: lu.TargetPos,
			})
			u := &units[len(units)-1]
			if u.Short == "" {
				u.Short = u.Name
			}
			g.Units = append(g.Units, u)
			c.units[u.ID] = u
			for _, a := range lu.Aliases {
				if _, dup := c.units[a]; !dup {
					c.units[a] = u
				}
			}
		}
	}
	sort.SliceStable(c.Groups, func(i, j int) bool {
		if c.Groups[i].Order != c.Groups[j].Order {
			return c.Groups[i].Order < c.Groups[j].Order
		}
		return c.Groups[i].ID < c.Groups[j].ID
	})
	for _, g := range c.Groups {
		g.All = g.Units
		c.Units = append(c.Units, g.Units...)
	}
	c.All = c.Units
	for i, u := range c.Units {
		u.index = i
	}
}

func (c *Campaign) unitIDs() []string {
	ids := make([]string, 0, len(c.units))
	for id := range c.units {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (c *Campaign) refIDs() []string {
	ids := c.unitIDs()
	for id := range c.groups {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (c *Campaign) addReports(reports []*load.Report, groups []*load.Group, cache *Cache, diags *diag.List) {
	var (
		knownOnce sync.Once
		known     []string
	)
	hint := func(id string) diag.Text {
		knownOnce.Do(func() { known = c.unitIDs() })
		return diag.Hint(id, known)
	}
	// A national campaign has 100 reports of 10,000 lines: they are read
	// side by side, each worker a run of consecutive reports (they only
	// read the model), then the history of each unit is made in order.
	if len(reports) == 0 {
		return
	}
	// What the cache knows of the reports that did not change since the
	// last model is taken as it is (see Cache); the others are read.
	prev := cache.begin(c, groups)
	read := make([]*readReport, len(reports))
	if prev != nil {
		for i, lr := range reports {
			if e := prev.reports[lr]; e != nil && e.newest == (i == len(reports)-1) {
				read[i] = e
				// What it left out is counted again; a report read
				// counts its own (see leftOut).
				c.leftOut.n.Add(e.leftOut)
			}
		}
	}
	parts := min(runtime.GOMAXPROCS(0), len(reports))
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			var prevLines []load.UnitCount
			var prevUnits []*Unit
			for i := p * len(reports) / parts; i < (p+1)*len(reports)/parts; i++ {
				if read[i] != nil {
					prevLines, prevUnits = nil, nil
					continue
				}
				read[i], prevUnits = c.newReport(reports[i], i == len(reports)-1, prevLines, prevUnits, hint)
				prevLines = reports[i].Units
			}
		})
	}
	wg.Wait()
	c.Reports = make([]*Report, len(reports))
	// lines[i][u.index] is the line of report i that counts unit u, kept
	// to place a warning about the count.
	lines := make([][]int32, len(reports))
	for i, e := range read {
		r := e.report
		c.Reports[i] = &r
		lines[i] = e.at
		for _, d := range e.diags {
			diags.Add(d)
		}
	}
	for i, r := range c.Reports {
		if i > 0 {
			r.Change = r.Followers - c.Reports[i-1].Followers
			r.HasChange = true
		}
	}
	c.checkReportSequence(reports, diags)
	if n := len(c.Reports); n > 0 {
		c.Latest = c.Reports[n-1]
	}
	// Per-unit history, with the "count went down" warning: each worker
	// the units of a part of Campaign.Units. A unit whose counts are
	// those of the last model keeps its history (see Cache.unchanged).
	same := prev.unchanged(read, len(c.Units))
	next := &histories{
		read:   read,
		hist:   make([][]Point, len(c.Units)),
		last:   make([]int32, len(c.Units)),
		warned: make([]bool, len(c.Units)),
	}
	parts = min(runtime.GOMAXPROCS(0), max(len(c.Units), 1))
	for p := range parts {
		wg.Go(func() {
			// Counts are read from each report's own slice, by unit: a
			// unit and the next share a cache line of every report, where
			// the report's lines, read unit by unit, were a cache miss each
			// (a million on a national site). A line is looked up only to
			// place a warning.
			for _, u := range c.Units[p*len(c.Units)/parts : (p+1)*len(c.Units)/parts] {
				last := -1
				if same != nil && same[u.index] {
					u.History = prev.hist.hist[u.index]
					last = int(prev.hist.last[u.index])
				} else {
					for i, r := range c.Reports {
						count := r.counts[u.index]
						if count < 0 {
							continue // not listed, or listed wrong (reported)
						}
						if u.History == nil {
							u.History = make([]Point, 0, len(reports)-i)
						}
						if n := len(u.History); n > 0 && count < u.History[n-1].Count {
							uc := reports[i].Units[lines[i][u.index]]
							diags.Warnf(reports[i].PosOf(uc), "%s: count went down from %s (%s) to %s", u.ID,
								vi.Int(u.History[n-1].Count), vi.ShortDate(u.History[n-1].Date), vi.Int(count))
							next.warned[u.index] = true
						}
						u.History = append(u.History, Point{Date: r.Date, Count: count})
						last = i
					}
				}
				next.hist[u.index], next.last[u.index] = u.History, int32(last)
				if last >= 0 {
					u.countPos = reports[last].PosOf(reports[last].Units[lines[last][u.index]])
				}
			}
		})
	}
	wg.Wait()
	cache.end(c, groups, reports, read, next)
}

// newReport reads one report. prevLines and prevUnits are the lines of the
// report before and their units: reports list the units in the same order
// week after week, and a line that names the unit of the same line last
// time needs no lookup. The units it returns are those of lr.Units, nil
// for a line reported as an error.
func (c *Campaign) newReport(lr *load.Report, newest bool, prevLines []load.UnitCount, prevUnits []*Unit, hint func(string) diag.Text) (*readReport, []*Unit) {
	var diags diag.List
	e := &readReport{newest: newest}
	r := &e.report
	*r = Report{
		Date:      lr.Date,
		Followers: lr.Followers,
		Source:    lr.Source,
		Note:      lr.Note,
		counts:    make([]int64, len(c.Units)),
	}
	for i := range r.counts {
		r.counts[i] = -1
	}
	listed := make([]*Unit, len(lr.Units))
	var sum int64
	for i, uc := range lr.Units {
		var u *Unit
		if i < len(prevLines) && prevUnits[i] != nil && prevLines[i].ID == uc.ID {
			u = prevUnits[i]
		} else if u = c.units[uc.ID]; u == nil {
			if c.leftOut.unknownRef() {
				e.leftOut++
				continue
			}
			if newest {
				diags.Errorf(lr.PosOf(uc), "unknown unit %q%s", uc.ID, hint(uc.ID))
			} else {
				diags.Errorf(lr.PosOf(uc), msgUnknownInPastReport, uc.ID, hint(uc.ID))
			}
			continue
		}
		if !u.CountsAt(lr.Date) {
			diags.Errorf(lr.PosOf(uc), msgListedAfterRetired, u.ID, isoDate(u.Retired), u.Pos.File, isoDate(lr.Date))
			continue
		}
		if r.counts[u.index] >= 0 {
			first := lr.PosOf(uc)
			for j := range i {
				if listed[j] == u { // by its id or an alias
					first = lr.PosOf(lr.Units[j])
					break
				}
			}
			diags.Errorf(lr.PosOf(uc), "unit %q is listed twice in this report (first at %s)", u.ID, first)
			continue
		}
		listed[i] = u
		r.counts[u.index] = uc.Count
		// Each count is at most load.MaxCount: a sum that stops there
		// cannot wrap, and is already more than the followers.
		sum = min(sum+uc.Count, load.MaxCount+1)
		if u.Audience > 0 && uc.Count > u.Audience {
			diags.Warnf(lr.PosOf(uc), "%s: the count %s is more than the unit's audience (%s, at %s)",
				uc.ID, vi.Int(uc.Count), vi.Int(u.Audience), u.Pos)
		}
	}
	if c.Audience != nil && c.Audience.Population14Plus > 0 && r.Followers > c.Audience.Population14Plus {
		diags.Warnf(lr.FollowersPos, "followers (%s) is more than the population aged 14 and over (population_14plus = %s in site.toml)",
			vi.Int(r.Followers), vi.Int(c.Audience.Population14Plus))
	}
	if sum > load.MaxCount {
		diags.Warnf(lr.Pos, "the units' counts add up to more than the %s followers of the report", vi.Int(r.Followers))
	} else if sum > r.Followers {
		diags.Warnf(lr.Pos, "the units' counts add up to %s, more than the %s followers of the report", vi.Int(sum), vi.Int(r.Followers))
	}
	// The line of each unit, by its place in Campaign.Units, written in
	// the order of the lines, which follows the units' week after week.
	e.at = make([]int32, len(c.Units))
	for j, u := range listed {
		if u != nil {
			e.at[u.index] = int32(j)
		}
	}
	e.diags = diags.All()
	return e, listed
}

// resolve turns ids written in a directive into recipients.
func (c *Campaign) resolve(refs []load.Ref, diags *diag.List) []Recipient {
	var out []Recipient
	for _, ref := range refs {
		if g, ok := c.groups[ref.ID]; ok {
			out = append(out, Recipient{Group: g})
			continue
		}
		if u, ok := c.units[ref.ID]; ok {
			out = append(out, Recipient{Unit: u})
			continue
		}
		if c.leftOut.unknownRef() {
			continue
		}
		diags.Errorf(ref.Pos, "unknown group or unit %q%s", ref.ID, diag.Hint(ref.ID, c.refIDs()))
	}
	return out
}

func (c *Campaign) addDirectives(dirs []*load.Directive, drafts bool, diags *diag.List) {
	for _, ld := range dirs {
		d := &Directive{
			Slug:     ld.Slug,
			Kind:     ld.Kind,
			Number:   ld.Number,
			Date:     ld.Date,
			Subject:  ld.Subject,
			CC:       ld.CC,
			Sign:     ld.Sign,
			Signer:   ld.Signer,
			Draft:    ld.Draft,
			Body:     ld.Body,
			BodyLine: ld.BodyLine,
			File:     ld.File,
			Pos:      ld.Pos,
		}
		// References are checked in drafts too: a draft is published later.
		d.To = c.resolve(ld.To, diags)
		for _, lt := range ld.Tasks {
			d.Tasks = append(d.Tasks, &Task{
				Directive: d,
				To:        c.resolve(lt.To, diags),
				Text:      lt.Text,
				Due:       lt.Due,
			})
		}
		c.checkTaskRecipients(ld, diags)
		if d.Draft && !drafts {
			c.draftsLeft[0]++
			continue
		}
		c.Directives = append(c.Directives, d)
	}
	sort.SliceStable(c.Directives, func(i, j int) bool {
		a, b := c.Directives[i], c.Directives[j]
		if !a.Date.Equal(b.Date) {
			return a.Date.After(b.Date)
		}
		if a.Number != b.Number {
			return a.Number > b.Number
		}
		return a.Slug < b.Slug
	})
}

// AdminSlug is the first segment of the admin's URLs (package cms), which
// a free page must not take when site.toml has a [cms] table.
const AdminSlug = "admin"

func (c *Campaign) addPages(pages []*load.Page, home *load.Page, drafts bool) {
	for _, lp := range pages {
		if lp.Draft && !drafts {
			c.draftsLeft[1]++
			continue
		}
		c.Pages = append(c.Pages, newPage(lp))
	}
	sort.SliceStable(c.Pages, func(i, j int) bool {
		a, b := c.Pages[i], c.Pages[j]
		if a.Weight != b.Weight {
			return a.Weight < b.Weight
		}
		if n := vi.Compare(a.Title, b.Title); n != 0 {
			return n < 0
		}
		return a.Slug < b.Slug
	})
	if home != nil {
		c.Home = newPage(home)
	} else {
		c.Home = &Page{File: "content/_index.md", BodyLine: 1}
	}
}

func newPage(lp *load.Page) *Page {
	return &Page{
		Slug:        lp.Slug,
		Title:       lp.Title,
		Description: lp.Description,
		Weight:      lp.Weight,
		Draft:       lp.Draft,
		Body:        lp.Body,
		BodyLine:    lp.BodyLine,
		File:        lp.File,
	}
}

// compute derives every figure once: unit counts, changes and ranks, group
// totals, reach.
func (c *Campaign) compute(diags *diag.List) {
	// The rule of docs/format.md, "Figures of a period": a unit's count
	// at a report date is carried forward from the latest report on or
	// before it that lists the unit, and its change is that count minus
	// its count at the previous report date (0 when it had none then).
	// So a unit that did not report has changed by 0, and a group's
	// change is the difference of its totals.
	c.splitGone()
	var prev *Report
	if n := len(c.Reports); n > 1 {
		prev = c.Reports[n-2]
	}
	for _, u := range c.Gone {
		u.figures(c.Latest, prev)
	}
	for _, u := range c.Units {
		if !u.figures(c.Latest, prev) && len(c.Reports) > 0 && u.Retired.IsZero() && !c.leftOut.unreported() {
			diags.Warnf(u.Pos, "unit %q is in no report yet: it is shown as \"chưa báo cáo\"", u.ID)
		}
		if u.InLatest {
			c.Reported++
		}
	}
	// Every count is at most load.MaxCount; so is every total, checked
	// on the totals of the whole site (each group's is smaller): a value
	// that would take one beyond is reported at its line and left out,
	// and no sum here or in the pages can wrap.
	// Only the first value that does not fit is reported: after it, the
	// total is what is wrong, not each value.
	var target, count, change int64
	var targetOver, countOver bool
	fits := func(total *int64, v int64) bool {
		if t := *total + v; t > load.MaxCount || t < -load.MaxCount {
			return false
		}
		*total += v
		return true
	}
	for _, g := range c.Groups {
		for _, u := range g.Units {
			if fits(&target, u.Target) {
				g.Target += u.Target
			} else if !targetOver {
				targetOver = true
				diags.Errorf(u.targetPos, "%s: %s", u.ID, tooLargeSum(diag.Textf("the targets of the units"), "target"))
			}
			if u.HasCount {
				if fits(&count, u.Count) {
					g.Count += u.Count
				} else if !countOver {
					countOver = true
					diags.Errorf(u.countPos, "%s: %s", u.ID, tooLargeSum(diag.Textf("the latest counts of the units"), "count"))
				}
				g.Reported++
			}
			if u.HasChange && fits(&change, u.Change) {
				g.Change += u.Change
			}
		}
		rank(g.Units)
	}
	if c.Latest != nil && c.Audience != nil {
		if users := float64(c.Audience.Population14Plus) * c.Audience.SmartphoneShare; users > 0 {
			c.Reach, c.HasReach = float64(c.Latest.Followers)/users, true
		}
	}
}

// figures sets the unit's count and change at the latest report from its
// history; it reports whether the unit has a count.
func (u *Unit) figures(latest, prev *Report) bool {
	n := len(u.History)
	if n == 0 {
		return false
	}
	last := u.History[n-1]
	u.Count, u.Reported, u.HasCount = last.Count, last.Date, true
	u.InLatest = latest != nil && last.Date.Equal(latest.Date)
	if prev != nil {
		var before int64
		if !u.InLatest {
			before = last.Count
		} else if n > 1 {
			before = u.History[n-2].Count
		}
		u.Change, u.HasChange = last.Count-before, true
	}
	return true
}

// splitGone moves the units retired before the latest report out of
// Units and each group's Units into Gone: from the first report after its
// retirement a unit counts in no total and no ranking. All keeps them.
func (c *Campaign) splitGone() {
	if c.Latest == nil {
		return
	}
	var units []*Unit
	for _, g := range c.Groups {
		var keep []*Unit
		for _, u := range g.All {
			if u.CountsAt(c.Latest.Date) {
				keep = append(keep, u)
				continue
			}
			u.Gone = true
			c.Gone = append(c.Gone, u)
		}
		if len(keep) == len(g.All) {
			keep = g.All
		}
		g.Units = keep
		units = append(units, keep...)
	}
	if len(c.Gone) > 0 {
		c.Units = units
	}
}

// reach gives every unit the tasks and directives addressed to it,
// directly or through its group. Nearly everything is addressed to groups:
// each group's lists are made once and its units share them (the slices
// are full, so that appending to one copies it); a unit also addressed by
// its id gets lists of its own, both merged in order. Walking every unit
// of every group for every task was 2 million steps nationally.
func (c *Campaign) reach() {
	stamp, tasks := 0, 0
	for i, d := range c.Directives {
		d.order = i
		stamp++
		dir := stamp
		visit := func(r Recipient) {
			switch {
			case r.Group != nil && r.Group.dirMark != dir:
				r.Group.dirMark = dir
				r.Group.dirs = append(r.Group.dirs, d)
			case r.Unit != nil && r.Unit.dirMark != dir:
				r.Unit.dirMark = dir
				r.Unit.ownDirs = append(r.Unit.ownDirs, d)
			}
		}
		for _, r := range d.To {
			visit(r)
		}
		for _, t := range d.Tasks {
			t.order = tasks
			tasks++
			stamp++
			for _, r := range t.To {
				visit(r)
				switch {
				case r.Group != nil && r.Group.taskMark != stamp:
					r.Group.taskMark = stamp
					r.Group.tasks = append(r.Group.tasks, t)
				case r.Unit != nil && r.Unit.taskMark != stamp:
					r.Unit.taskMark = stamp
					r.Unit.ownTasks = append(r.Unit.ownTasks, t)
				}
			}
		}
	}
	for _, u := range c.Units {
		u.Directives = merge(u.Group.dirs, u.ownDirs, func(d *Directive) int { return d.order })
		u.Tasks = merge(u.Group.tasks, u.ownTasks, func(t *Task) int { return t.order })
		u.ownDirs, u.ownTasks = nil, nil
	}
}

// merge merges two lists in the order index gives, each item once.
func merge[T comparable](group, own []T, index func(T) int) []T {
	if len(own) == 0 {
		return group[:len(group):len(group)]
	}
	out := make([]T, 0, len(group)+len(own))
	i, j := 0, 0
	for i < len(group) || j < len(own) {
		switch {
		case j == len(own) || (i < len(group) && index(group[i]) < index(own[j])):
			out = append(out, group[i])
			i++
		case i == len(group) || index(own[j]) < index(group[i]):
			out = append(out, own[j])
			j++
		default: // the same item, to the group and to the unit
			out = append(out, group[i])
			i, j = i+1, j+1
		}
	}
	return out
}

// rank sets Rank by count, highest first; equal counts share a rank
// (1, 1, 3); units without a count get 0.
func rank(units []*Unit) {
	counted := make([]*Unit, 0, len(units))
	for _, u := range units {
		u.Rank = 0
		if u.HasCount {
			counted = append(counted, u)
		}
	}
	// Equal counts in the group's order: units are in Campaign.All's.
	slices.SortFunc(counted, func(a, b *Unit) int { return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.index, b.index)) })
	for i, u := range counted {
		if i > 0 && u.Count == counted[i-1].Count {
			u.Rank = counted[i-1].Rank
		} else {
			u.Rank = i + 1
		}
	}
}

// tooLargeSum is the message for a value that takes the total of what
// beyond load.MaxCount; value names it ("count").
func tooLargeSum(what diag.Text, value string) diag.Text {
	return diag.Textf("%s add up to more than %d, the largest total a site can hold: check this %s",
		what, int64(load.MaxCount), value)
}

package render

import (
	"strconv"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/chart"
	"github.com/loa-vn/loa/generator/period"
	"github.com/loa-vn/loa/generator/vi"
)

// The leaders' report of every period: /bao-cao/ lists the periods,
// newest first, and /bao-cao/<YYYY-MM-DD>/ is the report of one, laid out
// as an administrative document (Nghị định 30/2020/NĐ-CP). Its figures
// come from package period, from the reports up to its date only, so a
// later report never changes it. Its wording is in the theme
// (report.html, reports.html).

const reportsPath = "bao-cao/"

// reportPath is the page of a period's report.
func reportPath(r *campaign.Report) string {
	return reportsPath + r.Date.Format(time.DateOnly) + "/"
}

// reportDataPath is the open data of a period's report, which
// Options.ReportData makes: du-lieu/bao-cao/<YYYY-MM-DD>.json.
func reportDataPath(r *campaign.Report) string {
	return "du-lieu/bao-cao/" + r.Date.Format(time.DateOnly) + ".json"
}

// ReportView is one period's leaders' report.
type ReportView struct {
	Date     time.Time
	Path     string // "bao-cao/2023-11-04/"
	DataPath string // "du-lieu/bao-cao/2023-11-04.json"
	// Previous is the date of the report before; HasPrevious is false for
	// the first report.
	Previous    time.Time
	HasPrevious bool
	Source      string
	Note        string

	// From [report] of site.toml: the number ("/BC-UBND", left to fill in
	// before the slash), Kính gửi, and the signature block (none when
	// Sign is empty).
	Number string
	To     []string
	Sign   []string
	Signer string

	Figures Figures // followers, change, reach, target rate, units reported

	// Groups are the groups' totals, Total the campaign's.
	Groups []ReportGroup
	Total  ReportGroup
	// Ranked are the units with a share, by rank; Unranked the others (no
	// target or no count yet), in the site's order. Full is false on a
	// site of more than reportRankingMax units, whose report names the
	// highest, the lowest, those that did not report and those that went
	// down, and leaves the whole ranking to its open data.
	Ranked, Unranked []ReportUnit
	Full             bool
	Highest, Lowest  []ReportUnit
	NotReported      []ReportUnit // not listed in this report, in the site's order
	Dropped          []ReportUnit // lower than at the previous date
	Chart            *ChartView   // the followers up to the date
}

// ReportGroup is a group's (or the campaign's) line of a report.
type ReportGroup struct {
	ID, Name, Path string
	Units          int // how many units
	Reported       int // how many this report lists
	Count          int64
	HasCount       bool
	Change         int64
	HasChange      bool
	Target         int64
	Rate           float64 // Count over Target
	HasRate        bool
}

// ReportUnit is a unit's line of a report.
type ReportUnit struct {
	Rank            int // 0 without a share
	ID, Name, Short string
	Path            string
	Group           string // the group's name
	Count           int64
	HasCount        bool
	From            time.Time // the date Count comes from
	Listed          bool      // this report lists the unit
	Change          int64
	HasChange       bool
	Before          int64 // the count at the previous date (Dropped)
	Target          int64
	Share           float64
	HasShare        bool
	// The figures formatted, for the ranking, which has a row per unit
	// per period (each template action costs about 1.3 µs): "–" for a
	// figure that is not there, CountText "" without a count.
	RankText, TargetText, CountText, ShareText, ChangeText string
}

// ReportItem is one period in the list of reports.
type ReportItem struct {
	Date      time.Time
	Path      string
	Followers int64
	Change    int64
	HasChange bool
	Reported  int // units this report lists
	Units     int
	Latest    bool
}

// reportRankingMax is the most units whose ranking a report lists in
// full. A row of the ranking costs some 30 µs to render, once per unit
// per period: a site of 2,000 units and a hundred reports spent 6 s on
// them. A larger site's report names the five highest and lowest, the
// units that did not report and those that went down, and links its open
// data for the whole ranking. (A variable, for tests.)
var reportRankingMax = 500

// reportView lays out the report of period p.
func reportView(c *campaign.Campaign, p *period.Period) *ReportView {
	rv := &ReportView{
		Date: p.Date, Path: reportPath(p.Report), DataPath: reportDataPath(p.Report),
		Source: p.Report.Source, Note: p.Report.Note,
		Number: c.Report.Number, To: c.Report.To, Sign: c.Report.Sign, Signer: c.Report.Signer,
		Full: len(c.Units) <= reportRankingMax,
	}
	if p.Previous != nil {
		rv.Previous, rv.HasPrevious = p.Previous.Date, true
	}
	rv.Figures = datedViewsFigures(c, p)
	total := ReportGroup{Name: "Cộng"}
	for _, g := range p.Groups {
		rg := ReportGroup{
			ID: g.Group.ID, Name: g.Group.Name, Path: groupPath(g.Group.ID),
			Units: len(g.Units), Reported: g.Reported,
			Count: g.Count, HasCount: g.Counted > 0, Change: g.Change, HasChange: g.HasChange,
			Target: g.Target, Rate: g.Rate, HasRate: g.HasRate,
		}
		rv.Groups = append(rv.Groups, rg)
		total.Units += rg.Units
		total.Reported += rg.Reported
		total.Count += rg.Count
		total.HasCount = total.HasCount || rg.HasCount
		total.Change += rg.Change
		total.HasChange = total.HasChange || rg.HasChange
		total.Target += rg.Target
	}
	if total.HasCount && total.Target > 0 {
		total.Rate, total.HasRate = float64(total.Count)/float64(total.Target), true
	}
	rv.Total = total
	line := func(u *period.Unit) ReportUnit {
		cu := u.Unit
		ru := ReportUnit{
			Rank: u.Rank, ID: cu.ID, Name: cu.Name, Short: cu.Short, Path: unitPath(cu.ID), Group: cu.Group.Name,
			Count: u.Count, HasCount: u.HasCount, From: u.From, Listed: u.Listed,
			Change: u.Change, HasChange: u.HasChange, Before: u.Count - u.Change,
			Target: cu.Target, Share: u.Share, HasShare: u.HasShare,
		}
		if ru.Short == "" {
			ru.Short = ru.Name
		}
		ru.RankText, ru.TargetText, ru.ShareText, ru.ChangeText = "–", "–", "–", "–"
		if ru.Rank > 0 {
			ru.RankText = strconv.Itoa(ru.Rank)
		}
		if ru.Target > 0 {
			ru.TargetText = vi.Int(ru.Target)
		}
		if ru.HasCount {
			ru.CountText = vi.Int(ru.Count)
		}
		if ru.HasShare {
			ru.ShareText = vi.Percent(ru.Share, 1)
		}
		if ru.HasChange {
			ru.ChangeText = vi.Signed(ru.Change)
		}
		return ru
	}
	lines := func(us []*period.Unit) []ReportUnit {
		out := make([]ReportUnit, 0, len(us))
		for _, u := range us {
			out = append(out, line(u))
		}
		return out
	}
	if rv.Full {
		rv.Ranked = lines(p.Ranked)
		for _, u := range p.Units {
			if !u.HasShare {
				rv.Unranked = append(rv.Unranked, line(u))
			}
		}
	}
	rv.Highest, rv.Lowest = lines(p.Highest), lines(p.Lowest)
	rv.NotReported, rv.Dropped = lines(p.NotReported), lines(p.Dropped)
	rv.Chart = &ChartView{
		ID:    "bieu-do-bao-cao",
		Title: "Số người quan tâm trang Zalo OA qua các kỳ báo cáo",
		Chart: chart.New(points(p.History), p.Target, chart.Layout{}),
	}
	rv.Chart.Title = asOfTitle(rv.Chart.Title, rv.Figures)
	return rv
}

// datedViewsFigures are the headline figures of period p.
func datedViewsFigures(c *campaign.Campaign, p *period.Period) Figures {
	return Figures{
		HasReport: true, Latest: p.Date, Followers: p.Followers,
		Change: p.Change, HasChange: p.HasChange,
		Reach: p.Reach, HasReach: p.HasReach,
		Target: p.Target, TargetRate: p.TargetRate, HasTargetRate: p.HasTargetRate,
		Units: p.Counting, Reported: p.Reported,
	}
}

// reportItems lists every period, newest first.
func reportItems(c *campaign.Campaign) []ReportItem {
	out := make([]ReportItem, 0, len(c.Reports))
	for i := len(c.Reports) - 1; i >= 0; i-- {
		r := c.Reports[i]
		n, units := 0, 0
		for _, u := range c.All {
			if !u.CountsAt(r.Date) {
				continue
			}
			units++
			if _, ok := r.Count(u); ok {
				n++
			}
		}
		out = append(out, ReportItem{
			Date: r.Date, Path: reportPath(r), Followers: r.Followers,
			Change: r.Change, HasChange: r.HasChange,
			Reported: n, Units: units, Latest: i == len(c.Reports)-1,
		})
	}
	return out
}

// reportJobs writes /bao-cao/ and the report of every period.
func (r *renderer) reportJobs(add func([]string, func(Sink) error)) {
	c := r.c
	add([]string{reportsPath + "index.html"}, func(sink Sink) error {
		return r.page(sink, reportsPath+"index.html", "reports.html", &Page{
			Path: reportsPath, Title: "Báo cáo định kỳ",
			Description: "Báo cáo kết quả chiến dịch " + c.Info.Name + " qua từng kỳ báo cáo, gửi lãnh đạo.",
			Reports:     reportItems(c),
		})
	})
	for i := len(c.Reports) - 1; i >= 0; i-- {
		rep := c.Reports[i]
		path := reportPath(rep)
		paths := []string{path + "index.html"}
		if r.reportData != nil {
			paths = append(paths, reportDataPath(rep))
		}
		add(paths, func(sink Sink) error {
			var rv *ReportView
			if k := keying(sink); k != nil {
				// The report and its open data are made of the figures
				// of its period alone.
				k.raw("period", r.inputs()[i+1])
			} else {
				p := period.Of(c, i)
				rv = reportView(c, p)
				if r.reportData != nil {
					if err := sink.Put(reportDataPath(rep), r.reportData(p)); err != nil {
						return err
					}
				}
			}
			return r.page(sink, path+"index.html", "report.html", &Page{
				Path: path, Title: "Báo cáo kết quả chiến dịch ngày " + vi.ShortDate(rep.Date),
				Description: "Báo cáo kết quả chiến dịch " + c.Info.Name + " đến ngày " + vi.ShortDate(rep.Date) + ": số người quan tâm, kết quả theo nhóm và theo đơn vị.",
				Report:      rv,
			})
		})
	}
}

package opendata

import (
	"bytes"
	"encoding/json"
	"math"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/period"
)

// ReportPath is where the open data of the leaders' report of a period
// goes, relative to the output root: du-lieu/bao-cao/<YYYY-MM-DD>.json.
func ReportPath(r *campaign.Report) string {
	return "du-lieu/bao-cao/" + isoDate(r.Date) + ".json"
}

// ReportPaths lists the files ReportJSON writes, one per report.
func ReportPaths(c *campaign.Campaign) []string {
	out := make([]string, len(c.Reports))
	for i, r := range c.Reports {
		out[i] = ReportPath(r)
	}
	return out
}

type periodReport struct {
	Date            string        `json:"date"`
	Previous        *string       `json:"previous"`
	Followers       int64         `json:"followers"`
	FollowersChange *int64        `json:"followers_change"`
	Reach           *float64      `json:"reach"`
	Groups          []periodGroup `json:"groups"`
	Units           []periodUnit  `json:"units"`
	NotReported     []string      `json:"not_reported"`
	Dropped         []string      `json:"dropped"`
}

type periodGroup struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Units    int    `json:"units"`
	Reported int    `json:"reported"`
	Count    int64  `json:"count"`
	Change   *int64 `json:"change"`
}

type periodUnit struct {
	ID       string   `json:"id"`
	Group    string   `json:"group"`
	Count    *int64   `json:"count"`
	Change   *int64   `json:"change"`
	Reported bool     `json:"reported"`
	Target   *int64   `json:"target"`
	Share    *float64 `json:"share"`
	Rank     *int     `json:"rank"`
}

// ReportJSON is the open data of the leaders' report of period p: its
// figures under the rule of docs/format.md, from the reports up to its
// date only. Nulls: previous, followers_change and the groups' change for
// the first report, reach without an audience baseline; a unit's count
// and change when no report up to the date lists it (change also at the
// first report), share without both a count and a target, rank without a
// share. Shares and reach are rounded to six decimals.
func ReportJSON(p *period.Period) []byte {
	out := periodReport{
		Date:        isoDate(p.Date),
		Followers:   p.Followers,
		NotReported: []string{},
		Dropped:     []string{},
	}
	if p.Previous != nil {
		d := isoDate(p.Previous.Date)
		out.Previous = &d
		ch := p.Change
		out.FollowersChange = &ch
	}
	if p.HasReach {
		r := round6(p.Reach)
		out.Reach = &r
	}
	for _, g := range p.Groups {
		pg := periodGroup{ID: g.Group.ID, Name: g.Group.Name, Units: len(g.Units), Reported: g.Reported, Count: g.Count}
		// The change of a total is its difference with the previous date:
		// 0 for a group none of whose units has a count yet (its count is
		// 0 here), null only at the first report.
		if g.HasChange || p.Previous != nil {
			ch := g.Change
			pg.Change = &ch
		}
		out.Groups = append(out.Groups, pg)
	}
	for _, u := range p.Units {
		pu := periodUnit{ID: u.Unit.ID, Group: u.Unit.Group.ID, Reported: u.Listed, Target: optInt(u.Unit.Target)}
		if u.HasCount {
			n := u.Count
			pu.Count = &n
		}
		if u.HasChange {
			ch := u.Change
			pu.Change = &ch
		}
		if u.HasShare {
			s, r := round6(u.Share), u.Rank
			pu.Share, pu.Rank = &s, &r
		}
		out.Units = append(out.Units, pu)
		if !u.Listed {
			out.NotReported = append(out.NotReported, u.Unit.ID)
		}
	}
	for _, u := range p.Dropped {
		out.Dropped = append(out.Dropped, u.Unit.ID)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out) // plain values: cannot fail
	return b.Bytes()
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

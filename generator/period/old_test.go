package period

// The figures of a period as they were computed before they were computed
// for every unit in one pass of the reports (binary searches of each
// unit's history, stable sorts through reflection): the reference the new
// computation must match (equal_test.go).

import (
	"sort"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/vi"
)

// oldOf is Of as it was: the period of c.Reports[i].
func oldOf(c *campaign.Campaign, i int) *Period {
	p := head(c, i)
	r := p.Report
	units := make([]Unit, 0, len(c.All)) // one allocation for 10,000 units
	p.Units = make([]*Unit, 0, len(c.All))
	counts := make([]int, len(c.Groups))
	for k, cg := range c.Groups {
		for _, cu := range cg.All {
			if !cu.CountsAt(r.Date) {
				continue
			}
			counts[k]++
			units = append(units, oldUnitAt(cu, r, p.Previous))
			p.Units = append(p.Units, &units[len(units)-1])
		}
	}
	for _, u := range p.Units {
		if u.Listed {
			p.Reported++
		} else {
			p.NotReported = append(p.NotReported, u)
		}
		if u.Dropped() {
			p.Dropped = append(p.Dropped, u)
		}
		if u.HasShare {
			p.Ranked = append(p.Ranked, u)
		}
	}
	sort.SliceStable(p.Ranked, func(a, b int) bool { return oldRanksBefore(p.Ranked[a], p.Ranked[b]) })
	for k, u := range p.Ranked {
		u.Rank = k + 1
	}
	p.Highest = p.Ranked[:min(5, len(p.Ranked))]
	p.Lowest = p.Ranked[max(len(p.Highest), len(p.Ranked)-5):]

	k := 0
	for n, cg := range c.Groups {
		g := oldNewGroup(cg, p.Units[k:k+counts[n]])
		k += counts[n]
		p.Groups = append(p.Groups, g)
	}
	return p
}

// oldNewGroup is newGroup as it was: it sums a group's units.
func oldNewGroup(cg *campaign.Group, units []*Unit) *Group {
	g := &Group{Group: cg, Units: units}
	for _, u := range units {
		g.add(u)
	}
	g.rate()
	oldGroupRanks(units)
	return g
}

// oldUnitAt is unitAt as it was: a unit's figures at report r, prev the report before (nil for
// the first); Rank and GroupRank are left 0.
func oldUnitAt(cu *campaign.Unit, r, prev *campaign.Report) Unit {
	u := Unit{Unit: cu}
	h := oldUpTo(cu.History, r.Date)
	u.History = h
	if n := len(h); n > 0 {
		u.Count, u.HasCount, u.From = h[n-1].Count, true, h[n-1].Date
		u.Listed = h[n-1].Date.Equal(r.Date)
	}
	if u.HasCount && prev != nil {
		var before int64
		if b := oldUpTo(h, prev.Date); len(b) > 0 {
			before = b[len(b)-1].Count
		}
		u.Change, u.HasChange = u.Count-before, true
	}
	if u.HasCount && cu.Target > 0 {
		u.Share, u.HasShare = float64(u.Count)/float64(cu.Target), true
	}
	return u
}

// oldTotals is Totals as it was: the period of c.Reports[i] without its units: the
// headline figures, Reported, and the groups' totals (Groups[k].Units is
// nil); Units, Ranked, Highest, Lowest, NotReported and Dropped are
// empty. It holds a few bytes per group, where Of holds a hundred per
// unit: letters of a national campaign, dated over a hundred reports,
// need only these and one group's table (GroupAt).
func oldTotals(c *campaign.Campaign, i int) *Period {
	p := head(c, i)
	for _, cg := range c.Groups {
		g := &Group{Group: cg}
		for _, cu := range cg.All {
			if !cu.CountsAt(p.Date) {
				continue
			}
			u := oldUnitAt(cu, p.Report, p.Previous)
			g.add(&u)
		}
		g.rate()
		p.Reported += g.Reported
		p.Groups = append(p.Groups, g)
	}
	return p
}

// oldGroupAt is GroupAt as it was: the figures of group g at c.Reports[i], with its units
// that count then (their Rank is 0: the ranking is of every unit, see Of).
func oldGroupAt(c *campaign.Campaign, i int, g *campaign.Group) *Group {
	r := c.Reports[i]
	var prev *campaign.Report
	if i > 0 {
		prev = c.Reports[i-1]
	}
	units := make([]Unit, 0, len(g.All))
	ptrs := make([]*Unit, 0, len(g.All))
	for _, cu := range g.All {
		if cu.CountsAt(r.Date) {
			units = append(units, oldUnitAt(cu, r, prev))
			ptrs = append(ptrs, &units[len(units)-1])
		}
	}
	return oldNewGroup(g, ptrs)
}

// oldRanksBefore is ranksBefore as it was: it orders units by share, then count, both highest first, then
// by name in Vietnamese order, then by id.
func oldRanksBefore(a, b *Unit) bool {
	if a.Share != b.Share {
		return a.Share > b.Share
	}
	if a.Count != b.Count {
		return a.Count > b.Count
	}
	if n := vi.Compare(a.Unit.Name, b.Unit.Name); n != 0 {
		return n < 0
	}
	return a.Unit.ID < b.Unit.ID
}

// oldGroupRanks is groupRanks as it was: it ranks a group's units by count, as campaign does for the
// latest report: equal counts share a rank (1, 1, 3).
func oldGroupRanks(units []*Unit) {
	counted := make([]*Unit, 0, len(units))
	for _, u := range units {
		if u.HasCount {
			counted = append(counted, u)
		}
	}
	sort.SliceStable(counted, func(i, j int) bool { return counted[i].Count > counted[j].Count })
	for i, u := range counted {
		if i > 0 && u.Count == counted[i-1].Count {
			u.GroupRank = counted[i-1].GroupRank
		} else {
			u.GroupRank = i + 1
		}
	}
}

// oldUpTo is upTo as it was: the part of a history (oldest first) on or before d.
func oldUpTo(h []campaign.Point, d time.Time) []campaign.Point {
	return h[:sort.Search(len(h), func(i int) bool { return h[i].Date.After(d) })]
}

// Package period owns the figures of one reporting period: the campaign as
// it stood at a report date, computed from the reports on or before that
// date only, under the rule of docs/format.md ("Figures of a period").
//
// A unit's count at report date D is its count in the latest report on or
// before D that lists it (carried forward); its change is that count minus
// its count at the previous report date, counting from 0 for a unit counted
// for the first time; the change of every total is the difference of that
// total between the two dates, so a group's unit changes add up to the
// group's change. The leaders' report of every period (/bao-cao/), its open
// data and the figures of letters (which keep those of their date) are all
// made from a Period. Later reports never change a Period.
//
// A unit retired before the date counts in none of its figures: it is in
// no list of the Period (docs/format.md, "Units that come and go"); on or
// before its retirement date it counts as any other.
package period

import (
	"cmp"
	"iter"
	"math"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/vi"
)

// Period is the campaign at one report date.
type Period struct {
	// Date is the report date; Index is the report's place in
	// Campaign.Reports.
	Date   time.Time
	Index  int
	Report *campaign.Report
	// Previous is the report before, nil for the first.
	Previous *campaign.Report

	Followers int64
	Change    int64 // Followers minus the previous report's
	HasChange bool  // false for the first report

	Reach    float64 // followers over smartphone users
	HasReach bool    // false without an audience baseline

	Target        int64 // the campaign's target, 0 without
	TargetRate    float64
	HasTargetRate bool

	// Units holds every unit that counts at the date (not retired
	// before it), in the order of Campaign.All; Groups every group, in the
	// order of Campaign.Groups.
	Units  []*Unit
	Groups []*Group
	// Reported counts the units this report lists; Counting the units
	// that count at the date (not retired before it).
	Reported, Counting int

	// Ranked holds the units with a share, by rank: share highest first,
	// then count highest first, then name in Vietnamese order.
	Ranked []*Unit
	// Highest are the first five of Ranked; Lowest the last five of the
	// others (no unit in both), lowest last.
	Highest, Lowest []*Unit
	// NotReported are the units this report does not list, Dropped those
	// whose count is lower than at the previous report date; both in the
	// order of Units.
	NotReported, Dropped []*Unit

	// History is the account's followers at every report up to Date,
	// oldest first.
	History []campaign.Point
}

// Unit is one unit's figures at the period's date.
type Unit struct {
	Unit *campaign.Unit
	// Count is carried forward from the latest report on or before the
	// date that lists the unit, From; HasCount is false when none does.
	Count    int64
	HasCount bool
	From     time.Time
	// Listed is true when the period's report lists the unit.
	Listed bool
	// Change is Count minus the count at the previous report date (0
	// when the unit had none then); HasChange is false without a count or
	// without a previous report.
	Change    int64
	HasChange bool
	// Share is Count over the unit's target; HasShare is false without
	// both.
	Share    float64
	HasShare bool
	// Rank is the place in Period.Ranked, from 1; 0 without a share.
	Rank int
	// GroupRank is the place in its group by count, highest first, equal
	// counts sharing a rank (as campaign.Unit.Rank); 0 without a count.
	GroupRank int
	// History is the unit's counts up to the date, oldest first.
	History []campaign.Point
}

// Dropped reports whether the unit's count is lower than at the previous
// report date.
func (u *Unit) Dropped() bool { return u.HasChange && u.Change < 0 }

// Group is one group's totals at the period's date.
type Group struct {
	Group *campaign.Group
	Units []*Unit // the group's units, in file order
	// Reported counts the units the period's report lists; Counted those
	// with a count (carried forward or not).
	Reported, Counted int
	Count             int64 // the sum of the units' counts
	Change            int64 // Count minus the group's count at the previous report date
	HasChange         bool
	Target            int64
	Rate              float64 // Count over Target
	HasRate           bool
}

// At returns the period of the latest report on or before d, nil when
// every report is later than d (or there is none).
func At(c *campaign.Campaign, d time.Time) *Period {
	i := sort.Search(len(c.Reports), func(i int) bool { return c.Reports[i].Date.After(d) }) - 1
	if i < 0 {
		return nil
	}
	return Of(c, i)
}

// Latest returns the period of the latest report, nil without one.
func Latest(c *campaign.Campaign) *Period {
	if len(c.Reports) == 0 {
		return nil
	}
	return Of(c, len(c.Reports)-1)
}

// Of returns the period of c.Reports[i].
//
// A build asks for each period twice, for the page of its report and for
// its open data, in two jobs that run far apart. The ranking of the
// units (Rank, Ranked, GroupRank), most of the cost, is kept for the
// second (see book); the campaign must not change after its periods are
// asked for.
func Of(c *campaign.Campaign, i int) *Period {
	p := head(c, i)
	r := p.Report
	b := bookOf(c)
	known := b.ranking(i, r)
	// One pass over the units, a group at a time: a group's units are
	// summed and ranked in it while they are at hand (in the processor's
	// cache); the ranking of all is sorted on keys of a few bytes each.
	units := make([]Unit, 0, len(c.All)) // one allocation for 10,000 units
	p.Units = make([]*Unit, 0, len(c.All))
	p.Groups = make([]*Group, 0, len(c.Groups))
	var keys []rankKey
	var scratch []*Unit
	for _, cg := range c.Groups {
		start := len(p.Units)
		for _, cu := range cg.All {
			if !cu.CountsAt(r.Date) {
				continue
			}
			units = append(units, unitAt(cu, i, r, p.Previous))
			u := &units[len(units)-1]
			if u.HasShare {
				if keys == nil {
					keys = make([]rankKey, 0, len(c.All))
				}
				keys = append(keys, rankKey{u.Share, u.Count, u, len(p.Units)})
			}
			p.Units = append(p.Units, u)
			if u.Listed {
				p.Reported++
			} else {
				p.NotReported = append(p.NotReported, u)
			}
			if u.Dropped() {
				p.Dropped = append(p.Dropped, u)
			}
		}
		g := newGroup(cg, p.Units[start:])
		if known == nil {
			scratch = groupRanks(g.Units, scratch)
		}
		p.Groups = append(p.Groups, g)
	}
	switch {
	case known != nil && known.fits(p, len(keys)):
		known.apply(p)
	case known != nil: // the campaign changed: it should not
		for _, g := range p.Groups {
			scratch = groupRanks(g.Units, scratch)
		}
		fallthrough
	default:
		var places []int32
		p.Ranked, places = rank(keys)
		b.keep(i, r, p, places)
	}
	p.Highest = p.Ranked[:min(5, len(p.Ranked))]
	p.Lowest = p.Ranked[max(len(p.Highest), len(p.Ranked)-5):]
	return p
}

// rankKey is a unit to rank, with the figures compared first.
type rankKey struct {
	share float64
	count int64
	u     *Unit
	at    int // the unit's place in Period.Units
}

// rank returns the units of keys (those with a share, in the order of
// Period.Units) by rank and sets their Rank, and their places in
// Period.Units in the same order; nil without any. The ranking
// is by share, then count, both highest first, then by name in
// Vietnamese order (vi.Compare), then by id, then (never: ids are unique)
// by place: an order in which no two units are equal, that of any sort by
// it, stable or not.
//
// Ten thousand shares in no order cost a comparison sort a mispredicted
// branch at most of its 130,000 comparisons, and names compared two by
// two a few microseconds each: the shares are sorted by a radix sort of
// their bits instead, then each run of equal shares by the rest.
func rank(keys []rankKey) ([]*Unit, []int32) {
	if len(keys) == 0 {
		return nil, nil
	}
	type bits struct {
		k  uint64 // increasing as the share decreases
		at int32  // in keys
	}
	a, b := make([]bits, len(keys)), make([]bits, len(keys))
	for n, x := range keys {
		f := x.share
		if f == 0 {
			f = 0 // -0 is 0, as != says
		}
		k := math.Float64bits(f)
		// The bits of a float64 increase with it when it is positive and
		// decrease when negative: made increasing, then inverted.
		if k>>63 == 1 {
			k = ^k
		} else {
			k |= 1 << 63
		}
		a[n] = bits{^k, int32(n)}
	}
	var counts [256]int
	for shift := uint(0); shift < 64; shift += 8 {
		counts = [256]int{}
		for _, x := range a {
			counts[byte(x.k>>shift)]++
		}
		if counts[byte(a[0].k>>shift)] == len(a) {
			continue // every key has the same byte here
		}
		sum := 0
		for d, n := range counts {
			counts[d] = sum
			sum += n
		}
		for _, x := range a {
			d := byte(x.k >> shift)
			b[counts[d]] = x
			counts[d]++
		}
		a, b = b, a
	}
	// Equal shares by count, highest first, then by id and place; equal
	// counts among them then by name, by a stable sort that makes each
	// name's collation key once (a comparison of two names costs about
	// as much as one key): on the first reports of a campaign many units
	// have the same small count and target, and on the synthetic
	// national site 6,000 of 10,000 units tie with another at the first.
	for lo, hi := range runs(a, func(x, y bits) bool { return x.k == y.k }) {
		run := a[lo:hi]
		slices.SortFunc(run, func(x, y bits) int {
			kx, ky := &keys[x.at], &keys[y.at]
			if kx.count != ky.count {
				return cmp.Compare(ky.count, kx.count)
			}
			if n := strings.Compare(kx.u.Unit.ID, ky.u.Unit.ID); n != 0 {
				return n
			}
			return cmp.Compare(kx.at, ky.at)
		})
		for lo, hi := range runs(run, func(x, y bits) bool { return keys[x.at].count == keys[y.at].count }) {
			name := func(x bits) string { return keys[x.at].u.Unit.Name }
			if hi-lo <= 4 { // fewer comparisons than keys to make
				slices.SortStableFunc(run[lo:hi], func(x, y bits) int { return vi.Compare(name(x), name(y)) })
			} else {
				vi.Sort(run[lo:hi], name)
			}
		}
	}
	out, places := make([]*Unit, len(a)), make([]int32, len(a))
	for n, x := range a {
		k := &keys[x.at]
		out[n], places[n] = k.u, int32(k.at)
		k.u.Rank = n + 1
	}
	return out, places
}

// runs yields the bounds of each run of two or more consecutive elements
// of s that are the same by same.
func runs[T any](s []T, same func(a, b T) bool) iter.Seq2[int, int] {
	return func(yield func(int, int) bool) {
		for lo := 0; lo < len(s); {
			hi := lo + 1
			for hi < len(s) && same(s[lo], s[hi]) {
				hi++
			}
			if hi-lo > 1 && !yield(lo, hi) {
				return
			}
			lo = hi
		}
	}
}

// newGroup sums a group's units.
func newGroup(cg *campaign.Group, units []*Unit) *Group {
	g := &Group{Group: cg, Units: units}
	for _, u := range units {
		g.add(u)
	}
	g.rate()
	return g
}

func (g *Group) add(u *Unit) {
	g.Target += u.Unit.Target
	if u.Listed {
		g.Reported++
	}
	if u.HasCount {
		g.Counted++
		g.Count += u.Count
	}
	if u.HasChange {
		g.Change += u.Change
		g.HasChange = true
	}
}

func (g *Group) rate() {
	if g.Target > 0 && g.Counted > 0 {
		g.Rate, g.HasRate = float64(g.Count)/float64(g.Target), true
	}
}

// unitAt is a unit's figures at report r, c.Reports[i], prev the report
// before (nil for the first); Rank and GroupRank are left 0.
func unitAt(cu *campaign.Unit, i int, r, prev *campaign.Report) Unit {
	u := Unit{Unit: cu}
	h := cu.History[:upTo(cu.History, r.Date, i)]
	u.History = h
	n := len(h)
	if n > 0 {
		u.Count, u.HasCount, u.From = h[n-1].Count, true, h[n-1].Date
		u.Listed = h[n-1].Date.Equal(r.Date)
	}
	if u.HasCount && prev != nil {
		// The count at the previous date: the history is oldest first,
		// and its points are on report dates, so that at most the last
		// one is later than the previous report.
		b := n
		for b > 0 && h[b-1].Date.After(prev.Date) {
			b--
		}
		var before int64
		if b > 0 {
			before = h[b-1].Count
		}
		u.Change, u.HasChange = u.Count-before, true
	}
	if u.HasCount && cu.Target > 0 {
		u.Share, u.HasShare = float64(u.Count)/float64(cu.Target), true
	}
	return u
}

// head is the period of c.Reports[i] with its headline figures only.
func head(c *campaign.Campaign, i int) *Period {
	r := c.Reports[i]
	p := &Period{
		Date: r.Date, Index: i, Report: r,
		Followers: r.Followers, Change: r.Change, HasChange: r.HasChange,
	}
	p.Counting, p.Target = counting(c, r.Date)
	if i > 0 {
		p.Previous = c.Reports[i-1]
	}
	if c.Audience != nil {
		if users := float64(c.Audience.Population14Plus) * c.Audience.SmartphoneShare; users > 0 {
			p.Reach, p.HasReach = float64(r.Followers)/users, true
		}
	}
	if p.Target > 0 {
		p.TargetRate, p.HasTargetRate = float64(r.Followers)/float64(p.Target), true
	}
	for _, x := range c.Reports[:i+1] {
		p.History = append(p.History, campaign.Point{Date: x.Date, Count: x.Followers})
	}
	return p
}

// Totals returns the period of c.Reports[i] without its units: the
// headline figures, Reported, and the groups' totals (Groups[k].Units is
// nil); Units, Ranked, Highest, Lowest, NotReported and Dropped are
// empty. It holds a few bytes per group, where Of holds a hundred per
// unit: letters of a national campaign, dated over a hundred reports,
// need only these and one group's table (GroupAt).
func Totals(c *campaign.Campaign, i int) *Period {
	p := head(c, i)
	for _, cg := range c.Groups {
		g := &Group{Group: cg}
		for _, cu := range cg.All {
			if !cu.CountsAt(p.Date) {
				continue
			}
			u := unitAt(cu, i, p.Report, p.Previous)
			g.add(&u)
		}
		g.rate()
		p.Reported += g.Reported
		p.Groups = append(p.Groups, g)
	}
	return p
}

// GroupAt returns the figures of group g at c.Reports[i], with its units
// that count then (their Rank is 0: the ranking is of every unit, see Of).
func GroupAt(c *campaign.Campaign, i int, g *campaign.Group) *Group {
	r := c.Reports[i]
	var prev *campaign.Report
	if i > 0 {
		prev = c.Reports[i-1]
	}
	units := make([]Unit, 0, len(g.All))
	ptrs := make([]*Unit, 0, len(g.All))
	for _, cu := range g.All {
		if cu.CountsAt(r.Date) {
			units = append(units, unitAt(cu, i, r, prev))
			ptrs = append(ptrs, &units[len(units)-1])
		}
	}
	grp := newGroup(g, ptrs)
	groupRanks(ptrs, nil)
	return grp
}

// counting returns how many units count at d and the campaign's target
// then: site.toml's, or the sum of those units' targets when it sets none.
func counting(c *campaign.Campaign, d time.Time) (n int, target int64) {
	for _, u := range c.All {
		if u.CountsAt(d) {
			n++
			target += u.Target
		}
	}
	if c.Info.Target > 0 {
		target = c.Info.Target
	}
	return n, target
}

// UnitAt returns the figures of unit u at c.Reports[i] (Rank and GroupRank
// are 0).
func UnitAt(c *campaign.Campaign, i int, u *campaign.Unit) Unit {
	var prev *campaign.Report
	if i > 0 {
		prev = c.Reports[i-1]
	}
	return unitAt(u, i, c.Reports[i], prev)
}

// groupRanks ranks a group's units by count, as campaign does for the
// latest report: equal counts share a rank (1, 1, 3), one more than the
// number of higher counts. scratch is room for the ranking, returned.
func groupRanks(units []*Unit, scratch []*Unit) []*Unit {
	counted := scratch[:0]
	for _, u := range units {
		if u.HasCount {
			counted = append(counted, u)
		}
	}
	// The ranks depend on the counts only: any order of equal counts
	// gives them.
	slices.SortFunc(counted, func(a, b *Unit) int { return cmp.Compare(b.Count, a.Count) })
	for i, u := range counted {
		if i > 0 && u.Count == counted[i-1].Count {
			u.GroupRank = counted[i-1].GroupRank
		} else {
			u.GroupRank = i + 1
		}
	}
	return counted
}

// upTo is how many points of a history (oldest first) are on or before
// d, the date of report i. A unit listed in every report has its point of
// report i at h[i], looked at first: one or two points read instead of a
// search through the whole history, for most units of most reports.
func upTo(h []campaign.Point, d time.Time, i int) int {
	if i >= 0 && i < len(h) && !h[i].Date.After(d) && (i+1 == len(h) || h[i+1].Date.After(d)) {
		return i + 1
	}
	lo, hi := 0, len(h)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if !h[m].Date.After(d) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo
}

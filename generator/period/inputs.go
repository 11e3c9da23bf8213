package period

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"sync"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/reads"
)

// Inputs returns, for each report date, a digest of everything the
// figures of the campaign at that date are made from: the settings of
// site.toml, the groups, every unit as its file gives it (id, names,
// group, target, audience, aliases, retirement, successor) and the reports
// on or before that date, with the counts they credit to each unit.
// Element 0 is the campaign before its first report; element i+1 is the
// campaign at c.Reports[i]. Later reports never change an element: that
// is the rule of docs/format.md, "Figures of a period", which Of follows.
//
// A rebuild uses it to know that a leaders' report, its open data or a
// letter's figures of an earlier date come out the same.
func Inputs(c *campaign.Campaign) [][sha256.Size]byte {
	h := sha256.New()
	var b []byte
	flush := func() {
		h.Write(b)
		b = b[:0]
	}
	str := func(s string) {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(n int64) { b = binary.AppendVarint(b, n) }
	date := func(t time.Time) { num(t.Unix()) }

	settings, _ := reads.All(struct {
		Site      campaign.Site
		Authority campaign.Authority
		Info      campaign.Info
		Report    campaign.ReportConfig
		Audience  *campaign.Audience
	}{c.Site, c.Authority, c.Info, c.Report, c.Audience}, nil)
	b = append(b, settings[:]...)
	num(int64(len(c.Groups)))
	for _, g := range c.Groups {
		str(g.ID)
		str(g.Name)
		num(int64(g.Order))
		num(int64(len(g.All)))
	}
	num(int64(len(c.All)))
	for _, u := range c.All {
		str(u.ID)
		str(u.Name)
		str(u.Short)
		if u.Group != nil {
			str(u.Group.ID)
		} else {
			str("")
		}
		num(u.Target)
		num(u.Audience)
		num(int64(len(u.Aliases)))
		for _, a := range u.Aliases {
			str(a)
		}
		date(u.Retired)
		if u.MergedInto != nil {
			str(u.MergedInto.ID)
		} else {
			str("")
		}
		if u.Gone {
			num(1)
		} else {
			num(0)
		}
	}
	num(int64(len(c.Units)))
	for _, u := range c.Units {
		str(u.ID)
	}
	flush()

	out := make([][sha256.Size]byte, len(c.Reports)+1)
	out[0] = sum(h)
	// The counts each report adds, unit by unit (pointsByReport): the
	// two halves of the units side by side, each into buffers of its own,
	// written first half first.
	half := len(c.All) / 2
	var first, second [][]byte
	var wg sync.WaitGroup
	wg.Go(func() { first = pointsByReport(c, 0, half) })
	second = pointsByReport(c, half, len(c.All))
	wg.Wait()
	for i, r := range c.Reports {
		date(r.Date)
		num(r.Followers)
		num(r.Change)
		if r.HasChange {
			num(1)
		} else {
			num(0)
		}
		str(r.Source)
		str(r.Note)
		flush()
		h.Write(first[i])
		h.Write(second[i])
		first[i], second[i] = nil, nil
		out[i+1] = sum(h)
	}
	return out
}

// pointsByReport encodes the points of the histories of units c.All[from:to]
// into one buffer per report: each point with the first report on or after
// its date, in the order of the units. (Going through every history once
// per report, as the points were first gathered, was nationally a million
// cache misses.)
func pointsByReport(c *campaign.Campaign, from, to int) [][]byte {
	points := make([][]byte, len(c.Reports))
	if len(points) == 0 {
		return points
	}
	// The buffers are parts of one allocation, each with room for its
	// share of the points (12 bytes each: a unit, its date and its count
	// take 7 to 11), capped so that one that needs more grows alone.
	// Grown from nothing, a national site's were 49 MB of allocations for
	// 7 MB of points. The room is that of the points there are, not of a
	// point of every unit at every report, which a campaign whose units
	// report now and then does not have.
	n := 0
	for k := from; k < to; k++ {
		n += len(c.All[k].History)
	}
	per := (n/len(points) + 1) * 12
	room := make([]byte, len(points)*per)
	for j := range points {
		points[j] = room[j*per : j*per : (j+1)*per]
	}
	for k := from; k < to; k++ {
		j := 0
		for _, p := range c.All[k].History {
			for j < len(c.Reports) && c.Reports[j].Date.Before(p.Date) {
				j++
			}
			if j == len(c.Reports) {
				break
			}
			pb := points[j]
			pb = binary.AppendVarint(pb, int64(k))
			pb = binary.AppendVarint(pb, p.Date.Unix())
			pb = binary.AppendVarint(pb, p.Count)
			points[j] = pb
		}
	}
	return points
}

// sum is the digest of what h was given so far; h goes on.
func sum(h hash.Hash) [sha256.Size]byte {
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
}

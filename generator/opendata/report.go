package opendata

import (
	"math"
	"strconv"

	"github.com/loa-vn/loa/generator/period"
)

// ReportJSON is the open data of the leaders' report of period p: its
// figures under the rule of docs/format.md, from the reports up to its
// date only. Nulls: previous, followers_change and the groups' change for
// the first report, reach without an audience baseline; a unit's count
// and change when no report up to the date lists it (change also at the
// first report), share without both a count and a target, rank without a
// share. Shares and reach are rounded to six decimals.
//
// The keys, in their order: date, previous, followers, followers_change,
// reach, groups (id, name, units, reported, count, change), units (id,
// group, count, change, reported, target, share, rank), not_reported and
// dropped (units' ids); indented two spaces a level. It returns nil
// should a figure not be a finite number (it cannot: each is a ratio to
// a positive target or baseline).
func ReportJSON(p *period.Period) []byte {
	w := &indented{b: make([]byte, 0, reportSize(p))}
	ok := true
	w.open('{')
	w.key(`"date"`)
	w.date(p.Date)
	w.key(`"previous"`)
	if p.Previous != nil {
		w.date(p.Previous.Date)
	} else {
		w.null()
	}
	w.key(`"followers"`)
	w.int(p.Followers)
	w.key(`"followers_change"`)
	if p.Previous != nil {
		w.int(p.Change)
	} else {
		w.null()
	}
	w.key(`"reach"`)
	if p.HasReach {
		ok = w.float(round6(p.Reach)) && ok
	} else {
		w.null()
	}
	w.key(`"groups"`)
	if len(p.Groups) == 0 {
		w.null() // as encoding/json wrote a nil slice
	} else {
		w.open('[')
		for _, g := range p.Groups {
			w.elem()
			w.open('{')
			w.key(`"id"`)
			w.str(g.Group.ID)
			w.key(`"name"`)
			w.str(g.Group.Name)
			w.key(`"units"`)
			w.int(int64(len(g.Units)))
			w.key(`"reported"`)
			w.int(int64(g.Reported))
			w.key(`"count"`)
			w.int(g.Count)
			// The change of a total is its difference with the previous
			// date: 0 for a group none of whose units has a count yet (its
			// count is 0 here), null only at the first report.
			w.key(`"change"`)
			if g.HasChange || p.Previous != nil {
				w.int(g.Change)
			} else {
				w.null()
			}
			w.close('}')
		}
		w.close(']')
	}
	w.key(`"units"`)
	if len(p.Units) == 0 {
		w.null() // as encoding/json wrote a nil slice
	} else {
		w.open('[')
		for _, u := range p.Units {
			// Compact, on a line of its own, as in tien-do.json: a
			// national report's ten thousand units take 1.3 MB, not 2.
			w.elem()
			b := append(w.b, `{"id":`...)
			b = appendString(b, u.Unit.ID)
			b = append(b, `,"group":`...)
			b = appendString(b, u.Unit.Group.ID)
			b = append(b, `,"count":`...)
			if u.HasCount {
				b = strconv.AppendInt(b, u.Count, 10)
			} else {
				b = append(b, "null"...)
			}
			b = append(b, `,"change":`...)
			if u.HasChange {
				b = strconv.AppendInt(b, u.Change, 10)
			} else {
				b = append(b, "null"...)
			}
			b = append(b, `,"reported":`...)
			b = strconv.AppendBool(b, u.Listed)
			b = append(b, `,"target":`...)
			b = appendOptInt(b, u.Unit.Target)
			b = append(b, `,"share":`...)
			if u.HasShare {
				var fine bool
				b, fine = appendFloat(b, round6(u.Share))
				ok = fine && ok
				b = append(b, `,"rank":`...)
				b = strconv.AppendInt(b, int64(u.Rank), 10)
			} else {
				b = append(b, `null,"rank":null`...)
			}
			w.b = append(b, '}')
		}
		w.close(']')
	}
	w.key(`"not_reported"`)
	w.open('[')
	for _, u := range p.NotReported {
		w.elem()
		w.str(u.Unit.ID)
	}
	w.close(']')
	w.key(`"dropped"`)
	w.open('[')
	for _, u := range p.Dropped {
		w.elem()
		w.str(u.Unit.ID)
	}
	w.close(']')
	w.close('}')
	if !ok {
		return nil
	}
	return append(w.b, '\n')
}

// reportSize is about how long ReportJSON(p) is, a little more rather
// than less: the file is made in one allocation, not grown by copies (a
// national report is 1.3 MB, and a build makes one per period).
func reportSize(p *period.Period) int {
	n := 1024
	for _, g := range p.Groups {
		n += 128 + len(g.Group.ID) + len(g.Group.Name)
	}
	// A unit's line is its two ids, the keys and punctuation (89 bytes with
	// the indent and "false"), and its figures: 32 digits allow a count
	// and a target of 7 digits, a change of 5, a rank of 5 and a share of
	// 8 ("0.442222").
	for _, u := range p.Units {
		n += 89 + 32 + len(u.Unit.ID) + len(u.Unit.Group.ID)
	}
	for _, u := range p.NotReported {
		n += 8 + len(u.Unit.ID)
	}
	for _, u := range p.Dropped {
		n += 8 + len(u.Unit.ID)
	}
	return n
}

func round6(x float64) float64 { return math.Round(x*1e6) / 1e6 }

package campaign

import (
	"fmt"
	"time"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
)

// addSuccessors resolves every merged_into and checks it: a known unit,
// not the unit itself, not retired before the unit it carries on, and no
// cycle (docs/format.md, "Units that come and go").
func (c *Campaign) addSuccessors(groups []*load.Group, diags *diag.List) {
	for _, lg := range groups {
		for _, lu := range lg.Units {
			if lu.MergedInto == "" {
				continue
			}
			u, ok := c.units[lu.ID]
			if !ok || u.Pos != lu.Pos {
				continue // a duplicate id, reported by load
			}
			to, ok := c.units[lu.MergedInto]
			switch {
			case !ok:
				if !c.leftOut.unknownRef() {
					diags.Errorf(lu.MergedIntoPos, "merged_into names unknown unit %q%s (write the id of the unit that carries on the work of %q)", lu.MergedInto, diag.Hint(lu.MergedInto, c.unitIDs()), lu.ID)
				}
			case to == u:
				diags.Errorf(lu.MergedIntoPos, "unit %q cannot be merged into itself (write the id of the unit that carries on its work, or remove merged_into)", lu.ID)
			case !to.Retired.IsZero() && to.Retired.Before(u.Retired):
				diags.Errorf(lu.MergedIntoPos, "unit %q is merged into %q, which stopped taking part earlier (%s, before %s): merge it into a unit that still takes part", lu.ID, to.ID, isoDate(to.Retired), isoDate(u.Retired))
			default:
				u.MergedInto = to
			}
		}
	}
	// A cycle needs every unit on it retired on the same day (each no
	// earlier than the next): break it where it is found, once.
	for _, u := range c.All {
		seen := map[*Unit]bool{u: true}
		for s := u.MergedInto; s != nil; s = s.MergedInto {
			if seen[s] {
				diags.Errorf(u.Pos, "merged_into of unit %q leads back to itself through %q: the last unit of a chain must be one that still takes part", u.ID, s.ID)
				u.MergedInto = nil
				break
			}
			seen[s] = true
		}
	}
}

// unknownInPastReport is the message for an id no unit has, in a report
// that is not the newest: the unit was most likely removed from
// content/units after it stopped taking part.
func unknownInPastReport(id, hint string) string {
	return fmt.Sprintf("unknown unit %q%s; if it stopped taking part, keep its [[unit]] in content/units with retired = YYYY-MM-DD (and merged_into = \"id\" if another unit carries on its work) instead of deleting it", id, hint)
}

// listedAfterRetired is the message for a report, dated d, that lists a
// unit retired before d.
func listedAfterRetired(u *Unit, d time.Time) string {
	return fmt.Sprintf("unit %q stopped taking part on %s (retired in %s), but this report of %s lists it: remove this line, or change retired if the date is wrong", u.ID, isoDate(u.Retired), u.Pos.File, isoDate(d))
}

func isoDate(t time.Time) string { return t.Format("2006-01-02") }

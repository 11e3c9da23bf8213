package load

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/diag"
)

var reportName = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// reportDate checks the name of a report file (without .toml) and returns
// its date.
func reportDate(f *source, name string) (time.Time, bool) {
	if !reportName.MatchString(name) {
		f.diags.Errorf(f.name(), "a report file is named by its date, YYYY-MM-DD.toml, like 2023-11-04.toml (got %q)", name+".toml")
		return time.Time{}, false
	}
	d, err := time.Parse(dateLayout, name)
	if err != nil {
		f.diags.Errorf(f.name(), "the file name %q is not a real date", name+".toml")
		return time.Time{}, false
	}
	return d, true
}

// readReport checks content/reports/<date>.toml, decoded into m.
func readReport(f *source, date time.Time, m map[string]any) *Report {
	r := &Report{Date: date, File: f.rel, Pos: f.start()}
	top := &table{f: f, m: m}
	top.allow("date", "followers", "source", "note", "units")
	// date is optional: the file name gives it. Decap CMS writes it,
	// since it names the file from a field.
	if _, ok := m["date"]; ok {
		if d := top.date("date", false); !d.IsZero() && !d.Equal(date) {
			top.errorf(top.valAt("date"), "date %s is not the date of the file name %s: rename the file %s.toml or correct the date",
				d.Format(dateLayout), date.Format(dateLayout), d.Format(dateLayout))
		}
	}
	r.Followers, _ = top.count("followers", true)
	r.FollowersPos = top.valAt("followers")
	r.Source = top.str("source", false)
	r.Note = top.str("note", false)
	units, _ := top.sub("units", "[units]")
	counts := make([]UnitCount, 0, len(units.m))
	for id, v := range units.m {
		path := joinKey(units.path, id)
		pos := f.keyAt(path)
		if msg := slugProblem(diag.Textf("unit id"), id); msg.Format != "" {
			f.diags.Errorf(pos, "%s", msg)
		}
		if s, isStr := v.(string); isStr && strings.TrimSpace(s) == "" {
			// An emptied number field of Decap CMS: the unit has not
			// reported, as if the line were not there.
			continue
		}
		n, ok := v.(int64)
		if !ok || n < 0 || n > MaxCount {
			if n, ok = units.countValue(fmt.Sprintf("the count of %q", id), path, v); !ok {
				continue
			}
		}
		counts = append(counts, countAt(id, n, pos.Line, pos.Col))
	}
	r.Units = inFileOrder(counts)
	return r
}

// inFileOrder sorts counts by position, since Go maps are unordered. Ten
// thousand lines are common, so it sorts packed integers (line, column,
// index) rather than the structs, when they fit.
func inFileOrder(counts []UnitCount) []UnitCount {
	keys := make([]uint64, len(counts))
	for i, c := range counts {
		if c.Line >= 1<<24 || c.Col >= 1<<20 || i >= 1<<20 {
			slices.SortFunc(counts, func(a, b UnitCount) int {
				return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.ID, b.ID))
			})
			return counts
		}
		keys[i] = uint64(c.Line)<<40 | uint64(c.Col)<<20 | uint64(i)
	}
	slices.Sort(keys)
	out := make([]UnitCount, len(counts))
	for i, k := range keys {
		out[i] = counts[k&(1<<20-1)]
	}
	return out
}

package load

import (
	"github.com/loa-vn/loa/generator/diag"
)

// Unread is a unit file or a report that could not be read at all: it does
// not parse, is not UTF-8, or has a name that is not a date. Everything
// that refers to what it holds (the units of a unit file, the counts of a
// report) is missing from the site, and the problems that follow from that
// are not the clerk's to fix: the model counts them rather than report
// them one by one.
type Unread struct {
	File string
	// Units is true for a unit file (content/units), false for a report.
	Units bool
	// Pos is where the file's first error is, so that what is said about
	// the file comes right after its own error.
	Pos diag.Pos
}

// unread lists the unit files and reports whose job made nothing, in the
// order of the jobs (file name order within a folder).
func (r *reader) unread() []Unread {
	var out []Unread
	for _, j := range r.jobs {
		switch {
		case j.kind == jobGroup && r.results.groups[j.slot] == nil:
			out = append(out, Unread{File: j.rel, Units: true})
		case j.kind == jobReport && r.results.reports[j.slot] == nil:
			out = append(out, Unread{File: j.rel})
		}
	}
	if len(out) == 0 {
		return nil
	}
	first := map[string]diag.Pos{}
	for _, d := range r.diags.Errors() {
		if _, ok := first[d.File]; !ok {
			first[d.File] = d.Pos
		}
	}
	for i := range out {
		if p, ok := first[out[i].File]; ok {
			out[i].Pos = p
		} else {
			out[i].Pos = diag.Pos{File: out[i].File}
		}
	}
	return out
}

package campaign

import (
	"fmt"
	"sync/atomic"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
)

// leftOut counts the problems that follow from a file load could not read
// (load.Site.Unread) instead of reporting each: with phuong.toml unread,
// every report's line for one of its units would be an "unknown unit"
// error, and the file's own error, the one to fix, would be lost among
// them. One note after that error says how many were left out.
type leftOut struct {
	unread []load.Unread
	// units and reports tell whether a unit file, a report is unread.
	units, reports bool
	n              atomic.Int64
}

func newLeftOut(unread []load.Unread) *leftOut {
	lo := &leftOut{unread: unread}
	for _, u := range unread {
		if u.Units {
			lo.units = true
		} else {
			lo.reports = true
		}
	}
	return lo
}

// unknownRef tells whether a reference to an unknown unit or group is left
// out: any unit file unread may have held it.
func (lo *leftOut) unknownRef() bool {
	if !lo.units {
		return false
	}
	lo.n.Add(1)
	return true
}

// unreported tells whether "in no report yet" is left out: an unread
// report may list the unit.
func (lo *leftOut) unreported() bool {
	if !lo.reports {
		return false
	}
	lo.n.Add(1)
	return true
}

// note adds the one line that says how many problems were left out, right
// after the first error of the first unread file.
func (lo *leftOut) note(diags *diag.List) {
	n := lo.n.Load()
	if n == 0 {
		return
	}
	first := lo.unread[0]
	for _, u := range lo.unread {
		if u.Units {
			first = u // unit files come first: they cause the most
			break
		}
	}
	diags.Notef(first.Pos, "%s", leftOutMessage(n, first.File, len(lo.unread)-1))
}

// leftOutMessage is the text of the note: n problems left out, because of
// file and others more unread files.
func leftOutMessage(n int64, file string, others int) string {
	probs := fmt.Sprintf("%d more problems were", n)
	if n == 1 {
		probs = "1 more problem was"
	}
	if others == 0 {
		return fmt.Sprintf("%s left out because they depend on %s, which could not be read: fix the error above, then check again", probs, file)
	}
	return fmt.Sprintf("%s left out because they depend on %s and %d other file(s) that could not be read: fix their errors, then check again", probs, file, others)
}

// UnitFilesUnread tells whether a unit file could not be read (load
// reported why): an unknown unit or group id may then be one of its, and
// is not reported.
func (c *Campaign) UnitFilesUnread() bool { return c.leftOut.units }

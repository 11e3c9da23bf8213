package campaign

import (
	"fmt"
	"slices"
	"strings"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/vi"
)

// Warnings for mistakes that would otherwise pass without a word: the
// files are valid, but what they say is most likely not what was meant.

// checkReportSequence compares each report with the one before: one with
// the same figures was most likely left as `new report` wrote it, and the
// account's followers go down only when people unfollow it.
func (c *Campaign) checkReportSequence(reports []*load.Report, diags *diag.List) {
	for i := 1; i < len(c.Reports) && i < len(reports); i++ {
		prev, r, lr := c.Reports[i-1], c.Reports[i], reports[i]
		if r.Followers == prev.Followers && slices.Equal(r.counts, prev.counts) {
			diags.Warnf(lr.Pos, "%s", sameReportMessage(prev, reports[i-1].File))
			continue
		}
		if r.Followers < prev.Followers {
			pos := lr.FollowersPos
			if pos.File == "" {
				pos = lr.Pos
			}
			diags.Warnf(pos, "%s", followersDownMessage(prev, r))
		}
	}
}

func sameReportMessage(prev *Report, file string) diag.Text {
	return diag.Textf("this report has exactly the figures of the report of %s (%s): it seems left as `new report` wrote it; write this date's figures, or delete the file if there are none yet",
		vi.ShortDate(prev.Date), file)
}

func followersDownMessage(prev, r *Report) diag.Text {
	return diag.Textf("followers went down from %s (%s) to %s: check the figure (the account loses followers only when people unfollow it)",
		vi.Int(prev.Followers), vi.ShortDate(prev.Date), vi.Int(r.Followers))
}

// checkTaskRecipients warns of a task given to a group or unit that the
// directive is not addressed to: the task shows on that unit's page, but
// the directive does not, which is most likely a slip in "to".
func (c *Campaign) checkTaskRecipients(ld *load.Directive, diags *diag.List) {
	if len(ld.To) == 0 {
		return
	}
	// A directive has a few recipients and a thousand directives are
	// checked on every build: lists, not maps.
	var groups []*Group
	var units []*Unit
	for _, ref := range ld.To {
		if g, ok := c.groups[ref.ID]; ok {
			groups = append(groups, g)
		} else if u, ok := c.units[ref.ID]; ok {
			units = append(units, u)
		}
	}
	var names []string
	for _, t := range ld.Tasks {
		for _, ref := range t.To {
			g, isGroup := c.groups[ref.ID]
			u, isUnit := c.units[ref.ID]
			switch {
			case isGroup && slices.Contains(groups, g), isUnit && (slices.Contains(units, u) || slices.Contains(groups, u.Group)):
			case isGroup, isUnit:
				if names == nil {
					for _, ref := range ld.To {
						names = append(names, fmt.Sprintf("%q", ref.ID))
					}
				}
				diags.Warnf(ref.Pos, "%s", taskNotRecipientMessage(ref.ID, names))
			}
		}
	}
}

func taskNotRecipientMessage(id string, to []string) diag.Text {
	return diag.Textf("this task is given to %q, which is not among the directive's recipients (to = [%s]): add %q to the directive's to, or give the task to one of its recipients",
		id, strings.Join(to, ", "), id)
}

// draftsNote says in one line how many drafts were not built.
func draftsNote(directives, pages int, diags *diag.List) {
	n := directives + pages
	if n == 0 {
		return
	}
	switch {
	case pages == 0 && directives == 1:
		diags.Notef(diag.Pos{}, "1 draft was not built (1 directive, marked draft = true): --drafts builds them too")
	case pages == 0:
		diags.Notef(diag.Pos{}, "%d drafts were not built (%d directives, marked draft = true): --drafts builds them too", n, directives)
	case directives == 0 && pages == 1:
		diags.Notef(diag.Pos{}, "1 draft was not built (1 page, marked draft = true): --drafts builds them too")
	case directives == 0:
		diags.Notef(diag.Pos{}, "%d drafts were not built (%d pages, marked draft = true): --drafts builds them too", n, pages)
	default:
		diags.Notef(diag.Pos{}, "%d drafts were not built (%d directive(s) and %d page(s), marked draft = true): --drafts builds them too", n, directives, pages)
	}
}

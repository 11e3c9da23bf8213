package render

import (
	"fmt"
	"strconv"

	"github.com/loa-vn/loa/generator/campaign"
)

// A national campaign has 10,000 units, and a unit's group is sent dozens
// of directives and tasks. Listing everything everywhere made unit pages
// of 100 KB and progress pages of 4 MB, most of a 1.2 GB site. So:
//
//   - every group has a page, /don-vi/<group id>/ (group and unit ids
//     never clash): its units' progress, and every task and directive
//     addressed to the group or to one of its units; a group of more
//     than groupPageRows units continues on /don-vi/<group id>/trang-2/
//     and on;
//   - a unit's page lists the unitListMax most recent tasks and
//     directives, and links to its group's page for the others (each is
//     also on its directive's page);
//   - a site of more than splitUnits units lists groups, not units, on
//     /don-vi/, /tien-do/ and in ::progress: one row per group, linking
//     to its page. Small sites are shown in full, as before.
const unitListMax = 10

// splitUnits keeps /tien-do/ and the home page under about 1 MB: a unit's
// row of a progress table takes about 400 bytes. (A variable, for tests.)
var splitUnits = 2000

// groupPageRows is how many units a group's page lists. A row takes about
// 400 bytes: a page stays well under 1 MB, the group's tasks and
// directives included (they are on its first page only). A group of more
// units has further pages, /don-vi/<group id>/trang-2/ and on, linked by
// a Pager. (A variable, for tests.)
var groupPageRows = 1000

// groupPageCount is how many pages a group of n units has.
func groupPageCount(n int) int { return max(1, (n+groupPageRows-1)/groupPageRows) }

// groupPagePath is the path of page k (from 1) of a group's pages.
func groupPagePath(id string, k int) string {
	if k <= 1 {
		return groupPath(id)
	}
	return groupPath(id) + "trang-" + strconv.Itoa(k) + "/"
}

// groupPostersPath is the path of page k (from 1) of a group's posters,
// split as its pages are.
func groupPostersPath(id string, k int) string {
	if k <= 1 {
		return groupPath(id) + "in/"
	}
	return groupPath(id) + "in/trang-" + strconv.Itoa(k) + "/"
}

// groupPostersPage writes page k (from 1) of a group's posters: one A4
// poster per unit, groupPageRows units a page.
func (r *renderer) groupPostersPage(sink Sink, gv *GroupView, k int) error {
	n := groupPageCount(gv.Units)
	lo, hi := min((k-1)*groupPageRows, len(gv.units)), min(k*groupPageRows, len(gv.units))
	path, title := groupPostersPath(gv.ID, k), "Áp phích mã QR – "+gv.Name
	var pager *Pager
	if n > 1 {
		pager = &Pager{Number: k, Count: n}
		for i := 1; i <= n; i++ {
			pager.Pages = append(pager.Pages, PagerLink{Number: i, Path: groupPostersPath(gv.ID, i), Current: i == k})
		}
		if k > 1 {
			pager.Prev = groupPostersPath(gv.ID, k-1)
			title = fmt.Sprintf("%s – trang %d", title, k)
		}
		if k < n {
			pager.Next = groupPostersPath(gv.ID, k+1)
		}
	}
	return r.page(sink, path+"index.html", "posters.html", &Page{
		Path: path, Title: title,
		Description: "Áp phích khổ A4 có mã QR của từng đơn vị thuộc " + gv.Name + ", để in một lần.",
		Group:       gv, Posters: gv.units[lo:hi], Pager: pager,
	})
}

// groupPager links page k of a group's n pages to the others.
func groupPager(id string, k, n int) *Pager {
	p := &Pager{Number: k, Count: n}
	for i := 1; i <= n; i++ {
		p.Pages = append(p.Pages, PagerLink{Number: i, Path: groupPagePath(id, i), Current: i == k})
	}
	if k > 1 {
		p.Prev = groupPagePath(id, k-1)
	}
	if k < n {
		p.Next = groupPagePath(id, k+1)
	}
	return p
}

// groupsTableID is the id of the table of groups; it is not a slug, so it
// never clashes with a group's table on the same page.
const groupsTableID = "cac_nhom"

// mostRecent returns the first unitListMax items of a list that is newest
// first, and how many it leaves out.
func mostRecent[T any](list []T) ([]T, int) {
	if len(list) <= unitListMax {
		return list, 0
	}
	return list[:unitListMax:unitListMax], len(list) - unitListMax
}

// split reports whether the site lists groups rather than units on its
// pages of every unit.
func (v *views) split() bool { return len(v.units) > splitUnits }

// groupLists fills in each group's table and the tasks and directives
// addressed to the group or to one of its units, in the order of
// c.Directives (newest first), each once.
func (v *views) groupLists(c *campaign.Campaign) {
	for _, gv := range v.groups {
		gv.Table = v.tableOf[gv.ID]
	}
	for _, d := range c.Directives {
		dv := v.dirOf[d]
		reached := map[string]bool{}
		reach := func(rs []campaign.Recipient) {
			for _, r := range rs {
				if g := groupOf(r); g != nil {
					reached[g.ID] = true
				}
			}
		}
		reach(d.To)
		for _, t := range d.Tasks {
			tv := v.taskOf[t]
			seen := map[string]bool{}
			for _, r := range t.To {
				if g := groupOf(r); g != nil && !seen[g.ID] {
					seen[g.ID] = true
					gv := v.groupOf[g.ID]
					gv.Tasks = append(gv.Tasks, tv)
				}
			}
			reach(t.To)
		}
		// The groups in the order of c.Groups, so that the lists do not
		// depend on the order of the recipients.
		for _, gv := range v.groups {
			if reached[gv.ID] {
				gv.Directives = append(gv.Directives, dv)
			}
		}
	}
}

// groupOf is the group a recipient is, or belongs to.
func groupOf(r campaign.Recipient) *campaign.Group {
	if r.Group != nil {
		return r.Group
	}
	if r.Unit != nil {
		return r.Unit.Group
	}
	return nil
}

// groupsTable is the progress of every group, one row each, linking to
// the group's page, with the campaign's total.
func (v *views) groupsTable(c *campaign.Campaign) *Table {
	totals := make([]*Row, len(c.Groups))
	for i, g := range c.Groups {
		totals[i] = groupTotal(g)
	}
	return groupsOf(c, totals)
}

// progressTables are the tables of /tien-do/ and ::progress: one per
// group, or the table of groups on a split site.
func (v *views) progressTables() []*Table {
	if v.split() {
		return []*Table{v.groupsList}
	}
	return v.tables
}

// unitsGroups are the groups as /don-vi/ lists them: without their units
// on a split site.
func (v *views) unitsGroups() []*GroupView {
	if !v.split() {
		return v.groups
	}
	out := make([]*GroupView, len(v.groups))
	for i, gv := range v.groups {
		out[i] = &GroupView{ID: gv.ID, Name: gv.Name, Path: gv.Path, Units: gv.Units}
	}
	return out
}

// groupPage writes page k (from 1) of a group's pages: the first has the
// group's tasks and directives, every page groupPageRows of its units.
func (r *renderer) groupPage(sink Sink, gv *GroupView, k int) error {
	view, title, path := gv, gv.Name, groupPagePath(gv.ID, k)
	var pager *Pager
	if n := groupPageCount(gv.Units); n > 1 {
		page := *gv
		if gv.Table != nil {
			table := *gv.Table
			lo, hi := min((k-1)*groupPageRows, len(table.Rows)), min(k*groupPageRows, len(table.Rows))
			table.Rows = table.Rows[lo:hi]
			page.Table = &table
		}
		if k > 1 {
			page.Tasks, page.Directives = nil, nil
			title = fmt.Sprintf("%s – trang %d", gv.Name, k)
		}
		view, pager = &page, groupPager(gv.ID, k, n)
	}
	return r.page(sink, path+"index.html", "group.html", &Page{
		Path: path, Title: title,
		Description: "Kết quả vận động của " + gv.Name + " và các nhiệm vụ, văn bản gửi các đơn vị trong nhóm.",
		Group:       view,
		Pager:       pager,
	})
}

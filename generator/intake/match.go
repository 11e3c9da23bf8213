package intake

import (
	"strings"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/reportform"
	"github.com/loa-vn/loa/generator/vi"
)

// index finds units by the names people write.
type index struct {
	c     *campaign.Campaign
	byKey map[string][]*campaign.Unit // vi.FoldName of names, short names, ids, aliases
	ids   []string                    // for hints
	// names and their units, for the nearest name to one that matches none.
	names []string
	units []*campaign.Unit
}

func newIndex(c *campaign.Campaign) *index {
	ix := &index{c: c, byKey: make(map[string][]*campaign.Unit, 3*len(c.Units))}
	add := func(k string, u *campaign.Unit) {
		if k == "" {
			return
		}
		for _, v := range ix.byKey[k] {
			if v == u {
				return
			}
		}
		ix.byKey[k] = append(ix.byKey[k], u)
	}
	// Retired units too: their rows get a message that says so (Plan).
	for _, u := range c.All {
		add(vi.FoldName(u.Name), u)
		add(vi.FoldName(u.Short), u)
		add(vi.FoldName(u.ID), u)
		for _, a := range u.Aliases {
			add(vi.FoldName(a), u)
		}
	}
	return ix
}

// byID finds the unit with the id (or alias) written in a Mã đơn vị cell.
func (ix *index) byID(id string, pos diag.Pos, diags *diag.List) *campaign.Unit {
	key := strings.ToLower(vi.NFC(id))
	if u, ok := ix.c.Unit(key); ok {
		return u
	}
	if ix.ids == nil {
		for _, u := range ix.c.All {
			ix.ids = append(ix.ids, u.ID)
			ix.ids = append(ix.ids, u.Aliases...)
		}
	}
	hint := ""
	if n := diag.Nearest(key, ix.ids); n != "" {
		u, _ := ix.c.Unit(n)
		hint = ` (did you mean "` + n + `", ` + u.Name + `?)`
	}
	diags.Errorf(pos, msgUnknownID, id, hint)
	return nil
}

// byName finds the unit named name, whose vi.FoldName is k; group, when
// the sheet has a Nhóm column, tells apart units of the same name in
// different groups.
func (ix *index) byName(name, k, group string, pos diag.Pos, diags *diag.List) *campaign.Unit {
	us := ix.byKey[k]
	if len(us) > 1 && strings.TrimSpace(group) != "" {
		g := vi.FoldName(group)
		var in []*campaign.Unit
		for _, u := range us {
			if vi.FoldName(u.Group.Name) == g || vi.FoldName(u.Group.ID) == g {
				in = append(in, u)
			}
		}
		if len(in) > 0 {
			us = in
		}
	}
	switch len(us) {
	case 1:
		return us[0]
	case 0:
		if ix.names == nil {
			for _, u := range ix.c.All {
				ix.names = append(ix.names, vi.FoldName(u.Name), vi.FoldName(u.Short))
				ix.units = append(ix.units, u, u)
			}
		}
		best, _ := diag.Closest(k, ix.names)
		for i, n := range ix.names {
			if n == best {
				u := ix.units[i]
				diags.Errorf(pos, msgUnknownName, name, u.Name, u.ID, reportform.ColID)
				return nil
			}
		}
		diags.Errorf(pos, msgUnknownID, name, "")
		return nil
	}
	var list []string
	for _, u := range us {
		list = append(list, u.Name+" ("+u.ID+", "+u.Group.Name+")")
	}
	diags.Errorf(pos, msgAmbiguous, name, len(us), strings.Join(list, "; "), reportform.ColID)
	return nil
}

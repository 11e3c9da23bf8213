package load

import (
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/vi"
)

// readGroup checks content/units/<id>.toml, decoded into m.
func readGroup(f *source, id string, m map[string]any) *Group {
	g := &Group{ID: id, File: f.rel, Pos: f.start()}
	top := &table{f: f, m: m}
	top.allow("name", "order", "unit")
	g.Name = top.str("name", true)
	top.checkSpaces("name", g.Name)
	g.Order = top.small("order")
	for _, t := range top.tables("unit", "[[unit]]") {
		g.Units = append(g.Units, readUnit(t))
	}
	if len(g.Units) == 0 {
		f.diags.Warnf(g.Pos, "group %q has no units (add [[unit]] entries)", id)
	}
	return g
}

func readUnit(t *table) *Unit {
	t.allow("id", "name", "short", "target", "audience", "aliases", "retired", "merged_into")
	u := &Unit{Pos: t.headerAt()}
	u.Name = t.str("name", true)
	if _, ok := t.m["id"]; ok {
		u.ID = t.str("id", false)
		u.IDPos = t.valAt("id")
		if msg := nameProblem("id", u.ID); msg != "" {
			t.errorf(u.IDPos, "%s", msg)
		}
	} else {
		u.IDPos = u.Pos
		if s := vi.Slug(u.Name); s != "" {
			t.errorf(u.Pos, "missing required key \"id\" in [[unit]] (add id = %q)", s)
		} else {
			t.missing("id")
		}
	}
	t.checkSpaces("name", u.Name)
	u.Short = t.str("short", false)
	t.checkSpaces("short", u.Short)
	u.Target, _ = t.count("target", false)
	u.TargetPos = t.valAt("target")
	u.Audience, _ = t.count("audience", false)
	aliases, pos := t.strs("aliases", false)
	for i, a := range aliases {
		if msg := nameProblem("alias", a); msg != "" {
			t.errorf(pos[i], "%s", msg)
		}
	}
	u.Aliases, u.AliasPos = aliases, pos
	if _, ok := t.m["retired"]; ok {
		u.Retired = t.date("retired", false)
		u.RetiredPos = t.valAt("retired")
	}
	if _, ok := t.m["merged_into"]; ok {
		u.MergedInto = t.str("merged_into", false)
		u.MergedIntoPos = t.valAt("merged_into")
		if _, retired := t.m["retired"]; !retired {
			t.errorf(u.MergedIntoPos, "merged_into needs the date the unit stopped taking part (add retired = YYYY-MM-DD to this [[unit]])")
		}
	}
	return u
}

// checkUnique reports every group id, unit id or alias used a second time:
// they share one namespace, since a directive's "to" mixes group and unit
// ids and aliases keep the landing URLs of former ids. groups are in file
// order, so "second" is deterministic.
func checkUnique(groups []*Group, diags *diag.List) {
	type use struct {
		pos diag.Pos
		as  string // how it was first used, for the message
	}
	n := len(groups)
	for _, g := range groups {
		n += len(g.Units) * 2
	}
	seen := make(map[string]use, n)
	for _, g := range groups {
		seen[g.ID] = use{diag.Pos{File: g.File}, " as a group id"}
	}
	claim := func(what, id string, pos diag.Pos, as string) {
		if id == "" {
			return
		}
		if first, ok := seen[id]; ok {
			diags.Errorf(pos, "%s %q is already used%s at %s", what, id, first.as, first.pos)
			return
		}
		seen[id] = use{pos, as}
	}
	for _, g := range groups {
		for _, u := range g.Units {
			claim("id", u.ID, u.IDPos, "")
			for i, a := range u.Aliases {
				claim("alias", a, u.AliasPos[i], " as an alias")
			}
		}
	}
}

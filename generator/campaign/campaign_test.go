package campaign

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func pos(file string, line int) diag.Pos { return diag.Pos{File: file, Line: line, Col: 1} }

// fixture is a small site: two groups, three reports, a unit that never
// reported, one that missed the latest report, one whose count dropped.
func fixture() *load.Site {
	return &load.Site{
		Config: load.Config{
			Title:     "T",
			BaseURL:   "https://example.vn/a/b",
			Authority: load.Authority{Name: "Ủy ban nhân dân xã Thử"},
			Campaign:  load.Campaign{Name: "C", FollowURL: "https://zalo.me/1"},
			Audience:  &load.Audience{Population14Plus: 99400, SmartphoneShare: 0.83},
		},
		Groups: []*load.Group{
			{ID: "truong", Name: "Trường", Order: 2, Units: []*load.Unit{
				{ID: "thcs-a", Name: "THCS A", Target: 100, Pos: pos("content/units/truong.toml", 4)},
				{ID: "thcs-b", Name: "THCS B", Target: 50, Pos: pos("content/units/truong.toml", 9)},
			}},
			{ID: "phuong", Name: "Phường", Order: 1, Units: []*load.Unit{
				{ID: "bac-son", Name: "Bắc Sơn", Target: 200, Aliases: []string{"bacson"}},
				{ID: "dong-hoa", Name: "Đồng Hòa", Target: 300},
				{ID: "lam-ha", Name: "Lãm Hà"},
			}},
		},
		Reports: []*load.Report{
			{Date: day("2023-10-21"), File: "content/reports/2023-10-21.toml", Followers: 120, Units: []load.UnitCount{
				{ID: "bac-son", Count: 12}, {ID: "dong-hoa", Count: 30}, {ID: "thcs-a", Count: 5},
			}},
			{Date: day("2023-10-28"), File: "content/reports/2023-10-28.toml", Followers: 200, Units: []load.UnitCount{
				{ID: "bacson", Count: 20}, {ID: "dong-hoa", Count: 25, Line: 8, Col: 1}, {ID: "thcs-a", Count: 9},
			}},
			{Date: day("2023-11-04"), File: "content/reports/2023-11-04.toml", Followers: 330, Units: []load.UnitCount{
				{ID: "bac-son", Count: 41}, {ID: "dong-hoa", Count: 40}, {ID: "lam-ha", Count: 7},
			}},
		},
		Directives: []*load.Directive{
			{Slug: "cv-1", Kind: "Công văn", Date: day("2023-10-11"), To: []load.Ref{{ID: "phuong"}, {ID: "thcs-b"}},
				Tasks: []load.Task{{To: []load.Ref{{ID: "phuong"}}, Text: "Hướng dẫn"}, {To: []load.Ref{{ID: "thcs-a"}}, Text: "Chia sẻ"}}},
			{Slug: "kh-2", Kind: "Kế hoạch", Date: day("2023-11-06"), To: []load.Ref{{ID: "truong"}}},
			{Slug: "nhap", Kind: "Thông báo", Date: day("2023-12-01"), Draft: true},
		},
	}
}

func TestModelFigures(t *testing.T) {
	var diags diag.List
	c := New(fixture(), Options{}, &diags)
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags.Err())
	}
	if got := []string{c.Groups[0].ID, c.Groups[1].ID}; got[0] != "phuong" || got[1] != "truong" {
		t.Fatalf("groups not in order: %v", got)
	}
	if c.Site.BaseURL != "https://example.vn/a/b/" || c.Site.BasePath != "/a/b/" {
		t.Fatalf("base %q path %q", c.Site.BaseURL, c.Site.BasePath)
	}
	u := func(id string) *Unit {
		x, ok := c.Unit(id)
		if !ok {
			t.Fatalf("no unit %s", id)
		}
		return x
	}
	// bac-son reported three times (once through its alias).
	if bs := u("bacson"); bs.ID != "bac-son" || bs.Count != 41 || !bs.HasChange || bs.Change != 21 || len(bs.History) != 3 {
		t.Fatalf("bac-son: %+v", bs)
	}
	// thcs-a missed the latest report: its count and date are from 28/10.
	if a := u("thcs-a"); !a.HasCount || a.Count != 9 || !a.Reported.Equal(day("2023-10-28")) || a.InLatest {
		t.Fatalf("thcs-a: %+v", a)
	}
	// thcs-b never reported: no count, never zero.
	if b := u("thcs-b"); b.HasCount || b.Rank != 0 {
		t.Fatalf("thcs-b: %+v", b)
	}
	if _, ok := u("thcs-b").Rate(); ok {
		t.Fatal("a unit with no report has no rate")
	}
	// lam-ha reported for the first time: its change counts from 0.
	if l := u("lam-ha"); !l.HasChange || l.Change != 7 || l.Count != 7 {
		t.Fatalf("lam-ha: %+v", l)
	}
	// thcs-a did not report this period: its count is carried forward,
	// and it has changed by 0, not by its change of last period.
	if a := u("thcs-a"); !a.HasChange || a.Change != 0 {
		t.Fatalf("thcs-a: %+v", a)
	}
	// Ranks in phuong: bac-son 41 (1), dong-hoa 40 (2), lam-ha 7 (3).
	if u("bac-son").Rank != 1 || u("dong-hoa").Rank != 2 || u("lam-ha").Rank != 3 {
		t.Fatal("ranks")
	}
	g, _ := c.Group("phuong")
	if g.Count != 88 || g.Target != 500 || g.Reported != 3 || g.Change != 88-(20+25) {
		t.Fatalf("phuong totals: %+v", g)
	}
	if c.Reported != 3 || c.Followers() != 330 {
		t.Fatalf("reported %d followers %d", c.Reported, c.Followers())
	}
	want := 330 / (99400 * 0.83)
	if !c.HasReach || c.Reach != want {
		t.Fatalf("reach %v, want %v", c.Reach, want)
	}
	if r := c.Reports[2]; !r.HasChange || r.Change != 130 {
		t.Fatalf("report change %+v", r)
	}
	// Drafts left out; newest first.
	if len(c.Directives) != 2 || c.Directives[0].Slug != "kh-2" {
		t.Fatalf("directives %v", c.Directives)
	}
	// Tasks reach units through their group.
	if len(u("dong-hoa").Tasks) != 1 || len(u("thcs-a").Tasks) != 1 || len(u("thcs-b").Tasks) != 0 {
		t.Fatal("tasks per unit")
	}
	if d := u("thcs-b").Directives; len(d) != 2 || d[0].Slug != "kh-2" {
		t.Fatalf("directives of thcs-b: %v", d)
	}
	// Warnings: dong-hoa went down, thcs-b never reported, cv-1 gives a
	// task to thcs-a, which it is not addressed to.
	ws := diags.Warnings()
	all := fmt.Sprint(ws)
	if len(ws) != 3 || !strings.Contains(all, "went down") || !strings.Contains(all, `task is given to "thcs-a"`) {
		t.Fatalf("warnings: %v", ws)
	}
}

func TestDraftsKeptOnRequest(t *testing.T) {
	var diags diag.List
	c := New(fixture(), Options{Drafts: true, BaseURL: "https://preview.example.org"}, &diags)
	if len(c.Directives) != 3 || c.Directives[0].Slug != "nhap" {
		t.Fatalf("drafts: %v", c.Directives)
	}
	if c.Site.BaseURL != "https://preview.example.org/" || c.Site.BasePath != "/" {
		t.Fatalf("override: %+v", c.Site)
	}
}

func TestUnknownReferences(t *testing.T) {
	s := fixture()
	s.Reports[0].Units = append(s.Reports[0].Units, load.UnitCount{ID: "bac-sn", Count: 1, Line: 9, Col: 1})
	s.Directives[0].To = append(s.Directives[0].To, load.Ref{ID: "phuonng", Pos: pos("content/directives/cv-1.md", 6)})
	var diags diag.List
	New(s, Options{}, &diags)
	errs := diags.Errors()
	if len(errs) != 2 {
		t.Fatalf("errors: %v", errs)
	}
	if e := errs[0].String(); e != `content/directives/cv-1.md:6:1: unknown group or unit "phuonng" (did you mean "phuong"?)` {
		t.Errorf("got %s", e)
	}
	if e := errs[1].String(); e != `content/reports/2023-10-21.toml:9:1: unknown unit "bac-sn" (did you mean "bac-son"?); if it stopped taking part, keep its [[unit]] in content/units with retired = YYYY-MM-DD (and merged_into = "id" if another unit carries on its work) instead of deleting it` {
		t.Errorf("got %s", e)
	}
}

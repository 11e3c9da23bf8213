package campaign

import (
	"fmt"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
)

// TestReportCount checks Report.Count: by unit, aliases resolved, false
// for a unit the report does not list.
func TestReportCount(t *testing.T) {
	var diags diag.List
	c := New(fixture(), Options{}, &diags)
	unit := func(id string) *Unit { u, _ := c.Unit(id); return u }
	var got []string
	for _, r := range c.Reports {
		for _, id := range []string{"bac-son", "dong-hoa", "lam-ha", "thcs-a", "thcs-b"} {
			if n, ok := r.Count(unit(id)); ok {
				got = append(got, fmt.Sprintf("%s=%d", id, n))
			}
		}
		got = append(got, "|")
	}
	want := "[bac-son=12 dong-hoa=30 thcs-a=5 | bac-son=20 dong-hoa=25 thcs-a=9 | bac-son=41 dong-hoa=40 lam-ha=7 |]"
	if fmt.Sprint(got) != want {
		t.Errorf("counts %v\nwant %s", got, want)
	}
	if _, ok := c.Reports[0].Count(nil); ok {
		t.Error("Count(nil) is listed")
	}
}

// TestReportErrorsLineByLine checks unknown and duplicate lines, the
// duplicate found through an alias too, in reports that list their units
// in the same order (the fast path of addReports) and in another.
func TestReportErrorsLineByLine(t *testing.T) {
	s := fixture()
	f := "content/reports/2023-11-11.toml"
	lines := []load.UnitCount{
		{ID: "bac-son", Count: 50, Line: 3, Col: 1},
		{ID: "dong-hoa", Count: 41, Line: 4, Col: 1},
		{ID: "lam-ha", Count: 8, Line: 5, Col: 1},
		{ID: "bacson", Count: 51, Line: 6, Col: 1},
		{ID: "khong-co", Count: 1, Line: 7, Col: 1},
		{ID: "dong-hoa", Count: 42, Line: 8, Col: 1},
	}
	s.Reports = append(s.Reports,
		&load.Report{Date: day("2023-11-11"), Followers: 400, Units: lines, File: f},
		&load.Report{Date: day("2023-11-18"), Followers: 400, Units: append([]load.UnitCount(nil), lines[:3]...)},
		&load.Report{Date: day("2023-11-25"), Followers: 400, Units: []load.UnitCount{lines[2], lines[1], lines[0]}},
	)
	var diags diag.List
	c := New(s, Options{}, &diags)
	var errs []string
	for _, d := range diags.Errors() {
		errs = append(errs, d.String())
	}
	want := fmt.Sprint([]string{
		`content/reports/2023-11-11.toml:6:1: unit "bac-son" is listed twice in this report (first at content/reports/2023-11-11.toml:3:1)`,
		`content/reports/2023-11-11.toml:7:1: unknown unit "khong-co"; if it stopped taking part, keep its [[unit]] in content/units with retired = YYYY-MM-DD (and merged_into = "id" if another unit carries on its work) instead of deleting it`,
		`content/reports/2023-11-11.toml:8:1: unit "dong-hoa" is listed twice in this report (first at content/reports/2023-11-11.toml:4:1)`,
	})
	if fmt.Sprint(errs) != want {
		t.Errorf("errors\n%v\nwant\n%v", errs, want)
	}
	u, _ := c.Unit("dong-hoa")
	var hist []int64
	for _, p := range u.History {
		hist = append(hist, p.Count)
	}
	if fmt.Sprint(hist) != "[30 25 40 41 41 41]" {
		t.Errorf("history of dong-hoa %v (the first of two lines counts)", hist)
	}
	if n, _ := c.Reports[len(c.Reports)-1].Count(u); n != 41 {
		t.Errorf("last count %d", n)
	}
}

// TestReach checks every unit's tasks and directives against their
// definition, taken literally: every task (directive) whose recipients
// include the unit or its group, in the order of c.Directives.
func TestReach(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Config{Units: 60, Groups: 4, Directives: 40, Reports: 2, Words: 30, Seed: 11}); err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	s := load.Read(dir, &diags)
	// A directive sent to a group and to one of its units, twice over.
	d := *s.Directives[0]
	d.Slug, d.File = "ca-hai", "content/directives/ca-hai.md"
	g := s.Groups[1]
	d.To = []load.Ref{{ID: g.ID}, {ID: g.Units[2].ID}, {ID: g.ID}}
	d.Tasks = []load.Task{{To: []load.Ref{{ID: g.Units[2].ID}, {ID: g.ID}}, Text: "Cả hai."}}
	s.Directives = append(s.Directives, &d)
	c := New(s, Options{}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	reaches := func(to []Recipient, u *Unit) bool {
		for _, r := range to {
			if r.Unit == u || r.Group == u.Group {
				return true
			}
		}
		return false
	}
	direct := 0
	for _, u := range c.Units {
		var tasks []*Task
		var dirs []*Directive
		for _, d := range c.Directives {
			in := reaches(d.To, u)
			for _, tk := range d.Tasks {
				if reaches(tk.To, u) {
					tasks = append(tasks, tk)
					in = true
				}
				for _, r := range tk.To {
					if r.Unit == u {
						direct++
					}
				}
			}
			if in {
				dirs = append(dirs, d)
			}
		}
		if fmt.Sprint(u.Tasks) != fmt.Sprint(tasks) || fmt.Sprint(u.Directives) != fmt.Sprint(dirs) {
			t.Errorf("%s: %d tasks and %d directives, want %d and %d", u.ID, len(u.Tasks), len(u.Directives), len(tasks), len(dirs))
		}
	}
	if direct < 3 {
		t.Errorf("only %d tasks addressed to units directly: the test needs more", direct)
	}
}

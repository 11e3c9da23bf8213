package period

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
)

// TestSameFiguresAsBefore computes every period of every report as it was
// computed before (old_test.go: binary searches, stable sorts) and as it
// is, and wants the same figures, ranks and lists in the same order: on
// the example site and every test site of the repository, and on
// synthetic sites where units report late, miss reports, go down, never
// report, have no target, retire or merge, and tie on share and count.
func TestSameFiguresAsBefore(t *testing.T) {
	models := map[string]*campaign.Campaign{"example, later": model(t, exampleWithLater(t))}
	dirs, _ := filepath.Glob("../*/testdata/*/site.toml")
	for _, f := range dirs {
		var d diag.List // some test sites have errors on purpose
		models[filepath.Dir(f)] = campaign.New(load.Read(filepath.Dir(f), &d), campaign.Options{}, &d)
	}
	for seed := range uint64(3) {
		site := t.TempDir()
		if err := synth.Write(site, synth.Config{Units: 200 + 50*int(seed), Groups: 5 + int(seed), Reports: 10 + 3*int(seed), Seed: seed}); err != nil {
			t.Fatal(err)
		}
		var d diag.List
		s := load.Read(site, &d)
		messUp(s, seed)
		c := campaign.New(s, campaign.Options{}, &d)
		if d.HasErrors() {
			t.Fatal(d.Err())
		}
		if len(c.Gone) < 2 {
			t.Fatalf("seed %d: %d units gone", seed, len(c.Gone))
		}
		models[fmt.Sprintf("synthetic %d", seed)] = c
	}
	for name, c := range models {
		for i := range c.Reports {
			sameFigures(t, fmt.Sprintf("%s, report %d", name, i), c, i)
		}
	}
}

// TestSameFiguresOnTheBenchSite is TestSameFiguresAsBefore on a few
// periods of the benchmarks' site (synth.BenchSite: LOA_BENCH_SITE, the
// national one, when set).
func TestSameFiguresOnTheBenchSite(t *testing.T) {
	if os.Getenv(synth.BenchEnv) == "" && testing.Short() {
		t.Skip("the small synthetic site: not in -short mode")
	}
	var d diag.List
	c := campaign.New(load.Read(synth.BenchSite(t), &d), campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	for i := len(c.Reports) - 1; i >= 0; i -= 1 + len(c.Reports)/4 {
		sameFigures(t, fmt.Sprintf("report %d", i), c, i)
	}
}

// sameFigures compares Of (twice), Totals, GroupAt and UnitAt at report i
// with the old computation.
func sameFigures(t *testing.T, what string, c *campaign.Campaign, i int) {
	t.Helper()
	want := oldOf(c, i)
	// The second call takes the ranking the first kept (book).
	for _, call := range []string{"first", "second"} {
		if got := Of(c, i); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: Of differs on the %s call:\n%s", what, call, diff(got, want))
		}
	}
	if got, want := Totals(c, i), oldTotals(c, i); !reflect.DeepEqual(got, want) {
		t.Errorf("%s: Totals differs", what)
	}
	for _, g := range c.Groups {
		if got, want := GroupAt(c, i, g), oldGroupAt(c, i, g); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: GroupAt %s differs", what, g.ID)
		}
	}
	prev := (*campaign.Report)(nil)
	if i > 0 {
		prev = c.Reports[i-1]
	}
	for _, u := range c.All {
		if got, want := UnitAt(c, i, u), oldUnitAt(u, c.Reports[i], prev); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: UnitAt %s differs: %+v, want %+v", what, u.ID, got, want)
		}
	}
}

// diff names the first list of two periods that differ.
func diff(got, want *Period) string {
	lists := map[string][2][]*Unit{
		"Units": {got.Units, want.Units}, "Ranked": {got.Ranked, want.Ranked},
		"Highest": {got.Highest, want.Highest}, "Lowest": {got.Lowest, want.Lowest},
		"NotReported": {got.NotReported, want.NotReported}, "Dropped": {got.Dropped, want.Dropped},
	}
	for name, l := range lists {
		if len(l[0]) != len(l[1]) {
			return fmt.Sprintf("%s: %d units, want %d", name, len(l[0]), len(l[1]))
		}
		for k := range l[0] {
			if !reflect.DeepEqual(l[0][k], l[1][k]) {
				return fmt.Sprintf("%s[%d]: %+v, want %+v", name, k, *l[0][k], *l[1][k])
			}
		}
	}
	return "the headline figures or the groups"
}

// messUp makes a synthetic site, which lists every unit in every report,
// look like a real one: some units report late, miss reports or go down;
// some are retired, some of those merged into another; some never report
// or have no target; many tie on share and count. A group is added that
// never reports.
func messUp(s *load.Site, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 99))
	skip := map[string]bool{}
	retired := map[string]time.Time{}
	late := map[string]time.Time{}
	for _, g := range s.Groups {
		for k, u := range g.Units {
			switch n := r.IntN(20); {
			case n == 0 && len(s.Reports) > 2:
				u.Retired = s.Reports[r.IntN(len(s.Reports)-1)].Date.Add(time.Duration(r.IntN(3)) * 24 * time.Hour)
				retired[u.ID] = u.Retired
				if k > 0 && g.Units[k-1].Retired.IsZero() && r.IntN(2) == 0 {
					u.MergedInto = g.Units[k-1].ID
				}
			case n == 1:
				skip[u.ID] = true
			case n == 2:
				u.Target = 0
			case n == 3 && len(s.Reports) > 0:
				late[u.ID] = s.Reports[r.IntN(len(s.Reports))].Date
			case n < 8:
				u.Target = 1000 // ties, with the counts below
			}
		}
	}
	for _, rep := range s.Reports {
		kept := rep.Units[:0]
		for _, uc := range rep.Units {
			if d, ok := retired[uc.ID]; ok && rep.Date.After(d) || skip[uc.ID] || late[uc.ID].After(rep.Date) || r.IntN(6) == 0 {
				continue
			}
			switch r.IntN(10) {
			case 0:
				uc.Count /= 2 // goes down
			case 1, 2:
				uc.Count = 100 * int64(1+r.IntN(3))
			}
			kept = append(kept, uc)
		}
		rep.Units = kept
	}
	s.Groups = append(s.Groups, &load.Group{ID: "moi", Name: "Nhóm mới", Units: []*load.Unit{{ID: "moi-1", Name: "Đơn vị mới", Target: 10}}})
}

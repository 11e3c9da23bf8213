package period

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/load"
)

// exampleWithLater copies the example site and adds a report of
// 2023-11-11 in which a school reports for the first time, a ward's count
// goes down and several units do not report: the situations of issue 12.
func exampleWithLater(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"site.toml", "content"} {
		src := filepath.Join("../..", p)
		if fi, err := os.Stat(src); err != nil {
			t.Skip("no example site")
		} else if !fi.IsDir() {
			b, _ := os.ReadFile(src)
			sitetest.Write(t, dir, map[string]string{p: string(b)})
			continue
		}
		sitetest.Copy(t, src, filepath.Join(dir, p))
	}
	sitetest.Write(t, dir, map[string]string{"content/reports/2023-11-11.toml": `followers = 470

[units]
van-phong = 25
bac-son = 40
dong-hoa = 30
mam-non-van-dau = 4
thcs-tran-phu = 9
`})
	return dir
}

func model(t *testing.T, dir string) *campaign.Campaign {
	t.Helper()
	var diags diag.List
	c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return c
}

// oracle holds what the test reads from the TOML files itself.
type oracle struct {
	dates   []string                    // report dates, oldest first
	counts  map[string]map[string]int64 // date -> unit -> count, as listed
	targets map[string]int64
	names   map[string]string
	group   map[string]string
	units   []string // every unit id
}

func readOracle(t *testing.T, dir string) *oracle {
	o := &oracle{counts: map[string]map[string]int64{}, targets: map[string]int64{}, names: map[string]string{}, group: map[string]string{}}
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	for _, f := range reports {
		var r struct{ Units map[string]int64 }
		if _, err := toml.DecodeFile(f, &r); err != nil {
			t.Fatal(err)
		}
		d := strings.TrimSuffix(filepath.Base(f), ".toml")
		o.dates = append(o.dates, d)
		o.counts[d] = r.Units
	}
	sort.Strings(o.dates)
	groups, _ := filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	for _, f := range groups {
		var g struct {
			Unit []struct {
				ID, Name string
				Target   int64
			}
		}
		if _, err := toml.DecodeFile(f, &g); err != nil {
			t.Fatal(err)
		}
		for _, u := range g.Unit {
			o.units = append(o.units, u.ID)
			o.targets[u.ID], o.names[u.ID] = u.Target, u.Name
			o.group[u.ID] = strings.TrimSuffix(filepath.Base(f), ".toml")
		}
	}
	return o
}

// at is the unit's count at report date i by the rule: the latest report
// on or before it that lists the unit.
func (o *oracle) at(id string, i int) (int64, bool) {
	for ; i >= 0; i-- {
		if n, ok := o.counts[o.dates[i]][id]; ok {
			return n, true
		}
	}
	return 0, false
}

// TestPeriodFiguresFollowTheRule computes every unit's and every group's
// count and change at every report date of the example site (with a later
// report added) from the TOML files, and compares them with the Period's.
func TestPeriodFiguresFollowTheRule(t *testing.T) {
	dir := exampleWithLater(t)
	c := model(t, dir)
	o := readOracle(t, dir)
	if len(c.Reports) != len(o.dates) {
		t.Fatalf("%d reports, the files hold %d", len(c.Reports), len(o.dates))
	}
	for i, d := range o.dates {
		p := Of(c, i)
		if got := p.Date.Format(time.DateOnly); got != d {
			t.Fatalf("period %d is %s, want %s", i, got, d)
		}
		groupCount, groupChange := map[string]int64{}, map[string]int64{}
		groupBefore := map[string]int64{}
		var notReported, dropped []string
		for _, u := range p.Units {
			id := u.Unit.ID
			n, has := o.at(id, i)
			_, listed := o.counts[d][id]
			if u.HasCount != has || u.Count != n || u.Listed != listed {
				t.Errorf("%s %s: count %d (%v, listed %v), want %d (%v, listed %v)", d, id, u.Count, u.HasCount, u.Listed, n, has, listed)
			}
			if !listed {
				notReported = append(notReported, id)
			}
			if has {
				groupCount[o.group[id]] += n
			}
			if i > 0 && has {
				before, _ := o.at(id, i-1)
				groupBefore[o.group[id]] += before
				if !u.HasChange || u.Change != n-before {
					t.Errorf("%s %s: change %d (%v), want %d", d, id, u.Change, u.HasChange, n-before)
				}
				if n < before {
					dropped = append(dropped, id)
				}
				groupChange[o.group[id]] += n - before
			} else if u.HasChange {
				t.Errorf("%s %s: a change %d without a previous report or a count", d, id, u.Change)
			}
		}
		for _, g := range p.Groups {
			id := g.Group.ID
			if g.Count != groupCount[id] {
				t.Errorf("%s group %s: count %d, want %d", d, id, g.Count, groupCount[id])
			}
			if i > 0 {
				// The group's change is the difference of its totals.
				var before int64
				for _, uid := range o.units {
					if o.group[uid] == id {
						n, _ := o.at(uid, i-1)
						before += n
					}
				}
				if g.Change != groupCount[id]-before || g.Change != groupChange[id] {
					t.Errorf("%s group %s: change %d, want %d (totals %d then %d)", d, id, g.Change, groupChange[id], before, groupCount[id])
				}
			}
		}
		if got := ids(p.NotReported); strings.Join(got, " ") != strings.Join(notReported, " ") {
			t.Errorf("%s: not reported %v, want %v", d, got, notReported)
		}
		if got := ids(p.Dropped); strings.Join(got, " ") != strings.Join(dropped, " ") {
			t.Errorf("%s: dropped %v, want %v", d, got, dropped)
		}
	}
	// The situations the added report was written for.
	p := Latest(c)
	u := unit(p, "mam-non-van-dau")
	if !u.HasChange || u.Change != 4 {
		t.Errorf("a school's first report counts from 0: change %d", u.Change)
	}
	if u := unit(p, "phong-gd-dt"); u.Listed || !u.HasChange || u.Change != 0 {
		t.Errorf("a unit that did not report changed by 0: %+v", u)
	}
	if got := ids(p.Dropped); strings.Join(got, " ") != "bac-son" {
		t.Errorf("dropped %v", got)
	}
}

// TestLatestPeriodIsTheModel checks that the campaign's own figures of the
// latest report (pages) follow the same rule as the Period (reports).
func TestLatestPeriodIsTheModel(t *testing.T) {
	c := model(t, exampleWithLater(t))
	p := Latest(c)
	for _, u := range p.Units {
		cu := u.Unit
		if cu.Count != u.Count || cu.HasCount != u.HasCount || cu.Change != u.Change || cu.HasChange != u.HasChange ||
			cu.InLatest != u.Listed || cu.Rank != u.GroupRank {
			t.Errorf("%s: model %d %v %+d %v rank %d, period %d %v %+d %v rank %d", cu.ID,
				cu.Count, cu.HasCount, cu.Change, cu.HasChange, cu.Rank, u.Count, u.HasCount, u.Change, u.HasChange, u.GroupRank)
		}
	}
	for _, g := range p.Groups {
		if g.Group.Count != g.Count || g.Group.Change != g.Change {
			t.Errorf("%s: model %d %+d, period %d %+d", g.Group.ID, g.Group.Count, g.Group.Change, g.Count, g.Change)
		}
	}
}

// TestRanking checks the order of Ranked against one made by the test:
// share, then count, then name; and that Highest and Lowest do not overlap.
func TestRanking(t *testing.T) {
	dir := exampleWithLater(t)
	c := model(t, dir)
	o := readOracle(t, dir)
	i := len(o.dates) - 1
	type row struct {
		id    string
		count int64
		share float64
	}
	var rows []row
	for _, id := range o.units {
		if n, ok := o.at(id, i); ok && o.targets[id] > 0 {
			rows = append(rows, row{id, n, float64(n) / float64(o.targets[id])})
		}
	}
	p := Latest(c)
	if len(p.Ranked) != len(rows) {
		t.Fatalf("%d ranked, want %d", len(p.Ranked), len(rows))
	}
	for k := 1; k < len(p.Ranked); k++ {
		a, b := p.Ranked[k-1], p.Ranked[k]
		if a.Share < b.Share || (a.Share == b.Share && a.Count < b.Count) {
			t.Errorf("%s (%v, %d) ranked before %s (%v, %d)", a.Unit.ID, a.Share, a.Count, b.Unit.ID, b.Share, b.Count)
		}
		if a.Rank != k || b.Rank != k+1 {
			t.Errorf("ranks %d, %d at %d", a.Rank, b.Rank, k)
		}
	}
	seen := map[string]bool{}
	for _, u := range append(append([]*Unit{}, p.Highest...), p.Lowest...) {
		if seen[u.Unit.ID] {
			t.Errorf("%s is among both the highest and the lowest", u.Unit.ID)
		}
		seen[u.Unit.ID] = true
	}
	if len(p.Highest) != 5 || len(p.Lowest) != 5 || p.Lowest[4] != p.Ranked[len(p.Ranked)-1] {
		t.Errorf("highest %d, lowest %d", len(p.Highest), len(p.Lowest))
	}
}

// TestVietnameseTieOrder checks that units of equal share and count are
// ranked by name with Đ after D.
func TestVietnameseTieOrder(t *testing.T) {
	a := &Unit{Unit: &campaign.Unit{ID: "a", Name: "Phường Đông"}, Share: 0.5, Count: 5}
	b := &Unit{Unit: &campaign.Unit{ID: "b", Name: "Phường Dương"}, Share: 0.5, Count: 5}
	e := &Unit{Unit: &campaign.Unit{ID: "e", Name: "Phường Én"}, Share: 0.5, Count: 5}
	for _, in := range [][]*Unit{{a, b, e}, {e, a, b}, {b, e, a}} {
		var keys []rankKey
		for k, u := range in {
			keys = append(keys, rankKey{u.Share, u.Count, u, k})
		}
		ranked, _ := rank(keys)
		if got := strings.Join(ids(ranked), " "); got != "b a e" {
			t.Errorf("%s: Dương, Đông, Én is the Vietnamese order", got)
		}
	}
}

// TestAtPicksTheLatestOnOrBefore checks At against dates between, on and
// before the reports; later reports never change an earlier period.
func TestAtPicksTheLatestOnOrBefore(t *testing.T) {
	c := model(t, exampleWithLater(t))
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	if p := At(c, day("2023-10-12")); p != nil {
		t.Errorf("before every report: %v", p.Date)
	}
	if p := At(c, day("2023-11-06")); p == nil || p.Date != day("2023-11-04") || p.Followers != 330 {
		t.Errorf("06/11 reads the report of 04/11: %+v", p)
	}
	if p := At(c, day("2023-11-04")); p == nil || p.Date != day("2023-11-04") {
		t.Errorf("on a report's date")
	}
	if n := len(At(c, day("2023-11-06")).History); n != 5 {
		t.Errorf("history to 04/11 has %d points", n)
	}
}

func ids(us []*Unit) []string {
	var out []string
	for _, u := range us {
		out = append(out, u.Unit.ID)
	}
	return out
}

func unit(p *Period, id string) *Unit {
	for _, u := range p.Units {
		if u.Unit.ID == id {
			return u
		}
	}
	return nil
}

// TestTotalsAndGroupAtAgreeWithOf checks the light forms letters use
// against the full period, at every report date.
func TestTotalsAndGroupAtAgreeWithOf(t *testing.T) {
	c := model(t, exampleWithLater(t))
	for i := range c.Reports {
		full, light := Of(c, i), Totals(c, i)
		if light.Reported != full.Reported || light.Followers != full.Followers || len(light.Units) != 0 {
			t.Errorf("%d: totals %+v", i, light)
		}
		for k, g := range full.Groups {
			l := light.Groups[k]
			if l.Count != g.Count || l.Change != g.Change || l.HasChange != g.HasChange || l.Reported != g.Reported || l.Counted != g.Counted || l.Rate != g.Rate {
				t.Errorf("%d %s: totals %+v, want %+v", i, g.Group.ID, l, g)
			}
			one := GroupAt(c, i, g.Group)
			for j, u := range g.Units {
				o := one.Units[j]
				if o.Count != u.Count || o.Change != u.Change || o.Listed != u.Listed || o.GroupRank != u.GroupRank || o.From != u.From {
					t.Errorf("%d %s: GroupAt %+v, want %+v", i, u.Unit.ID, o, u)
				}
				if x := UnitAt(c, i, u.Unit); x.Count != u.Count || len(x.History) != len(u.History) {
					t.Errorf("%d %s: UnitAt %+v", i, u.Unit.ID, x)
				}
			}
		}
	}
}

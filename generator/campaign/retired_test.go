package campaign

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
)

// TestMergedIntoChecks: merged_into must name a known unit, not the unit
// itself, not one retired before it, and no chain may come back; each
// mistake is one error at the value, saying what to write.
func TestMergedIntoChecks(t *testing.T) {
	f := "content/units/truong.toml"
	for _, tc := range []struct {
		name  string
		set   func(a, b *load.Unit)
		want  string
		posOf int // the line of the error
	}{
		{"unknown", func(a, b *load.Unit) { a.MergedInto = "thcs-c" },
			`merged_into names unknown unit "thcs-c" (did you mean "thcs-a"?) (write the id of the unit that carries on the work of "thcs-a")`, 5},
		{"itself", func(a, b *load.Unit) { a.MergedInto = "thcs-a" },
			`unit "thcs-a" cannot be merged into itself`, 5},
		{"retired before", func(a, b *load.Unit) { a.MergedInto = "thcs-b"; b.Retired = day("2023-10-01") },
			`unit "thcs-a" is merged into "thcs-b", which stopped taking part earlier (2023-10-01, before 2023-10-25)`, 5},
		{"cycle", func(a, b *load.Unit) {
			a.MergedInto, b.MergedInto, b.Retired = "thcs-b", "thcs-a", a.Retired
		}, `merged_into of unit "thcs-a" leads back to itself through "thcs-a"`, 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := fixture()
			s.Reports[1].Units = s.Reports[1].Units[:2] // thcs-a retires before it
			a, b := s.Groups[0].Units[0], s.Groups[0].Units[1]
			a.Retired, a.MergedIntoPos = day("2023-10-25"), pos(f, 5)
			b.MergedIntoPos = pos(f, 10)
			tc.set(a, b)
			var diags diag.List
			New(s, Options{}, &diags)
			errs := diags.Errors()
			if len(errs) != 1 || !strings.Contains(errs[0].String(), tc.want) || errs[0].Pos.Line != tc.posOf {
				t.Errorf("errors %v, want one at line %d with %q", errs, tc.posOf, tc.want)
			}
		})
	}
}

// TestRetiredUnitFigures: thcs-a, retired on 2023-10-25, counts at the
// first report and in none after; the report of 2023-10-28 that lists it
// is an error at the line; a unit retired after the latest report still
// counts.
func TestRetiredUnitFigures(t *testing.T) {
	s := fixture()
	s.Groups[0].Units[0].Retired = day("2023-10-25")
	s.Groups[0].Units[0].RetiredPos = pos("content/units/truong.toml", 6)
	s.Groups[1].Units[2].Retired = day("2023-11-04") // lam-ha: on the latest date
	var diags diag.List
	c := New(s, Options{}, &diags)
	errs := diags.Errors()
	want := `unit "thcs-a" stopped taking part on 2023-10-25 (retired in content/units/truong.toml), but this report of 2023-10-28 lists it: remove this line, or change retired if the date is wrong`
	if len(errs) != 1 || !strings.HasSuffix(errs[0].String(), want) {
		t.Fatalf("errors %v\nwant %s", errs, want)
	}
	a, _ := c.Unit("thcs-a")
	if !a.Gone || len(c.Gone) != 1 || len(c.Units) != len(c.All)-1 {
		t.Fatalf("gone %v, %d gone, %d of %d units", a.Gone, len(c.Gone), len(c.Units), len(c.All))
	}
	g, _ := c.Group("truong")
	if len(g.Units) != 1 || g.Units[0].ID != "thcs-b" || g.Target != 50 || g.Count != 0 {
		t.Errorf("truong: %d units, target %d, count %d; want thcs-b alone, 50, 0", len(g.Units), g.Target, g.Count)
	}
	if len(a.History) != 1 || a.History[0].Count != 5 {
		t.Errorf("thcs-a's history %v, want its own count of 2023-10-21", a.History)
	}
	if l, _ := c.Unit("lam-ha"); l.Gone || !l.InLatest {
		t.Error("lam-ha, retired on the latest report's date, no longer counts")
	}
}

// TestUnknownUnitHint: an unknown id in the newest report is most likely
// a typo; in an older one, most likely a unit deleted after it stopped.
func TestUnknownUnitHint(t *testing.T) {
	s := fixture()
	s.Reports[0].Units = append(s.Reports[0].Units, load.UnitCount{ID: "cu", Count: 1})
	s.Reports[2].Units = append(s.Reports[2].Units, load.UnitCount{ID: "moi", Count: 1})
	var diags diag.List
	New(s, Options{}, &diags)
	errs := diags.Errors()
	if len(errs) != 2 {
		t.Fatalf("errors %v", errs)
	}
	for _, e := range errs {
		hinted := strings.Contains(e.Msg, "retired = YYYY-MM-DD")
		if old := strings.Contains(e.Msg, `"cu"`); old != hinted {
			t.Errorf("%s: retired hint %v", e, hinted)
		}
	}
}

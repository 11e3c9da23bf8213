package diag

import (
	"strings"
	"testing"
)

func TestListSortsAndFormats(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "content/reports/2023-11-04.toml", Line: 7, Col: 1}, "count went down")
	l.Errorf(Pos{File: "site.toml", Line: 3, Col: 12}, "base_url must be absolute")
	l.Errorf(Pos{File: "content/units/phuong.toml", Line: 9, Col: 6}, "unknown key %q", "taget")
	l.Errorf(Pos{File: "content/units/phuong.toml", Line: 2}, "x")
	l.Errorf(Pos{File: "content/units/phuong.toml", Line: 2}, "x") // duplicate
	got := []string{}
	for _, d := range l.All() {
		got = append(got, d.String())
	}
	want := []string{
		"content/reports/2023-11-04.toml:7:1: warning: count went down",
		"content/units/phuong.toml:2: x",
		`content/units/phuong.toml:9:6: unknown key "taget"`,
		"site.toml:3:12: base_url must be absolute",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !l.HasErrors() || len(l.Errors()) != 3 || len(l.Warnings()) != 1 {
		t.Fatalf("errors %d warnings %d", len(l.Errors()), len(l.Warnings()))
	}
	if err := l.Err(); err == nil || strings.Count(err.Error(), "\n") != 2 {
		t.Fatalf("Err() = %v", err)
	}
}

func TestWarningsAloneAreNoError(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "a"}, "w")
	if l.HasErrors() || l.Err() != nil {
		t.Fatal("a warning must not fail the build")
	}
}

func TestNearest(t *testing.T) {
	keys := []string{"id", "name", "short", "target", "audience", "aliases"}
	cases := map[string]string{
		"taget":   "target",
		"tagret":  "target",
		"nme":     "name",
		"alias":   "aliases",
		"colour":  "",
		"zzzzzzz": "",
	}
	for in, want := range cases {
		if got := Nearest(in, keys); got != want {
			t.Errorf("Nearest(%q) = %q, want %q", in, got, want)
		}
	}
	if h := Hint("bac-sn", []string{"bac-son", "dong-hoa"}).String(); h != ` (did you mean "bac-son"?)` {
		t.Errorf("Hint = %q", h)
	}
}

func TestSpreadsheetPositions(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "phuong.xlsx", Sheet: "Báo cáo", Line: 10, Col: 6}, "b")
	l.Errorf(Pos{File: "phuong.xlsx", Sheet: "Báo cáo", Line: 7, Col: 28}, "a")
	l.Errorf(Pos{File: "phuong.xlsx", Sheet: "Báo cáo"}, "sheet")
	l.Errorf(Pos{File: "phuong.csv", Line: 3, Col: 9}, "csv")
	var got []string
	for _, d := range l.All() {
		got = append(got, d.String())
	}
	want := []string{
		"phuong.csv:3:9: csv",
		"phuong.xlsx:Báo cáo: sheet",
		"phuong.xlsx:Báo cáo!AB7: a",
		"phuong.xlsx:Báo cáo!F10: b",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for n, name := range map[int]string{1: "A", 26: "Z", 27: "AA", 52: "AZ", 703: "AAA", 0: ""} {
		if ColumnName(n) != name {
			t.Errorf("ColumnName(%d) = %q, want %q", n, ColumnName(n), name)
		}
	}
}

func TestClosestHowEverFar(t *testing.T) {
	if c, d := Closest("Phường Xyz", []string{"Phường Bắc Sơn", "Phường Xy"}); c != "Phường Xy" || d != 1 {
		t.Fatalf("Closest = %q, %d", c, d)
	}
	if Nearest("zzzzzz", []string{"bac-son"}) != "" {
		t.Fatal("Nearest gave an implausible hint")
	}
	if c, _ := Closest("zzzzzz", []string{"bac-son"}); c != "bac-son" {
		t.Fatalf("Closest = %q", c)
	}
	if c, d := Closest("x", nil); c != "" || d != -1 {
		t.Fatalf("Closest of nothing = %q, %d", c, d)
	}
}

// A note comes after the error at its place, counts as neither error nor
// warning, and a problem without a file is printed without a position.
func TestNotes(t *testing.T) {
	var l List
	l.Notef(Pos{File: "content/units/phuong.toml", Line: 1, Col: 24}, "67 more problems were left out")
	l.Errorf(Pos{File: "content/units/phuong.toml", Line: 1, Col: 24}, "a quote is not closed")
	l.Notef(Pos{}, "1 draft was not built")
	var got []string
	for _, d := range l.All() {
		got = append(got, d.String())
	}
	want := []string{
		"note: 1 draft was not built",
		"content/units/phuong.toml:1:24: a quote is not closed",
		"content/units/phuong.toml:1:24: note: 67 more problems were left out",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(l.Errors()) != 1 || len(l.Warnings()) != 0 || len(l.Notes()) != 2 {
		t.Fatalf("errors %d warnings %d notes %d", len(l.Errors()), len(l.Warnings()), len(l.Notes()))
	}
}

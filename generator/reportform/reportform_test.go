package reportform_test

import (
	"cmp"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/reportform"
)

const example = "../.."

// siteUnit is a unit as the test reads it from the files, independently of
// load and campaign.
type siteUnit struct {
	ID, Name, Group string
	Target          int64
	Previous        string // "" when no report before the date lists it
}

// readSite lists the units of dir in the order the contract gives (groups by
// order, then id; units in file order), each with its count in the latest
// report dated before date that lists it.
func readSite(t *testing.T, dir string, date time.Time) []siteUnit {
	t.Helper()
	type unitFile struct {
		Name  string
		Order int
		Unit  []struct {
			ID, Name string
			Target   int64
		}
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	type group struct {
		id string
		f  unitFile
	}
	var groups []group
	for _, p := range files {
		var f unitFile
		if _, err := toml.DecodeFile(p, &f); err != nil {
			t.Fatal(err)
		}
		groups = append(groups, group{strings.TrimSuffix(filepath.Base(p), ".toml"), f})
	}
	slices.SortFunc(groups, func(a, b group) int { return cmp.Or(cmp.Compare(a.f.Order, b.f.Order), cmp.Compare(a.id, b.id)) })
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	slices.Sort(reports)
	prev := map[string]int64{}
	for _, p := range reports {
		d, _ := time.Parse("2006-01-02", strings.TrimSuffix(filepath.Base(p), ".toml"))
		if !d.Before(date) {
			break
		}
		var r struct{ Units map[string]int64 }
		if _, err := toml.DecodeFile(p, &r); err != nil {
			t.Fatal(err)
		}
		for id, n := range r.Units {
			prev[id] = n
		}
	}
	var out []siteUnit
	for _, g := range groups {
		for _, u := range g.f.Unit {
			su := siteUnit{ID: u.ID, Name: u.Name, Group: g.f.Name, Target: u.Target}
			if n, ok := prev[u.ID]; ok {
				su.Previous = strconv.FormatInt(n, 10)
			}
			out = append(out, su)
		}
	}
	return out
}

func model(t *testing.T, dir string) *campaign.Campaign {
	t.Helper()
	var diags diag.List
	c := build.Model(build.Options{Site: dir}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return c
}

func TestFormOfTheExampleSite(t *testing.T) {
	c := model(t, example)
	for _, date := range []string{"2023-11-11", "2023-11-04", "2023-10-13"} {
		t.Run(date, func(t *testing.T) {
			d, _ := time.Parse("2006-01-02", date)
			f, err := reportform.New(c, d, nil)
			if err != nil {
				t.Fatal(err)
			}
			// Written and read back from disk, as a unit opens it.
			path := filepath.Join(t.TempDir(), "form.xlsx")
			if err := reportform.Write(path, f); err != nil {
				t.Fatal(err)
			}
			g, err := excelize.OpenFile(path)
			if err != nil {
				t.Fatal(err)
			}
			defer g.Close()
			if sheets := g.GetSheetList(); len(sheets) != 1 || sheets[0] != "Báo cáo" {
				t.Fatalf("sheets %q", sheets)
			}
			rows, err := g.GetRows("Báo cáo", excelize.Options{RawCellValue: true})
			if err != nil {
				t.Fatal(err)
			}
			title := strings.Join(rows[0], " ") + " " + strings.Join(rows[1], " ")
			for _, want := range []string{"Quan tâm Zalo OA UBND quận Kiến An", "ngày " + d.Format("02") + " tháng " + strconv.Itoa(int(d.Month())) + " năm 2023"} {
				if !strings.Contains(title, want) {
					t.Errorf("title %q lacks %q", title, want)
				}
			}
			header := rows[reportform.HeaderRow-1]
			if strings.Join(header, "|") != "Mã đơn vị|Đơn vị|Nhóm|Chỉ tiêu|Kỳ trước|Kỳ này" {
				t.Fatalf("header %q", header)
			}
			want := readSite(t, example, d)
			got := rows[reportform.HeaderRow:]
			if len(got) != len(want) {
				t.Fatalf("%d unit rows, want %d", len(got), len(want))
			}
			for i, w := range want {
				r := append(got[i], make([]string, 6)...)[:6]
				target := ""
				if w.Target > 0 {
					target = strconv.FormatInt(w.Target, 10)
				}
				if r[0] != w.ID || r[1] != w.Name || r[2] != w.Group || r[3] != target || r[4] != w.Previous || r[5] != "" {
					t.Errorf("row %d = %q, want %v", reportform.HeaderRow+1+i, r, w)
				}
			}
			checkProtection(t, g, len(want))
		})
	}
}

// checkProtection checks the validation of Kỳ này and the protection: the
// sheet is protected without a password, the ids locked, Kỳ này unlocked.
func checkProtection(t *testing.T, g *excelize.File, n int) {
	t.Helper()
	s := "Báo cáo"
	first, last := reportform.HeaderRow+1, reportform.HeaderRow+n
	dvs, err := g.GetDataValidations(s)
	if err != nil || len(dvs) != 1 {
		t.Fatalf("data validations %v %v", dvs, err)
	}
	dv := dvs[0]
	if dv.Sqref != "F"+strconv.Itoa(first)+":F"+strconv.Itoa(last) || dv.Type != "whole" || dv.Operator != "greaterThanOrEqual" || dv.Formula1 != "0" {
		t.Errorf("validation %s %s %s %q", dv.Sqref, dv.Type, dv.Operator, dv.Formula1)
	}
	prot, err := g.GetSheetProtection(s)
	if err != nil {
		t.Fatal(err)
	}
	if prot.Password != "" || prot.AlgorithmName != "" {
		t.Errorf("protection has a password: %+v", prot)
	}
	for _, cell := range []string{"A" + strconv.Itoa(first), "A" + strconv.Itoa(last), "E" + strconv.Itoa(first)} {
		if locked(t, g, cell) != true {
			t.Errorf("%s is not locked", cell)
		}
	}
	for _, cell := range []string{"F" + strconv.Itoa(first), "F" + strconv.Itoa(last)} {
		if locked(t, g, cell) {
			t.Errorf("%s is locked: units cannot fill it in", cell)
		}
	}
}

func locked(t *testing.T, g *excelize.File, cell string) bool {
	t.Helper()
	id, err := g.GetCellStyle("Báo cáo", cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := g.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	// Without a protection element a cell is locked, as in Excel.
	return st.Protection == nil || st.Protection.Locked
}

func TestFormOfOneGroup(t *testing.T) {
	c := model(t, example)
	g, ok := c.Group("phuong")
	if !ok {
		t.Fatal("no group phuong")
	}
	d := time.Date(2023, 11, 11, 0, 0, 0, 0, time.UTC)
	f, err := reportform.New(c, d, g)
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := f.GetRows("Báo cáo")
	var ids []string
	for _, r := range rows[reportform.HeaderRow:] {
		ids = append(ids, r[0])
		if r[2] != "UBND các phường" {
			t.Errorf("row of %s is in group %q", r[0], r[2])
		}
	}
	var want []string
	for _, u := range readSite(t, example, d) {
		if u.Group == "UBND các phường" {
			want = append(want, u.ID)
		}
	}
	if !slices.Equal(ids, want) {
		t.Fatalf("ids %q, want %q", ids, want)
	}
	if !strings.Contains(rows[0][0], "UBND các phường") {
		t.Errorf("title %q does not name the group", rows[0][0])
	}
}

func TestFormNeverOverwrites(t *testing.T) {
	c := model(t, example)
	f, err := reportform.New(c, time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "form.xlsx")
	os.WriteFile(path, []byte("mine"), 0o644)
	if err := reportform.Write(path, f); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("err = %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Fatal("the file was replaced")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Fatalf("left behind: %v", entries)
	}
}

// TestFormLeavesOutRetiredUnits makes forms of testdata/xa-doi: the form
// dated on thon-bac's retirement lists it, one dated after does not; the
// form of a missed date before thon-nam's retirement lists thon-nam.
func TestFormLeavesOutRetiredUnits(t *testing.T) {
	c := model(t, "../build/testdata/xa-doi")
	ids := func(d time.Time) []string {
		f, err := reportform.New(c, d, nil)
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows("Báo cáo")
		var out []string
		for _, r := range rows[reportform.HeaderRow:] {
			out = append(out, r[0])
		}
		return out
	}
	for _, tc := range []struct {
		date string
		want []string
	}{
		{"2024-01-08", []string{"thon-dong", "thon-tay", "thon-nam", "thon-bac", "hoi-phu-nu"}},
		{"2024-01-19", []string{"thon-dong", "thon-tay", "thon-bac", "hoi-phu-nu"}},
		{"2024-02-16", []string{"thon-dong", "thon-tay", "hoi-phu-nu"}},
	} {
		d, _ := time.Parse("2006-01-02", tc.date)
		if got := ids(d); !slices.Equal(got, tc.want) {
			t.Errorf("form of %s: %q, want %q", tc.date, got, tc.want)
		}
	}
}

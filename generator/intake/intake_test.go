package intake_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/intake"
	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/reportform"
	"golang.org/x/text/unicode/norm"
)

const namesSite = "testdata/names"

// copySite copies the site.toml and content/ of src into a new folder.
func copySite(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	b, err := os.ReadFile(filepath.Join(src, "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dst, "site.toml"), b, 0o644)
	sitetest.Copy(t, filepath.Join(src, "content"), filepath.Join(dst, "content"))
	return dst
}

func model(t testing.TB, dir string) *campaign.Campaign {
	t.Helper()
	var diags diag.List
	c := build.Model(build.Options{Site: dir}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	return c
}

func day(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}

// result is what a report file says, decoded with BurntSushi/toml.
type result struct {
	Followers int64
	Units     map[string]int64
}

func readReport(t *testing.T, path string) result {
	t.Helper()
	var r result
	if _, err := toml.DecodeFile(path, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// importFiles runs what report import runs; it returns the plan and every
// problem as printed.
func importFiles(t *testing.T, dir string, set intake.Settings, column string, files ...string) (*intake.Plan, []string) {
	t.Helper()
	c := model(t, dir)
	var diags diag.List
	set.Files = files
	entries := intake.Read(c, files, intake.Options{Column: column}, &diags)
	p := intake.NewPlan(c, dir, set, entries, &diags)
	var msgs []string
	for _, d := range diags.All() {
		msgs = append(msgs, d.String())
	}
	return p, msgs
}

func write(t *testing.T, dir, name, text string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// book writes a workbook of one sheet; a string cell is text, an int or a
// float64 a number.
func book(t *testing.T, path, sheet string, rows [][]any) string {
	t.Helper()
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", sheet)
	for i, r := range rows {
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+1), &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestFilledFormsOfTheExampleSite sends the example site's form out, has
// every ward fill in its own row of its own copy and the other groups fill
// one copy each, and imports them all: the report holds exactly the counts
// that were typed.
func TestFilledFormsOfTheExampleSite(t *testing.T) {
	dir := copySite(t, "../..")
	date := day("2023-11-11")
	c := model(t, dir)
	tmp := t.TempDir()
	want := map[string]int64{}
	var files []string
	for gi, g := range c.Groups {
		for ui, u := range g.Units {
			if ui%4 == 3 {
				continue // does not report
			}
			want[u.ID] = int64(100*gi + 7*ui + 3)
		}
	}
	want["bac-son"] = 1234 // typed as text, Vietnamese style
	fill := func(name string, only func(*campaign.Unit) bool) {
		f, err := reportform.New(c, date, nil)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range reportform.Rows(c, date, nil) {
			n, ok := want[r.Unit.ID]
			if !ok || !only(r.Unit) {
				continue
			}
			cell := "F" + strconv.Itoa(reportform.HeaderRow+1+i)
			if r.Unit.ID == "bac-son" {
				f.SetCellStr(reportform.SheetName, cell, "1.234")
			} else {
				f.SetCellValue(reportform.SheetName, cell, n)
			}
		}
		path := filepath.Join(tmp, name)
		if err := reportform.Write(path, f); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	for _, g := range c.Groups {
		if g.ID == "phuong" {
			for _, u := range g.Units {
				fill(u.ID+".xlsx", func(v *campaign.Unit) bool { return v == u })
			}
			continue
		}
		fill(g.ID+".xlsx", func(v *campaign.Unit) bool { return v.Group == g })
	}
	p, msgs := importFiles(t, dir, intake.Settings{Date: date, Followers: 2500, HasFollowers: true}, "", files...)
	if len(msgs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
	}
	if len(p.Lines) != len(want) || len(p.NotReported) != len(c.Units)-len(want) {
		t.Fatalf("%d lines, %d not reported; want %d, %d", len(p.Lines), len(p.NotReported), len(want), len(c.Units)-len(want))
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	got := readReport(t, filepath.Join(dir, "content/reports/2023-11-11.toml"))
	if got.Followers != 2500 || fmt.Sprint(got.Units) != fmt.Sprint(want) {
		t.Fatalf("report: %d %v\nwant 2500 %v", got.Followers, got.Units, want)
	}
	// The layout of new report: the groups as comments, each unit a line
	// with its name and previous count, or a comment when it did not report.
	text, _ := os.ReadFile(filepath.Join(dir, "content/reports/2023-11-11.toml"))
	for _, g := range c.Groups {
		if !strings.Contains(string(text), "\n# "+g.Name+"\n") {
			t.Errorf("no heading for %s", g.Name)
		}
		for _, u := range g.Units {
			line := u.ID + " = " + strconv.FormatInt(want[u.ID], 10) + "   # " + u.Name
			if _, ok := want[u.ID]; !ok {
				line = "# " + u.ID + " =    # " + u.Name + ": chưa báo cáo"
			}
			if !strings.Contains(string(text), "\n"+line) {
				t.Errorf("no line %q", line)
			}
		}
	}
	// The site takes the new report: its latest figures are the typed ones.
	after := model(t, dir)
	if after.Latest == nil || !after.Latest.Date.Equal(date) || after.Followers() != 2500 {
		t.Fatalf("latest report %+v", after.Latest)
	}
	for id, n := range want {
		u, _ := after.Unit(id)
		if !u.InLatest || u.Count != n {
			t.Errorf("%s: %d (in latest %v), want %d", id, u.Count, u.InLatest, n)
		}
	}
}

// TestNamesMatchWhateverTheirSpelling reads CSV files of every kind a
// spreadsheet program saves, with names spelt as units spell them.
func TestNamesMatchWhateverTheirSpelling(t *testing.T) {
	tmp := t.TempDir()
	files := map[string]string{
		// Semicolons and a BOM, as Excel saves CSV UTF-8 with Vietnamese
		// settings; a title, a blank line and a total above and below.
		"semicolon.csv": "\ufeffBÁO CÁO SỐ LIỆU;;\n;;\nSTT;Tên đơn vị;Kỳ này\n1;UBND xã Thuỷ Sơn;\"1.234\"\n2;  đồng   HOÀ ;12.345\n;;\nTổng cộng;;13579\n",
		// Commas, decomposed text (typed on a Mac), an alias, a short name.
		"comma.csv": norm.NFD.String("Đơn vị,Kỳ này\nhòa bình,7\ndonghoa,12345\nTrường THCS Khoẻ,0\nTổng đội thanh niên xung phong,9\nCộng,99\n"),
		// ids, CRLF line ends.
		"ids.csv": "Mã đơn vị,Đơn vị,Kỳ này\r\nth-tan-tien,,15\r\nTAN-TIEN,,16\r\n",
	}
	var paths []string
	for _, name := range []string{"semicolon.csv", "comma.csv", "ids.csv"} {
		paths = append(paths, write(t, tmp, name, files[name]))
	}
	dir := copySite(t, namesSite)
	p, msgs := importFiles(t, dir, intake.Settings{Date: day("2024-01-12"), Followers: 20000, HasFollowers: true}, "", paths...)
	if len(msgs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	got := readReport(t, filepath.Join(dir, "content/reports/2024-01-12.toml"))
	want := map[string]int64{"thuy-son": 1234, "dong-hoa": 12345, "hoa-binh": 7, "thcs-khoe": 0, "th-tan-tien": 15, "tan-tien": 16, "tong-doi-tnxp": 9}
	if got.Followers != 20000 || fmt.Sprint(got.Units) != fmt.Sprint(want) {
		t.Fatalf("report %d %v, want %v", got.Followers, got.Units, want)
	}
}

// TestOwnSheetWithItsColumn reads a sheet a unit made itself, whose count
// column has another name, and a Nhóm column that tells two units of the
// same short name apart.
func TestOwnSheetWithItsColumn(t *testing.T) {
	tmp := t.TempDir()
	path := book(t, filepath.Join(tmp, "own.xlsx"), "Tháng 1", [][]any{
		{"Số liệu tuần 2"},
		{},
		{"Đơn vị", "Nhóm", "Số người quan tâm"},
		{"Tân Tiến", "Các trường học", 30},
		{"Tân Tiến", "UBND các xã", 31},
		{"Thủy Sơn", "", "2.000"},
		{"Tổng", "", 2061},
	})
	dir := copySite(t, namesSite)
	set := intake.Settings{Date: day("2024-01-12"), Followers: 3000, HasFollowers: true}
	if _, msgs := importFiles(t, dir, set, "", path); len(msgs) != 1 || !strings.Contains(msgs[0], `no count column "Kỳ này"`) || !strings.HasPrefix(msgs[0], path+":Tháng 1!A3: ") {
		t.Fatalf("without --column: %q", msgs)
	}
	// A copy of the form beside it, whose column is Kỳ này.
	form := write(t, filepath.Dir(path), "form.csv", "Mã đơn vị,Kỳ này\nhoa-binh,3\n")
	p, msgs := importFiles(t, dir, set, "số người  quan tâm", path, form)
	if len(msgs) > 0 {
		t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	got := readReport(t, filepath.Join(dir, "content/reports/2024-01-12.toml"))
	if want := map[string]int64{"th-tan-tien": 30, "tan-tien": 31, "thuy-son": 2000, "hoa-binh": 3}; fmt.Sprint(got.Units) != fmt.Sprint(want) {
		t.Fatalf("report %v, want %v", got.Units, want)
	}
}

// TestEveryProblemAtItsCell gives one of each problem, in a workbook and in
// a CSV file: every one is reported, at its cell, and nothing is written.
func TestEveryProblemAtItsCell(t *testing.T) {
	tmp := t.TempDir()
	x := book(t, filepath.Join(tmp, "sai.xlsx"), "Số liệu", [][]any{
		{"Báo cáo"},
		{},
		{"Đơn vị", "Kỳ này"},
		{"UBND xã Thủy Sơn", "1,5"},
		{"UBND xã Đồng Hòa", 1.5},
		{"UBND xã Hòa Bình", -3},
		{"Tân Tiến", 5},
		{"Xã Thuy Son", 5},
		{"Trường THCS Khoẻ", "mười"},
		{"UBND xã Đồng Hoà", 7},
		{"donghoa", 8},
		{"UBND xã Tân Tiến", "1.5"},
		{"Trường Tiểu học Tân Tiến", "-4"},
	})
	c := write(t, tmp, "sai.csv", "Mã đơn vị;Kỳ này\nthuy-sn;3\nhoa-binh;12,345\ntan-tien;1.2345\n")
	none := write(t, tmp, "trong.csv", "a,b\n1,2\n")
	xls := write(t, tmp, "cu.xls", "\xd0\xcf\x11\xe0")
	latin := write(t, tmp, "latin.csv", "Don vi,K\xf9 nay\n")
	dir := copySite(t, namesSite)
	before := dirFiles(t, dir)
	_, msgs := importFiles(t, dir, intake.Settings{Date: day("2024-01-12")}, "", x, c, none, xls, latin)
	want := []string{
		"--followers: content/reports/2024-01-12.toml does not exist yet: give the account's total followers on 12/01/2024 with --followers N",
		xls + ": this kind of file cannot be read: open it and save it as Excel Workbook (.xlsx) or CSV UTF-8 (.csv)",
		latin + ":1: the file is not UTF-8 text: save it again as CSV UTF-8 (Excel: File > Save As > CSV UTF-8)",
		c + `:2:1: no unit has the id "thuy-sn" (did you mean "thuy-son", UBND xã Thủy Sơn?); the ids are in content/units/`,
		c + `:3:10: "12,345" is not a whole number: a count is a whole number of followers (write thousands as 1.234 or 1234)`,
		c + `:4:10: "1.2345" is not a whole number: a count is a whole number of followers (write thousands as 1.234 or 1234)`,
		x + `:Số liệu!B4: "1,5" is not a whole number: a count is a whole number of followers (write thousands as 1.234 or 1234)`,
		x + `:Số liệu!B5: "1.5" is not a whole number: a count is a whole number of followers (write thousands as 1.234 or 1234)`,
		x + `:Số liệu!B6: "-3" is negative: a count is a whole number of followers, 0 or more`,
		x + `:Số liệu!A7: "Tân Tiến" is the name of 2 units: UBND xã Tân Tiến (tan-tien, UBND các xã); Trường Tiểu học Tân Tiến (th-tan-tien, Các trường học); give the full name, or the id in a "Mã đơn vị" column`,
		x + `:Số liệu!A8: no unit is named "Xã Thuy Son": the nearest is "UBND xã Thủy Sơn" (thuy-son); write the name as in content/units/, or give the id in a "Mã đơn vị" column`,
		x + `:Số liệu!B9: "mười" is not a number: write the count of followers as a whole number, like 1234`,
		x + `:Số liệu!B11: dong-hoa (UBND xã Đồng Hòa) is given twice with different counts: 8 here and 7 at ` + x + `:Số liệu!B10; keep the right one`,
		x + `:Số liệu!B12: "1.5" is not a whole number: a count is a whole number of followers (write thousands as 1.234 or 1234)`,
		x + `:Số liệu!B13: "-4" is negative: a count is a whole number of followers, 0 or more`,
		none + `: no header row in the first 20 rows: one row must name a unit column (Mã đơn vị, Đơn vị or Tên đơn vị) and the count column "Kỳ này", or the header that --column names`,
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\n\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if after := dirFiles(t, dir); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Fatal("files were written although there were problems")
	}
}

func dirFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, b := range sitetest.Files(t, dir) {
		out[name] = string(b)
	}
	return out
}

// TestExistingReport imports into a report that exists: missing units are
// added in the place of their comment, a different count needs --force.
func TestExistingReport(t *testing.T) {
	dir := copySite(t, namesSite)
	tmp := t.TempDir()
	first := write(t, tmp, "a.csv", "Đơn vị,Kỳ này\nThủy Sơn,50\n")
	date := day("2024-01-12")
	p, msgs := importFiles(t, dir, intake.Settings{Date: date, Followers: 300, HasFollowers: true}, "", first)
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "content/reports/2024-01-12.toml")
	// A clerk's own note in the file survives the next import.
	b, _ := os.ReadFile(path)
	os.WriteFile(path, append(b, []byte("# ghi chú của văn phòng\n")...), 0o644)

	second := write(t, tmp, "b.csv", "Đơn vị,Kỳ này\nThủy Sơn,50\nĐồng Hòa,20\nTân Tiến,\n")
	p, msgs = importFiles(t, dir, intake.Settings{Date: date}, "", second)
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	if p.Lines[0].Action != intake.Keep || p.Lines[1].Action != intake.Add {
		t.Fatalf("actions %v", p.Lines)
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	got := readReport(t, path)
	if want := map[string]int64{"thuy-son": 50, "dong-hoa": 20}; got.Followers != 300 || fmt.Sprint(got.Units) != fmt.Sprint(want) {
		t.Fatalf("report %d %v", got.Followers, got.Units)
	}
	text, _ := os.ReadFile(path)
	if !strings.Contains(string(text), "# ghi chú của văn phòng") || strings.Contains(string(text), "# dong-hoa =") ||
		!strings.Contains(string(text), "dong-hoa = 20   # UBND xã Đồng Hòa, kỳ trước: 12 (05/01/2024)") {
		t.Fatalf("edited text:\n%s", text)
	}

	third := write(t, tmp, "c.csv", "Đơn vị,Kỳ này\nThủy Sơn,55\n")
	_, msgs = importFiles(t, dir, intake.Settings{Date: date, Followers: 310, HasFollowers: true}, "", third)
	want := []string{
		"--followers: content/reports/2024-01-12.toml gives 300 followers, not 310: rerun with --force to replace the total",
		third + ":2:10: thuy-son already has 50 in content/reports/2024-01-12.toml, and this cell says 55: rerun with --force to replace the count",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Fatalf("got\n%s\nwant\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	p, msgs = importFiles(t, dir, intake.Settings{Date: date, Followers: 310, HasFollowers: true, Force: true}, "", third)
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	if err := p.Write(); err != nil {
		t.Fatal(err)
	}
	got = readReport(t, path)
	if want := map[string]int64{"thuy-son": 55, "dong-hoa": 20}; got.Followers != 310 || fmt.Sprint(got.Units) != fmt.Sprint(want) {
		t.Fatalf("report after --force: %d %v", got.Followers, got.Units)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("temporary file left: %s", e.Name())
		}
	}
}

// TestSummary checks what is printed before writing: matches, changes
// against the previous count, drops, and the units that did not report.
func TestSummary(t *testing.T) {
	dir := copySite(t, namesSite)
	f := write(t, t.TempDir(), "a.csv", "Đơn vị,Kỳ này\nThủy Sơn,35\nHòa Bình,4\n")
	p, msgs := importFiles(t, dir, intake.Settings{Date: day("2024-01-12"), Followers: 150, HasFollowers: true}, "", f)
	if len(msgs) > 0 {
		t.Fatal(msgs)
	}
	var b strings.Builder
	p.Summary(&b)
	out := b.String()
	for _, want := range []string{
		"report of 12/01/2024: content/reports/2024-01-12.toml (new)",
		"followers: 150 (previous report, 100 on 05/01/2024: +50)",
		"2 unit(s) matched in 1 file(s):",
		"thuy-son", "40 -> 35  -5  WENT DOWN",
		"hoa-binh", "4  first count",
		"1 unit(s) went down since their previous count",
		"5 unit(s) did not report:",
		"last: 12 on 05/01/2024",
		"never reported",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

// TestNothingToImport: files whose rows give no count are an error, not an
// empty report.
func TestNothingToImport(t *testing.T) {
	dir := copySite(t, namesSite)
	f := write(t, t.TempDir(), "trong.csv", "Đơn vị,Kỳ này\nThủy Sơn,\nĐồng Hòa, \n")
	_, msgs := importFiles(t, dir, intake.Settings{Date: day("2024-01-12"), Followers: 1, HasFollowers: true}, "", f)
	if want := f + `: no row of these files gives a count: fill in the "Kỳ này" column of the units that report`; len(msgs) != 1 || msgs[0] != want {
		t.Fatalf("got %q", msgs)
	}
}

// TestRetiredUnitRow imports into testdata/xa-doi (of package build) a
// form dated after thon-bac's retirement with a row for it, by id and by
// name: each row is one error at its count cell that says the unit stopped
// taking part and how to fix it. Dated on the retirement, the same row is
// imported; the units "not reported" leave out those retired before.
func TestRetiredUnitRow(t *testing.T) {
	dir := copySite(t, "../build/testdata/xa-doi")
	set := intake.Settings{Date: day("2024-02-16"), Followers: 500, HasFollowers: true}
	want := `thon-bac (Thôn Bắc Hà) stopped taking part on 2024-01-19, so the report of 2024-02-16 cannot count it: remove this row, or change retired in content/units/thon.toml if the date is wrong`
	for _, text := range []string{"Mã đơn vị,Kỳ này\nthon-dong,150\nthon-bac,30\n", "Tên đơn vị,Kỳ này\nThôn Đông Hưng,150\nThôn Bắc Hà,30\n"} {
		form := write(t, t.TempDir(), "form.csv", text)
		_, msgs := importFiles(t, dir, set, "", form)
		if len(msgs) != 1 || !strings.HasPrefix(msgs[0], form+":3:") || !strings.HasSuffix(msgs[0], ": "+want) {
			t.Fatalf("problems %q\nwant one, on line 3: %s", msgs, want)
		}
	}
	ok := write(t, t.TempDir(), "form.csv", "Mã đơn vị,Kỳ này\nthon-bac,21\n")
	p, msgs := importFiles(t, dir, intake.Settings{Date: day("2024-01-12"), Followers: 200, HasFollowers: true}, "", ok)
	if len(msgs) > 0 || len(p.Lines) != 1 {
		t.Fatalf("dated before the retirement: %q, %d lines", msgs, len(p.Lines))
	}
	var not []string
	for _, u := range p.NotReported {
		not = append(not, u.ID)
	}
	if fmt.Sprint(not) != "[thon-dong thon-tay hoi-phu-nu]" {
		t.Errorf("not reported on 2024-01-12: %v (thon-nam retired on 2024-01-10)", not)
	}
}

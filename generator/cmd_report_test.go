package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"github.com/xuri/excelize/v2"
)

// exampleSite copies the example site (site.toml and content/) into a
// new folder.
func runLoa(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(args, &out, &errs)
	return code, out.String(), errs.String()
}

// TestReportCycleOnTheExampleSite goes round the reporting cycle on the
// example site from the command line: report form, the form filled in by
// the wards (each its own copy), report import (a dry run first), and the
// report file, whose figures are checked against what was typed, and the
// built site: the leaders' report of the new date, page and open data,
// checked against figures worked out from the TOML files
// (checkPublishedReport).
func TestReportCycleOnTheExampleSite(t *testing.T) {
	dir := example(t)
	tmp := t.TempDir()
	form := filepath.Join(tmp, "mau.xlsx")
	code, out, errs := runLoa(t, "report", "form", "-s", dir, "--date", "2023-11-11", "--group", "phuong", "-o", form)
	if code != 0 || !strings.Contains(out, "10 unit(s)") {
		t.Fatalf("report form: %d\n%s%s", code, out, errs)
	}
	// Each ward opens the form, types its count on its own row, and sends
	// the file back.
	f, err := excelize.OpenFile(form)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := f.GetRows("Báo cáo", excelize.Options{RawCellValue: true})
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	var files []string
	for i, r := range rows[4:] {
		id := r[0]
		prev, _ := strconv.ParseInt(r[4], 10, 64) // every ward reported on 04/11/2023
		if i == 3 {
			continue // this ward does not send its copy back
		}
		n := prev + int64(5*i)
		switch id {
		case "phu-lien":
			n = prev - 2 // a drop, which the summary flags
		case "dong-hoa", "lam-ha":
			// 36 of 9.000 and 26 of 6.500: the same share, 0,4%, so the
			// ranking orders the two by count.
			n = map[string]int64{"dong-hoa": 36, "lam-ha": 26}[id]
		}
		want[id] = n
		g, _ := excelize.OpenFile(form)
		g.SetCellValue("Báo cáo", "F"+strconv.Itoa(5+i), n)
		path := filepath.Join(tmp, id+".xlsx")
		if err := g.SaveAs(path); err != nil {
			t.Fatal(err)
		}
		g.Close()
		files = append(files, path)
	}
	// Two offices send a sheet of their own, as CSV: the same count of the
	// same target, so the ranking orders them by name, "Phòng Tài chính -
	// Kế hoạch" before "Văn phòng HĐND và UBND quận" (against the site's
	// order).
	own := filepath.Join(tmp, "phong-ban.csv")
	if err := os.WriteFile(own, []byte("\ufeffTên đơn vị;Kỳ này\r\nVăn phòng HĐND và UBND quận;25\r\nPhòng TC-KH;25\r\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files = append(files, own)
	want["van-phong"], want["phong-tc-kh"] = 25, 25
	report := filepath.Join(dir, "content/reports/2023-11-11.toml")
	args := append([]string{"report", "import", "-s", dir, "--date", "2023-11-11", "--followers", "420", "--dry-run"}, files...)
	code, out, errs = runLoa(t, args...)
	if code != 0 || !strings.Contains(out, "dry run: nothing written") || !strings.Contains(out, "11 unit(s) matched in 10 file(s)") ||
		!strings.Contains(out, "WENT DOWN") || !strings.Contains(out, "11 unit(s) did not report") {
		t.Fatalf("dry run: %d\n%s%s", code, out, errs)
	}
	if _, err := os.Stat(report); err == nil {
		t.Fatal("--dry-run wrote the report")
	}
	code, out, errs = runLoa(t, args[:len(args)-len(files)-1]...) // without --dry-run and files
	if code != 2 {
		t.Fatalf("no files: exit %d\n%s%s", code, out, errs)
	}
	args = append([]string{"report", "import"}, files...) // files first, flags after
	args = append(args, "-s", dir, "--date", "2023-11-11", "--followers", "420")
	code, out, errs = runLoa(t, args...)
	if code != 0 || !strings.Contains(out, "wrote ") {
		t.Fatalf("import: %d\n%s%s", code, out, errs)
	}
	var got struct {
		Followers int64
		Units     map[string]int64
	}
	if _, err := toml.DecodeFile(report, &got); err != nil {
		t.Fatal(err)
	}
	if got.Followers != 420 || fmt.Sprint(got.Units) != fmt.Sprint(want) {
		t.Fatalf("report: %d %v\nwant 420 %v", got.Followers, got.Units, want)
	}
	if code, out, errs := runLoa(t, "check", "-s", dir); code != 0 {
		t.Fatalf("the site does not check after the import: %s%s", out, errs)
	}
	if ties := checkPublishedReport(t, dir, "2023-11-11"); fmt.Sprint(ties) != "[phong-tc-kh = van-phong dong-hoa = lam-ha]" {
		t.Errorf("the figures worked out by the test have the ties %v; the counts typed above were chosen to make two", ties)
	}
}

func TestReportCommandErrors(t *testing.T) {
	dir := example(t)
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "sai.csv")
	os.WriteFile(bad, []byte("Đơn vị,Kỳ này\nUBND phường Bắc Sơn,1,5\nUBND phường Bắc Sơn,\"1,5\"\n"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"report"}, 2, "report form"},
		{[]string{"report", "frob"}, 2, `unknown command "frob"`},
		{[]string{"report", "form", "-s", dir, "--group", "phuon"}, 2, `no group has the id "phuon" (did you mean "phuong"?)`},
		{[]string{"report", "form", "-s", dir, "--date", "11/11/2023"}, 2, "not a date"},
		{[]string{"report", "form", "-s", dir, "-o", filepath.Join(tmp, "x.ods")}, 2, "FILE.xlsx"},
		{[]string{"report", "import", "-s", dir, bad}, 2, "--date"},
		{[]string{"report", "import", "-s", dir, "--date", "2023-11-11", "--followers", "-1", bad}, 2, "whole number"},
		{[]string{"report", "import", "-s", dir, "--date", "2023-11-11", "--followers", "400", bad}, 1, bad + `:3:21: "1,5" is not a whole number`},
	} {
		code, out, errs := runLoa(t, c.args...)
		if code != c.code || !strings.Contains(out+errs, c.out) {
			t.Errorf("loa %v: exit %d, want %d; output lacks %q:\n%s%s", c.args, code, c.code, c.out, out, errs)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "content/reports/2023-11-11.toml")); err == nil {
		t.Fatal("a report was written although the import failed")
	}
}

package intake_test

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/intake"
	"github.com/loa-vn/loa/generator/reportform"
)

// TestImportWhatLibreOfficeSaves fills in the example site's form, has
// LibreOffice Calc save it again as .xlsx and as a semicolon CSV (as a
// unit working in Calc sends it back), and imports each: the report holds
// the counts typed. Skipped without soffice, except under CI.
func TestImportWhatLibreOfficeSaves(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is not installed: .ci/run installs libreoffice-calc-nogui")
		}
		t.Skip("soffice is not installed (Debian: apt-get install libreoffice-calc-nogui)")
	}
	site := copySite(t, "../..")
	date := day("2023-11-11")
	c := model(t, site)
	f, err := reportform.New(c, date, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]int64{}
	for i, r := range reportform.Rows(c, date, nil) {
		if i%3 == 0 {
			continue
		}
		n := r.Previous + int64(1000*i) // thousands, shown as 1.234 or 1,234
		want[r.Unit.ID] = n
		f.SetCellValue(reportform.SheetName, "F"+strconv.Itoa(reportform.HeaderRow+1+i), n)
	}
	tmp := t.TempDir()
	filled := filepath.Join(tmp, "filled.xlsx")
	if err := reportform.Write(filled, f); err != nil {
		t.Fatal(err)
	}
	for _, conv := range []struct{ dir, filter, ext string }{
		{"xlsx", "xlsx:Calc MS Excel 2007 XML", ".xlsx"},
		// Semicolons, UTF-8, cell contents as stored.
		{"csv", "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false", ".csv"},
	} {
		t.Run(conv.dir, func(t *testing.T) {
			out := filepath.Join(tmp, conv.dir)
			cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
				"--headless", "--norestore", "--convert-to", conv.filter, "--outdir", out, filled)
			cmd.Env = append(os.Environ(), "HOME="+tmp)
			if b, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, b)
			}
			saved := filepath.Join(out, "filled"+conv.ext)
			if conv.ext == ".csv" {
				b, _ := os.ReadFile(saved)
				if !strings.Contains(string(b), "Mã đơn vị;Đơn vị;") {
					t.Fatalf("not the semicolon CSV expected:\n%.300s", b)
				}
			}
			dir := copySite(t, "../..")
			p, msgs := importFiles(t, dir, intake.Settings{Date: date, Followers: 50000, HasFollowers: true}, "", saved)
			if len(msgs) > 0 {
				t.Fatalf("problems:\n%s", strings.Join(msgs, "\n"))
			}
			if err := p.Write(); err != nil {
				t.Fatal(err)
			}
			got := readReport(t, filepath.Join(dir, "content/reports/2023-11-11.toml"))
			if fmt.Sprint(got.Units) != fmt.Sprint(want) {
				t.Fatalf("report %v\nwant %v", got.Units, want)
			}
		})
	}
}

package reportform_test

import (
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa/generator/reportform"
)

// TestFormOpensInLibreOffice converts the form to CSV with LibreOffice
// Calc, headless, and checks that it reads back the same cells as the
// workbook holds. CI installs Debian's libreoffice-calc-nogui; elsewhere
// the test is skipped when soffice is missing.
func TestFormOpensInLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("soffice is not installed: .ci/run installs libreoffice-calc-nogui")
		}
		t.Skip("soffice is not installed (Debian: apt-get install libreoffice-calc-nogui)")
	}
	c := model(t, example)
	d := time.Date(2023, 11, 11, 0, 0, 0, 0, time.UTC)
	f, err := reportform.New(c, d, nil)
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	form := filepath.Join(tmp, "form.xlsx")
	if err := reportform.Write(form, f); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(tmp, "out")
	// A private profile: no first-start dialogs, no clash with a running
	// LibreOffice. Filter options: comma, double quote, UTF-8 (76), from
	// line 1, and cell contents as stored rather than as shown.
	cmd := exec.Command(soffice, "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--headless", "--norestore", "--convert-to", `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false`,
		"--outdir", out, form)
	cmd.Env = append(os.Environ(), "HOME="+tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	file, err := os.Open(filepath.Join(out, "form.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	r := csv.NewReader(file)
	r.FieldsPerRecord = -1
	calc, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	g, err := excelize.OpenFile(form)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	rows, err := g.GetRows(reportform.SheetName, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(calc) != len(rows) {
		t.Fatalf("LibreOffice read %d rows, the workbook has %d", len(calc), len(rows))
	}
	for i := range rows {
		want := strings.Join(trimRight(rows[i]), "|")
		got := strings.Join(trimRight(calc[i]), "|")
		if got != want {
			t.Errorf("row %d: LibreOffice read %q, want %q", i+1, got, want)
		}
	}
	if h := strings.Join(calc[reportform.HeaderRow-1], "|"); h != "Mã đơn vị|Đơn vị|Nhóm|Chỉ tiêu|Kỳ trước|Kỳ này" {
		t.Errorf("header as LibreOffice reads it: %q", h)
	}
}

func trimRight(r []string) []string {
	for len(r) > 0 && r[len(r)-1] == "" {
		r = r[:len(r)-1]
	}
	return r
}

package intake_test

import (
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/intake"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/msg"
	"github.com/loa-vn/loa/generator/reportform"
)

// benchSite is a site of 10,000 units (synth's national size of units,
// with fewer directives and reports, so that it is written quickly), or
// the one synth.BenchEnv names, and the form of every unit filled in: an
// import of 10,000 rows.
func benchSite(b *testing.B) (dir, form string, date time.Time) {
	b.Helper()
	dir = os.Getenv(synth.BenchEnv)
	if dir == "" {
		dir = b.TempDir()
		cfg := synth.Config{Units: 10000, Groups: 50, Directives: 50, Reports: 8, Words: 300, Seed: synth.DefaultSeed}
		if err := synth.Write(dir, cfg); err != nil {
			b.Fatal(err)
		}
	}
	c := model(b, dir)
	date = c.Latest.Date.AddDate(0, 0, 7)
	f, err := reportform.New(c, date, nil)
	if err != nil {
		b.Fatal(err)
	}
	rows := reportform.Rows(c, date, nil)
	for i, r := range rows {
		f.SetCellValue(reportform.SheetName, "F"+strconv.Itoa(reportform.HeaderRow+1+i), r.Previous+int64(i%7))
	}
	form = filepath.Join(b.TempDir(), "form.xlsx")
	if err := reportform.Write(form, f); err != nil {
		b.Fatal(err)
	}
	if len(rows) < 10000 {
		b.Logf("%d rows only", len(rows))
	}
	return dir, form, date
}

// BenchmarkImport times report import of a form of 10,000 filled rows:
// reading the site, the workbook, matching, the plan, the summary and
// writing the report. Compare with BenchmarkImportCheck, loa check of the
// same site: the import must take less time.
func BenchmarkImport(b *testing.B) {
	dir, form, date := benchSite(b)
	defer synth.ReportCPU(b)()
	for b.Loop() {
		c := model(b, dir)
		var diags diag.List
		entries := intake.Read(c, []string{form}, intake.Options{}, &diags)
		p := intake.NewPlan(c, dir, intake.Settings{Date: date, Followers: 1 << 30, HasFollowers: true, Files: []string{form}}, entries, &diags)
		if diags.HasErrors() {
			b.Fatal(diags.Err())
		}
		p.Summary(io.Discard, msg.New(msg.Vi))
		if err := p.Write(); err != nil {
			b.Fatal(err)
		}
		if len(p.Lines) != len(c.Units) {
			b.Fatalf("%d lines for %d units", len(p.Lines), len(c.Units))
		}
		os.Remove(p.Path)
	}
}

// BenchmarkImportCheck times loa check of the site BenchmarkImport
// imports into.
func BenchmarkImportCheck(b *testing.B) {
	dir, _, _ := benchSite(b)
	defer synth.ReportCPU(b)()
	for b.Loop() {
		var diags diag.List
		if err := build.Check(build.Options{Site: dir}, &diags); err != nil {
			b.Fatal(err, diags.Errors())
		}
	}
}

package main

import (
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/intake"
	"github.com/loa-vn/loa/generator/msg"
	"github.com/loa-vn/loa/generator/reportform"
)

const reportUsage = `Usage:
  %[1]s report form [-s DIR] [--date YYYY-MM-DD] [--group G] [-o FILE.xlsx]
  %[1]s report import [-s DIR] --date YYYY-MM-DD [--followers N] [--column TEXT] [--dry-run] [--force] FILE...

form    writes a workbook to send to units: a row per unit (Mã đơn vị, Đơn vị,
        Nhóm, Chỉ tiêu, Kỳ trước, Kỳ này) with its last count; units fill in Kỳ này
import  reads the units' filled forms or their own sheets (.xlsx, .csv) and
        writes content/reports/<date>.toml; it prints what it found first, and
        writes nothing when a cell has a problem

Run "%[1]s report form -h" or "report import -h" for the flags.
`

func cmdReport(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		say(stderr, reportUsage, prog)
		return 2
	}
	switch args[0] {
	case "form":
		return cmdReportForm(args[1:], stdout, stderr)
	case "import":
		return cmdReportImport(args[1:], stdout, stderr)
	case "-h", "--help", "-help", "help":
		say(stdout, reportUsage, prog)
		return 0
	}
	say(stderr, "loa report: unknown command %q\n\n", args[0])
	say(stderr, reportUsage, prog)
	return 2
}

// parseDate reads a --date value.
func parseDate(cmd, s string, stderr io.Writer) (time.Time, bool) {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		say(stderr, "loa %s: --date %q is not a date like 2023-11-04\n", cmd, s)
		return time.Time{}, false
	}
	return d, true
}

// model reads the site; it prints the site's errors and returns nil when
// there are some.
func model(opts build.Options, stderr io.Writer) *campaign.Campaign {
	var diags diag.List
	c := build.Model(opts, &diags)
	if diags.HasErrors() {
		report(&diags, build.ErrContent, stderr)
		return nil
	}
	return c
}

func cmdReportForm(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("report form", "report form [-s DIR] [--date YYYY-MM-DD] [--group G] [-o FILE.xlsx]", stderr, &opts)
	date := fs.String("date", time.Now().Format("2006-01-02"), tr(stderr, "the `date` of the report the form asks for"))
	group := fs.String("group", "", tr(stderr, "only the units of the group with this `id` (default every group)"))
	out := fs.String("o", "", tr(stderr, "the workbook to write (default mau-bao-cao-DATE.xlsx, or mau-bao-cao-GROUP-DATE.xlsx)"))
	if code := parse(fs, args); code >= 0 {
		return code
	}
	day, ok := parseDate("report form", *date, stderr)
	if !ok {
		return 2
	}
	c := model(opts, stderr)
	if c == nil {
		return 1
	}
	var g *campaign.Group
	if *group != "" {
		if g, ok = c.Group(*group); !ok {
			var ids []string
			for _, g := range c.Groups {
				ids = append(ids, g.ID)
			}
			say(stderr, "loa report form: no group has the id %q%s; the groups are %s\n", *group, diag.Hint(*group, ids), strings.Join(ids, ", "))
			return 2
		}
	}
	path := *out
	if path == "" {
		name := "mau-bao-cao-" + day.Format("2006-01-02") + ".xlsx"
		if g != nil {
			name = "mau-bao-cao-" + g.ID + "-" + day.Format("2006-01-02") + ".xlsx"
		}
		path = name
	}
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		say(stderr, "loa report form: -o %q: the form is a workbook, name it FILE.xlsx\n", path)
		return 2
	}
	f, err := reportform.New(c, day, g)
	if err == nil {
		err = reportform.Write(path, f)
	}
	if err != nil {
		say(stderr, "loa report form: %v\n", err)
		return 1
	}
	say(stdout, "wrote %s: %d unit(s), to be filled in and sent back for the report of %s\n",
		path, msg.Count(len(reportform.Rows(c, day, g))), day.Format("2006-01-02"))
	return 0
}

func cmdReportImport(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("report import", "report import [-s DIR] --date YYYY-MM-DD [--followers N] [--column TEXT] [--dry-run] [--force] FILE...", stderr, &opts)
	date := fs.String("date", "", "the `date` of the report (required)")
	var set intake.Settings
	fs.Func("followers", tr(stderr, "the account's total followers `N` on the date (required when the report does not exist yet)"), func(s string) error {
		n, err := strconv.ParseInt(strings.ReplaceAll(s, ".", ""), 10, 64)
		if err != nil || n < 0 {
			return diag.Textf("a whole number of followers, 0 or more")
		}
		set.Followers, set.HasFollowers = n, true
		return nil
	})
	column := fs.String("column", "", tr(stderr, "the header of the count column in the units' own sheets (default \"Kỳ này\")"))
	dry := fs.Bool("dry-run", false, tr(stderr, "print what would be written, and write nothing"))
	fs.BoolVar(&set.Force, "force", false, tr(stderr, "replace counts (and the total) the existing report already gives"))
	// Files and flags in any order: report import a.xlsx b.xlsx --date D.
	var files []string
	for rest := args; ; {
		if code := parseFlags(fs, rest); code >= 0 {
			return code
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if *date == "" || len(files) == 0 {
		say(stderr, "loa report import: give the --date of the report and at least one FILE\n")
		fs.Usage()
		return 2
	}
	day, ok := parseDate("report import", *date, stderr)
	if !ok {
		return 2
	}
	set.Date, set.Files = day, files
	c := model(opts, stderr)
	if c == nil {
		return 1
	}
	var diags diag.List
	entries := intake.Read(c, files, intake.Options{Column: *column}, &diags)
	plan := intake.NewPlan(c, opts.Site, set, entries, &diags)
	if diags.HasErrors() {
		printDiags(&diags, stderr)
		say(stderr, "loa report import: %d problem(s), nothing written\n", msg.Count(len(diags.Errors())))
		return 1
	}
	plan.Summary(stdout, printer(stdout))
	if *dry {
		say(stdout, "dry run: nothing written\n")
		return 0
	}
	if err := plan.Write(); err != nil {
		say(stderr, "loa report import: %v\n", err)
		return 1
	}
	say(stdout, "wrote %s\n", plan.Path)
	return 0
}

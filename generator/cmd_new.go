package main

import (
	"io"
	"time"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/scaffold"
)

const newUsage = `Usage:
  %[1]s new report [-s DIR] [--date YYYY-MM-DD]
  %[1]s new directive [-s DIR] [--date YYYY-MM-DD] SLUG

report     writes content/reports/<date>.toml listing every unit with its last
           count, ready to be updated; a unit that never reported is a comment
directive  writes content/directives/SLUG.md, a draft addressed to every group

Neither overwrites an existing file. The date defaults to today.
`

func cmdNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || (args[0] != "report" && args[0] != "directive") {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help") {
			say(stdout, newUsage, prog)
			return 0
		}
		say(stderr, newUsage, prog)
		return 2
	}
	what := args[0]
	var opts build.Options
	synopsis := "new report [-s DIR] [--date YYYY-MM-DD]"
	if what == "directive" {
		synopsis = "new directive [-s DIR] [--date YYYY-MM-DD] SLUG"
	}
	// No --drafts: what new writes does not depend on drafts.
	fs := siteFlags("new "+what, synopsis, stderr, &opts)
	date := fs.String("date", time.Now().Format("2006-01-02"), tr(stderr, "the `date` of the new file"))
	if code := parseFlags(fs, args[1:]); code >= 0 {
		return code
	}
	want := 0
	if what == "directive" {
		want = 1
	}
	if fs.NArg() != want {
		fs.Usage()
		return 2
	}
	day, err := time.Parse("2006-01-02", *date)
	if err != nil {
		say(stderr, "loa new: --date %q is not a date like 2023-11-04\n", *date)
		return 2
	}
	var diags diag.List
	c := build.Model(opts, &diags)
	if diags.HasErrors() {
		return report(&diags, build.ErrContent, stderr)
	}
	var path string
	if what == "report" {
		path, err = scaffold.Report(opts.Site, c, day)
	} else {
		path, err = scaffold.Directive(opts.Site, c, fs.Arg(0), day)
	}
	if err != nil {
		say(stderr, "loa new: %v\n", err)
		return 1
	}
	say(stdout, "wrote %s\n", path)
	return 0
}

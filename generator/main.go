// Command loa builds campaign portals: from site.toml and content/ to a
// static site with directives, unit landing pages, QR posters and progress.
//
//	loa build [-s DIR] [-o DIR] [--base-url URL] [--drafts] [--no-cache] [--minify]
//	loa check [-s DIR] [--drafts]
//	loa serve [-s DIR] [--addr 127.0.0.1:1313] [--drafts]
//	loa new report [-s DIR] [--date YYYY-MM-DD]
//	loa new directive [-s DIR] [--date YYYY-MM-DD] SLUG
//	loa report form [-s DIR] [--date YYYY-MM-DD] [--group G] [-o FILE.xlsx]
//	loa report import [-s DIR] --date YYYY-MM-DD [--followers N] [--column TEXT] [--dry-run] [--force] FILE...
//
// Exit status: 0 success, 1 content errors, 2 wrong usage (an output
// folder that would hold the site's sources included).
// main holds only the command line; the work is in the packages beside it.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/publish"
)

const usage = `Loa builds a campaign portal from site.toml and content/.

Usage:
  go run ./generator <command> [flags]

Commands:
  build   build the site into DIR/public (or -o), swapping it in only when the whole build succeeded;
          builds into one folder take turns
  check   validate everything a build would, write nothing
  serve   build, serve on loopback under the path of base_url, rebuild and reload browsers on every change
  new     write a new report (every unit with its last count) or a new directive (a draft)
  report  form: a workbook to send to units; import: their filled sheets into a report

Run "go run ./generator <command> -h" for the flags of a command.

Exit status: 0 success, 1 the site has errors, 2 wrong usage.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "build":
		return cmdBuild(args[1:], stdout, stderr)
	case "check":
		return cmdCheck(args[1:], stdout, stderr)
	case "serve":
		return cmdServe(args[1:], stdout, stderr)
	case "new":
		return cmdNew(args[1:], stdout, stderr)
	case "report":
		return cmdReport(args[1:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "loa: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
}

// flags makes a flag set for a command that builds: -s and --drafts.
func flags(name, synopsis string, stderr io.Writer, opts *build.Options) *flag.FlagSet {
	fs := siteFlags(name, synopsis, stderr, opts)
	fs.BoolVar(&opts.Drafts, "drafts", false, "include draft directives and pages")
	return fs
}

// siteFlags makes a flag set for a command with the flag every command
// has: -s.
func siteFlags(name, synopsis string, stderr io.Writer, opts *build.Options) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&opts.Site, "s", ".", "the site `DIR`: the folder holding site.toml")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: go run ./generator %s\n\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses the flags; it returns -1 to go on, or an exit status.
func parse(fs *flag.FlagSet, args []string) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "loa %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2
	}
	return -1
}

// report prints the diagnostics to stderr and turns an error into an exit
// status.
func report(diags *diag.List, err error, stderr io.Writer) int {
	for _, d := range diags.All() {
		fmt.Fprintln(stderr, d.String())
	}
	switch {
	case err == nil:
		return 0
	case errors.As(err, new(*publish.OutputError)):
		fmt.Fprintf(stderr, "loa: %v\n", err)
		return 2
	case errors.Is(err, build.ErrContent):
		fmt.Fprintf(stderr, "loa: %d error(s), nothing published\n", len(diags.Errors()))
		return 1
	default:
		fmt.Fprintf(stderr, "loa: %v\n", err)
		return 1
	}
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("build", "build [-s DIR] [-o DIR] [--base-url URL] [--drafts] [--no-cache] [--minify]", stderr, &opts)
	fs.StringVar(&opts.Out, "o", "", "the output `DIR` (default DIR/public): replaced by each build, files Loa did not write kept; never the site folder, one that holds it, or one inside its content/ or themes/")
	fs.StringVar(&opts.BaseURL, "base-url", "", "build for this absolute `URL` instead of site.toml's base_url (preview deploys)")
	fs.BoolVar(&opts.NoCache, "no-cache", false, "neither read nor keep the manifest beside the output: build and write every file afresh")
	fs.BoolVar(&opts.Minify, "minify", false, "write HTML pages and CSS files minified")
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if opts.BaseURL != "" {
		if err := build.CheckBaseURL(opts.BaseURL); err != nil {
			fmt.Fprintf(stderr, "loa build: %v\n", err)
			return 2
		}
	}
	opts.Waiting = func(pid int) {
		who := "another build"
		if pid > 0 {
			who = fmt.Sprintf("another build (process %d)", pid)
		}
		fmt.Fprintf(stderr, "loa: %s is writing %s: waiting for it to finish\n", who, opts.OutDir())
	}
	var diags diag.List
	stats, err := build.Site(opts, &diags)
	if code := report(&diags, err, stderr); code != 0 {
		return code
	}
	if stats.UpToDate {
		fmt.Fprintf(stdout, "up to date: nothing changed since the last build of the %d files (%.1f MB) in %s (checked in %s), %d warning(s)\n",
			stats.Files, float64(stats.Bytes)/1e6, opts.OutDir(), stats.Elapsed.Round(1e6), len(diags.Warnings()))
		return 0
	}
	fmt.Fprintf(stdout, "built %d files (%.1f MB) into %s in %s, %d warning(s)\n",
		stats.Files, float64(stats.Bytes)/1e6, opts.OutDir(), stats.Elapsed.Round(1e6), len(diags.Warnings()))
	if len(stats.Kept) > 0 {
		fmt.Fprintf(stdout, "kept %d file(s) that no Loa build wrote, as they were: %s\n", len(stats.Kept), publish.Summary(stats.Kept))
	}
	if stats.Linked > 0 {
		fmt.Fprintf(stdout, "%d files were the same as in the previous output: not written again\n", stats.Linked)
	}
	if opts.Minify {
		fmt.Fprintf(stdout, "minified HTML and CSS: %.1f kB saved\n", float64(stats.Saved)/1e3)
	}
	return 0
}

func cmdCheck(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("check", "check [-s DIR] [--drafts]", stderr, &opts)
	if code := parse(fs, args); code >= 0 {
		return code
	}
	var diags diag.List
	if code := report(&diags, build.Check(opts, &diags), stderr); code != 0 {
		return code
	}
	fmt.Fprintf(stdout, "ok: no errors, %d warning(s)\n", len(diags.Warnings()))
	return 0
}

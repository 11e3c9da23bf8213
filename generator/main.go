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
// Every command takes --lang en|vi; messages are otherwise in site.toml's
// language, Vietnamese by default (package msg).
//
// Exit status: 0 success, 1 content errors, 2 wrong usage (an output
// folder that would hold the site's sources included).
// main holds only the command line; the work is in the packages beside it.
package main

import (
	"errors"
	"flag"
	"io"
	"os"
	"strconv"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/gctune"
	"github.com/loa-vn/loa/generator/msg"
	"github.com/loa-vn/loa/generator/publish"
	"github.com/loa-vn/loa/generator/vi"
)

const usage = `Loa builds a campaign portal from site.toml and content/.

Usage:
  %[1]s <command> [flags]

Commands:
  build   build the site into DIR/public (or -o), swapping it in only when the whole build succeeded;
          builds into one folder take turns
  check   validate everything a build would, write nothing
  serve   build, serve on loopback under the path of base_url, rebuild and reload browsers on every change
  new     write a new report (every unit with its last count) or a new directive (a draft)
  report  form: a workbook to send to units; import: their filled sheets into a report

Run "%[1]s <command> -h" for the flags of a command.
Every command takes --lang en or --lang vi: the language of the messages
(default: site.toml's language, else vi).

Exit status: 0 success, 1 the site has errors, 2 wrong usage.
`

func main() {
	gctune.Tune() // see docs/commands.md, "Memory"
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	lang, given, args, bad := langArg(args)
	p := msg.New(lang)
	stdout, stderr = &term{stdout, p, given}, &term{stderr, p, given}
	if bad != "" {
		say(stderr, "loa: --lang %q: Loa speaks en (English) and vi (Vietnamese)\n", bad)
		return 2
	}
	if len(args) == 0 {
		say(stderr, usage, prog)
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
		say(stdout, usage, prog)
		return 0
	default:
		say(stderr, "loa: unknown command %q\n\n", args[0])
		say(stderr, usage, prog)
		return 2
	}
}

// flags makes a flag set for a command that builds: -s and --drafts.
func flags(name, synopsis string, stderr io.Writer, opts *build.Options) *flag.FlagSet {
	fs := siteFlags(name, synopsis, stderr, opts)
	fs.BoolVar(&opts.Drafts, "drafts", false, tr(stderr, "include draft directives and pages"))
	return fs
}

// siteFlags makes a flag set for a command with the flag every command
// has: -s.
func siteFlags(name, synopsis string, stderr io.Writer, opts *build.Options) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&opts.Site, "s", ".", tr(stderr, "the site `DIR`: the folder holding site.toml"))
	langFlag(fs)
	fs.Usage = func() {
		say(fs.Output(), "Usage: %s %s\n\n", prog, synopsis)
		printDefaults(fs)
	}
	return fs
}

// parse parses the flags; it returns -1 to go on, or an exit status.
func parse(fs *flag.FlagSet, args []string) int {
	if code := parseFlags(fs, args); code >= 0 {
		return code
	}
	if fs.NArg() > 0 {
		say(fs.Output(), "loa %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2
	}
	return -1
}

// report prints the diagnostics to stderr and turns an error into an exit
// status.
func report(diags *diag.List, err error, stderr io.Writer) int {
	printDiags(diags, stderr)
	switch {
	case err == nil:
		return 0
	case errors.As(err, new(*publish.OutputError)):
		oe := new(*publish.OutputError)
		errors.As(err, oe)
		say(stderr, "loa: %v\n", *oe) // in stderr's language
		return 2
	case errors.Is(err, build.ErrContent):
		say(stderr, "loa: %d error(s), nothing published\n", msg.Count(len(diags.Errors())))
		return 1
	default:
		if fe := new(*publish.ForeignError); errors.As(err, fe) {
			err = *fe // in stderr's language
		}
		say(stderr, "loa: %v\n", err)
		return 1
	}
}

// printDiags prints each diagnostic on its line, in stderr's language.
func printDiags(diags *diag.List, stderr io.Writer) {
	p := printer(stderr)
	for _, d := range diags.All() {
		io.WriteString(stderr, d.Localize(p)+"\n")
	}
}

func cmdBuild(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("build", "build [-s DIR] [-o DIR] [--base-url URL] [--drafts] [--no-cache] [--minify]", stderr, &opts)
	fs.StringVar(&opts.Out, "o", "", tr(stderr, "the output `DIR` (default DIR/public): replaced by each build, files Loa did not write kept; never the site folder, one that holds it, or one inside its content/ or themes/"))
	fs.StringVar(&opts.BaseURL, "base-url", "", tr(stderr, "build for this absolute `URL` instead of site.toml's base_url (preview deploys)"))
	fs.BoolVar(&opts.NoCache, "no-cache", false, tr(stderr, "neither read nor keep what the last build left beside the output (its manifest, the sources as read): build and write every file afresh"))
	fs.BoolVar(&opts.Minify, "minify", false, tr(stderr, "write HTML pages and CSS files minified"))
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if opts.BaseURL != "" {
		if err := build.CheckBaseURL(opts.BaseURL); err != nil {
			say(stderr, "loa build: %v\n", err)
			return 2
		}
	}
	opts.Waiting = func(pid int) {
		if pid > 0 {
			say(stderr, "loa: another build (process %d) is writing %s: waiting for it to finish\n", pid, opts.OutDir())
			return
		}
		say(stderr, "loa: another build is writing %s: waiting for it to finish\n", opts.OutDir())
	}
	var diags diag.List
	stats, err := build.Site(opts, &diags)
	if code := report(&diags, err, stderr); code != 0 {
		return code
	}
	if stats.UpToDate {
		say(stdout, "up to date: nothing changed since the last build of the %d files (%s MB) in %s (checked in %s), %d warning(s)\n",
			msg.Count(stats.Files), decimal(stdout, float64(stats.Bytes)/1e6), opts.OutDir(), stats.Elapsed.Round(1e6), msg.Count(len(diags.Warnings())))
		return 0
	}
	say(stdout, "built %d files (%s MB) into %s in %s, %d warning(s)\n",
		msg.Count(stats.Files), decimal(stdout, float64(stats.Bytes)/1e6), opts.OutDir(), stats.Elapsed.Round(1e6), msg.Count(len(diags.Warnings())))
	if len(stats.Kept) > 0 {
		say(stdout, "kept %d file(s) that no Loa build wrote, as they were: %s\n", msg.Count(len(stats.Kept)), publish.Summary(stats.Kept))
	}
	if stats.Linked > 0 {
		say(stdout, "%d files were the same as in the previous output: not written again\n", msg.Count(stats.Linked))
	}
	if opts.Minify {
		say(stdout, "minified HTML and CSS: %s kB saved\n", decimal(stdout, float64(stats.Saved)/1e3))
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
	say(stdout, "ok: no errors, %d warning(s)\n", msg.Count(len(diags.Warnings())))
	return 0
}

// decimal writes f with one decimal, with a decimal comma in Vietnamese
// (2,5 MB).
func decimal(w io.Writer, f float64) string {
	if printer(w).Lang() == msg.Vi {
		return vi.Decimal(f, 1)
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

package main

// Every command shown in docs/commands.md is run, as written, against a
// copy of the example site, so that the page cannot drift from the code:
// a synopsis is run bare and with every optional flag, each placeholder
// (DIR, URL, YYYY-MM-DD, SLUG) filled with a real value.

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// docCommands returns the argument lists of the lines of the code blocks
// of docs/commands.md that run the generator ("go run ./generator ...").
func docCommands(t *testing.T) [][]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "docs", "commands.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	fenced := false
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			fenced = !fenced
			continue
		}
		if !fenced && !strings.HasPrefix(l, "    ") {
			continue // not a code block
		}
		const prefix = "go run ./generator "
		if s := strings.TrimSpace(l); strings.HasPrefix(s, prefix) {
			out = append(out, strings.Fields(strings.TrimPrefix(s, prefix)))
		}
	}
	return out
}

var optional = regexp.MustCompile(`\[([^\]]*)\]`)

// variants turns a synopsis into the runs to make: bare (only what is not
// in brackets) and full (every bracketed flag too), with the placeholders
// filled by fill.
func variants(t *testing.T, synopsis []string, fill func(flag, placeholder string) string) (bare, full []string) {
	t.Helper()
	line := strings.Join(synopsis, " ")
	var opts []string
	for _, m := range optional.FindAllStringSubmatch(line, -1) {
		opts = append(opts, m[1])
	}
	for _, tok := range strings.Fields(optional.ReplaceAllString(line, "")) {
		if tok == strings.ToUpper(tok) { // a placeholder argument (SLUG)
			tok = fill("", tok)
		}
		bare = append(bare, tok)
	}
	full = append(full, bare[:len(bare)-countArgs(bare)]...)
	for _, o := range opts {
		f := strings.Fields(o)
		full = append(full, f[0])
		if len(f) == 2 {
			full = append(full, fill(f[0], f[1]))
		}
	}
	full = append(full, bare[len(bare)-countArgs(bare):]...)
	return bare, full
}

// countArgs counts the trailing arguments of a command (new directive's
// SLUG), which must come after the flags.
func countArgs(cmd []string) int {
	if len(cmd) >= 2 && (cmd[0] == "new" && cmd[1] == "directive" || cmd[0] == "report" && cmd[1] == "import") {
		return 1
	}
	return 0
}

// The lines build prints on success, as docs/commands.md describes them.
var buildLines = []*regexp.Regexp{
	regexp.MustCompile(`^built \d+ files \([\d.]+ MB\) into .+ in \S+, \d+ warning\(s\)$`),
	regexp.MustCompile(`^up to date: nothing changed since the last build of the \d+ files .*, \d+ warning\(s\)$`),
	regexp.MustCompile(`^\d+ files were the same as in the previous output: not written again$`),
	regexp.MustCompile(`^minified HTML and CSS: [\d.]+ kB saved$`),
}

func TestDocsCommandsRun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the example site a dozen times")
	}
	cmds := docCommands(t)
	seen := map[string]bool{}
	for _, c := range cmds {
		seen[strings.Join(c[:min(2, len(c))], " ")] = true
	}
	for _, want := range []string{"build [-s", "check [-s", "serve [-s", "new report", "new directive", "report form", "report import"} {
		if !seen[want] {
			t.Fatalf("docs/commands.md shows no %q command (found %v)", want, cmds)
		}
	}
	date := "2023-11-11"
	for _, c := range cmds {
		for _, full := range []bool{false, true} {
			site := example(t)
			out := filepath.Join(t.TempDir(), "out")
			fill := func(flag, ph string) string {
				switch {
				case flag == "-s" && ph == "DIR":
					return site
				case flag == "-o" && ph == "DIR":
					return out
				case ph == "URL":
					return "https://preview.example.org/zalo/"
				case ph == "YYYY-MM-DD":
					return date
				case ph == "SLUG":
					return "thu-nghiem"
				case flag == "--addr":
					return "127.0.0.1:0" // the documented port may be taken
				case flag == "--group" && ph == "G":
					return "phuong"
				case flag == "-o" && ph == "FILE.xlsx":
					return filepath.Join(filepath.Dir(out), "form.xlsx")
				case flag == "--followers" && ph == "N":
					return "420"
				case flag == "--column" && ph == "TEXT":
					return "Kỳ này"
				case ph == "FILE...":
					return filledForm(t, site, date)
				}
				t.Fatalf("docs/commands.md: %s %s: this test does not know the placeholder: teach it", flag, ph)
				return ""
			}
			bare, all := variants(t, c, fill)
			args := bare
			if full {
				args = all
			}
			name := strings.NewReplacer(site, "DIR", out, "OUT").Replace(strings.Join(args, " "))
			t.Run(name, func(t *testing.T) {
				if args[0] == "serve" {
					runServe(t, site, args)
					return
				}
				code, stdout, stderr := runIn(site, args...)
				if !full && args[0] == "report" && args[1] == "import" {
					// The report of that date does not exist yet: the
					// page says --followers is then required.
					if code == 0 || !strings.Contains(stderr, "--followers N") {
						t.Fatalf("import without --followers of a new report: exit %d\n%s%s", code, stdout, stderr)
					}
					return
				}
				if code != 0 {
					t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
				}
				switch {
				case args[0] == "build":
					dir := filepath.Join(site, "public")
					if full {
						dir = out
					}
					if _, err := os.Stat(filepath.Join(dir, "index.html")); err != nil {
						t.Fatalf("no index.html written: %v", err)
					}
					checkBuildLines(t, stdout, full)
					// A page changed: the rest is linked from the output
					// before, which the second line says.
					f := filepath.Join(site, "content", "huong-dan.md")
					b, _ := os.ReadFile(f)
					os.WriteFile(f, append(b, "\nThêm một dòng.\n"...), 0o644)
					code, stdout, stderr = runIn(site, args...)
					if code != 0 {
						t.Fatalf("second build: exit %d\n%s", code, stderr)
					}
					checkBuildLines(t, stdout, full)
					// --no-cache keeps no manifest, so links nothing.
					if !strings.Contains(name, "--no-cache") && !strings.Contains(stdout, "previous output: not written again") {
						t.Errorf("the second build did not say what it linked:\n%s", stdout)
					}
				case args[0] == "report" && args[1] == "form":
					f := filepath.Join(site, "mau-bao-cao-"+time.Now().Format("2006-01-02")+".xlsx")
					if full {
						f = filepath.Join(filepath.Dir(out), "form.xlsx")
					}
					if _, err := os.Stat(f); err != nil || !strings.Contains(stdout, "wrote ") {
						t.Fatalf("no form written at %s (%v): %s", f, err, stdout)
					}
				case args[0] == "report" && args[1] == "import":
					rel := "content/reports/" + date + ".toml"
					_, err := os.Stat(filepath.Join(site, rel))
					if dry := strings.Contains(name, "--dry-run"); dry != (err != nil) {
						t.Fatalf("%s: written %v with --dry-run %v: %s", rel, err == nil, dry, stdout)
					}
				case args[0] == "check":
					if !strings.HasPrefix(stdout, "ok: no errors, ") {
						t.Errorf("check printed %q", stdout)
					}
				case args[0] == "new":
					d := time.Now().Format("2006-01-02")
					if full {
						d = date
					}
					rel := "content/reports/" + d + ".toml"
					if args[1] == "directive" {
						rel = "content/directives/thu-nghiem.md"
					}
					if _, err := os.Stat(filepath.Join(site, rel)); err != nil || !strings.Contains(stdout, "wrote ") {
						t.Fatalf("%s not written (%v): %s", rel, err, stdout)
					}
					// "It checks as it is."
					if code, _, stderr := runIn(site, "check"); code != 0 {
						t.Errorf("check after new: exit %d\n%s", code, stderr)
					}
				}
			})
		}
	}
}

// Every command takes -h; the exit statuses of `new` are those the page
// gives.
func TestDocsCommandsHelpAndStatus(t *testing.T) {
	for _, args := range [][]string{{"build", "-h"}, {"check", "-h"}, {"serve", "-h"}, {"new", "report", "-h"}, {"new", "directive", "-h"}, {"new", "-h"}} {
		var out, errs bytes.Buffer
		if code := run(append([]string{"--lang", "en"}, args...), &out, &errs); code != 0 {
			t.Errorf("%v: exit %d", args, code)
		}
		if args[0] == "new" && strings.Contains(out.String()+errs.String(), "-drafts") {
			t.Errorf("%v lists -drafts, which new does not use:\n%s", args, errs.String())
		}
	}
	site := example(t)
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"new", "directive", "-s", site, "Thu Nghiem"}, 1},
		{[]string{"new", "directive", "-s", site}, 2},
		{[]string{"new", "report", "-s", site, "--date", "2023-10-01"}, 1},
		{[]string{"new", "report", "-s", site, "--drafts"}, 2},
	} {
		var out, errs bytes.Buffer
		if code := run(append([]string{"--lang", "en"}, c.args...), &out, &errs); code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, code, c.code, errs.String())
		}
	}
}

func checkBuildLines(t *testing.T, stdout string, minify bool) {
	t.Helper()
	minified := false
	for _, l := range strings.Split(strings.TrimRight(stdout, "\n"), "\n") {
		ok := false
		for i, re := range buildLines {
			if re.MatchString(l) {
				ok = true
				minified = minified || i == 3
			}
		}
		if !ok {
			t.Errorf("build printed a line docs/commands.md does not describe: %q", l)
		}
	}
	if minify && !minified && !strings.HasPrefix(stdout, "up to date") {
		t.Errorf("--minify printed no saving:\n%s", stdout)
	}
}

// runIn runs the generator in dir, as a child process.
func runIn(dir string, args ...string) (int, string, string) {
	cmd := loa(append([]string{"--lang", "en"}, args...)...)
	cmd.Dir = dir
	var out, errs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errs
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		code = -1
	}
	return code, out.String(), errs.String()
}

// runServe starts serve, fetches the page it says it serves, and stops it
// with SIGTERM, on which it must exit 0.
func runServe(t *testing.T, dir string, args []string) {
	t.Helper()
	if !strings.Contains(strings.Join(args, " "), "--addr") {
		args = append(args, "--addr", "127.0.0.1:0") // the documented port may be taken
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], append([]string{"--lang", "en"}, args...)...)
	cmd.Env = append(os.Environ(), "LOA_RUN_MAIN=1")
	cmd.Dir = dir
	var errs bytes.Buffer
	cmd.Stderr = &errs
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	url := ""
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if i := strings.Index(sc.Text(), " at http://"); i >= 0 {
			url = strings.Fields(sc.Text()[i+len(" at "):])[0]
			break
		}
	}
	if url == "" {
		cmd.Process.Kill()
		cmd.Wait()
		t.Fatalf("serve never said where it serves:\n%s", errs.String())
	}
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasSuffix(url, "/zalo/") {
		t.Errorf("GET %s: %d (want 200, under the path of base_url)", url, resp.StatusCode)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	go func() {
		for sc.Scan() {
		}
	}()
	if err := cmd.Wait(); err != nil {
		t.Errorf("serve stopped with %v on SIGTERM\n%s", err, errs.String())
	}
}

// filledForm makes the form of the example site in dir for date with
// report form, and fills every unit's count (its previous count plus one),
// as a unit would, into a file for report import's FILE....
func filledForm(t *testing.T, dir, date string) string {
	t.Helper()
	form := filepath.Join(t.TempDir(), "filled.xlsx")
	if code, out, errs := runIn(dir, "report", "form", "--date", date, "-o", form); code != 0 {
		t.Fatalf("report form: exit %d\n%s%s", code, out, errs)
	}
	f, err := excelize.OpenFile(form)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Báo cáo", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows[4:] {
		if len(r) < 5 {
			continue
		}
		prev, _ := strconv.ParseInt(r[4], 10, 64)
		f.SetCellValue("Báo cáo", "F"+strconv.Itoa(5+i), prev+1)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	return form
}

package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/internal/synth"
)

// The test binary doubles as the loa command when LOA_RUN_MAIN is set, so
// that tests can run it as a child process and kill it.
func TestMain(m *testing.M) {
	if os.Getenv("LOA_RUN_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

func loa(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "LOA_RUN_MAIN=1")
	return cmd
}

func TestExitStatus(t *testing.T) {
	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "site.toml"), []byte("title = \"x\"\nbase_url = \"/rel/\"\n"), 0o644)
	for _, c := range []struct {
		args []string
		code int
		out  string // expected in stdout+stderr
	}{
		{nil, 2, "Usage"},
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"--help"}, 0, "check"},
		{[]string{"build", "-h"}, 0, "-base-url"},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined"},
		{[]string{"check", "-s", bad}, 1, "site.toml:2:"},
		{[]string{"check", "-s", "build/testdata/xa-thu"}, 0, "ok: no errors, 2 warning(s)"},
		{[]string{"build", "-s", "build/testdata/xa-thu", "--base-url", "ftp://x/"}, 2, "--base-url"},
	} {
		var out, errs bytes.Buffer
		code := run(append([]string{"--lang", "en"}, c.args...), &out, &errs)
		all := out.String() + errs.String()
		if code != c.code || !strings.Contains(all, c.out) {
			t.Errorf("loa %v: exit %d, want %d; output lacks %q:\n%s", c.args, code, c.code, c.out, all)
		}
	}
}

// tree returns a digest of every file under dir, by path.
func tree(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	out := map[string][32]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[rel] = sha256.Sum256(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameTree(a, b map[string][32]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for p, sum := range a {
		if b[p] != sum {
			return false
		}
	}
	return true
}

// A build killed part-way (SIGKILL: no chance to clean up) leaves the
// previous output byte for byte as it was, and the next build recovers.
func TestKilledBuildKeepsOutput(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000-unit site three times")
	}
	site := filepath.Join(t.TempDir(), "site")
	cfg := synth.Small()
	cfg.Directives = 60
	cfg.Units, cfg.Reports = 400, 12
	if err := synth.Write(site, cfg); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	// Both builds draw every QR code (--no-cache), so that the first one
	// tells how long the second would take.
	start := time.Now()
	if b, err := loa("build", "-s", site, "-o", out, "--no-cache").CombinedOutput(); err != nil {
		t.Fatalf("first build: %v\n%s", err, b)
	}
	took := time.Since(start)
	// A second build keeps the first output beside the new one, as the
	// spare that the builds below update in place (and are killed in).
	if b, err := loa("build", "-s", site, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("second build: %v\n%s", err, b)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), ".public.loa-spare", "index.html")); err != nil {
		t.Fatalf("no spare beside the output: %v", err)
	}
	before := tree(t, out)

	// Change the site so that a completed second build would differ.
	idx := filepath.Join(site, "content/_index.md")
	b, _ := os.ReadFile(idx)
	os.WriteFile(idx, append(b, []byte("\nMột dòng mới.\n")...), 0o644)

	// What a complete build of the edited site gives, for comparison.
	ref := filepath.Join(t.TempDir(), "ref")
	start = time.Now()
	if b, err := loa("build", "-s", site, "-o", ref).CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%s", err, b)
	}
	complete := tree(t, ref)
	took = time.Since(start) // as long as the builds below, cache and all

	killed := false
	for _, frac := range []float64{0.5, 0.3, 0.15, 0.05} {
		cmd := loa("build", "-s", site, "-o", out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(float64(took) * frac))
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			killed = true
			break
		}
	}
	if !killed {
		t.Skip("the build finished before it could be killed")
	}
	// The output is the previous build or, if the kill came after the swap
	// (while the old folder was being removed), the complete new one: never
	// anything in between.
	after := tree(t, out)
	if sameTree(after, before) {
		t.Log("killed before the swap: the previous output is intact")
	} else if sameTree(after, complete) {
		t.Log("killed after the swap: the new output is complete")
	} else {
		t.Fatalf("the killed build left a mixed output: %d files, previous %d, complete %d", len(after), len(before), len(complete))
	}

	// The next build succeeds and removes what the killed one left behind.
	if b, err := loa("build", "-s", site, "-o", out).CombinedOutput(); err != nil {
		t.Fatalf("build after kill: %v\n%s", err, b)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if fmt.Sprint(names) != "[.public.loa-charts .public.loa-charts.index .public.loa-docs .public.loa-files .public.loa-lock .public.loa-manifest .public.loa-read .public.loa-spare .public.loa-spare.loa-tree .public.loa-tree public]" {
		t.Errorf("left beside the output: %v", names)
	}
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	if !strings.Contains(string(home), "Một dòng mới.") {
		t.Error("the build after the kill does not show the edit")
	}
	// It updated the spare that the killed build left half updated: its
	// output is the complete build's, file for file.
	if !sameTree(tree(t, out), complete) {
		t.Error("the build after the kill differs from a complete build")
	}
}

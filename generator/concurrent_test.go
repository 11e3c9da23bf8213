package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/publish"
	"github.com/loa-vn/loa/generator/serve"
)

// proc is a build running as a child process.
type proc struct {
	cmd  *exec.Cmd
	out  syncBuffer
	done chan struct{}
}

// syncBuffer is what a child process printed so far, readable while it
// runs.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func start(t *testing.T, args ...string) *proc {
	t.Helper()
	p := &proc{cmd: loa(args...), done: make(chan struct{})}
	p.cmd.Stdout, p.cmd.Stderr = &p.out, &p.out
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { p.cmd.Wait(); close(p.done) }()
	return p
}

func (p *proc) code() int { <-p.done; return p.cmd.ProcessState.ExitCode() }

// waitsFor waits until p says that it waits for the lock of its output,
// which the test holds; it fails if p ends or never says so.
func waitsFor(t *testing.T, p *proc, lock *publish.Lock) {
	t.Helper()
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(p.out.String(), ": waiting for it to finish") {
		select {
		case <-p.done:
			lock.Release()
			t.Fatalf("the build did not wait for the lock:\n%s", p.out.String())
		default:
		}
		if time.Now().After(deadline) {
			lock.Release()
			t.Fatalf("the build never said that it waits:\n%s", p.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Two builds into one output folder take turns (issue 11, item 2). Before,
// the second build's clean-up deleted the first one's staging folder: the
// first failed ("open …staging…/404.html: no such file") or, worse,
// published a gutted output and reported success. Now, under every
// interleaving of two builds and kill -9, the output is one complete build,
// and every build that reports success left its files all in place.
func TestConcurrentBuildsTakeTurns(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 300-unit site several times")
	}
	site := filepath.Join(t.TempDir(), "site")
	cfg := synth.Small()
	cfg.Directives = 60
	cfg.Units, cfg.Reports = 300, 12
	if err := synth.Write(site, cfg); err != nil {
		t.Fatal(err)
	}
	ref := filepath.Join(t.TempDir(), "ref")
	began := time.Now()
	if b, err := loa("--lang", "en", "build", "-s", site, "-o", ref, "--no-cache").CombinedOutput(); err != nil {
		t.Fatalf("reference build: %v\n%s", err, b)
	}
	took := time.Since(began)
	complete := tree(t, ref)
	out := filepath.Join(t.TempDir(), "public")

	// whole checks that the output is one complete build.
	whole := func(when string) {
		t.Helper()
		if got := tree(t, out); !sameTree(got, complete) {
			t.Fatalf("%s: the output holds %d files, not the %d of a complete build", when, len(got), len(complete))
		}
	}
	// succeeded checks that p exited 0 and that, when it did, the output
	// was complete.
	succeeded := func(p *proc, name string) {
		t.Helper()
		if code := p.code(); code != 0 {
			t.Fatalf("%s: exit %d\n%s", name, code, p.out.String())
		}
		whole("when " + name + " reported success")
	}
	build := func() []string {
		return []string{"--lang", "en", "build", "-s", site, "-o", out, "--no-cache"}
	}

	for _, frac := range []float64{0.1, 0.5} {
		t.Run(fmt.Sprintf("second build after %.0f%%", frac*100), func(t *testing.T) {
			a := start(t, build()...)
			time.Sleep(time.Duration(float64(took) * frac))
			b := start(t, build()...)
			succeeded(a, "the first build")
			succeeded(b, "the second build")
		})
	}

	// A build that finds the output locked says that it waits, waits, and
	// builds once the lock is released. The test holds the lock itself, so
	// that the second build meets it whatever the machine's speed.
	t.Run("waits for a held lock", func(t *testing.T) {
		lock, err := publish.LockOutput(out, nil)
		if err != nil {
			t.Fatal(err)
		}
		b := start(t, build()...)
		waitsFor(t, b, lock)
		select {
		case <-b.done:
			t.Fatalf("the build said it waits, yet ended while the lock was held:\n%s", b.out.String())
		case <-time.After(200 * time.Millisecond):
		}
		lock.Release()
		succeeded(b, "the build that waited")
	})

	// The first build killed while the second waits: the second goes on,
	// removes the dead build's staging folder and publishes a whole build.
	t.Run("first killed", func(t *testing.T) {
		a := start(t, build()...)
		time.Sleep(time.Duration(float64(took) * 0.3))
		b := start(t, build()...)
		time.Sleep(time.Duration(float64(took) * 0.2))
		a.cmd.Process.Signal(syscall.SIGKILL)
		a.code()
		succeeded(b, "the second build")
	})
	// The waiting build killed: the first finishes as if alone.
	// The second build is killed once it says it waits (the test holds
	// the lock for the first, so that the kill meets a waiting build
	// whatever the machine's speed); the first then builds as if alone.
	t.Run("second killed while it waits", func(t *testing.T) {
		lock, err := publish.LockOutput(out, nil)
		if err != nil {
			t.Fatal(err)
		}
		b := start(t, build()...)
		waitsFor(t, b, lock)
		b.cmd.Process.Signal(syscall.SIGKILL)
		b.code()
		lock.Release()
		a := start(t, build()...)
		succeeded(a, "the first build")
	})

	// Nothing is left beside the output but its lock, its list and the
	// previous output, kept as the spare the next build updates (these
	// builds are --no-cache: they keep no manifest).
	entries, _ := os.ReadDir(filepath.Dir(out))
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	if fmt.Sprint(names) != "[.public.loa-files .public.loa-lock .public.loa-spare public]" {
		t.Errorf("left beside the output: %v", names)
	}
}

// serve never writes the output folder, so it cannot race a build: a
// build into public/ made while serve runs on the same site is whole, and
// serve leaves it as it was.
func TestServeLeavesTheOutputAlone(t *testing.T) {
	site := filepath.Join(t.TempDir(), "site")
	sitetest.Copy(t, "build/testdata/xa-thu", site)
	out := filepath.Join(site, "public")
	if code, msg := exitCode(t, loa("--lang", "en", "build", "-s", site)); code != 0 {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	built := tree(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		done <- serve.Run(ctx, serve.Config{Build: build.Options{Site: site}, Addr: "127.0.0.1:0", Ready: func(u string) { ready <- u }})
	}()
	var home string
	select {
	case home = <-ready:
	case err := <-done:
		t.Fatal(err)
	case <-time.After(30 * time.Second):
		t.Fatal("not serving after 30s")
	}
	for _, p := range []string{"", "don-vi/thon-dong/", "don-vi/thon-dong/in/"} {
		resp, err := http.Get(home + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("%s: %s", p, resp.Status)
		}
	}
	// A build while serve runs: whole, and the same as before.
	if code, msg := exitCode(t, loa("--lang", "en", "build", "-s", site)); code != 0 || strings.Contains(msg, "waiting") {
		t.Fatalf("exit %d\n%s", code, msg)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if !sameTree(tree(t, out), built) {
		t.Error("the output changed while serve ran")
	}
}

package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// A second LockOutput on one output waits for the first to be released,
// and is told which process holds it.
func TestLockOutputWaits(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	first, err := LockOutput(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	told := make(chan int, 1)
	got := make(chan *Lock)
	go func() {
		l, err := LockOutput(out, func(pid int) { told <- pid })
		if err != nil {
			t.Error(err)
		}
		got <- l
	}()
	select {
	case pid := <-told:
		if pid != os.Getpid() {
			t.Errorf("told pid %d, want %d", pid, os.Getpid())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the second lock was not told that it waits")
	}
	select {
	case <-got:
		t.Fatal("the second lock was taken while the first was held")
	case <-time.After(100 * time.Millisecond):
	}
	first.Release()
	select {
	case l := <-got:
		l.Release()
	case <-time.After(10 * time.Second):
		t.Fatal("the second lock was not taken once the first was released")
	}
}

// The clean-up of what killed builds left removes a staging folder only
// when its build is gone: one that a running build writes is locked by it.
// Before, a second build's clean-up deleted the first one's live staging
// folder (issue 11, item 2).
func TestTidySparesLiveStaging(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	live, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	dead := filepath.Join(filepath.Dir(out), ".public"+stagingMark+"123")
	os.MkdirAll(filepath.Join(dead, "don-vi"), 0o755)
	Tidy(out)
	if _, err := os.Stat(live.Dir()); err != nil {
		t.Fatalf("the live staging folder was removed: %v", err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Error("the dead build's staging folder is left")
	}
	if err := live.Put("index.html", []byte("ok")); err != nil {
		t.Fatal(err)
	}
	if err := live.Commit(); err != nil {
		t.Fatal(err)
	}
	if read(t, filepath.Join(out, "index.html")) != "ok" {
		t.Error("the build did not publish")
	}
}

// A swap killed between its two renames (where the system has no atomic
// exchange) leaves the previous output set aside and no output; the next
// build puts it back rather than removing it.
func TestSetAsideOutputIsPutBack(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	aside := filepath.Join(filepath.Dir(out), ".public.old-42")
	os.MkdirAll(aside, 0o755)
	os.WriteFile(filepath.Join(aside, "index.html"), []byte("previous"), 0o644)
	Tidy(out)
	if read(t, filepath.Join(out, "index.html")) != "previous" {
		t.Error("the previous output was not put back")
	}
}

func TestCheckOutput(t *testing.T) {
	base := t.TempDir()
	site := filepath.Join(base, "site")
	os.MkdirAll(filepath.Join(site, "content"), 0o755)
	link := filepath.Join(base, "link")
	os.Symlink(site, link)
	for out, ok := range map[string]bool{
		site:                                  false,
		base:                                  false,
		"/":                                   false,
		link:                                  false,
		filepath.Join(link, "."):              false,
		filepath.Join(site, "content"):        false,
		filepath.Join(site, "content/x/y"):    false,
		filepath.Join(link, "themes/a"):       false,
		filepath.Join(site, ".loa-cache/out"): false,
		filepath.Join(site, "public"):         true,
		filepath.Join(link, "public"):         true,
		filepath.Join(site, "contents"):       true,
		filepath.Join(base, "site-out"):       true,
		filepath.Join(base, "other/public"):   true,
	} {
		err := CheckOutput(site, out)
		if (err == nil) != ok {
			t.Errorf("CheckOutput(site, %s) = %v, want ok %v", out, err, ok)
		}
		if _, isOutput := err.(*OutputError); err != nil && !isOutput {
			t.Errorf("%s: %T, want *OutputError", out, err)
		}
	}
}

package publish

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

func flagsOf(t *testing.T, dir string) uint32 {
	t.Helper()
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	flags, err := unix.IoctlGetUint32(int(f.Fd()), unix.FS_IOC_GETFLAGS)
	if err != nil {
		t.Fatalf("flags of %s: %v", dir, err)
	}
	return flags
}

// A new output is written under a folder marked as the top of unrelated
// trees (spread.go), and published without the mark.
func TestNewOutputSpreadWhileWritten(t *testing.T) {
	tmp := t.TempDir()
	// Does this filesystem keep the flag at all? Asked of a folder of the
	// test's own, so that a staging folder left unmarked fails the test.
	probe := filepath.Join(tmp, "probe")
	if err := os.Mkdir(probe, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(probe)
	if err != nil {
		t.Fatal(err)
	}
	markTop(f, true)
	f.Close()
	if flagsOf(t, probe)&topFlag == 0 {
		t.Skip("this filesystem keeps no top-of-trees flag (chattr +T): nothing to spread")
	}

	out := filepath.Join(tmp, "public")
	s, err := Begin(out)
	if err != nil {
		t.Fatal(err)
	}
	if flagsOf(t, s.Dir())&topFlag == 0 {
		t.Fatal("the new staging folder is not marked as the top of unrelated trees")
	}
	if err := s.Put("don-vi/a/index.html", []byte("a")); err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	if flagsOf(t, out)&topFlag != 0 {
		t.Fatal("the published output still carries the top-of-trees flag")
	}
	if got := read(t, filepath.Join(out, "don-vi/a/index.html")); got != "a" {
		t.Fatalf("published %q", got)
	}
	// The top folders are made under a name of chance and renamed: none
	// is left under that name.
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != "don-vi" {
			t.Errorf("the output holds %s", e.Name())
		}
	}
}

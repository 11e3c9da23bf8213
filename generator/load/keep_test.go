package load

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
)

// TestKeptReports checks what a Cache keeps in a folder, as a new build
// reads it through a new Cache: the same Site and problems as Read; a kept
// report, directive or group used only while its file has the stamp it
// was kept with and its own checksum holds; the files of deleted reports
// removed; a report with a problem never kept.
func TestKeptReports(t *testing.T) {
	dir := t.TempDir()
	if err := synth.Write(dir, synth.Config{Units: 30, Groups: 3, Directives: 3, Reports: 4, Words: 40, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	// A report with a problem: read, reported, not kept.
	bad := filepath.Join(dir, "content/reports/2024-02-30.toml")
	os.WriteFile(bad, []byte("followers = -1\n"), 0o644)
	keep := filepath.Join(t.TempDir(), "kept")
	read := func(what string) (*Site, *Cache) {
		t.Helper()
		c := NewCache()
		c.KeepIn(keep)
		g := readLikeRead(t, what, dir, c)
		if err := c.SaveKept(); err != nil {
			t.Fatal(err)
		}
		return g, c
	}
	site, _ := read("first read")
	entries, _ := os.ReadDir(keep)
	files := len(site.Reports) + len(site.Groups) + len(site.Directives) + len(site.Pages)
	if site.Home != nil {
		files++
	}
	if len(entries) != files {
		t.Fatalf("%d files kept, want the %d read without a problem", len(entries), files)
	}
	if _, err := os.Stat(filepath.Join(keep, keptName("content/reports/2024-02-30.toml"))); err == nil {
		t.Error("a report with a problem was kept")
	}
	read("second read")

	// A kept report is what the next read takes: one kept with another
	// count (and its own checksum) shows, so the others are taken too.
	rep := *site.Reports[0]
	rep.Units = append([]UnitCount(nil), rep.Units...)
	rep.Units[0].Count += 1000
	rel := rep.File
	stamp, _ := stampOf(filepath.Join(dir, rel))
	kept := filepath.Join(keep, keptName(rel))
	os.WriteFile(kept, encodeKept(rel, jobReport, stamp, &rep), 0o644)
	c := NewCache()
	c.KeepIn(keep)
	var l diag.List
	if got := ReadCached(dir, &l, c); got.Reports[0].Units[0].Count != rep.Units[0].Count {
		t.Fatal("the kept report was not used (the test proves nothing)")
	}
	// So are a directive and a group, kept with gob.
	dir0, group0 := *site.Directives[0], *site.Groups[0]
	dir0.Subject, group0.Name = "kept subject", "kept name"
	for _, k := range []struct {
		rel  string
		kind jobKind
		v    any
	}{{dir0.File, jobDirective, &dir0}, {group0.File, jobGroup, &group0}} {
		st, _ := stampOf(filepath.Join(dir, k.rel))
		os.WriteFile(filepath.Join(keep, keptName(k.rel)), encodeKept(k.rel, k.kind, st, k.v), 0o644)
	}
	c = NewCache()
	c.KeepIn(keep)
	if got := ReadCached(dir, &l, c); got.Directives[0].Subject != dir0.Subject || got.Groups[0].Name != group0.Name {
		t.Fatal("the kept directive and group were not used (the test proves nothing)")
	}
	for _, rel := range []string{dir0.File, group0.File} {
		b, _ := os.ReadFile(filepath.Join(dir, rel))
		os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	}
	// Its file changes (a new stamp): read again.
	time.Sleep(5 * time.Millisecond)
	b, _ := os.ReadFile(filepath.Join(dir, rel))
	os.WriteFile(filepath.Join(dir, rel), b, 0o644)
	read("after the report file was written again")
	// A kept file corrupted, one cut short: not used.
	os.WriteFile(kept, encodeKept(rel, jobReport, stamp, &rep), 0o644)
	stamp, _ = stampOf(filepath.Join(dir, rel))
	forged := encodeKept(rel, jobReport, stamp, &rep)
	forged[len(forged)/2] ^= 1
	os.WriteFile(kept, forged, 0o644)
	read("a kept report corrupted")
	os.WriteFile(kept, encodeKept(rel, jobReport, stamp, &rep)[:100], 0o644)
	read("a kept report cut short")

	// A deleted report: its kept file goes.
	os.Remove(filepath.Join(dir, site.Reports[1].File))
	read("after a report was deleted")
	if _, err := os.Stat(filepath.Join(keep, keptName(site.Reports[1].File))); err == nil {
		t.Error("the kept file of a deleted report is still there")
	}
}

// TestKeptReportCodec checks the encoding of a kept report on its own:
// counts of one byte and of several, positions past one byte, back as
// they were; every encoding cut short, or with a byte more, refused.
func TestKeptReportCodec(t *testing.T) {
	rep := &Report{File: "content/reports/2024-03-04.toml", Date: time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), Followers: 70872, Source: "Sở TT&TT", Note: "kỳ 2"}
	rep.Pos = diag.Pos{File: rep.File, Line: 1, Col: 1}
	rep.FollowersPos = diag.Pos{File: rep.File, Line: 3, Col: 13}
	for i, c := range []int64{0, 1, 63, 64, 127, 128, 8200, 1 << 40} {
		rep.Units = append(rep.Units, countAt(fmt.Sprintf("don-vi-%d", i*37), c, 5+i*90, 1+i*20))
	}
	b := encodeReport(nil, rep.File, rep)
	got, err := decodeReport(&decoder{b: b}, rep.File)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, rep) {
		t.Fatalf("decoded\n%+v\nwant\n%+v", got, rep)
	}
	for n := range len(b) {
		if _, err := decodeReport(&decoder{b: b[:n]}, rep.File); err == nil {
			t.Fatalf("the encoding cut to %d of %d bytes was taken", n, len(b))
		}
	}
	if _, err := decodeReport(&decoder{b: append(b[:len(b):len(b)], 0)}, rep.File); err == nil {
		t.Fatal("the encoding with a byte more was taken")
	}
}

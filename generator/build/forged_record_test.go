package build_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/cache"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/publish"
)

// TestForgedBuildRecord plays someone who can write .loa-cache/ (a shared
// CI cache, a restored artifact) and forges what builds kept there: the
// record of the last build into a folder ("build record of <out>") and
// the manifest of that folder ("manifest of <out>"), under their keys
// with check sums that verify (issue 11, item 6). Whatever the cache
// holds, a build writes the tree that --no-cache writes of the same
// sources.
func TestForgedBuildRecord(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, tinySynth); err != nil {
		t.Fatal(err)
	}
	store := cache.Open(filepath.Join(site, ".loa-cache", "publish"))
	build1 := func(out string, noCache bool) build.Stats {
		t.Helper()
		var diags diag.List
		stats, err := build.Site(build.Options{Site: site, Out: out, NoCache: noCache}, &diags)
		if err != nil {
			t.Fatal(err, diags.Errors())
		}
		return stats
	}
	reports, _ := filepath.Glob(filepath.Join(site, "content/reports/*.toml"))
	last := reports[len(reports)-1]
	sources, _ := os.ReadFile(last)
	changed := bytes.Replace(sources, []byte("followers = "), []byte("followers = 1"), 1)

	// The record of a build of these sources, replayed after a build of
	// other sources: the sources' hash and the output's file stats are
	// the real ones, so it passes every check but the output's bytes.
	t.Run("record replayed", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "public")
		build1(out, false)
		record, ok := store.Get("build record of " + out)
		os.WriteFile(last, changed, 0o644)
		defer os.WriteFile(last, sources, 0o644)
		build1(out, false) // the output of the changed sources
		os.WriteFile(last, sources, 0o644)
		if ok {
			store.Put("build record of "+out, record)
		}
		stats := build1(out, false)
		want := filepath.Join(t.TempDir(), "public")
		build1(want, true)
		if stats.UpToDate {
			t.Error("a build of changed sources found the output up to date")
		}
		sameTree(t, "build over a replayed record", readTree(t, out), readTree(t, want))
	})

	// Without the list of the files Loa wrote (deleted, or never written
	// by an older Loa), a forged manifest that names a file no Loa build
	// wrote (a CNAME) must not get it dropped.
	t.Run("manifest names a file Loa did not write", func(t *testing.T) {
		prepare := func(noCache bool) string {
			out := filepath.Join(t.TempDir(), "public")
			build1(out, noCache)
			os.WriteFile(filepath.Join(out, "CNAME"), []byte("zalo.example.vn\n"), 0o644)
			os.Remove(filepath.Join(filepath.Dir(out), ".public.loa-files"))
			return out
		}
		out := prepare(false)
		forged := &publish.Manifest{Files: map[string]publish.FileRecord{"CNAME": {}}}
		if b, ok := store.Get("manifest of " + out); ok {
			if m, err := publish.ReadManifest(b); err == nil {
				forged = m
				forged.Files["CNAME"] = publish.FileRecord{}
			}
		}
		store.Put("manifest of "+out, forged.Bytes())
		build1(out, false)
		want := prepare(true)
		build1(want, true)
		sameTree(t, "build over a forged manifest", readTree(t, out), readTree(t, want))
		if _, err := os.Stat(filepath.Join(out, "CNAME")); err != nil {
			t.Errorf("the CNAME, which no Loa build wrote, is gone: %v", err)
		}
	})
}

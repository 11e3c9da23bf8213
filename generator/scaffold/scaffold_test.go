package scaffold_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/scaffold"
)

func copySite(t *testing.T) string {
	t.Helper()
	dst := t.TempDir()
	sitetest.Copy(t, "../build/testdata/xa-thu", dst)
	return dst
}

func TestNewReportCarriesLastCounts(t *testing.T) {
	dir := copySite(t)
	var diags diag.List
	before := build.Model(build.Options{Site: dir}, &diags)
	path, err := scaffold.Report(dir, before, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "2024-03-01.toml" {
		t.Fatalf("wrote %s", path)
	}
	// The new file is valid and changes no unit's count; the unit that never
	// reported is still unreported (a comment, not a zero).
	diags = diag.List{}
	after := build.Model(build.Options{Site: dir}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	if after.Latest.Date.Format("2006-01-02") != "2024-03-01" || after.Followers() != before.Followers() {
		t.Fatalf("latest %v followers %d", after.Latest.Date, after.Followers())
	}
	for _, u := range before.Units {
		v, _ := after.Unit(u.ID)
		if v.HasCount != u.HasCount || v.Count != u.Count {
			t.Errorf("%s: %d/%v became %d/%v", u.ID, u.Count, u.HasCount, v.Count, v.HasCount)
		}
		if u.HasCount && !v.InLatest {
			t.Errorf("%s is not listed in the new report", u.ID)
		}
	}
	// Never overwrite.
	os.WriteFile(path, []byte("followers = 999\n"), 0o644)
	if _, err := scaffold.Report(dir, after, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("overwrote: %v", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "followers = 999\n" {
		t.Fatal("the existing report was changed")
	}
	if _, err := scaffold.Report(dir, after, time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil || !strings.Contains(err.Error(), "the first report is dated 2024-01-05") {
		t.Fatalf("a report dated before the first was written: %v", err)
	}
}

// TestNewReportForAMissedDate writes a report between two reports of
// testdata/xa-doi (2024-01-05 and 2024-01-19): every unit gets its count
// as of that date, the followers too, and thon-nam, retired on 2024-01-10,
// is left out of a report dated after; the site still builds.
func TestNewReportForAMissedDate(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, "../build/testdata/xa-doi", dir)
	var diags diag.List
	c := build.Model(build.Options{Site: dir}, &diags)
	path, err := scaffold.Report(dir, c, time.Date(2024, 1, 12, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Followers int64
		Units     map[string]int64
	}
	if _, err := toml.DecodeFile(path, &got); err != nil {
		t.Fatal(err)
	}
	var first struct {
		Followers int64
		Units     map[string]int64
	}
	if _, err := toml.DecodeFile(filepath.Join(dir, "content/reports/2024-01-05.toml"), &first); err != nil {
		t.Fatal(err)
	}
	delete(first.Units, "thon-nam")
	if got.Followers != first.Followers || fmt.Sprint(got.Units) != fmt.Sprint(first.Units) {
		t.Errorf("the report of 2024-01-12 has %d %v, want the counts as of that date %d %v", got.Followers, got.Units, first.Followers, first.Units)
	}
	diags = diag.List{}
	if err := build.Check(build.Options{Site: dir}, &diags); err != nil {
		t.Fatalf("the site no longer checks: %v", diags.Err())
	}
}

func TestNewDirectiveIsAValidDraft(t *testing.T) {
	dir := copySite(t)
	var diags diag.List
	c := build.Model(build.Options{Site: dir}, &diags)
	if _, err := scaffold.Directive(dir, c, "Thông báo mới", time.Now()); err == nil || !strings.Contains(err.Error(), "thong-bao-moi") {
		t.Fatalf("a non-slug was accepted or no hint: %v", err)
	}
	if _, err := scaffold.Directive(dir, c, "thong-bao-moi", time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	diags = diag.List{}
	if err := build.Check(build.Options{Site: dir, Drafts: true}, &diags); err != nil {
		t.Fatalf("the new directive does not check: %v", diags.Err())
	}
	diags = diag.List{}
	c = build.Model(build.Options{Site: dir}, &diags)
	for _, d := range c.Directives {
		if d.Slug == "thong-bao-moi" {
			t.Fatal("the new directive is published although it is a draft")
		}
	}
}

// TestNewReportQuotesTheSource: a source with a quote or a backslash, and a
// unit name with a line break, still give a report that parses.
func TestNewReportQuotesTheSource(t *testing.T) {
	dir := copySite(t)
	path := filepath.Join(dir, "content/reports/2024-02-02.toml")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Replace(string(b), "followers", `source = "Văn phòng \"UBND\" xã \\ Thu"`+"\nfollowers", 1)
	os.WriteFile(path, []byte(text), 0o644)
	var diags diag.List
	c := build.Model(build.Options{Site: dir}, &diags)
	if diags.HasErrors() {
		t.Fatal(diags.Err())
	}
	c.Units[0].Name = "Tên\ncó xuống dòng"
	out, err := scaffold.Report(dir, c, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var got struct{ Source string }
	if _, err := toml.DecodeFile(out, &got); err != nil {
		t.Fatalf("the new report does not parse: %v", err)
	}
	if got.Source != `Văn phòng "UBND" xã \ Thu` {
		t.Fatalf("source %q", got.Source)
	}
}

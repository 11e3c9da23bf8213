package build_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/htmlq"
	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// comeAndGo is a unit of testdata/xa-doi as the test reads it itself.
type comeAndGo struct {
	ID         string
	Target     int64
	Retired    time.Time
	MergedInto string `toml:"merged_into"`
	group      string
}

// countsAt says whether u counts at report date d: not retired before it.
func (u comeAndGo) countsAt(d time.Time) bool { return u.Retired.IsZero() || !d.After(u.Retired) }

// TestUnitsThatComeAndGo builds testdata/xa-doi, where thon-nam is merged
// into thon-dong and thon-bac stops taking part. Every leaders' report's
// open data has the group totals the test computes from the TOML files
// (a retired unit counts up to its date, in none after); the latest
// progress table has no row for them; their QR codes still decode to
// their own landing URL; thon-bac's page says since when it stopped and
// keeps the follow button; thon-nam's landing page, poster and alias send
// visitors to thon-dong's, unindexed.
func TestUnitsThatComeAndGo(t *testing.T) {
	dir := "testdata/xa-doi"
	out := buildSite(t, dir)
	base := "https://doi-moi.example.org/zalo/"

	var units []comeAndGo
	files, _ := filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	for _, f := range files {
		var uf struct{ Unit []comeAndGo }
		if _, err := toml.DecodeFile(f, &uf); err != nil {
			t.Fatal(err)
		}
		for _, u := range uf.Unit {
			u.group = strings.TrimSuffix(filepath.Base(f), ".toml")
			y, m, d := u.Retired.Date()
			if !u.Retired.IsZero() {
				u.Retired = time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
			}
			units = append(units, u)
		}
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	sort.Strings(reports)
	last := map[string]int64{}  // carried forward
	var before map[string]int64 // last at the previous report date, nil at the first
	var latestCount map[string]int64
	var ids []string
	for _, u := range units {
		ids = append(ids, u.ID)
	}
	for _, f := range reports {
		var rf reportFile
		if _, err := toml.DecodeFile(f, &rf); err != nil {
			t.Fatal(err)
		}
		date := strings.TrimSuffix(filepath.Base(f), ".toml")
		day, _ := time.Parse("2006-01-02", date)
		for id, n := range rf.Units {
			last[id] = n
		}
		// A group's change is the sum of the changes of its units that
		// count at the date (a retirement is no fall).
		wantCount, wantChange, wantUnits := map[string]int64{}, map[string]int64{}, map[string]int{}
		counting := map[string]bool{}
		for _, u := range units {
			if u.countsAt(day) {
				wantCount[u.group] += last[u.ID]
				wantChange[u.group] += last[u.ID] - before[u.ID]
				wantUnits[u.group]++
				counting[u.ID] = true
			}
		}
		b, err := os.ReadFile(filepath.Join(out, "du-lieu/bao-cao", date+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var got struct {
			Groups []struct {
				ID     string
				Units  int
				Count  int64
				Change *int64
			}
			Units       []struct{ ID string }
			NotReported []string `json:"not_reported"`
		}
		if err := json.Unmarshal(b, &got); err != nil {
			t.Fatal(err)
		}
		for _, g := range got.Groups {
			if g.Count != wantCount[g.ID] || g.Units != wantUnits[g.ID] {
				t.Errorf("%s, group %s: %d units counting %d, want %d counting %d", date, g.ID, g.Units, g.Count, wantUnits[g.ID], wantCount[g.ID])
			}
			if before != nil && (g.Change == nil || *g.Change != wantChange[g.ID]) {
				t.Errorf("%s, group %s: change %v, want %d", date, g.ID, g.Change, wantChange[g.ID])
			}
		}
		for _, u := range got.Units {
			if !counting[u.ID] {
				t.Errorf("%s: the open data lists %s, retired before", date, u.ID)
			}
		}
		if len(got.Units) != len(counting) {
			t.Errorf("%s: %d units in the open data, want %d", date, len(got.Units), len(counting))
		}
		for _, id := range got.NotReported {
			if !counting[id] {
				t.Errorf("%s: %s is \"not reported\", but it was retired before", date, id)
			}
		}
		latestCount = wantCount
		before = map[string]int64{}
		for id, n := range last {
			before[id] = n
		}
		page, err := os.ReadFile(filepath.Join(out, "bao-cao", date, "index.html"))
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			listed := strings.Contains(string(page), `href="/zalo/don-vi/`+u.ID+`/"`)
			if !u.countsAt(day) && listed {
				t.Errorf("the report of %s lists %s, retired before", date, u.ID)
			}
		}
	}

	progress := readPage(t, out, "tien-do/index.html")
	for _, u := range units {
		row := htmlq.First(progress, htmlq.AttrIs("data-unit", u.ID))
		if gone := !u.Retired.IsZero(); gone != (row == nil) {
			t.Errorf("%s: row on /tien-do/ %v, retired %v", u.ID, row != nil, gone)
		}
	}
	checkQR(t, out, base, ids)

	bac := readPage(t, out, "don-vi/thon-bac/index.html")
	note := htmlq.First(bac, htmlq.Class("retired"))
	if note == nil || !strings.Contains(htmlq.Text(note), "ngừng tham gia chiến dịch từ ngày 19 tháng 01 năm 2024") {
		t.Errorf("thon-bac's page does not say it stopped: %v", note)
	}
	if htmlq.First(bac, htmlq.Class("button-follow")) == nil {
		t.Error("thon-bac's page lost its follow button")
	}
	if htmlq.First(readPage(t, out, "don-vi/thon-bac/in/index.html"), htmlq.Class("retired")) == nil {
		t.Error("thon-bac's poster page does not say it stopped")
	}

	for from, to := range map[string]string{
		"don-vi/thon-nam/": "don-vi/thon-dong/", "don-vi/thon-nam/in/": "don-vi/thon-dong/in/", "don-vi/namdan/": "don-vi/thon-dong/",
	} {
		doc := readPage(t, out, from+"index.html")
		refresh := htmlq.First(doc, htmlq.AttrIs("http-equiv", "refresh"))
		if refresh == nil || htmlq.Attr(refresh, "content") != "0; url=/zalo/"+to {
			t.Errorf("%s does not send visitors to %s: %v", from, to, refresh)
		}
		if r := htmlq.First(doc, htmlq.AttrIs("name", "robots")); r == nil || htmlq.Attr(r, "content") != "noindex" {
			t.Errorf("%s is not noindex", from)
		}
		if htmlq.First(doc, htmlq.AttrIs("href", "/zalo/"+to)) == nil {
			t.Errorf("%s has no link to %s", from, to)
		}
	}
	var data struct {
		Groups []struct {
			ID    string
			Units []string
			Count int64
		}
		Units []struct {
			ID         string
			Retired    string
			MergedInto string `json:"merged_into"`
			History    []struct{ Date string }
		}
	}
	b, _ := os.ReadFile(filepath.Join(out, "du-lieu/tien-do.json"))
	if err := json.Unmarshal(b, &data); err != nil {
		t.Fatal(err)
	}
	for _, g := range data.Groups {
		if g.Count != latestCount[g.ID] {
			t.Errorf("tien-do.json: group %s counts %d, want %d", g.ID, g.Count, latestCount[g.ID])
		}
		for _, id := range g.Units {
			if id == "thon-nam" || id == "thon-bac" {
				t.Errorf("tien-do.json: group %s still lists %s", g.ID, id)
			}
		}
	}
	seen := 0
	for _, u := range data.Units {
		for _, w := range units {
			if w.ID != u.ID || w.Retired.IsZero() {
				continue
			}
			seen++
			if u.Retired != w.Retired.Format("2006-01-02") || u.MergedInto != w.MergedInto || len(u.History) == 0 {
				t.Errorf("tien-do.json: %s has retired %q merged_into %q and %d points", u.ID, u.Retired, u.MergedInto, len(u.History))
			}
		}
	}
	if seen != 2 {
		t.Errorf("tien-do.json has %d of the 2 retired units", seen)
	}
	if csv, _ := os.ReadFile(filepath.Join(out, "du-lieu/tien-do.csv")); !strings.Contains(string(csv), "2024-01-05,thon-nam,thon,25,") {
		t.Error("tien-do.csv lost the history of thon-nam")
	}
	if sitemap, _ := os.ReadFile(filepath.Join(out, "sitemap.xml")); strings.Contains(string(sitemap), "thon-nam") {
		t.Error("the sitemap lists a merged unit's redirect")
	}
}

// TestReportAfterRetirement adds to a copy of testdata/xa-doi a report
// that lists thon-bac after its retirement: the build fails with one
// error, at the line, that says so and how to fix it.
func TestReportAfterRetirement(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, "testdata/xa-doi", dir)
	sitetest.Write(t, dir, map[string]string{"content/reports/2024-02-16.toml": "followers = 500\n\n[units]\nthon-dong = 150\nthon-bac = 30\n"})
	var diags diag.List
	_, err := build.Site(build.Options{Site: dir, Out: filepath.Join(t.TempDir(), "public")}, &diags)
	if err == nil {
		t.Fatal("the build passed")
	}
	errs := diags.Errors()
	want := `content/reports/2024-02-16.toml:5:1: unit "thon-bac" stopped taking part on 2024-01-19 (retired in content/units/thon.toml), but this report of 2024-02-16 lists it: remove this line, or change retired if the date is wrong`
	if len(errs) != 1 || errs[0].String() != want {
		t.Errorf("errors %v\nwant %s", errs, want)
	}
}

// TestRetiringKeepsEarlierReports builds testdata/xa-doi with and without
// its retired and merged_into lines: the leaders' report of 2024-01-05,
// before both retirements, and its open data are byte for byte the same;
// that of 2024-01-19, after thon-nam's retirement, is not.
func TestRetiringKeepsEarlierReports(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, "testdata/xa-doi", dir)
	units := filepath.Join(dir, "content/units/thon.toml")
	b, err := os.ReadFile(units)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "retired") && !strings.HasPrefix(line, "merged_into") {
			kept = append(kept, line)
		}
	}
	if len(kept) != len(strings.Split(string(b), "\n"))-3 {
		t.Fatal("testdata/xa-doi no longer has its three lines")
	}
	with := sitetest.Files(t, buildSite(t, "testdata/xa-doi"))
	os.WriteFile(units, []byte(strings.Join(kept, "\n")), 0o644)
	without := sitetest.Files(t, buildSite(t, dir))
	article := regexp.MustCompile(`(?s)<article.*</article>`)
	for _, tc := range []struct {
		path string
		same bool
	}{
		{"bao-cao/2024-01-05/index.html", true}, {"du-lieu/bao-cao/2024-01-05.json", true},
		{"bao-cao/2024-01-19/index.html", false}, {"du-lieu/bao-cao/2024-01-19.json", false},
	} {
		a, b := with[tc.path], without[tc.path]
		if strings.HasSuffix(tc.path, ".html") {
			a, b = article.Find(a), article.Find(b)
		}
		if len(a) == 0 || bytes.Equal(a, b) != tc.same {
			t.Errorf("%s: the same with and without retirements: %v, want %v", tc.path, bytes.Equal(a, b), tc.same)
		}
	}
}

package opendata

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/period"
)

// TestSameBytesAsTheStandardEncoders writes tien-do.json, tien-do.csv and
// the open data of every period's report both by hand and as they were
// made before, through encoding/json and encoding/csv (old_test.go), and
// wants the same bytes: on the example site, every test site of the
// repository, a synthetic site with gaps, retired and merged units, and
// models holding the names no file could (control characters, invalid
// UTF-8, U+2028, quotes, <script>, emoji, text in NFD...).
func TestSameBytesAsTheStandardEncoders(t *testing.T) {
	models := map[string]*campaign.Campaign{}
	dirs, _ := filepath.Glob("../*/testdata/*/site.toml")
	dirs = append(dirs, "../../site.toml")
	for _, f := range dirs {
		dir := filepath.Dir(f)
		var d diag.List // some test sites have errors on purpose
		models[dir] = campaign.New(load.Read(dir, &d), campaign.Options{}, &d)
		models[dir+" (drafts)"] = campaign.New(load.Read(dir, &d), campaign.Options{Drafts: true}, &d)
	}
	if len(models) < 10 {
		t.Fatalf("only %d sites found", len(models))
	}
	site := t.TempDir()
	if err := synth.Write(site, synth.Config{Units: 300, Groups: 7, Reports: 12, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	var d diag.List
	s := load.Read(site, &d)
	messUp(s, 5)
	messy := campaign.New(s, campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	var retired, merged int
	for _, u := range messy.All {
		if !u.Retired.IsZero() {
			retired++
		}
		if u.MergedInto != nil {
			merged++
		}
	}
	if retired < 5 || merged < 2 || len(messy.Gone) < 2 {
		t.Fatalf("the synthetic site has %d retired units, %d merged, %d gone", retired, merged, len(messy.Gone))
	}
	models["synthetic, messed up"] = messy
	models["test model"] = model(t)
	models["hostile model"] = hostile(t)
	models["empty"] = campaign.New(&load.Site{Config: load.Config{BaseURL: "https://x.vn/"}}, campaign.Options{}, &d)
	noGroups := model(t)
	noGroups.Groups, noGroups.Units, noGroups.All = nil, nil, nil
	models["reports without groups"] = noGroups
	noReports := model(t)
	noReports.Latest, noReports.Reports, noReports.HasReach = nil, nil, false
	models["units without reports"] = noReports

	for name, c := range models {
		var old, got bytes.Buffer
		if err := oldWriteJSON(&old, c); err != nil {
			t.Fatal(err)
		}
		if err := WriteJSON(&got, c); err != nil {
			t.Fatal(err)
		}
		same(t, name+": tien-do.json", got.Bytes(), old.Bytes())
		old.Reset()
		got.Reset()
		if err := oldWriteCSV(&old, c); err != nil {
			t.Fatal(err)
		}
		if err := WriteCSV(&got, c); err != nil {
			t.Fatal(err)
		}
		same(t, name+": tien-do.csv", got.Bytes(), old.Bytes())
		for i := range c.Reports {
			p := period.Of(c, i)
			same(t, fmt.Sprintf("%s: %s", name, isoDate(c.Reports[i].Date)), ReportJSON(p), oldReportJSON(p))
		}
	}
}

// TestSameBytesOnTheBenchSite is TestSameBytesAsTheStandardEncoders on
// the benchmarks' site (synth.BenchSite: LOA_BENCH_SITE, the national one,
// when set): the latest period's report only, in -short mode.
func TestSameBytesOnTheBenchSite(t *testing.T) {
	if os.Getenv(synth.BenchEnv) == "" && testing.Short() {
		t.Skip("the small synthetic site: not in -short mode")
	}
	var d diag.List
	c := campaign.New(load.Read(synth.BenchSite(t), &d), campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	var old, got bytes.Buffer
	if err := oldWriteJSON(&old, c); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&got, c); err != nil {
		t.Fatal(err)
	}
	same(t, "tien-do.json", got.Bytes(), old.Bytes())
	old.Reset()
	got.Reset()
	if err := oldWriteCSV(&old, c); err != nil {
		t.Fatal(err)
	}
	if err := WriteCSV(&got, c); err != nil {
		t.Fatal(err)
	}
	same(t, "tien-do.csv", got.Bytes(), old.Bytes())
	for i := len(c.Reports) - 1; i >= 0; i -= 1 + len(c.Reports)/4 {
		p := period.Of(c, i)
		got := ReportJSON(p)
		same(t, isoDate(c.Reports[i].Date), got, oldReportJSON(p))
		// The file is made in the room reportSize gives, not grown, and
		// that room is not twice what it needs.
		if room := reportSize(p); len(got) > room || room > 2*len(got) {
			t.Errorf("report %s: %d bytes in a room of %d", isoDate(c.Reports[i].Date), len(got), room)
		}
	}
}

// TestStringsAsEncodingJSON checks the string quoting against
// encoding/json on every character that it treats apart.
func TestStringsAsEncodingJSON(t *testing.T) {
	var all strings.Builder
	for r := rune(0); r < 0x300; r++ {
		all.WriteRune(r)
	}
	cases := []string{
		"", all.String(), "\u2028\u2029\u2027\u202a", "\xff", "a\xe1\xbbb", "\xe1\xbb", "\xed\xa0\x80", "\xf4\x90\x80\x80",
		"<script>alert('x')</script> & \"y\"", "👍🏽 Thôn", "Tho\u0302n Đông", "\x7f\x00\x1f",
	}
	for _, s := range cases {
		same(t, fmt.Sprintf("%q", s), appendString(nil, s), oldString(s))
	}
}

// TestFloatsAsEncodingJSON checks the numbers against encoding/json at
// and around the limits where it turns to exponents.
func TestFloatsAsEncodingJSON(t *testing.T) {
	xs := []float64{0, 1, -1, 0.5, 1e-6, 9.99999e-7, 1e-7, 1.5e-9, 1e20, 1e21, 123456789e13, 0.1 + 0.2, 1.0 / 3, 2.5e-300, 0.004, 0.833333}
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		xs = append(xs, r.Float64(), r.Float64()*1e-5, r.NormFloat64()*1e22, float64(r.Int64N(1e9))/float64(1+r.Int64N(1e6)))
	}
	for _, x := range xs {
		got, ok := appendFloat(nil, x)
		if !ok {
			t.Fatalf("%v: not finite?", x)
		}
		same(t, fmt.Sprint(x), got, oldFloat(x))
	}
}

// TestCSVFieldsAsEncodingCSV checks the quoting of CSV cells against
// encoding/csv.
func TestCSVFieldsAsEncodingCSV(t *testing.T) {
	cases := []string{"", "a", `\.`, `\..`, " a", "a ", "\u00a0a", "\u3000a", "\u0085a", "\va", "a,b", `a"b"`, "a\rb", "a\r\nb", "a\nb",
		"\n", "\r", `"`, "'=1", "Thôn, \"mới\"\n2"}
	for _, s := range cases {
		same(t, fmt.Sprintf("%q", s), appendCSVField(nil, s), oldCSVField(s))
	}
}

func same(t *testing.T, what string, got, want []byte) {
	t.Helper()
	if bytes.Equal(got, want) {
		return
	}
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(0, i-80)
	t.Errorf("%s: differs at byte %d of %d (want %d):\ngot  %q\nwant %q", what, i, len(got), len(want),
		got[from:min(len(got), i+80)], want[from:min(len(want), i+80)])
}

// hostile is the test model with names that load would refuse or clean,
// put into the model behind its back: the writers must still write what
// encoding/json and encoding/csv wrote.
func hostile(t *testing.T) *campaign.Campaign {
	names := []string{
		"<script>alert(\"x\")</script> & co",
		"Thôn\x00Một\x07\x1b[31m\x7f",
		"\rThôn\rBa\r\nX\n",
		"\u2028Dòng\u2029 \u202eNăm\u202c \u2066Sáu\u2069",
		"Tho\u0302n Đo\u0302ng Hu\u031bng 👍🏽🇻🇳",
		"\xffhỏng\xe1\xbb",
		"=HYPERLINK(\"https://evil.example/\",\"Bấm\")",
		" \t@SUM(1), -1+1, \"quoted\"",
		`\.`,
		`back\slash / "quote"`,
		"'Thôn' Năm",
		"\u00a0Thôn",
	}
	s := &load.Site{
		Config: load.Config{
			BaseURL:  "https://x.example/",
			Campaign: load.Campaign{Name: "C", FollowURL: "https://zalo.me/1", Target: 5000},
			Audience: &load.Audience{Population14Plus: 99400, SmartphoneShare: 0.83},
		},
		Groups: []*load.Group{{ID: "g1", Name: "G1"}, {ID: "g2", Name: "G2"}},
		Reports: []*load.Report{
			{Date: day("2023-10-21"), Followers: 100},
			{Date: day("2023-10-28"), Followers: 200},
			{Date: day("2023-11-04"), Followers: 150},
		},
	}
	for i := range names {
		id := fmt.Sprintf("u%d", i)
		g := s.Groups[i%2]
		g.Units = append(g.Units, &load.Unit{ID: id, Name: "x", Target: int64(100 * (i % 3))})
		for k, r := range s.Reports {
			if (i+k)%4 != 0 {
				r.Units = append(r.Units, load.UnitCount{ID: id, Count: int64(10*k + i)})
			}
		}
	}
	var d diag.List
	c := campaign.New(s, campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	for i, u := range c.All {
		u.Name = names[i%len(names)]
		u.Short = names[(i+1)%len(names)]
		u.Aliases = []string{names[(i+2)%len(names)], "a\u2029b"}
		u.ID = u.ID + names[(i+3)%len(names)]
	}
	for i, g := range c.Groups {
		g.ID, g.Name = g.ID+names[(i+4)%len(names)], names[(i+5)%len(names)]
	}
	c.All[0].Retired = day("2023-10-28")
	c.All[0].MergedInto = c.All[1]
	c.All[1].Retired = day("2024-01-01")
	c.Info.Name, c.Info.Channel, c.Info.FollowURL = names[0], names[3], "https://zalo.me/1?a=<b>&c=d"
	c.Info.Start, c.Info.End = day("2023-10-01"), day("2023-12-31")
	c.Site.BaseURL = "https://x.example/<&>\u2028/"
	c.Reports[0].Source = names[4]
	return c
}

// messUp makes a synthetic site, which lists every unit in every report,
// look like a real one: some units report late, miss reports or go down;
// some are retired, some of those merged into another; one group is
// added that never reports.
func messUp(s *load.Site, seed uint64) {
	r := rand.New(rand.NewPCG(seed, 99))
	skip := map[string]bool{}
	retired := map[string]time.Time{}
	for _, g := range s.Groups {
		for k, u := range g.Units {
			switch n := r.IntN(20); {
			case n == 0 && len(s.Reports) > 2:
				u.Retired = s.Reports[r.IntN(len(s.Reports)-1)].Date.Add(time.Duration(r.IntN(3)) * 24 * time.Hour)
				retired[u.ID] = u.Retired
				if k > 0 && g.Units[k-1].Retired.IsZero() && r.IntN(2) == 0 {
					u.MergedInto = g.Units[k-1].ID
				}
			case n == 1:
				skip[u.ID] = true // never reports
			case n == 2:
				u.Target = 0
			}
		}
	}
	for _, rep := range s.Reports {
		kept := rep.Units[:0]
		for _, uc := range rep.Units {
			if d, ok := retired[uc.ID]; skip[uc.ID] || ok && rep.Date.After(d) || r.IntN(6) == 0 {
				continue
			}
			if r.IntN(10) == 0 {
				uc.Count /= 2 // goes down
			}
			kept = append(kept, uc)
		}
		rep.Units = kept
	}
	s.Groups = append(s.Groups, &load.Group{ID: "moi", Name: "Nhóm mới", Units: []*load.Unit{{ID: "moi-1", Name: "Đơn vị mới", Target: 10}}})
}

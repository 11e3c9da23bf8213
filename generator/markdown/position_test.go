package markdown

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/loa-vn/loa/generator/diag"
)

// funcHandler is a Handler made of functions; nil ones accept and render
// nothing.
type funcHandler struct {
	check  func(*Directive) error
	render func(io.Writer, *Directive, bool) error
}

func (h funcHandler) Check(d *Directive) error {
	if h.check == nil {
		return nil
	}
	return h.check(d)
}

func (h funcHandler) Render(w io.Writer, d *Directive, entering bool) error {
	if h.render == nil {
		return nil
	}
	return h.render(w, d, entering)
}

// rejectAll reports every directive.
var rejectAll = funcHandler{check: func(d *Directive) error { return errors.New("rejected") }}

// parseDiags parses src as a body starting at firstLine of "page.md", with
// LF and with CRLF line endings, checks that both give the same
// diagnostics and directive positions, and returns them.
func parseDiags(t *testing.T, h Handler, src string, firstLine int) ([]string, []diag.Pos) {
	t.Helper()
	var got [2][]string
	var pos [2][]diag.Pos
	for i, s := range []string{src, strings.ReplaceAll(src, "\n", "\r\n")} {
		var l diag.List
		doc := New(Options{Handler: h}).Parse([]byte(s), "page.md", firstLine, &l)
		got[i] = diagStrings(&l)
		for _, d := range doc.Directives() {
			pos[i] = append(pos[i], d.Pos)
		}
	}
	if !reflect.DeepEqual(got[0], got[1]) || !reflect.DeepEqual(pos[0], pos[1]) {
		t.Errorf("LF and CRLF differ:\n  %q %v\n  %q %v", got[0], pos[0], got[1], pos[1])
	}
	return got[0], pos[0]
}

func TestPositions(t *testing.T) {
	body := strings.Join([]string{
		"Giới thiệu chiến dịch.", // 1 -> 8
		"",                       // 2
		"- một",                  // 3
		"",                       // 4
		"   ::qr{a=1}",           // 5 -> 12
		"",                       // 6
		"Đến ngày 04/11 đã đạt :stat[x]{b=2} người,", // 7 -> 14
		"tiếp theo :stat[y].",                        // 8 -> 15
		"",                                           // 9
		"> ::progress",                               // 10 -> 17
		"",                                           // 11
		"-\t::units",                                 // 12 -> 19
		"",                                           // 13
		"| Đơn vị | Số |",                            // 14
		"| --- | --- |",                              // 15
		"| Bắc Sơn | :stat[z]{c=3} |",                // 16 -> 23
		"",
		":::box",    // 18 -> 25
		"  ::chart", // 19 -> 26
		":::",
	}, "\n")
	got, pos := parseDiags(t, rejectAll, body, 8)
	want := []string{
		"page.md:12:4: ::qr: rejected",
		"page.md:14:23: :stat: rejected",
		"page.md:15:11: :stat: rejected",
		"page.md:17:3: ::progress: rejected",
		"page.md:19:3: ::units: rejected",
		"page.md:23:13: :stat: rejected",
		"page.md:25:1: :::box: rejected",
		"page.md:26:3: ::chart: rejected",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n  %q\nwant\n  %q", got, want)
	}
	if len(pos) != len(want) {
		t.Fatalf("directive positions %v", pos)
	}
	for i, p := range pos {
		if s := p.String(); !strings.HasPrefix(want[i], s+":") {
			t.Errorf("directive %d at %s, want the position of %q", i, s, want[i])
		}
	}
	// The column of the text directive on line 7 counts runes, not bytes.
	line := "Đến ngày 04/11 đã đạt :stat[x]{b=2} người,"
	if bytesBefore := strings.Index(line, ":stat"); bytesBefore+1 == 23 || utf8.RuneCountInString(line[:bytesBefore])+1 != 23 {
		t.Fatalf("the test line no longer tells runes from bytes")
	}
}

func TestAttrErrorPosition(t *testing.T) {
	h := funcHandler{check: func(d *Directive) error {
		if _, ok := d.Attr("unit"); !ok {
			return &AttrError{Key: "unit", Msg: diag.Textf("required")}
		}
		if v, _ := d.Attr("size"); v != "" {
			return &AttrError{Key: "size", Msg: diag.Textf("unknown attribute")}
		}
		return nil
	}}
	body := "Mở đầu.\n\n::qr{unit=\"bac-son\" size=2}\n\nĐạt được :qr[mã]{#a unit=x kích=1 size=\"lớn\"}\n\n::qr{.big}\n"
	got, _ := parseDiags(t, h, body, 8)
	want := []string{
		`page.md:10:21: ::qr: attribute "size": unknown attribute`,
		`page.md:12:29: directive syntax: unexpected character "í" in attributes: write key="value", #id or .class`,
		`page.md:14:1: ::qr: attribute "unit": required`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n  %q\nwant\n  %q", got, want)
	}
	got, _ = parseDiags(t, h, "Đạt được :qr[mã]{#a unit=x size=\"lớn\"}", 1)
	if want := []string{`page.md:1:28: :qr: attribute "size": unknown attribute`}; !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n  %q\nwant\n  %q", got, want)
	}
}

func TestSyntaxErrorPositions(t *testing.T) {
	body := "Tiêu đề\n\n::qr{unit=\"bac-son}\n\nĐạt :stat[x]{name=\"reach}\n\n  :::box{a=1\n"
	got, _ := parseDiags(t, funcHandler{}, body, 8)
	want := []string{
		`page.md:10:11: directive syntax: unclosed quote in the value of "unit": add the closing "`,
		`page.md:12:19: directive syntax: unclosed quote in the value of "name": add the closing "`,
		`page.md:14:9: directive syntax: unclosed "{": the attributes have no closing "}"`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n  %q\nwant\n  %q", got, want)
	}
}

func TestUnclosedContainerPosition(t *testing.T) {
	body := "Đầu.\n\n- mục\n\n  :::note\n  Nội dung\n\nHết.\n\n:::box{.x}\n\nVăn bản\n"
	got, _ := parseDiags(t, funcHandler{}, body, 8)
	want := []string{
		"page.md:12:3: :::note is not closed: end it with a line ::: (a container inside another one needs fewer colons than the outer one)",
		"page.md:17:1: :::box is not closed: end it with a line ::: (a container inside another one needs fewer colons than the outer one)",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics\n  %q\nwant\n  %q", got, want)
	}
}

func TestFirstLineDefault(t *testing.T) {
	var l diag.List
	New(Options{}).Parse([]byte("::qr"), "x.md", 0, &l)
	if got := diagStrings(&l); len(got) != 1 || !strings.HasPrefix(got[0], "x.md:1:1: ") {
		t.Errorf("diagnostics %q", got)
	}
}

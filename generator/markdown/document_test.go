package markdown

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/loa-vn/loa/generator/diag"
)

// colOf returns the 1-based rune column of the first sub in line.
func colOf(t *testing.T, line, sub string) int {
	t.Helper()
	i := strings.Index(line, sub)
	if i < 0 {
		t.Fatalf("%q not in %q", sub, line)
	}
	return utf8.RuneCountInString(line[:i]) + 1
}

func TestLinks(t *testing.T) {
	lines := []string{
		"Xem [hướng dẫn](/huong-dan/) và ![mã QR của phường](qr.png \"QR\") Ồ!![x](a.png).", // 3
		"",
		"Tham khảo [văn bản][vb], <https://zalo.me/123> và <hotro@kienan.vn>.", // 5
		"",
		":::box",
		"Trong khung: [tải về](/du-lieu/tien-do.csv)", // 8
		":::",
		"",
		"| Đơn vị | Trang |",
		"| --- | --- |",
		"| Bắc Sơn | [mở](../don-vi/bac-son/) |", // 13
		"",
		"[x](javascript:alert(1)) [y](a\\_b&amp;c)", // 15
		"",
		"[vb]: /van-ban/3143/",
	}
	src := strings.Join(lines, "\r\n")
	doc := New(Options{Handler: funcHandler{}}).Parse([]byte(src), "p.md", 3, nil)
	at := func(i int, sub string) diag.Pos {
		return diag.Pos{File: "p.md", Line: 3 + i, Col: colOf(t, lines[i], sub)}
	}
	want := []Link{
		{Dest: "/huong-dan/", Pos: at(0, "[hướng")},
		{Dest: "qr.png", Image: true, Pos: at(0, "![")},
		{Dest: "a.png", Image: true, Pos: at(0, "![x")},
		{Dest: "/van-ban/3143/", Pos: at(2, "[văn")},
		{Dest: "https://zalo.me/123", Pos: at(2, "<https")},
		{Dest: "mailto:hotro@kienan.vn", Pos: at(2, "<hotro")},
		{Dest: "/du-lieu/tien-do.csv", Pos: at(5, "[tải")},
		{Dest: "../don-vi/bac-son/", Pos: at(10, "[mở")},
		{Dest: "javascript:alert(1)", Pos: at(12, "[x]")},
		{Dest: "a_b&c", Pos: at(12, "[y]")},
	}
	got := doc.Links()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Links() =\n  %v\nwant\n  %v", got, want)
	}
}

func TestSummary(t *testing.T) {
	stat := funcHandler{render: func(w io.Writer, d *Directive, entering bool) error {
		if d.Name == "stat" {
			_, err := io.WriteString(w, `<strong class="so">0,4%</strong><script>x()</script>`)
			return err
		}
		_, err := io.WriteString(w, "<div>KHÔNG</div>")
		return err
	}}
	src := "# Tiêu đề\n\n![logo](logo.png)\n\n::progress\n\nUBND quận   Kiến An đề nghị\ncác đơn vị **tăng cường** tuyên truyền `Zalo  OA` &amp; [chia sẻ](/x/) \\*ngay\\*, đạt :stat[reach].<br>\n\nĐoạn hai.\n"
	doc := New(Options{Handler: stat}).Parse([]byte(src), "p.md", 1, nil)
	full := "UBND quận Kiến An đề nghị các đơn vị tăng cường tuyên truyền Zalo OA & chia sẻ *ngay*, đạt 0,4%."
	tests := []struct {
		max  int
		want string
	}{
		{1000, full},
		{utf8.RuneCountInString(full), full},
		{utf8.RuneCountInString(full) - 1, "UBND quận Kiến An đề nghị các đơn vị tăng cường tuyên truyền Zalo OA & chia sẻ *ngay*, đạt…"},
		{20, "UBND quận Kiến An…"},
		{18, "UBND quận Kiến An…"},
		{17, "UBND quận Kiến…"},
		{5, "UBND…"},
		{3, "UB…"},
		{1, "…"},
		{0, ""},
	}
	for _, tt := range tests {
		got := doc.Summary(tt.max)
		if got != tt.want {
			t.Errorf("Summary(%d) = %q, want %q", tt.max, got, tt.want)
		}
		if n := utf8.RuneCountInString(got); n > tt.max && tt.max >= 0 {
			t.Errorf("Summary(%d) has %d runes", tt.max, n)
		}
	}
}

func TestSummaryEdgeCases(t *testing.T) {
	c := New(Options{})
	for src, want := range map[string]string{
		"":                        "",
		"# Chỉ tiêu đề\n":         "",
		"- mục một\n- mục hai\n":  "", // tight list items are not paragraphs
		"Chào :stat[bạn] nhé.\n":  "Chào bạn nhé.",
		"> Trích dẫn đầu tiên.\n": "Trích dẫn đầu tiên.",
		"Một\\\nHai  \nBa\n":      "Một Hai Ba",
	} {
		if got := c.Parse([]byte(src), "p.md", 1, nil).Summary(50); got != want {
			t.Errorf("Summary of %q = %q, want %q", src, got, want)
		}
	}
}

// TestStaticSummary: a summary is static, the same whatever the Handler
// renders, when no text directive stands in the paragraphs it is looked
// for in; a directive after the paragraph it is taken from does not count.
func TestStaticSummary(t *testing.T) {
	c := New(Options{})
	for src, want := range map[string]bool{
		"Chào bạn.\n":                       true,
		"Chào :stat[bạn] nhé.\n":            false,
		"Một *đậm :stat[x]* câu.\n":         false,
		":stat[]\n\nHai.\n":                 false,
		"Một.\n\nHai :stat[x].\n":           true,
		"# Tiêu đề\n\n::stat{name=\"x\"}\n": true,
		"":                                  true,
	} {
		doc := c.Parse([]byte(src), "p.md", 1, nil)
		label, static := doc.StaticSummary(50)
		if static != want {
			t.Errorf("StaticSummary of %q: static %v, want %v", src, static, want)
		}
		if label != doc.LabelSummary(50) {
			t.Errorf("StaticSummary of %q = %q, LabelSummary %q", src, label, doc.LabelSummary(50))
		}
	}
}

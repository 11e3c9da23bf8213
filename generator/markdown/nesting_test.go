package markdown

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
)

// deepList is a list n deep, each level indented two columns more.
func deepList(n int) string {
	var b strings.Builder
	for k := range n {
		b.WriteString(strings.Repeat("  ", k) + "- mục\n")
	}
	return b.String()
}

// Markdown nested deeper than MaxNesting is an error at the marker that
// goes beyond, found before goldmark parses (which took 13 s on a line of
// 100 KB of ">", and 27 s on a list 2,000 deep): nothing of the text is
// rendered.
func TestDeepMarkdown(t *testing.T) {
	msg := ": nested too deep: block quotes (>) and lists may be nested 16 deep at most"
	cases := []struct {
		name string
		body string
		want string // position of the error; the body starts on line 5
	}{
		{"100 KB of >", "Mở đầu.\n\n" + strings.Repeat(">", 100000) + " trích\n", "7:17"},
		{"> and blanks", strings.Repeat("> ", 50000) + "\n", "5:33"},
		{"a list 2,000 deep", deepList(2000), "21:33"},
		{"list markers on one line", strings.Repeat("- ", 300000) + "a\n", "5:33"},
		{"ordered markers on one line", strings.Repeat("1. ", 300000) + "a\n", "5:49"},
		{"lists in quotes", strings.Repeat("> * ", 100) + "a\n", "5:33"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			c := New(Options{})
			doc := c.Parse([]byte(tc.body), "content/trang.md", 5, &diags)
			want := []string{"content/trang.md:" + tc.want + msg}
			if got := diagStrings(&diags); !slices.Equal(got, want) {
				t.Fatalf("diagnostics %q, want %q", got, want)
			}
			var b strings.Builder
			if err := doc.Render(&b); err != nil {
				t.Fatal(err)
			}
			if b.Len() != 0 {
				t.Errorf("rendered %.100q…, want nothing", b.String())
			}
		})
	}
}

// A text nested as deep as allowed is read and rendered whole, and text
// indented deep without markers (code) is not counted.
func TestModeratelyNestedMarkdown(t *testing.T) {
	src := strings.Repeat(">", 8) + " trích dẫn\n\n" + deepList(16) + "\n```\n" +
		strings.Repeat(" ", 200) + "mã lệnh\n```\n\n" + strings.Repeat("    ", 40) + "thụt lề\n"
	html, _, diags := convert(t, Options{}, src)
	if got := diagStrings(diags); len(got) != 0 {
		t.Fatalf("diagnostics %q", got)
	}
	root := parseHTML(t, html)
	if n := len(elems(root, "blockquote")); n != 8 {
		t.Errorf("%d blockquotes, want 8", n)
	}
	if n := len(elems(root, "ul")); n != 16 {
		t.Errorf("%d lists, want 16", n)
	}
	if n := len(elems(root, "li")); n != 16 {
		t.Errorf("%d list items, want 16", n)
	}
	if !strings.Contains(html, strings.Repeat(" ", 200)+"mã lệnh") {
		t.Error("the code block lost its indentation")
	}
	// 16 quotes deep is allowed too.
	html, _, diags = convert(t, Options{}, strings.Repeat("> ", 16)+"sâu\n")
	if got := diagStrings(diags); len(got) != 0 {
		t.Fatalf("16 deep: diagnostics %q", got)
	}
	if n := len(elems(parseHTML(t, html), "blockquote")); n != 16 {
		t.Errorf("%d blockquotes, want 16", n)
	}
}

// The limit is reported at the line and column of the marker beyond it,
// counted in the file (the body of a file starts after its front matter).
func TestDeepMarkdownPosition(t *testing.T) {
	body := "Đoạn một.\n\n- một\n" + strings.Repeat("  ", 1) + strings.Repeat("> ", 40) + "x\n"
	var diags diag.List
	New(Options{}).Parse([]byte(body), "content/directives/cv.md", 8, &diags)
	// Line 3 of the body is line 10; "  " then "> " 40 times: the
	// marker beyond is the 16th ">" (1 + 16 > 16), at column 2+2*15+1.
	want := "content/directives/cv.md:11:" + strconv.Itoa(2+2*15+1) + ": nested too deep: block quotes (>) and lists may be nested 16 deep at most"
	if got := diagStrings(&diags); !slices.Equal(got, []string{want}) {
		t.Errorf("diagnostics %q, want %q", got, want)
	}
}

package markdown

import (
	"slices"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/loa-vn/loa/generator/diag"
)

// plainGoldmark renders src with goldmark and the GFM extensions Loa
// enables, without Loa's limits.
func plainGoldmark(t *testing.T, src string) string {
	t.Helper()
	var b strings.Builder
	md := goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
	if err := md.Convert([]byte(src), &b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A paragraph with more than MaxInlineMarks inline marks is an error at
// the mark that goes beyond, found before goldmark parses (which took 10 s
// on 64 KB of "*a_"): nothing of the text is rendered.
func TestTooManyInlineMarks(t *testing.T) {
	msg := ": too much formatting in one paragraph: a paragraph, list item or table row may hold 200 of the characters * _ ~ [ ] { at most; split it with a blank line, or put a backslash before each of those characters that is not formatting (\\*)"
	cases := []struct {
		name string
		body string
		want string // position of the error; the body starts on line 5
	}{
		{"*a_ repeated", "Mở đầu.\n\n" + strings.Repeat("*a_", 50000), "7:301"},
		{"[a]( repeated", strings.Repeat("[a](", 50000), "5:401"},
		{"bare [", strings.Repeat("[", 1<<20), "5:201"},
		{"text directives", strings.Repeat(":a{", 50000), "5:603"},
		{"over lines of a paragraph", strings.Repeat("**đậm** ~~gạch~~\n", 30), "30:1"},
		{"in a table row", "| a |\n| - |\n| " + strings.Repeat("_a_ ", 150) + "|\n", "7:403"},
		{"after a code span", "`" + strings.Repeat("*", 500) + "` " + strings.Repeat("*", 201), "5:704"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var diags diag.List
			c := New(Options{Handler: acceptAll})
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

// Marks are counted per paragraph, list item, heading and table row, and
// not in code or when escaped: documents with much formatting, spread out,
// render as goldmark alone renders them.
func TestInlineMarksAllowed(t *testing.T) {
	para := strings.Repeat("**đậm** [liên kết](/a_b/) ", 20) + "\n" // 120 marks
	cases := map[string]string{
		"paragraphs":   strings.Repeat(para+"\n", 50),
		"list items":   strings.Repeat("- "+para, 50),
		"ordered":      strings.Repeat("1. "+para, 50),
		"headings":     strings.Repeat("## "+para, 50),
		"table rows":   "| a | b |\n| --- | ---: |\n" + strings.Repeat("| "+strings.TrimSpace(para)+" | x |\n", 50),
		"quotes":       strings.Repeat("> "+para+">\n", 50),
		"fenced code":  "```\n" + strings.Repeat("*_[]{~\n", 1000) + "```\n",
		"tilde fence":  "~~~~ go\n" + strings.Repeat("*_[]{~\n", 1000) + "~~~~\n",
		"code spans":   strings.Repeat("`*_[]` ``a`b`` ", 300) + "\n",
		"escaped":      strings.Repeat(`\* \_ \[ \] \~ \{ `, 300) + "\n",
		"at the limit": strings.Repeat("*a* ", MaxInlineMarks/2) + "\n",
	}
	for name, src := range cases {
		t.Run(name, func(t *testing.T) {
			var diags diag.List
			doc := New(Options{}).Parse([]byte(src), "content/trang.md", 1, &diags)
			if diags.Len() != 0 {
				t.Fatalf("diagnostics %q", diagStrings(&diags))
			}
			var got strings.Builder
			if err := doc.Render(&got); err != nil {
				t.Fatal(err)
			}
			if want := plainGoldmark(t, src); got.String() != want {
				t.Errorf("rendered %.200q…, want %.200q…", got.String(), want)
			}
		})
	}
}

// The text directives of one line share one copy of it: each still gets
// its own name, label, attributes and position, on lines with a tab, in a
// paragraph of several lines and after a directive with an error.
func TestTextDirectivesOfOneLine(t *testing.T) {
	src := "Đạt :stat[a]{name=\"x\"} và :stat[b] rồi :stat[c\n\tTab :stat{name=y} và :stat[d]{n=1}\n"
	var diags diag.List
	doc := New(Options{Handler: acceptAll}).Parse([]byte(src), "content/trang.md", 3, &diags)
	var got []string
	for _, d := range doc.Directives() {
		got = append(got, d.Pos.String()+" "+d.Name+"["+d.Label+"]")
	}
	want := []string{
		"content/trang.md:3:5 stat[a]",
		"content/trang.md:3:27 stat[b]",
		"content/trang.md:4:6 stat[]",
		"content/trang.md:4:23 stat[d]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("directives %q, want %q", got, want)
	}
	wantDiags := []string{`content/trang.md:3:45: directive syntax: unclosed "[": the label has no closing "]"`}
	if g := diagStrings(&diags); !slices.Equal(g, wantDiags) {
		t.Errorf("diagnostics %q, want %q", g, wantDiags)
	}
}

package markdown

import (
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/ctrlchar"
)

// TestReferencesWriteNoForbiddenCharacter: character references that
// CommonMark resolves to a control or bidirectional formatting character
// ("&#7;", "&#x202E;", "&rlm;") leave nothing on the page, in text, code,
// link titles, image alt text, tables, the summary and directive
// attributes; the text around them stays.
func TestReferencesWriteNoForbiddenCharacter(t *testing.T) {
	src := "Thôn &#x202E;Ba&#x202C; Lan &#7;&#27;&#127;&#x85; &rlm;&lrm;&#8294;x&#8297; &#1564;.\n\n" +
		"# Tiêu đề &#x202e;\n\n" +
		"[liên kết](/don-vi/ \"tựa &#x202E;\") ![ảnh &#x202E;](/a.png \"b&#7;\")\n\n" +
		"| a&#x202E; | b |\n| --- | --- |\n| c&#7; | d |\n\n" +
		"::qr{unit=\"bac-son&#x202E;\"}\n\n" +
		"Mã `&#x202E;` giữ nguyên, \\&#7; cũng vậy.\n"
	h := &fakeHandler{}
	out, doc, diags := convert(t, Options{Handler: h}, src)
	// A warning at each reference in text (the image's alt text included);
	// none for the one in code, nor for an escaped one. (The link's title
	// has no position: it is left out of the page without a warning.)
	want := []string{
		"t.md:1:6: warning: the character reference &#x202E; writes U+202E RIGHT-TO-LEFT OVERRIDE, which is left out of the page: delete it",
		"t.md:1:16: warning: the character reference &#x202C; writes U+202C POP DIRECTIONAL FORMATTING, which is left out of the page: delete it",
		"t.md:1:29: warning: the character reference &#7; writes U+0007, a control character, which is left out of the page: delete it",
		"t.md:1:33: warning: the character reference &#27; writes U+001B, a control character, which is left out of the page: delete it",
		"t.md:1:38: warning: the character reference &#127; writes U+007F, a control character, which is left out of the page: delete it",
		"t.md:1:44: warning: the character reference &#x85; writes U+0085, a control character, which is left out of the page: delete it",
		"t.md:1:51: warning: the character reference &rlm; writes U+200F RIGHT-TO-LEFT MARK, which is left out of the page: delete it",
		"t.md:1:56: warning: the character reference &lrm; writes U+200E LEFT-TO-RIGHT MARK, which is left out of the page: delete it",
		"t.md:1:61: warning: the character reference &#8294; writes U+2066 LEFT-TO-RIGHT ISOLATE, which is left out of the page: delete it",
		"t.md:1:69: warning: the character reference &#8297; writes U+2069 POP DIRECTIONAL ISOLATE, which is left out of the page: delete it",
		"t.md:1:77: warning: the character reference &#1564; writes U+061C ARABIC LETTER MARK, which is left out of the page: delete it",
		"t.md:3:11: warning: the character reference &#x202e; writes U+202E RIGHT-TO-LEFT OVERRIDE, which is left out of the page: delete it",
		"t.md:5:43: warning: the character reference &#x202E; writes U+202E RIGHT-TO-LEFT OVERRIDE, which is left out of the page: delete it",
		"t.md:7:4: warning: the character reference &#x202E; writes U+202E RIGHT-TO-LEFT OVERRIDE, which is left out of the page: delete it",
		"t.md:9:4: warning: the character reference &#7; writes U+0007, a control character, which is left out of the page: delete it",
	}
	if got := diagStrings(diags); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if i := ctrlchar.Index(out); i >= 0 {
		t.Errorf("the HTML holds %q at %d: %s", out[i:i+1], i, out)
	}
	body := parseHTML(t, out)
	if got := textOf(elems(body, "p")[0]); got != "Thôn Ba Lan  x ." {
		t.Errorf("paragraph %q", got)
	}
	for _, want := range []string{"<h1>Tiêu đề </h1>", `title="tựa "`, `alt="ảnh "`, "<th>a</th>", "<td>c</td>", "<code>&amp;#x202E;</code>"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %s in %s", want, out)
		}
	}
	if s := doc.Summary(100); s != "Thôn Ba Lan x ." {
		t.Errorf("summary %q", s)
	}
	if u, _ := doc.Directives()[0].Attr("unit"); u != "bac-son" {
		t.Errorf("unit %q", u)
	}
}

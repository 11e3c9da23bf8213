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
		"Mã `&#x202E;` giữ nguyên.\n"
	h := &fakeHandler{}
	out, doc, diags := convert(t, Options{Handler: h}, src)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
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

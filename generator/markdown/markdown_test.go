package markdown

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark"

	"github.com/loa-vn/loa/generator/diag"
)

func TestLeafDirective(t *testing.T) {
	h := &fakeHandler{}
	out, doc, diags := convert(t, Options{Handler: h}, "# Tiến độ\n\n::progress\n\n::qr{unit=\"bac-son\"}\nSau đó.\n")
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	body := parseHTML(t, out)
	ds := directiveElems(body)
	if len(ds) != 2 || attrOf(ds[0], "data-d") != "progress" || attrOf(ds[1], "data-d") != "qr" {
		t.Fatalf("directive elements in %s", out)
	}
	for _, d := range ds {
		if d.Data != "div" || d.Parent != body {
			t.Errorf("%s: <%s> under <%s>, want a <div> in <body>", attrOf(d, "data-d"), d.Data, d.Parent.Data)
		}
	}
	// The paragraph after a leaf directive is a paragraph of its own.
	if ps := elems(body, "p"); len(ps) != 1 || textOf(ps[0]) != "Sau đó." {
		t.Errorf("paragraphs in %s", out)
	}
	if got := doc.Directives(); len(got) != 2 || got[1].Kind != Leaf || got[1].Name != "qr" {
		t.Errorf("Directives() = %v", got)
	}
	want := []call{{"check", "progress", false}, {"check", "qr", false}, {"render", "progress", true}, {"render", "qr", true}}
	if !reflect.DeepEqual(h.calls, want) {
		t.Errorf("calls = %v\nwant %v", h.calls, want)
	}
}

func TestLeafDirectiveInterruptsParagraph(t *testing.T) {
	out, _, diags := convert(t, Options{Handler: &fakeHandler{}}, "Dòng một\n::progress\nDòng hai\n")
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	body := parseHTML(t, out)
	if ds := directiveElems(body); len(ds) != 1 || ds[0].Parent != body {
		t.Errorf("want one leaf directive at body level in %s", out)
	}
	if ps := elems(body, "p"); len(ps) != 2 {
		t.Errorf("want 2 paragraphs in %s", out)
	}
}

func TestContainerDirective(t *testing.T) {
	h := &fakeHandler{}
	src := ":::box{.noi-bat}\nCác đơn vị cần:\n\n- theo dõi trang\n- chia sẻ **mã QR**\n\n::qr{unit=\"dong-hoa\"}\n:::\n\nSau khung.\n"
	out, doc, diags := convert(t, Options{Handler: h}, src)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	body := parseHTML(t, out)
	ds := directiveElems(body)
	if len(ds) != 2 {
		t.Fatalf("directive elements in %s", out)
	}
	box := ds[0]
	if attrOf(box, "data-d") != "box" || box.Parent != body {
		t.Fatalf("box not at body level in %s", out)
	}
	lis := elems(box, "li")
	if len(lis) != 2 || textOf(lis[1]) != "chia sẻ mã QR" || len(elems(box, "strong")) != 1 {
		t.Errorf("want the list with its emphasis inside the box in %s", out)
	}
	if attrOf(ds[1], "data-d") != "qr" || ds[1].Parent != box {
		t.Errorf("want the qr leaf inside the box in %s", out)
	}
	ps := elems(body, "p")
	if len(ps) != 2 || ps[0].Parent != box || ps[1].Parent != body || textOf(ps[1]) != "Sau khung." {
		t.Errorf("paragraphs in %s", out)
	}
	d := doc.Directives()[0]
	if d.Kind != Container || d.Name != "box" || !reflect.DeepEqual(d.Classes, []string{"noi-bat"}) {
		t.Errorf("Directives()[0] = %v", d)
	}
	want := []call{
		{"check", "box", false}, {"check", "qr", false},
		{"render", "box", true}, {"render", "qr", true}, {"render", "box", false},
	}
	if !reflect.DeepEqual(h.calls, want) {
		t.Errorf("calls = %v\nwant %v", h.calls, want)
	}
}

func TestNestedContainers(t *testing.T) {
	src := "::::box\nNgoài\n:::note\nTrong\n:::\nVẫn ngoài\n::::\n"
	out, _, diags := convert(t, Options{Handler: &fakeHandler{}}, src)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	body := parseHTML(t, out)
	ds := directiveElems(body)
	if len(ds) != 2 || ds[0].Parent != body || ds[1].Parent != ds[0] {
		t.Fatalf("want note inside box in %s", out)
	}
	if got := strings.TrimSpace(textOf(ds[1])); got != "Trong" {
		t.Errorf("note holds %q", got)
	}
	if ps := elems(ds[0], "p"); len(ps) != 3 || textOf(ps[2]) != "Vẫn ngoài" {
		t.Errorf("paragraphs of box in %s", out)
	}
}

func TestContainerInListAndQuote(t *testing.T) {
	src := "- mục\n\n  :::note\n  trong mục\n  :::\n\n> :::box\n> trong trích dẫn\n> :::\n"
	out, _, diags := convert(t, Options{Handler: &fakeHandler{}}, src)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	ds := directiveElems(parseHTML(t, out))
	if len(ds) != 2 || ds[0].Parent.Data != "li" || ds[1].Parent.Data != "blockquote" {
		t.Fatalf("directives in %s", out)
	}
}

func TestTextDirective(t *testing.T) {
	h := &fakeHandler{}
	out, doc, diags := convert(t, Options{Handler: h}, "Đã đạt :stat[reach]{name=\"reach\"} số người dùng, lúc 08:30. Lưu ý: abc, a:b, std::x[1].\n")
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	body := parseHTML(t, out)
	ds := directiveElems(body)
	if len(ds) != 1 || ds[0].Data != "span" || ds[0].Parent.Data != "p" || textOf(ds[0]) != "reach" {
		t.Fatalf("want one <span> inside the paragraph in %s", out)
	}
	if got := textOf(elems(body, "p")[0]); got != "Đã đạt reach số người dùng, lúc 08:30. Lưu ý: abc, a:b, std::x[1]." {
		t.Errorf("paragraph text = %q", got)
	}
	d := doc.Directives()
	if len(d) != 1 || d[0].Kind != Text || d[0].Label != "reach" {
		t.Errorf("Directives() = %v", d)
	}
}

func TestTextDirectiveInHeadingAndTable(t *testing.T) {
	src := "## Đạt :stat[x]\n\n| Chỉ số | Giá trị |\n| --- | --- |\n| Theo dõi | :stat{name=followers} |\n"
	out, doc, diags := convert(t, Options{Handler: &fakeHandler{}}, src)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	ds := directiveElems(parseHTML(t, out))
	if len(ds) != 2 || ds[0].Parent.Data != "h2" || ds[1].Parent.Data != "td" {
		t.Errorf("directives in %s", out)
	}
	if len(doc.Directives()) != 2 {
		t.Errorf("Directives() = %v", doc.Directives())
	}
}

func TestDirectivesStayLiteralInCode(t *testing.T) {
	h := &fakeHandler{}
	src := "```\n::qr{unit=\"x\"}\n:::box\n```\n\nMã `:stat[reach]` và ``::qr``.\n\n    ::progress\n    :stat[a]\n\n~~~md\n:::note\n~~~\n"
	out, doc, diags := convert(t, Options{Handler: h}, src)
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diagStrings(diags))
	}
	if len(h.calls) != 0 || len(doc.Directives()) != 0 {
		t.Errorf("directives in code were parsed: %v", h.calls)
	}
	body := parseHTML(t, out)
	var codes []string
	for _, c := range elems(body, "code") {
		codes = append(codes, textOf(c))
	}
	want := []string{"::qr{unit=\"x\"}\n:::box\n", ":stat[reach]", "::qr", "::progress\n:stat[a]\n", ":::note\n"}
	if !reflect.DeepEqual(codes, want) {
		t.Errorf("code = %q\nwant %q", codes, want)
	}
}

func TestNotDirectives(t *testing.T) {
	// None of these is a directive nor an error.
	for _, src := range []string{
		"Họp lúc 08:30 sáng.",
		"Lưu ý: abc",
		"Lưu ý:abc",
		"a ::b[c]",
		"::",
		":: Mục lục",
		"\\:stat[x]",
		"https://zalo.me/x",
		"Tỷ lệ 1:2{3}",
	} {
		h := &fakeHandler{}
		out, doc, diags := convert(t, Options{Handler: h}, src)
		if diags.Len() != 0 || len(doc.Directives()) != 0 || len(h.calls) != 0 {
			t.Errorf("%q: directives %v, diagnostics %v", src, doc.Directives(), diagStrings(diags))
		}
		if len(directiveElems(parseHTML(t, out))) != 0 {
			t.Errorf("%q rendered %s", src, out)
		}
	}
}

func TestEscapedColonBeforeTextDirective(t *testing.T) {
	h := &fakeHandler{}
	out, _, _ := convert(t, Options{Handler: h}, "\\::stat[x]")
	if got := h.rendered(); !reflect.DeepEqual(got, []string{"stat"}) || !strings.HasPrefix(out, "<p>:<span") {
		t.Errorf("rendered %v: %s", got, out)
	}
}

func TestDirectiveErrors(t *testing.T) {
	tests := []struct {
		src  string
		want []string
	}{
		{"::nosuch", []string{"t.md:1:1: ::nosuch: unknown directive"}},
		{"Số :nosuch[x] đây", []string{"t.md:1:4: :nosuch: unknown directive"}},
		{"::qr{unit=\"bac-son}", []string{`t.md:1:11: directive syntax: unclosed quote in the value of "unit": add the closing "`}},
		{"::qr{=x}", []string{`t.md:1:6: directive syntax: expected an attribute name before "="`}},
		{"::-bad", []string{`t.md:1:3: directive syntax: expected a directive name after "::": a letter, then letters, digits, - or _`}},
		{"::qr{unit=bac-son unit=dong-hoa}", []string{`t.md:1:19: directive syntax: duplicate attribute "unit"`}},
		{"::qr là mã", []string{"t.md:1:6: directive syntax: unexpected text after the directive (a leaf or container directive stands alone on its line)"}},
		{"Mã :stat[reach chưa đóng", []string{`t.md:1:9: directive syntax: unclosed "[": the label has no closing "]"`}},
		{"::: note\n:::", []string{
			"t.md:1:4: directive syntax: no space allowed between ::: and the directive name",
			"t.md:2:1: directive syntax: ::: closes no container directive (a container inside another one needs fewer colons than the outer one)",
		}},
		{":::box\nnội dung\n\nchưa đóng", []string{
			"t.md:1:1: :::box is not closed: end it with a line ::: (a container inside another one needs fewer colons than the outer one)",
		}},
		// Same colons inside: the first ::: closes the outer box.
		{":::box\n:::note\nx\n:::\n:::", []string{
			"t.md:2:1: :::note is not closed: end it with a line ::: (a container inside another one needs fewer colons than the outer one)",
			"t.md:5:1: directive syntax: ::: closes no container directive (a container inside another one needs fewer colons than the outer one)",
		}},
	}
	for _, tt := range tests {
		h := &fakeHandler{}
		out, _, diags := convert(t, Options{Handler: h}, tt.src)
		if got := diagStrings(diags); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: diagnostics\n  %q\nwant\n  %q", tt.src, got, tt.want)
		}
		for _, d := range directiveElems(parseHTML(t, out)) {
			if n := attrOf(d, "data-d"); n == "nosuch" || n == "qr" || n == "note" {
				t.Errorf("%q: a directive with a problem was rendered: %s", tt.src, out)
			}
		}
	}
}

func TestCheckedDirectiveNotRendered(t *testing.T) {
	h := &fakeHandler{}
	out, _, diags := convert(t, Options{Handler: h}, ":::nosuch\nVẫn hiện\n:::\n\n::qr{unit=\"hanoi\"}\n")
	if diags.Len() != 2 {
		t.Errorf("diagnostics: %v", diagStrings(diags))
	}
	if got := h.rendered(); len(got) != 0 {
		t.Errorf("rendered %v", got)
	}
	if !strings.Contains(out, "<p>Vẫn hiện</p>") {
		t.Errorf("the children of a rejected container should render: %s", out)
	}
}

func TestNilHandler(t *testing.T) {
	out, _, diags := convert(t, Options{}, "::qr\n\nSố :stat[x].\n")
	want := []string{
		"t.md:1:1: ::qr: directives are not available here",
		"t.md:3:4: :stat: directives are not available here",
	}
	if got := diagStrings(diags); !reflect.DeepEqual(got, want) {
		t.Errorf("diagnostics %q\nwant %q", got, want)
	}
	if out != "<p>Số .</p>\n" {
		t.Errorf("output %q", out)
	}
}

func TestRenderError(t *testing.T) {
	h := &fakeHandler{renderErr: errors.New("no data")}
	doc := New(Options{Handler: h}).Parse([]byte("\n\n::progress\n"), "t.md", 1, nil)
	err := doc.Render(&bytes.Buffer{})
	if err == nil || !errors.Is(err, h.renderErr) || !strings.HasPrefix(err.Error(), "t.md:3:1: ::progress: ") {
		t.Errorf("Render() = %v", err)
	}
}

func TestRawHTML(t *testing.T) {
	src := "<script>alert(1)</script>\n\nChữ <b onclick=\"x()\">đậm</b> và [x](javascript:alert(1)) ![i](javascript:alert(2)) <javascript:alert(3)> [ok](https://a.vn/) ![png](data:image/png;base64,AAAA)\n"
	safe, _, _ := convert(t, Options{}, src)
	if strings.Contains(safe, "<script") || strings.Contains(safe, "<b") || !strings.Contains(safe, "<!-- raw HTML omitted -->") {
		t.Errorf("raw HTML kept by default: %s", safe)
	}
	unsafe, _, _ := convert(t, Options{Unsafe: true}, src)
	if !strings.Contains(unsafe, "<script>alert(1)</script>") || !strings.Contains(unsafe, `<b onclick="x()">`) {
		t.Errorf("raw HTML dropped with Unsafe: %s", unsafe)
	}
	for _, out := range []string{safe, unsafe} {
		body := parseHTML(t, out)
		var hrefs []string
		for _, a := range elems(body, "a") {
			hrefs = append(hrefs, attrOf(a, "href"))
		}
		for _, img := range elems(body, "img") {
			hrefs = append(hrefs, attrOf(img, "src"))
		}
		want := []string{"", "", "https://a.vn/", "", "data:image/png;base64,AAAA"}
		if !reflect.DeepEqual(hrefs, want) {
			t.Errorf("destinations %q, want %q in %s", hrefs, want, out)
		}
	}
}

func TestGFM(t *testing.T) {
	out, _, _ := convert(t, Options{}, "| Đơn vị | Số |\n| --- | ---: |\n| Bắc Sơn | 41 |\n\n~~cũ~~ https://zalo.me/x\n")
	body := parseHTML(t, out)
	if len(elems(body, "table")) != 1 || len(elems(body, "td")) != 2 {
		t.Errorf("no table: %s", out)
	}
	if len(elems(body, "del")) != 1 {
		t.Errorf("no strikethrough: %s", out)
	}
	if len(elems(body, "a")) != 0 {
		t.Errorf("a bare URL was linked: %s", out)
	}
}

func TestExtensionOnItsOwn(t *testing.T) {
	h := &fakeHandler{}
	md := goldmark.New(goldmark.WithExtensions(&Extension{Handler: h}))
	var out bytes.Buffer
	if err := md.Convert([]byte("::progress\n\nĐạt :stat[x].\n\n::nosuch\n"), &out); err != nil {
		t.Fatal(err)
	}
	if got := h.rendered(); !reflect.DeepEqual(got, []string{"progress", "stat"}) {
		t.Errorf("rendered %v: %s", got, out.String())
	}
}

func TestConcurrentUse(t *testing.T) {
	h := &fakeHandler{}
	c := New(Options{Handler: h})
	src := []byte(":::box\n- a :stat[x]\n- b\n:::\n\n::qr{unit=\"nowhere\"}\n")
	var wg sync.WaitGroup
	outs := make([]string, 8)
	for i := range outs {
		wg.Go(func() {
			var diags []string
			for range 20 {
				var l diag.List
				doc := c.Parse(src, "t.md", 1, &l)
				var b bytes.Buffer
				if err := doc.Render(&b); err != nil {
					t.Error(err)
				}
				doc.Links()
				doc.Summary(10)
				outs[i] = b.String()
				diags = diagStrings(&l)
			}
			if len(diags) != 1 || diags[0] != `t.md:6:6: ::qr: attribute "unit": no unit "nowhere"` {
				t.Errorf("diagnostics %q", diags)
			}
		})
	}
	wg.Wait()
	for _, o := range outs {
		if o != outs[0] {
			t.Errorf("outputs differ:\n%s\n%s", o, outs[0])
		}
	}
	if ds := directiveElems(parseHTML(t, outs[0])); len(ds) != 2 {
		t.Errorf("output %s", outs[0])
	}
}

// TestRenderTwice checks that a document renders the same every time
// (serve renders a parse kept from an earlier build again), aligned table
// cells included, as goldmark renders them the first time.
func TestRenderTwice(t *testing.T) {
	src := "| STT | Đơn vị | Số |\n|---:|:---|:---:|\n| 1 | An Lạc | 12 |\n"
	first, doc, _ := convert(t, Options{}, src)
	want := "<table>\n<thead>\n<tr>\n<th style=\"text-align:right\">STT</th>\n<th style=\"text-align:left\">Đơn vị</th>\n<th style=\"text-align:center\">Số</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style=\"text-align:right\">1</td>\n<td style=\"text-align:left\">An Lạc</td>\n<td style=\"text-align:center\">12</td>\n</tr>\n</tbody>\n</table>\n"
	if first != want {
		t.Errorf("first render:\n%s\nwant:\n%s", first, want)
	}
	for range 2 {
		var out bytes.Buffer
		if err := doc.Render(&out); err != nil {
			t.Fatal(err)
		}
		if out.String() != first {
			t.Errorf("rendered again:\n%s\nfirst:\n%s", out.String(), first)
		}
	}
}

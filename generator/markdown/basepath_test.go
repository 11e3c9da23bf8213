package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func renderWith(t *testing.T, opts Options, src string) (string, *Document) {
	t.Helper()
	doc := New(opts).Parse([]byte(src), "a.md", 1, nil)
	var buf bytes.Buffer
	if err := doc.Render(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.String(), doc
}

// Root-relative links and images move under the base path while the
// document is parsed; Links still gives them as written, for the link
// check's messages.
func TestBasePathMovesRootRelativeLinks(t *testing.T) {
	src := "[a](/tien-do/) [b](/zalo/don-vi/) [c](//x.vn/) [d](../x/) [e](https://x.vn/y) [f](#m)\n\n" +
		"![x](/static/x.png) [g][ref] [h](</van-ban/a b/>) [i](\\/esc/)\n\n[ref]: /don-vi/bac-son/\n"
	got, doc := renderWith(t, Options{BasePath: "/zalo/"}, src)
	for _, want := range []string{
		`<a href="/zalo/tien-do/">a</a>`,
		`<a href="/zalo/don-vi/">b</a>`,
		`<a href="//x.vn/">c</a>`,
		`<a href="../x/">d</a>`,
		`<a href="https://x.vn/y">e</a>`,
		`<a href="#m">f</a>`,
		`<img src="/zalo/static/x.png" alt="x">`,
		`<a href="/zalo/don-vi/bac-son/">g</a>`,
		`<a href="/zalo/van-ban/a%20b/">h</a>`,
		`<a href="/zalo/esc/">i</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %s in\n%s", want, got)
		}
	}
	var dests []string
	for _, l := range doc.Links() {
		dests = append(dests, l.Dest)
	}
	want := "/tien-do/ /zalo/don-vi/ //x.vn/ ../x/ https://x.vn/y #m /static/x.png /don-vi/bac-son/ /van-ban/a b/ /esc/"
	if strings.Join(dests, " ") != want {
		t.Errorf("Links:\n%s\nwant\n%s", strings.Join(dests, " "), want)
	}

	plain, _ := renderWith(t, Options{}, src)
	for _, base := range []string{"/", ""} {
		if got, _ := renderWith(t, Options{BasePath: base}, src); got != plain {
			t.Errorf("base path %q changed the output:\n%s", base, got)
		}
	}
	if !strings.Contains(plain, `<a href="/tien-do/">a</a>`) {
		t.Errorf("without a base path: %s", plain)
	}
}

// Raw HTML is the author's own: its links are left as written.
func TestBasePathLeavesRawHTML(t *testing.T) {
	got, _ := renderWith(t, Options{BasePath: "/zalo/", Unsafe: true}, `<a href="/x/">x</a> [y](/y/)`+"\n")
	if !strings.Contains(got, `<a href="/x/">x</a>`) || !strings.Contains(got, `<a href="/zalo/y/">y</a>`) {
		t.Errorf("got %s", got)
	}
}

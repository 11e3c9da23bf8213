package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"sync"
	"testing"

	xhtml "golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/diag"
)

// call is one call a fakeHandler received.
type call struct {
	method   string // "check" or "render"
	name     string
	entering bool
}

// fakeHandler knows the directives qr (attribute unit, one of bac-son and
// dong-hoa), progress, stat, box and note. It renders leaf and container
// directives as <div data-d="name"> and text directives as
// <span data-d="name">label</span>, and records every call.
type fakeHandler struct {
	mu        sync.Mutex
	calls     []call
	renderErr error
}

func (h *fakeHandler) record(c call) {
	h.mu.Lock()
	h.calls = append(h.calls, c)
	h.mu.Unlock()
}

func (h *fakeHandler) Check(d *Directive) error {
	h.record(call{"check", d.Name, false})
	switch d.Name {
	case "qr":
		for _, a := range d.Attrs {
			if a.Key != "unit" {
				return &AttrError{Key: a.Key, Msg: diag.Textf("unknown attribute")}
			}
		}
		if u, ok := d.Attr("unit"); ok && u != "bac-son" && u != "dong-hoa" {
			return &AttrError{Key: "unit", Msg: diag.Textf("no unit %q", u)}
		}
	case "progress", "stat", "box", "note":
	default:
		return errors.New("unknown directive")
	}
	return nil
}

func (h *fakeHandler) Render(w io.Writer, d *Directive, entering bool) error {
	h.record(call{"render", d.Name, entering})
	if h.renderErr != nil {
		return h.renderErr
	}
	var err error
	switch {
	case d.Kind == Text:
		_, err = fmt.Fprintf(w, `<span data-d="%s">%s</span>`, d.Name, html.EscapeString(d.Label))
	case entering:
		_, err = fmt.Fprintf(w, `<div data-d="%s">`, d.Name)
		if d.Kind == Leaf {
			_, err = io.WriteString(w, "</div>\n")
		}
	default:
		_, err = io.WriteString(w, "</div>\n")
	}
	return err
}

// rendered returns the names of the Render calls with entering=true.
func (h *fakeHandler) rendered() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	var names []string
	for _, c := range h.calls {
		if c.method == "render" && c.entering {
			names = append(names, c.name)
		}
	}
	return names
}

// convert parses and renders src with h at firstLine 1 of "t.md".
func convert(t *testing.T, opts Options, src string) (string, *Document, *diag.List) {
	t.Helper()
	var diags diag.List
	doc := New(opts).Parse([]byte(src), "t.md", 1, &diags)
	var out bytes.Buffer
	if err := doc.Render(&out); err != nil {
		t.Fatalf("Render: %v", err)
	}
	return out.String(), doc, &diags
}

// parseHTML parses a rendered fragment into the <body> of a document.
func parseHTML(t *testing.T, s string) *xhtml.Node {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("parsing the output: %v", err)
	}
	var body *xhtml.Node
	walk(doc, func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == "body" {
			body = n
		}
	})
	return body
}

func walk(n *xhtml.Node, f func(*xhtml.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

func attrOf(n *xhtml.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// directiveElems returns the elements that carry data-d.
func directiveElems(root *xhtml.Node) []*xhtml.Node {
	var out []*xhtml.Node
	walk(root, func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && attrOf(n, "data-d") != "" {
			out = append(out, n)
		}
	})
	return out
}

// elems returns the elements named tag under root.
func elems(root *xhtml.Node, tag string) []*xhtml.Node {
	var out []*xhtml.Node
	walk(root, func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode && n.Data == tag {
			out = append(out, n)
		}
	})
	return out
}

// textOf returns the text under n.
func textOf(n *xhtml.Node) string {
	var b strings.Builder
	walk(n, func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			b.WriteString(n.Data)
		}
	})
	return b.String()
}

// diagStrings formats every diagnostic of l.
func diagStrings(l *diag.List) []string {
	var out []string
	for _, d := range l.All() {
		out = append(out, d.String())
	}
	return out
}

package markdown

import (
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/ctrlchar"
	"github.com/loa-vn/loa/generator/diag"
)

// Document is one parsed Markdown text, ready to be rendered.
type Document struct {
	md      goldmark.Markdown
	handler Handler
	src     []byte
	root    ast.Node
	st      *parseState
}

// Link is one link or image destination written in the Markdown.
type Link struct {
	Dest  string   // the destination with escapes and character references resolved
	Image bool     // an image (![alt](src)) rather than a link
	Pos   diag.Pos // position of the link's "[" or the image's "!"
}

// Source returns the Markdown text the document was parsed from. The
// bytes must not be changed.
func (d *Document) Source() []byte { return d.src }

// Directives returns every directive of the document in source order,
// including those that Handler.Check rejected.
func (d *Document) Directives() []*Directive {
	return d.st.directives
}

// Links returns every link, autolink and image destination with its
// position, in source order. Dangerous destinations (javascript: and the
// like) are listed too, though they are never rendered.
func (d *Document) Links() []Link {
	var links []Link
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			links = append(links, Link{Dest: d.written(n, n.Destination), Pos: d.st.pos(n.Pos())})
		case *ast.Image:
			links = append(links, Link{Dest: d.written(n, n.Destination), Image: true, Pos: d.st.pos(n.Pos())})
		case *ast.AutoLink:
			dest := string(n.URL(d.src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(dest), "mailto:") {
				dest = "mailto:" + dest
			}
			links = append(links, Link{Dest: dest, Pos: d.st.pos(n.Pos())})
		}
		return ast.WalkContinue, nil
	})
	return links
}

// written is the destination of a link or image as the Markdown wrote it,
// before Options.BasePath moved it.
func (d *Document) written(n ast.Node, dest []byte) string {
	if w, ok := d.st.written[n]; ok {
		return w
	}
	return resolve(dest)
}

// resolve decodes backslash escapes and character references the way
// goldmark does before it renders a destination.
func resolve(v []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(util.UnescapePunctuations(v))))
}

// Summary returns the plain text of the first paragraph that has any,
// whitespace collapsed, cut at a word boundary to at most max runes
// (counting the "…" that marks the cut). Images and raw HTML are left out;
// a text directive stands as the text of its rendered HTML.
func (d *Document) Summary(max int) string { s, _ := d.summary(max, true); return s }

// LabelSummary is Summary with each text directive as its label, as
// without a Handler: text that depends on the body alone.
func (d *Document) LabelSummary(max int) string { s, _ := d.summary(max, false); return s }

// StaticSummary returns LabelSummary(max), and whether Summary(max) is
// the same whatever the Handler renders: when no text directive stands in
// the paragraphs a summary is looked for in.
func (d *Document) StaticSummary(max int) (summary string, static bool) {
	return d.summary(max, false)
}

// summary is Summary (rendered) or LabelSummary, and whether no text
// directive was met on the way.
func (d *Document) summary(max int, rendered bool) (string, bool) {
	var text string
	static := true
	_ = ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering || n.Kind() != ast.KindParagraph {
			return ast.WalkContinue, nil
		}
		var b strings.Builder
		if static && hasTextDirective(n) {
			static = false
		}
		d.plainText(&b, n, rendered)
		// References may write the characters of ctrlchar.
		text = strings.Join(strings.Fields(ctrlchar.Strip(b.String())), " ")
		if text != "" {
			return ast.WalkStop, nil
		}
		return ast.WalkSkipChildren, nil
	})
	return truncate(text, max), static
}

// hasTextDirective reports whether a text directive stands among n's
// inline descendants.
func hasTextDirective(n ast.Node) bool {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		if _, ok := c.(*DirectiveInline); ok || hasTextDirective(c) {
			return true
		}
	}
	return false
}

// plainText writes the text of n's inline children to b; text directives
// as the text of their HTML when rendered, else as their labels.
func (d *Document) plainText(b *strings.Builder, n ast.Node, rendered bool) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(d.src)
			if c.IsRaw() {
				b.Write(v)
			} else {
				b.WriteString(resolve(v))
			}
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.AutoLink:
			b.Write(c.Label(d.src))
		case *ast.Image, *ast.RawHTML:
		case *DirectiveInline:
			if rendered {
				b.WriteString(d.directiveText(c))
			} else {
				b.WriteString(c.Directive.Label)
			}
		default:
			d.plainText(b, c, rendered)
		}
	}
}

// directiveText returns the text of the HTML a text directive renders to,
// or its label when it cannot be rendered.
func (d *Document) directiveText(n *DirectiveInline) string {
	if n.Failed || d.handler == nil {
		return n.Directive.Label
	}
	var buf bytes.Buffer
	if err := d.handler.Render(&buf, n.Directive, true); err != nil {
		return n.Directive.Label
	}
	var b strings.Builder
	z := html.NewTokenizer(&buf)
	skip := 0 // inside <script> or <style>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
		}
	}
}

// truncate cuts s to at most max runes, "…" included, at a word boundary
// when there is one.
func truncate(s string, max int) string {
	if max <= 0 {
		return ""
	}
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut := 0
	for i := 0; i < max-1; i++ {
		_, size := utf8.DecodeRuneInString(s[cut:])
		cut += size
	}
	head := s[:cut]
	if s[cut] != ' ' {
		if i := strings.LastIndexByte(head, ' '); i > 0 {
			head = head[:i]
		}
	}
	head = strings.TrimRight(head, " ,;:")
	if head == "" {
		head = s[:cut]
	}
	return head + "…"
}

// Render writes the document's HTML to w. Directive nodes call
// Handler.Render; its first error stops rendering and is returned.
func (d *Document) Render(w io.Writer) error {
	return d.md.Renderer().Render(w, d.src, d.root)
}

// Rebind returns the document as c would render it: the same parse, with
// c's Handler giving its directives their meaning. c must have the
// Options of the Converter that parsed d but the Handler; a Handler whose
// checks would now fail means parsing again. The parse is shared, never
// changed: both documents may render at once. (serve keeps the parses of
// the Markdown that did not change from one rebuild to the next.)
func (d *Document) Rebind(c *Converter) *Document {
	n := *d
	n.md, n.handler = c.md, c.handler
	return &n
}

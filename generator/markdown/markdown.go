// Package markdown owns Loa's Markdown: goldmark configured with GFM
// tables, raw HTML off unless the site opts in, and the directive extension
// (generic-directive syntax) as a block parser, an inline parser, AST nodes
// and node renderers. It parses directives; what they mean and how they
// look is given by a Handler. It knows nothing about files or sites.
package markdown

import (
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/loa-vn/loa/generator/diag"
)

// Options configures a Converter.
type Options struct {
	// Unsafe renders raw HTML written in Markdown. Off by default: raw HTML
	// is dropped, leaving goldmark's "<!-- raw HTML omitted -->". Links and
	// images keep their dangerous-URL filtering either way.
	Unsafe bool
	// Handler gives directives their meaning. nil: every directive is
	// reported as an error "directives are not available here".
	Handler Handler
	// BasePath is the path the site is served at ("/zalo/"). When set,
	// links and images whose destination starts with a single "/" and not
	// with BasePath are moved under it: "/don-vi/" becomes "/zalo/don-vi/".
	// Document.Links still lists the destinations as written.
	BasePath string
}

// Converter parses and renders Loa's Markdown. It is safe for concurrent
// use after New (as long as its Handler is).
type Converter struct {
	md      goldmark.Markdown
	handler Handler
}

// New returns a Converter: CommonMark with GFM tables and strikethrough
// (no autolinking of bare URLs, no heading attributes) and the directive
// extension.
func New(opts Options) *Converter {
	options := []goldmark.Option{
		goldmark.WithExtensions(
			extension.Table,
			extension.Strikethrough,
			&Extension{Handler: opts.Handler},
		),
		goldmark.WithRendererOptions(html.WithWriter(safeWriter{html.DefaultWriter})),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(tableAlign{}, 900))),
	}
	if p := opts.BasePath; p != "" && p != "/" {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p
		}
		if !strings.HasSuffix(p, "/") {
			p += "/"
		}
		options = append(options, goldmark.WithParserOptions(
			parser.WithASTTransformers(util.Prioritized(basePath{path: p}, 500)),
		))
	}
	if opts.Unsafe {
		options = append(options, goldmark.WithRendererOptions(
			renderer.WithNodeRenderers(util.Prioritized(rawHTMLRenderer{}, 100)),
		))
	}
	return &Converter{md: goldmark.New(options...), handler: opts.Handler}
}

// Parse parses src. file and firstLine say where src's first byte stands in
// its file (the body of a file whose front matter takes 7 lines starts at
// firstLine 8), so every diagnostic carries the true file:line:col. Every
// syntax error and every error Handler.Check returns is added to diags
// (which may be nil to drop them).
func (c *Converter) Parse(src []byte, file string, firstLine int, diags *diag.List) *Document {
	st := newParseState(src, file, firstLine, diags)
	if at, deep := tooDeep(src); deep {
		// goldmark would take time quadratic in the depth: the text is
		// reported and left empty.
		st.errorf(at, "%s", nestingMessage())
		src = nil
		st = newParseState(src, file, firstLine, diags)
	} else if at, many := tooManyMarks(src); many {
		// goldmark would take time quadratic in the marks of the
		// paragraph: the text is reported and left empty.
		st.errorf(at, "%s", inlineMessage())
		src = nil
		st = newParseState(src, file, firstLine, diags)
	}
	pc := parser.NewContext()
	pc.Set(stateKey, st)
	root := c.md.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	st.warnForbiddenRefs(root)
	return &Document{md: c.md, handler: c.handler, src: src, root: root, st: st}
}

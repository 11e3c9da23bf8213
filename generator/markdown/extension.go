package markdown

import (
	"errors"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Extension is the goldmark Extender of the directive syntax, usable on its
// own with goldmark.New(goldmark.WithExtensions(&Extension{...})). Used that
// way, directives are parsed, checked and rendered, but their diagnostics
// are dropped: Converter.Parse is the way to collect them.
type Extension struct {
	// Handler gives directives their meaning; nil makes every directive an
	// error "directives are not available here".
	Handler Handler
}

// Extend adds the directive block and inline parsers, the AST transformer
// that checks every directive with the Handler, and the node renderers.
func (e *Extension) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(blockParser{}, 750)),
		parser.WithInlineParsers(util.Prioritized(inlineParser{}, 450)),
		parser.WithASTTransformers(util.Prioritized(&checker{handler: e.Handler}, 1000)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(
		util.Prioritized(&directiveRenderer{handler: e.Handler}, 500),
	))
}

// checker is the AST transformer that lists every directive of a document
// in source order and runs Handler.Check on each.
type checker struct {
	handler Handler
}

// Transform implements parser.ASTTransformer.
func (c *checker) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc, reader.Source())
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		d, failed := directiveOf(n)
		if d == nil {
			return ast.WalkContinue, nil
		}
		st.directives = append(st.directives, d)
		prefix := d.Kind.marker() + d.Name + ": "
		if c.handler == nil {
			*failed = true
			st.errorAtf(d.Pos, "%sdirectives are not available here", prefix)
			return ast.WalkContinue, nil
		}
		err := c.handler.Check(d)
		if err == nil {
			return ast.WalkContinue, nil
		}
		*failed = true
		at := d.Pos
		var ae *AttrError
		if errors.As(err, &ae) {
			for _, a := range d.Attrs {
				if a.Key == ae.Key {
					at = a.Pos
					break
				}
			}
		}
		st.errorAtf(at, "%s%v", prefix, err)
		return ast.WalkContinue, nil
	})
}

package markdown

import (
	"fmt"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// directiveRenderer renders directive nodes through the Handler.
type directiveRenderer struct {
	handler Handler
}

// RegisterFuncs implements renderer.NodeRenderer.
func (r *directiveRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(KindDirectiveBlock, r.renderBlock)
	reg.Register(KindDirectiveInline, r.renderInline)
}

func (r *directiveRenderer) renderBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*DirectiveBlock)
	if n.Failed || r.handler == nil || (!entering && n.Directive.Kind != Container) {
		return ast.WalkContinue, nil
	}
	if err := r.handler.Render(w, n.Directive, entering); err != nil {
		return ast.WalkStop, renderError(n.Directive, err)
	}
	return ast.WalkContinue, nil
}

func (r *directiveRenderer) renderInline(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*DirectiveInline)
	if !entering || n.Failed || r.handler == nil {
		return ast.WalkContinue, nil
	}
	if err := r.handler.Render(w, n.Directive, true); err != nil {
		return ast.WalkStop, renderError(n.Directive, err)
	}
	return ast.WalkContinue, nil
}

func renderError(d *Directive, err error) error {
	return fmt.Errorf("%s: %s%s: %w", d.Pos, d.Kind.marker(), d.Name, err)
}

// rawHTMLRenderer writes raw HTML as it is, for sites that opt in. It
// replaces only goldmark's renderers of raw HTML, so links keep goldmark's
// dangerous-URL filtering, which html.WithUnsafe would turn off too.
type rawHTMLRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (rawHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHTMLBlock, renderHTMLBlock)
	reg.Register(ast.KindRawHTML, renderRawHTML)
}

func renderHTMLBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.HTMLBlock)
	if entering {
		for i := 0; i < n.Lines().Len(); i++ {
			line := n.Lines().At(i)
			html.DefaultWriter.SecureWrite(w, line.Value(source))
		}
	} else if n.HasClosure() {
		html.DefaultWriter.SecureWrite(w, n.ClosureLine.Value(source))
	}
	return ast.WalkContinue, nil
}

func renderRawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		segment := n.Segments.At(i)
		_, _ = w.Write(segment.Value(source))
	}
	return ast.WalkSkipChildren, nil
}

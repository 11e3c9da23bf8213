package markdown

import (
	"github.com/yuin/goldmark/ast"
)

// KindDirectiveBlock is the goldmark node kind of leaf and container
// directives.
var KindDirectiveBlock = ast.NewNodeKind("DirectiveBlock")

// KindDirectiveInline is the goldmark node kind of text directives.
var KindDirectiveInline = ast.NewNodeKind("DirectiveInline")

// DirectiveBlock is the AST node of a leaf directive (no children) or a
// container directive (its Markdown content as children).
type DirectiveBlock struct {
	ast.BaseBlock
	Directive *Directive
	// Failed is set when the directive has a problem (Handler.Check failed,
	// or the container is not closed); it then renders nothing itself.
	Failed bool

	fence  int  // number of colons of a container's opening line
	closed bool // a container's closing line was seen
}

// Kind implements ast.Node.
func (n *DirectiveBlock) Kind() ast.NodeKind { return KindDirectiveBlock }

// Dump implements ast.Node.
func (n *DirectiveBlock) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Directive": n.Directive.String()}, nil)
}

// DirectiveInline is the AST node of a text directive. It has no children:
// its label stays raw text in Directive.Label.
type DirectiveInline struct {
	ast.BaseInline
	Directive *Directive
	// Failed is set when Handler.Check rejected the directive; it then
	// renders nothing.
	Failed bool
}

// Kind implements ast.Node.
func (n *DirectiveInline) Kind() ast.NodeKind { return KindDirectiveInline }

// Dump implements ast.Node.
func (n *DirectiveInline) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"Directive": n.Directive.String()}, nil)
}

// directiveOf returns the directive of a directive node and where its
// Failed flag is, or nil.
func directiveOf(n ast.Node) (*Directive, *bool) {
	switch n := n.(type) {
	case *DirectiveBlock:
		return n.Directive, &n.Failed
	case *DirectiveInline:
		return n.Directive, &n.Failed
	}
	return nil, nil
}

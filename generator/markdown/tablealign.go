package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// tableAlign is an AST transformer that writes the alignment of every
// table cell into its style attribute, as goldmark's table renderer would,
// and leaves the cell without an alignment. That renderer sets the
// attribute on the node as it renders it, so a document rendered twice
// (serve keeps parses from one build to the next: see Document.Rebind)
// had "text-align:right;text-align:right" the second time, and two
// renders at once raced on the node. Set once when parsing, the output
// is the first render's every time.
type tableAlign struct{}

// alignStyles are the styles of the alignments.
var alignStyles = map[east.Alignment][]byte{
	east.AlignLeft:   []byte("text-align:left"),
	east.AlignRight:  []byte("text-align:right"),
	east.AlignCenter: []byte("text-align:center"),
}

// Transform implements parser.ASTTransformer.
func (tableAlign) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		cell, ok := n.(*east.TableCell)
		if !entering || !ok || cell.Alignment == east.AlignNone {
			return ast.WalkContinue, nil
		}
		// What goldmark's renderTableCell does with TableCellAlignStyle,
		// the default without XHTML.
		style := alignStyles[cell.Alignment] // shared: never changed once set
		if v, ok := cell.AttributeString("style"); ok {
			var old []byte
			switch v := v.(type) {
			case []byte:
				old = v
			case string:
				old = []byte(v)
			}
			style = append(append(append([]byte(nil), old...), ';'), style...)
		}
		cell.SetAttributeString("style", style)
		cell.Alignment = east.AlignNone
		return ast.WalkSkipChildren, nil
	})
}

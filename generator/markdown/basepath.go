package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// basePath is the AST transformer behind Options.BasePath: it moves the
// destinations of links and images written root-relative ("/don-vi/") under
// the path the site is served at ("/zalo/don-vi/"). A destination that
// already starts with the base path, a protocol-relative one ("//host/")
// and every other form are left as written.
type basePath struct {
	path string // starts and ends with "/", and is longer than "/"
}

// Transform implements parser.ASTTransformer.
func (b basePath) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st := stateOf(pc, reader.Source())
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		default:
			return ast.WalkContinue, nil
		}
		written := resolve(*dest)
		if !strings.HasPrefix(written, "/") || strings.HasPrefix(written, "//") || strings.HasPrefix(written, b.path) {
			return ast.WalkContinue, nil
		}
		if st.written == nil {
			st.written = map[ast.Node]string{}
		}
		st.written[n] = written
		// The base path without its last "/", then the destination as
		// written, whose first character (perhaps escaped) is that "/".
		moved := make([]byte, 0, len(b.path)+len(*dest))
		moved = append(moved, b.path[:len(b.path)-1]...)
		*dest = append(moved, *dest...)
		return ast.WalkContinue, nil
	})
}

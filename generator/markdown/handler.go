package markdown

import (
	"fmt"
	"io"

	"github.com/loa-vn/loa/generator/diag"
)

// Handler gives directives their meaning. This package only parses them.
// A Handler is shared by every parse and render of a Converter, so it must
// be safe for concurrent use.
type Handler interface {
	// Check validates d: unknown name, unknown or missing attribute,
	// unknown unit... Return nil when fine. An *AttrError (Key, Msg) is
	// reported at that attribute's position (at d.Pos when d has no such
	// attribute), any other error at d.Pos. The reported message is the
	// directive's opening colons and name, then the error's text, e.g.
	// `::qr: attribute "unit": no unit "bac-sn"; did you mean "bac-son"?`.
	Check(d *Directive) error

	// Render writes d's HTML. For a container it is called with
	// entering=true before the children and entering=false after them; for
	// leaf and text directives once, with entering=true. It is called only
	// for directives that Check accepted: a directive with a problem renders
	// nothing (a container still renders its children).
	Render(w io.Writer, d *Directive, entering bool) error
}

// AttrError is a problem with one attribute of a directive, returned by
// Handler.Check so that it is reported at that attribute.
type AttrError struct {
	Key string    // the attribute's key, as written
	Msg diag.Text // what is wrong with it
}

// Error returns `attribute "key": msg`.
func (e *AttrError) Error() string {
	return fmt.Sprintf("attribute %q: %s", e.Key, e.Msg)
}

// Localize is Error in p's language.
func (e *AttrError) Localize(p diag.Printer) string {
	return p.Sprintf("attribute %q: %s", e.Key, e.Msg)
}

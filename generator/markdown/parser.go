package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/loa-vn/loa/generator/diag"
)

// blockParser parses leaf directives (::name, alone on a line) and
// container directives (:::name ... :::). It keeps no state of its own:
// everything about one parse lives in the nodes and the parser.Context.
type blockParser struct{}

// Trigger implements parser.BlockParser.
func (blockParser) Trigger() []byte { return []byte{':'} }

// Open implements parser.BlockParser. A line that starts with two or more
// colons and a non-space character is taken as meant to be a directive, so
// a mistake in it is reported rather than silently printed as text; "::"
// alone or followed by a space stays text.
func (blockParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.PeekLine()
	at := pc.BlockOffset()
	if at < 0 || at >= len(line) || line[at] != ':' {
		return nil, parser.NoChildren
	}
	rest := line[at:]
	colons := 0
	for colons < len(rest) && rest[colons] == ':' {
		colons++
	}
	if colons < 2 {
		return nil, parser.NoChildren
	}
	st := stateOf(pc, reader.Source())
	base := seg.Start - seg.Padding + at
	after := rest[colons:]
	switch {
	case util.IsBlank(after):
		if colons >= 3 {
			st.errorf(base, "directive syntax: %s closes no container directive (a container inside another one needs fewer colons than the outer one)", rest[:colons])
		}
		return nil, parser.NoChildren
	case isSpace(after[0]):
		if colons >= 3 {
			st.errorf(base+colons, "directive syntax: no space allowed between %s and the directive name", rest[:colons])
		}
		return nil, parser.NoChildren
	}
	src := string(rest)
	d, n, err := parseDirective(src, func(off int) diag.Pos { return st.pos(base + off) })
	if err != nil {
		st.syntaxError(base, err)
		return nil, parser.NoChildren
	}
	if i := firstNonBlank(src[n:]); i >= 0 {
		st.syntaxError(base, &SyntaxError{Offset: n + i, Msg: errTrailing})
		return nil, parser.NoChildren
	}
	reader.AdvanceToEOL()
	node := &DirectiveBlock{Directive: d, fence: colons}
	if d.Kind == Container {
		return node, parser.HasChildren
	}
	return node, parser.NoChildren
}

// Continue implements parser.BlockParser: a leaf ends on its line, a
// container at a line of at least as many colons as opened it.
func (blockParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	n := node.(*DirectiveBlock)
	if n.Directive.Kind != Container {
		return parser.Close
	}
	line, _ := reader.PeekLine()
	if w, at := util.IndentWidth(line, reader.LineOffset()); w < 4 && at < len(line) {
		i := at
		for i < len(line) && line[i] == ':' {
			i++
		}
		if i-at >= n.fence && util.IsBlank(line[i:]) {
			reader.AdvanceToEOL()
			n.closed = true
			return parser.Close
		}
	}
	return parser.Continue | parser.HasChildren
}

// Close implements parser.BlockParser: a container that ends without its
// closing line (end of document, or of the list item or quote around it)
// is an error at its opening line.
func (blockParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	n := node.(*DirectiveBlock)
	if n.Directive.Kind != Container || n.closed {
		return
	}
	n.Failed = true
	fence := strings.Repeat(":", n.fence)
	stateOf(pc, reader.Source()).errorAt(n.Directive.Pos,
		fence+n.Directive.Name+" is not closed: end it with a line "+fence+
			" (a container inside another one needs fewer colons than the outer one)")
}

// CanInterruptParagraph implements parser.BlockParser.
func (blockParser) CanInterruptParagraph() bool { return true }

// CanAcceptIndentedLine implements parser.BlockParser: four spaces make an
// indented code block, where directives stay text.
func (blockParser) CanAcceptIndentedLine() bool { return false }

// inlineParser parses text directives, :name[label]{attrs}, inside
// paragraphs, headings and table cells. Code spans are parsed before it
// sees their colons, so directives in them stay text.
type inlineParser struct{}

// Trigger implements parser.InlineParser.
func (inlineParser) Trigger() []byte { return []byte{':'} }

// Parse implements parser.InlineParser. Only a colon followed by a name and
// "[" or "{" starts a text directive: "08:30", "Lưu ý: abc" and "::b" stay
// text. Once started, a mistake in the directive is reported.
func (inlineParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 || line[0] != ':' || !isLetter(line[1]) {
		return nil
	}
	if block.PrecendingCharacter() == ':' && !escapedColonBefore(block.Source(), seg.Start) {
		return nil
	}
	i := 1
	for i < len(line) && isNameChar(line[i]) {
		i++
	}
	if i >= len(line) || line[i] != '[' && line[i] != '{' {
		return nil
	}
	st := stateOf(pc, block.Source())
	base := seg.Start - seg.Padding
	d, n, err := parseDirective(st.rest(line, seg.Start, seg.Stop), func(off int) diag.Pos { return st.pos(base + off) })
	if err != nil {
		st.syntaxError(base, err)
		return nil
	}
	block.Advance(n)
	return &DirectiveInline{Directive: d}
}

// escapedColonBefore reports whether the colon before offset off is
// escaped with a backslash (`\::a[b]` is a ":" then a directive).
func escapedColonBefore(src []byte, off int) bool {
	backslashes := 0
	for i := off - 2; i >= 0 && src[i] == '\\'; i-- {
		backslashes++
	}
	return backslashes%2 == 1
}

package markdown

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/yuin/goldmark/util"

	"github.com/loa-vn/loa/generator/ctrlchar"
	"github.com/loa-vn/loa/generator/diag"
)

// Kind tells which of the three directive forms was written.
type Kind int

const (
	// Leaf is a directive alone on its line: ::name[label]{attrs}.
	Leaf Kind = iota
	// Container is a directive that wraps Markdown content, opened by
	// :::name[label]{attrs} and closed by a line of at least as many colons.
	Container
	// Text is a directive inside a paragraph: :name[label]{attrs}.
	Text
)

// String returns "leaf", "container" or "text".
func (k Kind) String() string {
	switch k {
	case Leaf:
		return "leaf"
	case Container:
		return "container"
	case Text:
		return "text"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// marker returns the colons that open a directive of kind k.
func (k Kind) marker() string {
	switch k {
	case Text:
		return ":"
	case Container:
		return ":::"
	}
	return "::"
}

// Attr is one key="value" attribute of a directive.
type Attr struct {
	Key   string
	Value string   // with character references and backslash escapes decoded
	Pos   diag.Pos // position of the key's first character
}

// Directive is one parsed directive. Its meaning is left to a Handler.
type Directive struct {
	Kind    Kind
	Name    string
	Label   string   // text in [...] as written (raw), "" if none
	Attrs   []Attr   // in source order, excluding #id and .class (and id=, class=)
	ID      string   // from #id or id="..."
	Classes []string // from .class and class="a b", split at spaces, in source order
	Pos     diag.Pos // position of the first ':' in the file
}

// Attr returns the value of the attribute key and whether it was given.
func (d *Directive) Attr(key string) (string, bool) {
	for _, a := range d.Attrs {
		if a.Key == key {
			return a.Value, true
		}
	}
	return "", false
}

// String formats d in directive syntax, which ParseDirective reads back to
// the same directive (positions aside; a container gets three colons).
// Values are double-quoted, with &, ", \ and line endings written as
// character references.
func (d *Directive) String() string {
	var b strings.Builder
	b.WriteString(d.Kind.marker())
	b.WriteString(d.Name)
	if d.Label != "" || d.Kind == Text {
		b.WriteString("[" + d.Label + "]")
	}
	if len(d.Attrs) == 0 && d.ID == "" && len(d.Classes) == 0 {
		return b.String()
	}
	b.WriteByte('{')
	sep := ""
	if d.ID != "" {
		b.WriteString(`id="` + encodeValue(d.ID) + `"`)
		sep = " "
	}
	if len(d.Classes) > 0 {
		b.WriteString(sep + `class="` + encodeValue(strings.Join(d.Classes, " ")) + `"`)
		sep = " "
	}
	for _, a := range d.Attrs {
		b.WriteString(sep + a.Key + `="` + encodeValue(a.Value) + `"`)
		sep = " "
	}
	b.WriteByte('}')
	return b.String()
}

// encodeValue writes v for a double-quoted attribute value.
func encodeValue(v string) string {
	return encodeBytes(v, func(c byte) bool {
		return c == '&' || c == '"' || c == '\\' || c == '\r' || c == '\n'
	})
}

// encodeBytes writes the bytes of v that need it as numeric character
// references.
func encodeBytes(v string, needs func(byte) bool) string {
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		if c := v[i]; needs(c) {
			fmt.Fprintf(&b, "&#%d;", c)
		} else {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// SyntaxError is a directive that does not follow the directive syntax.
type SyntaxError struct {
	Offset int    // byte offset of the problem in the parsed text
	Msg    string // what is wrong, and where possible how to fix it
}

// Error returns the message with its byte offset.
func (e *SyntaxError) Error() string {
	return fmt.Sprintf("offset %d: %s", e.Offset, e.Msg)
}

// ParseDirective parses one directive written as s, e.g.
// `::qr{unit="bac-son"}`. One colon makes a text directive, two a leaf
// directive, three or more the opening line of a container directive; a
// leaf or container may be followed by spaces and a line ending, a text
// directive by nothing. Positions in the result are relative to s (line 1,
// column 1 is its first character). On a syntax error it returns a
// *SyntaxError with the byte offset in s.
func ParseDirective(s string) (*Directive, error) {
	d, n, err := parseDirective(s, lineCols(s))
	if err != nil {
		return nil, err
	}
	rest := s[n:]
	if d.Kind == Text {
		if rest != "" {
			return nil, &SyntaxError{Offset: n, Msg: "unexpected text after the directive"}
		}
		return d, nil
	}
	if i := firstNonBlank(rest); i >= 0 {
		return nil, &SyntaxError{Offset: n + i, Msg: errTrailing}
	}
	return d, nil
}

const errTrailing = "unexpected text after the directive (a leaf or container directive stands alone on its line)"

// firstNonBlank returns the index of the first byte of s that is not a
// space, tab or line ending, or -1.
func firstNonBlank(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', '\n':
		default:
			return i
		}
	}
	return -1
}

// lineCols maps byte offsets of a one-line string to positions on line 1.
func lineCols(s string) func(int) diag.Pos {
	return func(off int) diag.Pos {
		return diag.Pos{Line: 1, Col: utf8.RuneCountInString(s[:off]) + 1}
	}
}

// parseDirective parses the directive at the start of s and returns it with
// the number of bytes it takes. It stops at the first line ending. pos maps
// a byte offset of s to a position in the file.
func parseDirective(s string, pos func(int) diag.Pos) (*Directive, int, *SyntaxError) {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if i := strings.IndexByte(s, '\r'); i >= 0 {
		s = s[:i]
	}
	p := &attrParser{s: s}
	colons := 0
	for colons < len(s) && s[colons] == ':' {
		colons++
	}
	d := &Directive{Pos: pos(0)}
	switch colons {
	case 0:
		return nil, 0, p.fail(0, `a directive starts with ":"`)
	case 1:
		d.Kind = Text
	case 2:
		d.Kind = Leaf
	default:
		d.Kind = Container
	}
	p.i = colons
	name, err := p.name()
	if err != nil {
		return nil, 0, err
	}
	d.Name = name
	if p.i < len(s) && s[p.i] == '[' {
		label, err := p.label()
		if err != nil {
			return nil, 0, err
		}
		d.Label = label
	} else if d.Kind == Text && (p.i >= len(s) || s[p.i] != '{') {
		return nil, 0, p.fail(p.i, "a text directive needs a [label] or {attributes} right after its name")
	}
	if p.i < len(s) && s[p.i] == '{' {
		if err := p.attributes(d, pos); err != nil {
			return nil, 0, err
		}
	}
	return d, p.i, nil
}

// attrParser walks one line of directive source.
type attrParser struct {
	s string
	i int
}

func (p *attrParser) fail(off int, format string, args ...any) *SyntaxError {
	return &SyntaxError{Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// quoteChar formats the character at offset i for a message.
func (p *attrParser) quoteChar(i int) string {
	r, _ := utf8.DecodeRuneInString(p.s[i:])
	return fmt.Sprintf("%q", string(r))
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool  { return c >= '0' && c <= '9' }

// isNameChar reports whether c may continue a directive name.
func isNameChar(c byte) bool { return isLetter(c) || isDigit(c) || c == '-' || c == '_' }

// validName reports whether s follows the directive name rule: ASCII
// letters, digits, - and _, starting with a letter, not ending in - or _.
func validName(s string) bool {
	if s == "" || !isLetter(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameChar(s[i]) {
			return false
		}
	}
	last := s[len(s)-1]
	return last != '-' && last != '_'
}

// name reads a directive name.
func (p *attrParser) name() (string, *SyntaxError) {
	start := p.i
	if p.i >= len(p.s) || !isLetter(p.s[p.i]) {
		return "", p.fail(p.i, "expected a directive name after %q: a letter, then letters, digits, - or _", p.s[:start])
	}
	for p.i < len(p.s) && isNameChar(p.s[p.i]) {
		p.i++
	}
	if c := p.s[p.i-1]; c == '-' || c == '_' {
		return "", p.fail(p.i-1, "a directive name cannot end with %q", string(c))
	}
	return p.s[start:p.i], nil
}

// label reads [label], with nested brackets and backslash escapes, and
// returns its text as written.
func (p *attrParser) label() (string, *SyntaxError) {
	open := p.i
	depth := 0
	for i := open; i < len(p.s); i++ {
		switch p.s[i] {
		case '\\':
			i++
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				p.i = i + 1
				return p.s[open+1 : i], nil
			}
		}
	}
	return "", p.fail(open, `unclosed "[": the label has no closing "]"`)
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' }

func isKeyStart(c byte) bool { return isLetter(c) || c == '_' || c == ':' }
func isKeyChar(c byte) bool {
	return isKeyStart(c) || isDigit(c) || c == '.' || c == '-'
}

// forbiddenInValue reports whether c may not appear in an unquoted value,
// an #id or a .class.
func forbiddenInValue(c byte) bool {
	switch c {
	case '"', '\'', '<', '=', '>', '`':
		return true
	}
	return false
}

// attributes reads {...} into d.
func (p *attrParser) attributes(d *Directive, pos func(int) diag.Pos) *SyntaxError {
	open := p.i
	p.i++
	seen := map[string]bool{}
	idAt := -1
	unclosed := func() *SyntaxError {
		return p.fail(open, `unclosed "{": the attributes have no closing "}"`)
	}
	setID := func(at int, v string) *SyntaxError {
		if idAt >= 0 {
			return p.fail(at, "a directive has at most one id")
		}
		idAt = at
		d.ID = v
		return nil
	}
	for {
		for p.i < len(p.s) && isSpace(p.s[p.i]) {
			p.i++
		}
		if p.i >= len(p.s) {
			return unclosed()
		}
		c := p.s[p.i]
		switch {
		case c == '}':
			p.i++
			return nil
		case c == '#' || c == '.':
			at := p.i
			p.i++
			start := p.i
			for p.i < len(p.s) {
				c := p.s[p.i]
				if isSpace(c) || c == '}' || c == '#' || c == '.' {
					break
				}
				if forbiddenInValue(c) {
					return p.fail(p.i, "character %s is not allowed in an %s", p.quoteChar(p.i), shortcutWhat(p.s[at]))
				}
				p.i++
			}
			if p.i == start {
				return p.fail(at, "expected a name after %q", string(p.s[at]))
			}
			v := decode(p.s[start:p.i])
			if p.s[at] == '#' {
				if err := setID(at, v); err != nil {
					return err
				}
			} else {
				d.Classes = append(d.Classes, strings.Fields(v)...)
			}
		case isKeyStart(c):
			keyAt := p.i
			for p.i < len(p.s) && isKeyChar(p.s[p.i]) {
				p.i++
			}
			key := p.s[keyAt:p.i]
			j := p.i
			for j < len(p.s) && isSpace(p.s[j]) {
				j++
			}
			value := ""
			if j < len(p.s) && p.s[j] == '=' {
				eq := j
				p.i = j + 1
				for p.i < len(p.s) && isSpace(p.s[p.i]) {
					p.i++
				}
				if p.i >= len(p.s) {
					return unclosed()
				}
				v, err := p.value(key, eq)
				if err != nil {
					return err
				}
				value = v
			}
			switch key {
			case "id":
				if err := setID(keyAt, value); err != nil {
					return err
				}
				continue
			case "class":
				d.Classes = append(d.Classes, strings.Fields(value)...)
				continue
			}
			if seen[key] {
				return p.fail(keyAt, "duplicate attribute %q", key)
			}
			seen[key] = true
			d.Attrs = append(d.Attrs, Attr{Key: key, Value: value, Pos: pos(keyAt)})
		case c == '=':
			return p.fail(p.i, `expected an attribute name before "="`)
		default:
			return p.fail(p.i, "unexpected character %s in attributes: write key=\"value\", #id or .class", p.quoteChar(p.i))
		}
	}
}

func shortcutWhat(c byte) string {
	if c == '#' {
		return "#id"
	}
	return ".class"
}

// value reads the value after key= (the reader stands on its first
// character) and returns it decoded.
func (p *attrParser) value(key string, eq int) (string, *SyntaxError) {
	q := p.s[p.i]
	if q == '"' || q == '\'' {
		open := p.i
		end := strings.IndexByte(p.s[open+1:], q)
		if end < 0 {
			return "", p.fail(open, "unclosed quote in the value of %q: add the closing %s", key, string(q))
		}
		p.i = open + 1 + end + 1
		if p.i < len(p.s) && !isSpace(p.s[p.i]) && p.s[p.i] != '}' {
			return "", p.fail(p.i, `expected a space or "}" after the quoted value of %q`, key)
		}
		return decode(p.s[open+1 : open+1+end]), nil
	}
	start := p.i
	for p.i < len(p.s) && !isSpace(p.s[p.i]) && p.s[p.i] != '}' {
		if forbiddenInValue(p.s[p.i]) {
			return "", p.fail(p.i, "character %s is not allowed in an unquoted value: put the value of %q in quotes", p.quoteChar(p.i), key)
		}
		p.i++
	}
	if p.i == start {
		return "", p.fail(eq, "missing value after %q=", key)
	}
	return decode(p.s[start:p.i]), nil
}

// decode resolves backslash escapes of ASCII punctuation and HTML character
// references (&amp;, &#39;, &#x1EA1;) in an attribute value, dropping the
// characters of package ctrlchar (a reference may write them).
func decode(s string) string {
	return ctrlchar.Strip(unescape(s))
}

func unescape(s string) string {
	if strings.IndexByte(s, '\\') < 0 && strings.IndexByte(s, '&') < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			b.WriteByte(s[i+1])
			i++
		case c == '&':
			j := i + 1
			for j < len(s) && j-i < 40 && (isLetter(s[j]) || isDigit(s[j]) || s[j] == '#') {
				j++
			}
			if j < len(s) && s[j] == ';' && j > i+1 {
				ref := []byte(s[i : j+1])
				if u := util.ResolveEntityNames(util.ResolveNumericReferences(ref)); !bytes.Equal(u, ref) {
					b.Write(u)
					i = j
					continue
				}
			}
			b.WriteByte(c)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isASCIIPunct(c byte) bool {
	return c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~'
}

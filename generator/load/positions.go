package load

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// BurntSushi/toml decodes values but does not say where they were written.
// The scanner below walks the same source a second time and records, for
// every key, the line and column of the key and of its value, by path:
//
//	title                  a top-level key
//	campaign.follow_url    a key in [campaign], or written campaign.follow_url
//	unit[2]                the third [[unit]] header
//	unit[2].target         a key in the third [[unit]]
//	to[1]                  the second element of the array to
//	"a.b".c                a quoted key that holds a '.', '[', ']' or '"'
//
// Paths are built with joinKey and indexPath, which the checks use too, so
// that a path computed from a decoded map finds what the scanner recorded.
//
// The scanner runs before BurntSushi/toml, to refuse sources nested too
// deep (see MaxNesting), so on any input: it never panics and always ends,
// since every loop consumes at least one byte per turn, and its work is
// linear in the source, since no path is longer than MaxNesting segments.

// lc is a line and a column, both counting from 1; the column counts runes.
type lc struct{ line, col int32 }

// keyPos is where a key and its value start. For a table header, both are
// the header's first '['; for an array element, both are the element.
type keyPos struct{ key, val lc }

// positions maps paths to where they were written.
type positions map[string]keyPos

// joinKey returns the path of key in the table at path parent ("" is the
// top level).
func joinKey(parent, key string) string {
	if key == "" || strings.ContainsAny(key, `.[]"`) {
		key = strconv.Quote(key)
	}
	if parent == "" {
		return key
	}
	return parent + "." + key
}

// indexPath returns the path of element i of the array at path.
func indexPath(path string, i int) string {
	return path + "[" + strconv.Itoa(i) + "]"
}

// parentPath returns the path that contains path: "a.b[2]" gives "a.b",
// "a.b" gives "a", "a" gives "".
func parentPath(path string) string {
	last := -1
	inQuote := false
	for i := 0; i < len(path); i++ {
		c := path[i]
		switch {
		case inQuote && c == '\\':
			i++
		case c == '"':
			inQuote = !inQuote
		case !inQuote && (c == '.' || c == '['):
			last = i
		}
	}
	if last < 0 {
		return ""
	}
	return path[:last]
}

// find returns the position recorded for path, or for its nearest recorded
// parent, or line 1 column 1. With val it returns the value's position
// rather than the key's.
func (p positions) find(path string, val bool) lc {
	for path != "" {
		if kp, ok := p[path]; ok {
			if val {
				return kp.val
			}
			return kp.key
		}
		path = parentPath(path)
	}
	return lc{1, 1}
}

// MaxNesting is how deep arrays, inline tables and the tables of dotted
// keys and headers may be nested in a TOML file or front matter: a site
// needs 3 ([[unit]], its aliases). Deeper, the TOML library takes time and
// memory that grow faster than the file (an 80 KB file of nested inline
// tables took minutes and gigabytes), and so would the paths kept here.
const MaxNesting = 32

// scanPositions records the position of every key, table header and array
// element of the TOML source src (UTF-8, LF line endings). It stops at the
// first place nested deeper than MaxNesting and returns it, with deep
// true; it runs before the TOML library, so that such a file never
// reaches it.
func scanPositions(src []byte) (pos positions, at lc, deep bool) {
	// About one key a line: sizing the map up front saves rehashing it
	// while a 10,000-line report is scanned.
	size := bytes.Count(src, []byte("\n")) + 1
	s := &scanner{src: src, line: 1, col: 1, pos: make(positions, size), arrays: make(map[string]int)}
	s.document()
	return s.pos, s.deepAt, s.deep
}

type scanner struct {
	src       []byte
	i         int
	line, col int32
	pos       positions
	arrays    map[string]int // array-of-tables path (without index) -> tables seen

	depth  int  // how deep the value being read is nested
	deep   bool // a place nested deeper than MaxNesting was found, at deepAt
	deepAt lc
}

// nest enters n levels of nesting at at. When that goes deeper than
// MaxNesting it records the place and ends the scan (the rest of the
// source is skipped), and returns false.
func (s *scanner) nest(n int, at lc) bool {
	s.depth += n
	if s.depth <= MaxNesting {
		return true
	}
	if !s.deep {
		s.deep, s.deepAt = true, at
	}
	s.i = len(s.src)
	return false
}

type keySeg struct {
	name string
	at   lc
}

func (s *scanner) eof() bool { return s.i >= len(s.src) }

func (s *scanner) peek() byte {
	if s.i < len(s.src) {
		return s.src[s.i]
	}
	return 0
}

func (s *scanner) peekAt(n int) byte {
	if s.i+n < len(s.src) {
		return s.src[s.i+n]
	}
	return 0
}

func (s *scanner) here() lc { return lc{s.line, s.col} }

// next consumes one byte, keeping line and column (in runes) up to date.
func (s *scanner) next() {
	if s.i >= len(s.src) {
		return
	}
	c := s.src[s.i]
	s.i++
	switch {
	case c == '\n':
		s.line++
		s.col = 1
	case c&0xC0 != 0x80: // not a continuation byte: a new rune starts
		s.col++
	}
}

func (s *scanner) hasPrefix(p string) bool {
	return len(s.src)-s.i >= len(p) && string(s.src[s.i:s.i+len(p)]) == p
}

func (s *scanner) skipN(n int) {
	for range n {
		s.next()
	}
}

// spaces skips blanks, not newlines.
func (s *scanner) spaces() {
	for c := s.peek(); c == ' ' || c == '\t'; c = s.peek() {
		s.next()
	}
}

// toEOL skips the rest of the line, a comment included, and the newline.
func (s *scanner) toEOL() {
	for !s.eof() && s.peek() != '\n' {
		s.next()
	}
	s.next()
}

// blank skips blanks, newlines and comments.
func (s *scanner) blank() {
	for !s.eof() {
		switch s.peek() {
		case ' ', '\t', '\n', '\r':
			s.next()
		case '#':
			for !s.eof() && s.peek() != '\n' {
				s.next()
			}
		default:
			return
		}
	}
}

func (s *scanner) record(path string, key, val lc) {
	s.pos[path] = keyPos{key, val}
}

func (s *scanner) recordOnce(path string, at lc) {
	if _, ok := s.pos[path]; !ok {
		s.pos[path] = keyPos{at, at}
	}
}

func (s *scanner) document() {
	table, depth := "", 0
	for {
		s.blank()
		if s.eof() {
			return
		}
		start := s.i
		s.depth = depth
		if s.peek() == '[' {
			s.depth = 0
			table = s.header()
			depth = s.depth
		} else {
			s.keyValue(table)
		}
		s.toEOL()
		if s.i == start { // cannot happen, but never loop forever
			s.next()
		}
	}
}

// header reads a [table] or [[array]] header and returns its path.
func (s *scanner) header() string {
	at := s.here()
	array := s.peekAt(1) == '['
	if array {
		s.skipN(2)
	} else {
		s.next()
	}
	segs := s.key()
	if !s.nest(len(segs), at) {
		return ""
	}
	path := ""
	for n, seg := range segs {
		path = joinKey(path, seg.name)
		if array && n == len(segs)-1 {
			count := s.arrays[path]
			s.arrays[path] = count + 1
			path = indexPath(path, count)
			break
		}
		if count, ok := s.arrays[path]; ok && count > 0 {
			path = indexPath(path, count-1)
		}
		if n < len(segs)-1 {
			s.recordOnce(path, seg.at)
		}
	}
	s.record(path, at, at)
	return path
}

// key reads a possibly dotted key and the blanks around it.
func (s *scanner) key() []keySeg {
	var segs []keySeg
	for {
		s.spaces()
		at := s.here()
		var name string
		switch s.peek() {
		case '"':
			name = s.basicKey()
		case '\'':
			name = s.literalKey()
		default:
			from := s.i
			for !s.eof() && !strings.ContainsRune(" \t\n=.[]#,{}\"'", rune(s.peek())) {
				s.next()
			}
			name = string(s.src[from:s.i])
		}
		segs = append(segs, keySeg{name, at})
		s.spaces()
		if s.peek() != '.' || len(segs) > MaxNesting+1 {
			// Beyond MaxNesting+1 segments, the caller finds the key
			// too deep whatever the table: the rest is not read.
			return segs
		}
		s.next()
	}
}

// basicKey reads a "quoted" key and returns it unescaped.
func (s *scanner) basicKey() string {
	s.next() // opening quote
	var b strings.Builder
	for !s.eof() {
		c := s.peek()
		switch c {
		case '"':
			s.next()
			return b.String()
		case '\n':
			return b.String()
		case '\\':
			s.next()
			s.escape(&b)
		default:
			b.WriteByte(c)
			s.next()
		}
	}
	return b.String()
}

// escape decodes the escape sequence after a backslash into b.
func (s *scanner) escape(b *strings.Builder) {
	c := s.peek()
	s.next()
	switch c {
	case 'b':
		b.WriteByte('\b')
	case 't':
		b.WriteByte('\t')
	case 'n':
		b.WriteByte('\n')
	case 'f':
		b.WriteByte('\f')
	case 'r':
		b.WriteByte('\r')
	case 'e':
		b.WriteByte(0x1b)
	case 'x', 'u', 'U':
		n := 2
		if c == 'u' {
			n = 4
		} else if c == 'U' {
			n = 8
		}
		if len(s.src)-s.i < n {
			return
		}
		v, err := strconv.ParseUint(string(s.src[s.i:s.i+n]), 16, 32)
		s.skipN(n)
		if err == nil && utf8.ValidRune(rune(v)) {
			b.WriteRune(rune(v))
		}
	default:
		b.WriteByte(c)
	}
}

func (s *scanner) literalKey() string {
	s.next()
	from := s.i
	for !s.eof() && s.peek() != '\'' && s.peek() != '\n' {
		s.next()
	}
	name := string(s.src[from:s.i])
	if s.peek() == '\'' {
		s.next()
	}
	return name
}

// keyValue reads key = value in the table at path table.
func (s *scanner) keyValue(table string) {
	segs := s.key()
	// Each segment of a dotted key but the last is a table.
	if !s.nest(len(segs)-1, segs[0].at) {
		return
	}
	defer func() { s.depth -= len(segs) - 1 }()
	path := table
	for n, seg := range segs {
		path = joinKey(path, seg.name)
		if n < len(segs)-1 {
			s.recordOnce(path, seg.at)
		}
	}
	keyAt := segs[len(segs)-1].at
	s.spaces()
	if s.peek() != '=' {
		s.record(path, keyAt, keyAt)
		return
	}
	s.next()
	s.spaces()
	s.record(path, keyAt, s.here())
	s.value(path)
}

// value skips one value, recording the elements of arrays and the keys of
// inline tables under path.
func (s *scanner) value(path string) {
	switch {
	case s.hasPrefix(`"""`):
		s.multiline('"')
	case s.hasPrefix(`'''`):
		s.multiline('\'')
	case s.peek() == '"':
		s.next()
		for !s.eof() && s.peek() != '"' && s.peek() != '\n' {
			if s.peek() == '\\' {
				s.next()
			}
			s.next()
		}
		if s.peek() == '"' {
			s.next()
		}
	case s.peek() == '\'':
		s.next()
		for !s.eof() && s.peek() != '\'' && s.peek() != '\n' {
			s.next()
		}
		if s.peek() == '\'' {
			s.next()
		}
	case s.peek() == '[':
		s.array(path)
	case s.peek() == '{':
		s.inlineTable(path)
	default: // number, boolean, date: up to a delimiter
		for !s.eof() && !strings.ContainsRune(",]}\n#", rune(s.peek())) {
			s.next()
		}
	}
}

// multiline skips a multi-line string, opened by three quotes q; up to two
// more quotes right before the closing three belong to the string.
func (s *scanner) multiline(q byte) {
	s.skipN(3)
	for !s.eof() {
		c := s.peek()
		if c == '\\' && q == '"' {
			s.skipN(2)
			continue
		}
		if c == q && s.peekAt(1) == q && s.peekAt(2) == q {
			s.skipN(3)
			for range 2 {
				if s.peek() == q {
					s.next()
				}
			}
			return
		}
		s.next()
	}
}

func (s *scanner) array(path string) {
	if !s.nest(1, s.here()) {
		return
	}
	defer func() { s.depth-- }()
	s.next() // [
	for n := 0; ; n++ {
		s.blank()
		if s.eof() {
			return
		}
		if s.peek() == ']' {
			s.next()
			return
		}
		start := s.i
		elem := indexPath(path, n)
		at := s.here()
		s.record(elem, at, at)
		s.value(elem)
		s.blank()
		if s.peek() == ',' {
			s.next()
		} else if s.i == start {
			s.next() // not a value: make progress
		}
	}
}

func (s *scanner) inlineTable(path string) {
	if !s.nest(1, s.here()) {
		return
	}
	defer func() { s.depth-- }()
	s.next() // {
	for {
		s.blank()
		if s.eof() {
			return
		}
		switch s.peek() {
		case '}':
			s.next()
			return
		case ',':
			s.next()
			continue
		}
		start := s.i
		s.keyValue(path)
		if s.i == start {
			s.next()
		}
	}
}

package markdown

import (
	"sort"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"

	"github.com/loa-vn/loa/generator/diag"
)

// stateKey holds the *parseState of one parse in goldmark's parser.Context.
var stateKey = parser.NewContextKey()

// parseState is what one parse knows about its source: where it stands in
// its file, where its diagnostics go, and the directives found so far. It
// lives in the parser.Context, never in the (shared) parsers.
type parseState struct {
	src        []byte
	file       string
	firstLine  int
	diags      *diag.List // nil: diagnostics are dropped
	lineOnce   sync.Once
	lineStarts []int // byte offset of each line's first byte, built on first use
	reported   map[int]bool
	directives []*Directive
	// written holds the destinations, as written, of the links and images
	// that Options.BasePath moved, for Document.Links.
	written map[ast.Node]string
	// lineText is the text of the source from lineFrom to lineTo, the rest
	// of the line where a text directive was last looked for: the
	// directives of a line share one copy of it, not one each.
	lineText         string
	lineFrom, lineTo int
}

// rest returns line, the text of the source from offset from to offset
// to, as a string, reusing the copy made for the previous text directive
// of the same line. A line that is not the source's bytes (a tab expanded
// to padding) is copied on its own.
func (s *parseState) rest(line []byte, from, to int) string {
	if from < 0 || to > len(s.src) || to-from != len(line) || string(s.src[from:to]) != string(line) {
		return string(line)
	}
	if s.lineText == "" || from < s.lineFrom || to != s.lineTo {
		s.lineText, s.lineFrom, s.lineTo = string(line), from, to
	}
	return s.lineText[from-s.lineFrom:]
}

func newParseState(src []byte, file string, firstLine int, diags *diag.List) *parseState {
	if firstLine < 1 {
		firstLine = 1
	}
	return &parseState{src: src, file: file, firstLine: firstLine, diags: diags}
}

// stateOf returns the parse state kept in pc, creating one for a parse that
// did not come through Converter.Parse (the Extension used on its own).
func stateOf(pc parser.Context, src []byte) *parseState {
	return pc.ComputeIfAbsent(stateKey, func() any {
		return newParseState(src, "", 1, nil)
	}).(*parseState)
}

// pos converts a byte offset of the source to a position in the file:
// lines count from firstLine, columns in runes from 1. A CR before a LF
// belongs to the line it ends.
func (s *parseState) pos(off int) diag.Pos {
	s.lineOnce.Do(func() {
		s.lineStarts = []int{0}
		for i, c := range s.src {
			if c == '\n' {
				s.lineStarts = append(s.lineStarts, i+1)
			}
		}
	})
	off = max(0, min(off, len(s.src)))
	line := sort.Search(len(s.lineStarts), func(i int) bool { return s.lineStarts[i] > off }) - 1
	start := s.lineStarts[line]
	return diag.Pos{
		File: s.file,
		Line: s.firstLine + line,
		Col:  utf8.RuneCount(s.src[start:off]) + 1,
	}
}

// errorf reports an error at the byte offset off, once per offset.
func (s *parseState) errorf(off int, format string, args ...any) {
	if s.reported == nil {
		s.reported = map[int]bool{}
	}
	if s.reported[off] {
		return
	}
	s.reported[off] = true
	if s.diags != nil {
		s.diags.Errorf(s.pos(off), format, args...)
	}
}

// errorAt reports an error at p.
func (s *parseState) errorAt(p diag.Pos, msg string) {
	if s.diags != nil {
		s.diags.Errorf(p, "%s", msg)
	}
}

// syntaxError reports err, found in directive source starting at byte
// offset base of the file.
func (s *parseState) syntaxError(base int, err *SyntaxError) {
	s.errorf(base+err.Offset, "directive syntax: %s", err.Msg)
}

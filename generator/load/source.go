package load

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/loa-vn/loa/generator/ctrlchar"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/vi"
)

// source is one file being read: where its problems go, and where its keys
// were written.
type source struct {
	rel   string // path relative to the site, slash-separated
	diags *diag.List
	pos   positions
	// line0 is the number of lines of the file before the TOML text: 0 for
	// a .toml file, 1 for front matter (after the opening "+++").
	line0 int
	// text is the TOML text decoded, for messages that quote a value as
	// it was typed.
	text []byte
}

func (f *source) at(l lc) diag.Pos {
	return diag.Pos{File: f.rel, Line: int(l.line) + f.line0, Col: int(l.col)}
}

// keyAt is the position of the key at path, or of its nearest parent.
func (f *source) keyAt(path string) diag.Pos {
	if path == "" {
		return f.start()
	}
	return f.at(f.pos.find(path, false))
}

// valAt is the position of the value at path, or of its nearest parent.
func (f *source) valAt(path string) diag.Pos { return f.at(f.pos.find(path, true)) }

// start is line 1 column 1 of the file.
func (f *source) start() diag.Pos { return diag.Pos{File: f.rel, Line: 1, Col: 1} }

// name is the position for a problem with the file's name or the file as a
// whole, where no line is meaningful.
func (f *source) name() diag.Pos { return diag.Pos{File: f.rel} }

var bom = []byte("\uFEFF")

// normalize returns the text of a file as the rest of load reads it: without
// a byte-order mark, with LF line endings, in NFC, without the characters
// that must not reach an output file (see removeForbidden). Invalid UTF-8 is
// reported at the first bad byte and gives false.
func normalize(f *source, raw []byte) ([]byte, bool) {
	b := bytes.TrimPrefix(raw, bom)
	valid, nul := utf8.Valid(b), bytes.IndexByte(b, 0) >= 0
	if nul || !valid {
		if name := encodingName(b); name != "" {
			pos := f.name()
			if !nul { // not UTF-16: at the first byte that is not UTF-8
				pos.Line, pos.Col, _ = firstInvalid(b)
			}
			f.diags.Errorf(pos, "%s", encodingMessage(name))
			return nil, false
		}
	}
	if !valid {
		line, col, bad := firstInvalid(b)
		f.diags.Errorf(diag.Pos{File: f.rel, Line: line, Col: col},
			"this file is not UTF-8 (byte 0x%02X cannot be read): %s", bad, diag.Textf(saveAsUTF8))
		return nil, false
	}
	if bytes.IndexByte(b, '\r') >= 0 {
		out := make([]byte, 0, len(b))
		for i := 0; i < len(b); i++ {
			if b[i] != '\r' {
				out = append(out, b[i])
				continue
			}
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
		}
		b = out
	}
	return removeForbidden(f, vi.NFCBytes(b)), true
}

// maxRemovedWarnings is how many removed characters a file reports one by
// one; the rest are counted in one more warning.
const maxRemovedWarnings = 5

// removeForbidden returns text without its control characters (but tab and
// LF) and bidirectional formatting characters (package ctrlchar), each
// reported as a warning at its line and column. It is the one place where
// the raw text of every file is cleaned: nothing of a file, names, notes or
// Markdown, brings them to the pages, the feeds or the open data. Values
// that TOML escapes write ("\u202e") are cleaned by table.str. A removed
// character moves what follows it on its line one column to the left, in
// the positions of later messages. (The positions of the warnings are the
// characters' own, in the file as it is.)
func removeForbidden(f *source, text []byte) []byte {
	i := ctrlchar.IndexBytes(text)
	if i < 0 {
		return text
	}
	out := make([]byte, 0, len(text))
	line, col, n := 1, 1, 0
	for j := 0; j < len(text); {
		r, size := utf8.DecodeRune(text[j:])
		switch {
		case j >= i && ctrlchar.Forbidden(r):
			n++
			if n <= maxRemovedWarnings {
				f.diags.Warnf(diag.Pos{File: f.rel, Line: line, Col: col}, "%s", removedMsg("", r))
			}
			col++ // the position is the one the user's editor shows
		case r == '\n':
			line, col = line+1, 1
			out = append(out, text[j:j+size]...)
		default:
			col++
			out = append(out, text[j:j+size]...)
		}
		j += size
	}
	if n > maxRemovedWarnings {
		f.diags.Warnf(f.name(), "removed %d more control or direction characters from this file", n-maxRemovedWarnings)
	}
	return out
}

// removedMsg is the message for a forbidden character r removed from the
// value of key, or from the file's text when key is "".
func removedMsg(key string, r rune) diag.Text {
	where := diag.Textf("delete it from the file")
	if key != "" {
		where = diag.Textf("delete it (or its escape) from the value of %s", key)
	}
	if ctrlchar.IsBidi(r) {
		return diag.Textf("removed %s: it changes the direction of the text around it on the pages, and can show it backwards; %s", ctrlchar.Name(r), where)
	}
	return diag.Textf("removed %s: it is not text, and pages and spreadsheets would show it as garbage or act on it; %s", ctrlchar.Name(r), where)
}

// firstInvalid returns the line and column (in runes, counting CRLF and a
// lone CR as one line break) of the first byte of b that is not UTF-8.
func firstInvalid(b []byte) (line, col int, bad byte) {
	line, col = 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col, b[i]
		}
		switch {
		case r == '\n':
			line, col = line+1, 1
		case r == '\r':
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
	return line, col, 0
}

// decodeTOML parses text as TOML into a map, reporting a syntax error at
// its position, and records the positions of the keys in f.
func decodeTOML(f *source, text []byte) (map[string]any, bool) {
	pos, at, deep := scanPositions(text)
	if deep {
		f.diags.Errorf(f.at(at), "nested too deep: arrays, inline tables and dotted keys may be nested %d deep at most (a site needs 3)", MaxNesting)
		return nil, false
	}
	m := map[string]any{}
	if _, err := toml.Decode(string(text), &m); err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			line, col := errorPos(text, pe.Position, pe.Message)
			f.diags.Errorf(diag.Pos{File: f.rel, Line: line + f.line0, Col: col}, "%s", parseMessage(text, line, f.line0, pe.Message))
		} else {
			f.diags.Errorf(f.start(), "%s", parseMessage(text, 1, f.line0, err.Error()))
		}
		return nil, false
	}
	f.pos = pos
	f.text = text
	return m, true
}

// errorPos turns BurntSushi's position into a line and a column counted in
// runes. The byte offset Start is the more precise: at a newline the lexer
// has already counted the next line ("expected ']' but got '\n'" is on the
// line that lacks the ']'). Line is the fallback when Start is unset.
func errorPos(text []byte, p toml.Position, msg string) (line, col int) {
	start := p.Start
	if start < 0 || start > len(text) || (start == 0 && p.Line > 1) {
		return max(p.Line, 1), 1
	}
	start = refineStart(text, start, msg)
	before := text[:start]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return 1 + bytes.Count(before, []byte("\n")), utf8.RuneCount(before[lineStart:]) + 1
}

// gotChar finds the character a message of BurntSushi's names. (Its other
// message naming a character, "cannot contain control characters", cannot
// come: normalize removed them.)
var gotChar = regexp.MustCompile(`(?:got|found) ('(?:[^'\\]|\\.)+')`)

// refineStart corrects BurntSushi's offset, which after the lexer backs up
// is sometimes one character before the character the message names ("but
// got 'x'"), and puts "unexpected EOF" at the end of the text.
func refineStart(text []byte, start int, msg string) int {
	if strings.HasPrefix(msg, "unexpected EOF") {
		return len(bytes.TrimRight(text, "\n"))
	}
	var want rune
	if m := gotChar.FindStringSubmatch(msg); m != nil {
		s, err := strconv.Unquote(m[1])
		if err != nil {
			return start
		}
		want, _ = utf8.DecodeRuneInString(s)
	} else {
		return start
	}
	r, size := utf8.DecodeRune(text[start:])
	if r == want || start+size >= len(text) {
		return start
	}
	if next, _ := utf8.DecodeRune(text[start+size:]); next == want {
		return start + size
	}
	return start
}

// Front matter states.
const (
	fmNone     = iota // the file does not start with a "+++" line
	fmUnclosed        // it does, but no "+++" line closes it
	fmOK
)

// splitFrontMatter splits text into the TOML between a first line "+++"
// and the next line "+++", and the body after that line. bodyLine is the
// line of the file on which the body starts. Without front matter, the body
// is the whole text.
func splitFrontMatter(text []byte) (fm, body []byte, bodyLine, state int) {
	first, rest, found := bytes.Cut(text, []byte("\n"))
	if !isFence(first) {
		return nil, text, 1, fmNone
	}
	if !found {
		return nil, nil, 1, fmUnclosed
	}
	off := len(first) + 1 // offset of rest in text
	line := 2
	for {
		l, after, more := bytes.Cut(rest, []byte("\n"))
		if isFence(l) {
			fm = text[len(first)+1 : off]
			if !more {
				after = nil
			}
			return fm, after, line + 1, fmOK
		}
		if !more {
			return nil, nil, 1, fmUnclosed
		}
		off += len(l) + 1
		rest = after
		line++
	}
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "+++"
}

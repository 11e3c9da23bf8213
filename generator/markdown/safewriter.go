package markdown

import (
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/loa-vn/loa/generator/ctrlchar"
)

// safeWriter is goldmark's HTML writer, except that the characters of
// package ctrlchar (control characters, bidirectional formatting
// characters) never reach the page. load removes those written in a file;
// CommonMark turns character references into characters, and "&#7;",
// "&#x202E;" or "&rlm;" would bring them back: a U+202E in a paragraph
// turns the rest of the line around.
type safeWriter struct{ html.Writer }

func (s safeWriter) Write(w util.BufWriter, source []byte) { s.Writer.Write(filtered{w}, source) }

func (s safeWriter) RawWrite(w util.BufWriter, source []byte) { s.Writer.RawWrite(filtered{w}, source) }

func (s safeWriter) SecureWrite(w util.BufWriter, source []byte) {
	s.Writer.SecureWrite(filtered{w}, source)
}

// filtered drops the characters of package ctrlchar from what is written
// to the BufWriter it wraps. goldmark's writer writes a character
// reference's character with WriteRune, the text around it with Write.
type filtered struct{ util.BufWriter }

func (f filtered) Write(p []byte) (int, error) {
	if _, err := f.BufWriter.Write(ctrlchar.StripBytes(p)); err != nil {
		return 0, err
	}
	return len(p), nil
}

func (f filtered) WriteString(s string) (int, error) {
	if _, err := f.BufWriter.WriteString(ctrlchar.Strip(s)); err != nil {
		return 0, err
	}
	return len(s), nil
}

func (f filtered) WriteRune(r rune) (int, error) {
	if ctrlchar.Forbidden(r) {
		return 0, nil
	}
	return f.BufWriter.WriteRune(r)
}

func (f filtered) WriteByte(c byte) error {
	if c < 0x80 && ctrlchar.Forbidden(rune(c)) {
		return nil
	}
	return f.BufWriter.WriteByte(c)
}

package opendata

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// The open data is written by hand, not through encoding/json and
// encoding/csv: a national campaign's files hold a million values,
// rewritten on every count change, and reflection and json.Indent (which
// copies the whole output once more) were most of their cost. The bytes
// are those the standard encoders give, as the files were made with them
// (json.Encoder with SetEscapeHTML(false), SetIndent("", "  "); csv.Writer
// with UseCRLF); equal_test.go keeps that so.

// errNotFinite is the error of a figure that is not a finite number,
// which JSON cannot hold (encoding/json refuses it too). Every figure
// written is a ratio of counts to a positive target or baseline: it does
// not happen.
var errNotFinite = errors.New("opendata: a figure is not a finite number")

// appendString appends s as a JSON string, as encoding/json writes it
// without HTML escaping: '"' and '\\' escaped, the control characters
// below U+0020 as \b \f \n \r \t or \u00XX, invalid UTF-8 as \ufffd, and
// U+2028 and U+2029 as \u2028 and \u2029 (encoding/json escapes those
// two always, for JSONP).
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	b = appendEscaped(b, s)
	return append(b, '"')
}

// appendEscaped appends s escaped as inside a JSON string (appendString).
// A string cut where an ASCII character begins is escaped piece by piece
// as it is whole.
func appendEscaped(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	return append(b, s[start:]...)
}

// appendFloat appends f as encoding/json writes a float64 (as an
// ECMAScript number: the shortest decimal that reads back as f, with an
// exponent below 1e-6 and from 1e21); false when f is not finite.
func appendFloat(b []byte, f float64) ([]byte, bool) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, false
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// e-07 -> e-7, as encoding/json does.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, true
}

// appendDate appends t as YYYY-MM-DD, as t.Format("2006-01-02") does.
func appendDate(b []byte, t time.Time) []byte { return t.AppendFormat(b, "2006-01-02") }

// indented writes JSON indented as json.Encoder with SetIndent("", "  ")
// does: every element of an object or array on a line of its own, two
// spaces a level, an empty one as {} or [].
type indented struct {
	b     []byte
	depth int
	empty bool // the object or array last opened has no element yet
}

// open begins an object ('{') or an array ('[').
func (w *indented) open(c byte) {
	w.b = append(w.b, c)
	w.depth++
	w.empty = true
}

// close ends the object ('}') or array (']') last opened.
func (w *indented) close(c byte) {
	w.depth--
	if !w.empty {
		w.newline()
	}
	w.b = append(w.b, c)
	w.empty = false
}

// elem begins an element of an array.
func (w *indented) elem() {
	if !w.empty {
		w.b = append(w.b, ',')
	}
	w.newline()
	w.empty = false
}

// key begins a member of an object; quoted is its name as a JSON string.
func (w *indented) key(quoted string) {
	w.elem()
	w.b = append(w.b, quoted...)
	w.b = append(w.b, ':', ' ')
}

func (w *indented) newline() {
	w.b = append(w.b, '\n')
	for range w.depth {
		w.b = append(w.b, ' ', ' ')
	}
}

func (w *indented) str(s string)     { w.b = appendString(w.b, s) }
func (w *indented) int(n int64)      { w.b = strconv.AppendInt(w.b, n, 10) }
func (w *indented) null()            { w.b = append(w.b, "null"...) }
func (w *indented) bool(v bool)      { w.b = strconv.AppendBool(w.b, v) }
func (w *indented) date(t time.Time) { w.b = appendString(w.b, t.Format("2006-01-02")) }

// optInt writes n, or null for 0 (an absent target, audience...).
func (w *indented) optInt(n int64) {
	if n == 0 {
		w.null()
		return
	}
	w.int(n)
}

// optDate writes t as a date, or null for the zero time.
func (w *indented) optDate(t time.Time) {
	if t.IsZero() {
		w.null()
		return
	}
	w.date(t)
}

// float writes f; false when f is not finite.
func (w *indented) float(f float64) bool {
	var ok bool
	w.b, ok = appendFloat(w.b, f)
	return ok
}

// appendCSVField appends one field of a CSV record as csv.Writer writes
// it with UseCRLF: quoted when it holds '"', ',', CR or LF, begins with
// a space character or is `\.`; inside quotes '"' doubled, CR dropped, LF
// written CRLF.
func appendCSVField(b []byte, field string) []byte {
	if !csvNeedsQuotes(field) {
		return append(b, field...)
	}
	b = append(b, '"')
	for len(field) > 0 {
		i := strings.IndexAny(field, "\"\r\n")
		if i < 0 {
			i = len(field)
		}
		b = append(b, field[:i]...)
		field = field[i:]
		if len(field) > 0 {
			switch field[0] {
			case '"':
				b = append(b, '"', '"')
			case '\n':
				b = append(b, '\r', '\n')
			}
			field = field[1:]
		}
	}
	return append(b, '"')
}

// csvNeedsQuotes is csv.Writer's rule for a comma-separated field.
func csvNeedsQuotes(field string) bool {
	if field == "" {
		return false
	}
	if field == `\.` || strings.ContainsAny(field, "\n\r\",") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(field)
	return unicode.IsSpace(r)
}

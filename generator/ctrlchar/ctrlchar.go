// Package ctrlchar knows the characters that must never reach an output
// file: the control characters other than tab, line feed and carriage
// return (C0, DEL and C1), which pages, feeds and spreadsheets show as
// garbage or act upon, and the bidirectional formatting characters, which
// turn around the text that follows them on a page ("Thôn \u202eBa" shows
// the rest of a title or a table row backwards). Vietnamese text needs
// none of them. load removes them from what it reads, with a warning at
// their position; the writers of output use Strip as a last defence.
package ctrlchar

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// bidiNames names the bidirectional formatting characters.
var bidiNames = map[rune]string{
	'\u061C': "ARABIC LETTER MARK",
	'\u200E': "LEFT-TO-RIGHT MARK",
	'\u200F': "RIGHT-TO-LEFT MARK",
	'\u202A': "LEFT-TO-RIGHT EMBEDDING",
	'\u202B': "RIGHT-TO-LEFT EMBEDDING",
	'\u202C': "POP DIRECTIONAL FORMATTING",
	'\u202D': "LEFT-TO-RIGHT OVERRIDE",
	'\u202E': "RIGHT-TO-LEFT OVERRIDE",
	'\u2066': "LEFT-TO-RIGHT ISOLATE",
	'\u2067': "RIGHT-TO-LEFT ISOLATE",
	'\u2068': "FIRST STRONG ISOLATE",
	'\u2069': "POP DIRECTIONAL ISOLATE",
}

// IsControl reports whether r is a control character other than tab, line
// feed and carriage return: U+0000 to U+001F, U+007F to U+009F.
func IsControl(r rune) bool {
	return (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7F && r <= 0x9F)
}

// IsBidi reports whether r is a bidirectional formatting character: the
// embeddings, overrides and isolates U+202A to U+202E and U+2066 to
// U+2069, and the marks U+200E, U+200F and U+061C.
func IsBidi(r rune) bool {
	_, ok := bidiNames[r]
	return ok
}

// Forbidden reports whether r must not reach an output file: IsControl or
// IsBidi.
func Forbidden(r rune) bool {
	switch {
	case r < 0x20 || (r >= 0x7F && r <= 0x9F):
		return IsControl(r)
	case r < 0x061C:
		return false
	}
	return IsBidi(r)
}

// mayStart reports whether the byte c can start the UTF-8 encoding of a
// forbidden character: every one of them starts with a byte below 0x20,
// 0x7F, 0xC2 (U+0080 to U+009F), 0xD8 (U+061C) or 0xE2 (U+200E to U+2069).
// Vietnamese text is mostly other bytes, which lets Index skip decoding.
func mayStart(c byte) bool {
	return c < 0x20 || c == 0x7F || c == 0xC2 || c == 0xD8 || c == 0xE2
}

// Index returns the byte offset of the first forbidden character of s, or
// -1 when there is none.
func Index(s string) int {
	for i := 0; i < len(s); i++ {
		if !mayStart(s[i]) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(s[i:])
		if Forbidden(r) {
			return i
		}
	}
	return -1
}

// IndexBytes is Index for a byte slice.
func IndexBytes(b []byte) int {
	for i := 0; i < len(b); i++ {
		if !mayStart(b[i]) {
			continue
		}
		r, _ := utf8.DecodeRune(b[i:])
		if Forbidden(r) {
			return i
		}
	}
	return -1
}

// Strip returns s without its forbidden characters; s itself when it has
// none. Bytes that are not UTF-8 stay as they are, and removing a character
// can join those around it into a forbidden one ("\xc2\x00\x80" leaves
// U+0080): so Strip goes on until none is left.
func Strip(s string) string {
	for {
		t := stripOnce(s)
		if len(t) == len(s) {
			return t
		}
		s = t
	}
}

func stripOnce(s string) string {
	i := Index(s)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !Forbidden(r) {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// StripBytes returns b without its forbidden characters, as Strip does; b
// itself when it has none, a new slice otherwise.
func StripBytes(b []byte) []byte {
	for {
		t := stripBytesOnce(b)
		if len(t) == len(b) {
			return t
		}
		b = t
	}
}

func stripBytesOnce(b []byte) []byte {
	i := IndexBytes(b)
	if i < 0 {
		return b
	}
	out := make([]byte, i, len(b))
	copy(out, b[:i])
	for len(b[i:]) > 0 {
		r, size := utf8.DecodeRune(b[i:])
		if !Forbidden(r) {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}

// Name names a forbidden character for messages: "U+202E RIGHT-TO-LEFT
// OVERRIDE", "U+0007, a control character".
func Name(r rune) string {
	if n, ok := bidiNames[r]; ok {
		return fmt.Sprintf("U+%04X %s", r, n)
	}
	return fmt.Sprintf("U+%04X, a control character", r)
}

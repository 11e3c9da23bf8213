package load

import (
	"bytes"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/generator/diag"
	"golang.org/x/text/encoding/charmap"
)

// Files saved by Windows programs in another encoding than UTF-8 are the
// most common reason a clerk's file does not read: Notepad's "Unicode" is
// UTF-16, and offices still keep Vietnamese text typed in TCVN3 (ABC,
// the .Vn fonts) or Windows-1258. Such a file gives one error that names
// the encoding and says how to save the file as UTF-8, rather than the
// first bad byte and whatever follows from misreading the rest.

const tcvn3 = "TCVN3 (ABC, the .Vn fonts)"

// encodingName guesses the encoding of raw, a file that is not UTF-8 or
// holds NUL bytes, or returns "" when it looks like none of those above.
func encodingName(raw []byte) string {
	switch {
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}), bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return utf16
	case looksUTF16(raw):
		return utf16
	case utf8.Valid(raw):
		return ""
	}
	// TCVN3 puts its base letters ă â ê ô ơ ư đ (and their capitals) in
	// 0xA1-0xAE and the toned a in 0xB5-0xBE, where Windows-1258 has
	// symbols (¡ ¢ £ ... µ ¶ ·) that names and counts do not use; Vietnamese
	// text in TCVN3 hardly goes a line without them. Windows-1258 writes
	// most tones as combining marks after the letter, and every byte above
	// 0x7F of its Vietnamese text is a letter or a mark.
	var tcvn, high int
	for _, c := range raw {
		switch {
		case c >= 0xA1 && c <= 0xAE, c >= 0xB5 && c <= 0xBE:
			tcvn++
			high++
		case c >= 0x80:
			high++
		}
	}
	switch {
	case tcvn > 0 && tcvn*4 >= high:
		return tcvn3
	case high > 0 && windows1258Letters(raw):
		return "Windows-1258"
	}
	return ""
}

// windows1258Letters reports whether every byte above 0x7F of raw is a
// letter or a combining mark in Windows-1258.
func windows1258Letters(raw []byte) bool {
	dec := charmap.Windows1258
	for _, c := range raw {
		if c < 0x80 {
			continue
		}
		r := dec.DecodeByte(c)
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			return false
		}
	}
	return true
}

// looksUTF16 reports whether raw reads as UTF-16 without a byte-order
// mark: text of mostly ASCII characters has a NUL byte every other byte,
// at even offsets (big-endian) or odd ones (little-endian).
func looksUTF16(raw []byte) bool {
	if len(raw) < 4 {
		return false
	}
	var even, odd int
	for i, c := range raw {
		if c == 0 {
			if i%2 == 0 {
				even++
			} else {
				odd++
			}
		}
	}
	half := len(raw) / 2
	return max(even, odd) > half/2 && min(even, odd) < max(even, odd)/8+1
}

// saveAsUTF8 says how to save a file as UTF-8.
const saveAsUTF8 = "save it as UTF-8: in Notepad, choose File > Save As, set Encoding to UTF-8, then Save; " +
	"in LibreOffice, choose File > Save As, tick \"Edit filter settings\", then choose the character set \"Unicode (UTF-8)\"; " +
	"from Excel, choose Save As, then the type \"CSV UTF-8\""

// utf16 is encodingName's name of UTF-16.
const utf16 = "UTF-16 (Notepad calls it \"Unicode\")"

// encodingMessage is the one error for a file saved as name.
func encodingMessage(name string) diag.Text {
	switch name {
	case tcvn3:
		return diag.Textf("this file is saved as %s, and Loa reads only UTF-8: "+
			"first convert its text to Unicode with UniKey (Ctrl+Shift+F6, from TCVN3 (ABC) to Unicode), then %s",
			diag.Textf(tcvn3), diag.Textf(saveAsUTF8))
	case utf16:
		return diag.Textf("this file is saved as %s, and Loa reads only UTF-8: %s", diag.Textf(utf16), diag.Textf(saveAsUTF8))
	}
	return diag.Textf("this file is saved as %s, and Loa reads only UTF-8: %s", name, diag.Textf(saveAsUTF8))
}

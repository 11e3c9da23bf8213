package ctrlchar

import (
	"testing"
	"unicode"
)

// TestForbiddenIsUnicodes: Forbidden is exactly Unicode's control
// characters (Cc) but tab, LF and CR, and its Bidi_Control property, over
// every code point.
func TestForbiddenIsUnicodes(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := (unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r') || unicode.Is(unicode.Bidi_Control, r)
		if Forbidden(r) != want {
			t.Errorf("Forbidden(%U) = %v", r, !want)
		}
		if want && mayStart(string(r)[0]) == false {
			t.Errorf("%U starts with a byte Index skips", r)
		}
	}
}

func TestStrip(t *testing.T) {
	for in, want := range map[string]string{
		"":                          "",
		"Thôn Đông Hưng":            "Thôn Đông Hưng",
		"Thôn\x00Một":               "ThônMột",
		"a\tb\nc\rd":                "a\tb\nc\rd",
		"\x07\x1b[31mđỏ\x7f\u0085":  "[31mđỏ",
		"Thôn \u202eBa\u202c Lan":   "Thôn Ba Lan",
		"\u2066x\u2069\u200e\u200f": "x",
		"\u061cض–…":                 "ض–…",
		"\xff\x00\xfe":              "\xff\xfe", // invalid UTF-8 is kept as it is
	} {
		if got := Strip(in); got != want {
			t.Errorf("Strip(%q) = %q, want %q", in, got, want)
		}
		if got := string(StripBytes([]byte(in))); got != want {
			t.Errorf("StripBytes(%q) = %q, want %q", in, got, want)
		}
		if (Index(in) < 0) != (in == want) || (IndexBytes([]byte(in)) < 0) != (in == want) {
			t.Errorf("Index(%q) = %d", in, Index(in))
		}
	}
}

func TestName(t *testing.T) {
	if got := Name('\u202e'); got != "U+202E RIGHT-TO-LEFT OVERRIDE" {
		t.Error(got)
	}
	if got := Name(7); got != "U+0007, a control character" {
		t.Error(got)
	}
}

// Stripping is idempotent even on bytes that are not UTF-8: removing a NUL
// between 0xC2 and 0x80 must not make U+0080 (found by FuzzParseDirective).
func TestStripTwiceIsStripOnce(t *testing.T) {
	for _, s := range []string{"\xc2\x00\x80", "a\xe2\x00\x80\xaeb", "\xd8\x07\x9c", "Đồng Hòa\x00"} {
		once := Strip(s)
		if twice := Strip(once); twice != once || Index(once) >= 0 {
			t.Errorf("Strip(%q) = %q, and again %q", s, once, twice)
		}
		if got := string(StripBytes([]byte(s))); got != once {
			t.Errorf("StripBytes(%q) = %q, Strip gives %q", s, got, once)
		}
	}
}

package vi

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// FoldName returns the key by which names typed by people are matched: two
// spellings of one name that differ only in their Unicode form (NFC or
// NFD), letter case, runs of spaces (tabs and no-break spaces included, none
// at either end) or the vowel that carries the tone mark give the same key.
//
//	FoldName("UBND phường Đồng Hòa") == FoldName("ubnd  phường đồng hoà")
//	FoldName("Thủy Sơn")             == FoldName("Thuỷ Sơn")
//
// The tone mark (huyền, sắc, hỏi, ngã, nặng) of each word is moved after
// its last letter, where it composes with that letter when it can, so the
// key of "Hòa" and "Hoà" is "hoà". The other diacritics (ă â ê ô ơ ư đ)
// stay: "Hòa" and "Hóa", or "Sơn" and "Son", are different names. The key
// is in NFC and meant for comparison, not for display.
func FoldName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	var tone rune   // the tone mark of the word being read, 0 for none
	inWord := false // inside a run of letters and their marks
	space := false  // a space is owed before the next character
	endWord := func() {
		if tone != 0 {
			b.WriteRune(tone)
			tone = 0
		}
		inWord = false
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.IsSpace(r):
			endWord()
			space = b.Len() > 0
			continue
		case isTone(r):
			if inWord {
				tone = r
			} else {
				b.WriteRune(r) // a stray mark: kept where it is
			}
			continue
		case unicode.Is(unicode.Mn, r):
			b.WriteRune(r) // a vowel mark (breve, circumflex, horn)
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space {
				b.WriteByte(' ')
				space = false
			}
			inWord = true
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		endWord()
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	endWord()
	return norm.NFC.String(b.String())
}

// isTone reports whether r is one of the five combining tone marks of
// Vietnamese.
func isTone(r rune) bool {
	switch r {
	case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323':
		return true
	}
	return false
}

// Package vi owns Vietnamese text: Unicode normalisation, slugs, dates in the
// style of Nghị định 30/2020/NĐ-CP, number formatting and collation. It knows
// nothing about sites.
//
// Every function is safe for concurrent use.
package vi

import (
	"bytes"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode Normalization Form C, the composed form in which
// Vietnamese text should be stored and compared byte for byte. Text typed on
// macOS or pasted from some PDFs arrives decomposed (NFD); NFC makes it equal
// to the same text typed elsewhere.
func NFC(s string) string { return norm.NFC.String(s) }

// NFCBytes returns b in Unicode Normalization Form C. When b is already in
// NFC, b itself is returned, not a copy, so the result may share storage
// with b.
func NFCBytes(b []byte) []byte { return norm.NFC.Bytes(b) }

// Slug returns an ASCII, URL-safe form of s: diacritics are removed, đ and Đ
// become d, letters are lower-cased, and every run of characters outside
// [a-z0-9] becomes a single '-', with none at either end. It gives the same
// result for NFC and NFD input, and "" when s has no letter or digit.
//
//	Slug("Đồng Hòa")                       == "dong-hoa"
//	Slug("Trường THCS Lê Lợi (cơ sở 2)")  == "truong-thcs-le-loi-co-so-2"
//
// The text is decomposed with NFKD rather than NFD, so that compatibility
// forms also reduce to ASCII (full-width "２" to "2", "ﬁ" to "fi"); for
// Vietnamese text the two give the same slug. The look-alikes of Đ that old
// code-page converters produce (Ð U+00D0, Ɖ U+0189) also become d.
func Slug(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	dash := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining mark: a tone or a vowel diacritic
		case r == 'đ' || r == 'Đ' || r == 'ð' || r == 'Ð' || r == 'ɖ' || r == 'Ɖ':
			r = 'd'
		default:
			r = unicode.ToLower(r)
		}
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		} else {
			dash = true
		}
	}
	return b.String()
}

// IsSlug reports whether s is a well-formed slug: one or more runs of
// [a-z0-9] joined by single hyphens, that is ^[a-z0-9]+(-[a-z0-9]+)*$.
// Every non-empty result of Slug is a slug.
func IsSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == '-' && s[i-1] != '-':
		default:
			return false
		}
	}
	return true
}

// LongDate formats the date of t as an administrative document does under
// Nghị định 30/2020/NĐ-CP: "ngày 04 tháng 11 năm 2023". Days below 10 and
// the months 1 and 2 take a leading zero ("ngày 05 tháng 01 năm 2024");
// months 3 to 12 do not ("ngày 29 tháng 6 năm 2025"). The year, month and
// day are those of t in its own location; no time zone conversion is done.
func LongDate(t time.Time) string {
	y, m, d := t.Date()
	month := strconv.Itoa(int(m))
	if m < time.March {
		month = "0" + month
	}
	return "ngày " + pad2(d) + " tháng " + month + " năm " + strconv.Itoa(y)
}

// ShortDate formats the date of t as dd/mm/yyyy, day and month zero-padded:
// "04/11/2023". Like LongDate it uses t's own location.
func ShortDate(t time.Time) string {
	y, m, d := t.Date()
	year := strconv.Itoa(y)
	if 0 <= y && y < 1000 {
		year = strings.Repeat("0", 4-len(year)) + year
	}
	return pad2(d) + "/" + pad2(int(m)) + "/" + year
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// Int formats n with '.' between groups of three digits, as Vietnamese
// writes numbers: 70872 is "70.872", -1234 is "-1.234", 0 is "0".
func Int(n int64) string {
	if n < 0 {
		// The magnitude of math.MinInt64 does not fit in an int64.
		return "-" + group(strconv.FormatUint(uint64(-(n+1))+1, 10))
	}
	return group(strconv.FormatInt(n, 10))
}

// Signed formats n like Int but with an explicit sign when it is not zero,
// for a change since a previous report: "+1.234", "-56", "0".
func Signed(n int64) string {
	if n > 0 {
		return "+" + Int(n)
	}
	return Int(n)
}

// group puts '.' between groups of three in a string of decimal digits.
func group(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	b.Grow(len(digits) + len(digits)/3)
	first := len(digits) % 3
	if first == 0 {
		first = 3
	}
	b.WriteString(digits[:first])
	for i := first; i < len(digits); i += 3 {
		b.WriteByte('.')
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// NotANumber is what Decimal and Percent print for NaN and the infinities:
// an en dash, as a table shows a figure that cannot be given.
const NotANumber = "–"

// Decimal formats f with exactly prec digits after a decimal comma and '.'
// between groups of three digits before it: Decimal(0.4, 1) is "0,4",
// Decimal(1234.5, 1) is "1.234,5" and Decimal(1234.5, 0) is "1.235". A
// negative prec counts as 0. NaN and ±Inf give NotANumber.
//
// Rounding is half away from zero, applied to the shortest decimal that
// reads back as f (what strconv.FormatFloat(f, 'g', -1, 64) prints), not to
// the exact binary value. So Decimal(2.675, 2) is "2,68" and
// Decimal(0.045, 2) is "0,05", as a reader who sees those numbers in the
// source data expects, although the doubles nearest them lie just below.
// A result that rounds to zero has no minus sign: Decimal(-0.04, 1) is "0,0".
func Decimal(f float64, prec int) string {
	return formatDecimal(f, 0, prec)
}

// Percent formats ratio as a percentage with exactly prec digits after the
// decimal comma: Percent(0.137, 1) is "13,7%", Percent(1, 1) is "100,0%".
// The ratio is scaled by 100 in decimal, not in floating point, and then
// rounded as Decimal rounds, so Percent(0.0045, 1) is "0,5%" (0.0045*100 in
// float64 is 0.44999999999999996, which would give "0,4%"). NaN and ±Inf give
// NotANumber.
func Percent(ratio float64, prec int) string {
	s := formatDecimal(ratio, 2, prec)
	if s == NotANumber {
		return s
	}
	return s + "%"
}

// formatDecimal formats f·10^shift with prec decimals; see Decimal.
func formatDecimal(f float64, shift, prec int) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return NotANumber
	}
	prec = max(prec, 0)
	neg := math.Signbit(f)
	// Shortest round-tripping form, e.g. "4.5e-03": digits "45" and the
	// decimal point after digit exp+1.
	e := strconv.FormatFloat(math.Abs(f), 'e', -1, 64)
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	digits := strings.Replace(mant, ".", "", 1)
	point := exp + 1 + shift // digits before the decimal point

	// Make digits hold exactly the integer part and prec decimals, noting
	// whether what is cut off is at least one half.
	var roundUp bool
	switch {
	case point < 0:
		digits = strings.Repeat("0", -point) + digits
		point = 0
	case point > len(digits):
		digits += strings.Repeat("0", point-len(digits))
	}
	if want := point + prec; len(digits) > want {
		roundUp = digits[want] >= '5'
		digits = digits[:want]
	} else {
		digits += strings.Repeat("0", want-len(digits))
	}
	buf := []byte(digits)
	if roundUp {
		i := len(buf) - 1
		for ; i >= 0 && buf[i] == '9'; i-- {
			buf[i] = '0'
		}
		if i >= 0 {
			buf[i]++
		} else {
			buf = append([]byte{'1'}, buf...)
		}
	}
	intPart := strings.TrimLeft(string(buf[:len(buf)-prec]), "0")
	if intPart == "" {
		intPart = "0"
	}
	frac := string(buf[len(buf)-prec:])

	var b strings.Builder
	if neg && strings.Trim(string(buf), "0") != "" {
		b.WriteByte('-')
	}
	b.WriteString(group(intPart))
	if prec > 0 {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}

// collators holds Vietnamese collators: a collate.Collator keeps scratch
// buffers and is not safe for concurrent use.
var collators = sync.Pool{New: func() any { return newCollator() }}

func newCollator() *collate.Collator {
	return collate.New(language.Vietnamese, collate.Numeric)
}

// Compare compares a and b in Vietnamese alphabetical order and returns -1,
// 0 or +1. The base letters go A Ă Â B C D Đ E Ê G H I K L M N O Ô Ơ P Q R
// S T U Ư V X Y; tone marks (none, huyền, hỏi, ngã, sắc, nặng) and then case
// only break ties. Runs of digits compare by numeric value, so "Tổ 2" comes
// before "Tổ 10". Strings that the collation finds equal are ordered by
// their NFC bytes, so Compare returns 0 only for canonically equivalent
// strings (NFC and NFD spellings of the same text). Compare uses the CLDR
// Vietnamese tailoring of golang.org/x/text/collate and is safe for
// concurrent use.
func Compare(a, b string) int {
	c := collators.Get().(*collate.Collator)
	r := c.CompareString(a, b)
	collators.Put(c)
	if r != 0 {
		return r
	}
	return strings.Compare(NFC(a), NFC(b))
}

// Sort sorts s in place by Compare on key(elem), keeping the order of
// elements whose keys compare equal. key is called once per element.
func Sort[T any](s []T, key func(T) string) {
	if len(s) < 2 {
		return
	}
	type item struct {
		coll []byte // collation key
		nfc  string // tie-breaker, as in Compare
		v    T
	}
	c := collators.Get().(*collate.Collator)
	var buf collate.Buffer
	items := make([]item, len(s))
	for i, v := range s {
		k := key(v)
		items[i] = item{coll: c.KeyFromString(&buf, k), nfc: NFC(k), v: v}
	}
	collators.Put(c)
	slices.SortStableFunc(items, func(x, y item) int {
		if r := bytes.Compare(x.coll, y.coll); r != 0 {
			return r
		}
		return strings.Compare(x.nfc, y.nfc)
	})
	for i := range items {
		s[i] = items[i].v
	}
}

// Upper returns s in upper case, in NFC: "ủy ban nhân dân" gives
// "ỦY BAN NHÂN DÂN", whether s was NFC or NFD.
func Upper(s string) string { return NFC(strings.ToUpper(s)) }

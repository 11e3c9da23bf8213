package qr

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/skip2/go-qrcode"
)

// libraryBitmap is the symbol of content as github.com/skip2/go-qrcode
// draws it at level Q without border, which encode reproduces.
func libraryBitmap(content string) ([][]bool, error) {
	q, err := qrcode.New(content, qrcode.High)
	if err != nil {
		return nil, err
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

// sameAsLibrary checks that encode draws content exactly as the library
// does, or fails where it fails.
func sameAsLibrary(t testing.TB, content string) {
	t.Helper()
	want, werr := libraryBitmap(content)
	got, size, ok := encode(content)
	if (werr == nil) != ok {
		t.Fatalf("%q (%d bytes): encode ok %v, library error %v", content, len(content), ok, werr)
	}
	if !ok {
		return
	}
	if size != len(want) {
		t.Fatalf("%q: size %d, library %d", content, size, len(want))
	}
	for y, row := range want {
		for x, v := range row {
			if got[y*size+x] != v {
				t.Fatalf("%q (%d bytes, size %d): module (%d,%d) differs from the library's", content, len(content), size, x, y)
			}
		}
	}
}

// TestEncodeSameAsLibrary compares the two on texts of every mode and of
// every length range, so of many versions, masks and segmentations.
func TestEncodeSameAsLibrary(t *testing.T) {
	for _, u := range []string{
		"x", "0", "01234567", "HELLO WORLD", "hello world", "A1b2C3", "https://zalo.me/0000000000000000000",
		"https://quocgia.example.vn/zalo/don-vi/lac-tay-quang-1/",
		"https://kienan.example.vn/zalo/đơn-vị/bắc-sơn/",
		"HTTPS://KIENAN.EXAMPLE.VN/D/42/",
		strings.Repeat("7", 3000), strings.Repeat("AB", 1100), strings.Repeat("x", 1663), strings.Repeat("x", 1664),
		strings.Repeat("é", 832) + "x", "abc123456789012345def", "ABC123456789012345def",
	} {
		sameAsLibrary(t, u)
	}
	r := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{
		"abcdefghijklmnopqrstuvwxyz0123456789-/:.",
		"0123456789",
		"ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 $%*+-./:",
		"aA0 -/:.é\x00\xff",
	}
	n := 600
	if testing.Short() {
		n = 100
	}
	for i := range n {
		alphabet := []rune(alphabets[i%len(alphabets)])
		length := 1 + r.IntN(60)
		switch i % 10 {
		case 0:
			length = 1 + r.IntN(1200)
		case 1:
			length = 1 + r.IntN(300)
		}
		var b strings.Builder
		for range length {
			// Runs of one kind of character, so that segments form.
			if r.IntN(4) == 0 {
				b.WriteString(strings.Repeat(string(alphabet[r.IntN(len(alphabet))]), 1+r.IntN(12)))
			} else {
				b.WriteRune(alphabet[r.IntN(len(alphabet))])
			}
		}
		t.Run(fmt.Sprint(i), func(t *testing.T) { sameAsLibrary(t, b.String()) })
	}
}

func FuzzEncode(f *testing.F) {
	f.Add("https://quocgia.example.vn/zalo/don-vi/lac-tay-quang-1/")
	f.Add("0123ABCdef")
	f.Fuzz(func(t *testing.T, content string) {
		if content == "" {
			return
		}
		sameAsLibrary(t, content)
	})
}

package qr

import (
	"bytes"
	"compress/zlib"
	"hash/adler32"
	"io"
	"math/rand/v2"
	"testing"
)

// TestZlibRows inflates what zlibRows writes with compress/zlib: bands of
// random and of runny rows, repeated bands, copies of every length around
// deflate's limit of 258.
func TestZlibRows(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 400 {
		stride := 1 + r.IntN(300)
		if i%10 == 0 {
			stride = 1 + 258*(1+r.IntN(3)) + r.IntN(5) - 2 // copies that split awkwardly
		}
		scale := 1 + r.IntN(14)
		band := make([][]byte, 1+r.IntN(30))
		for j := range band {
			if j > 0 && r.IntN(3) == 0 {
				band[j] = band[j-1] // the same row of modules again
				continue
			}
			row := make([]byte, stride)
			for k := 1; k < stride; k++ {
				switch {
				case i%3 == 0:
					row[k] = byte(r.IntN(256))
				case r.IntN(4) == 0:
					row[k] = byte(r.IntN(256))
				default:
					row[k] = row[k-1] // runs
				}
			}
			band[j] = row
		}
		var want []byte
		for _, row := range band {
			for range scale {
				want = append(want, row...)
			}
		}
		zr, err := zlib.NewReader(bytes.NewReader(zlibRows(band, scale)))
		if err != nil {
			t.Fatalf("case %d: %v", i, err)
		}
		got, err := io.ReadAll(zr)
		if err != nil || !bytes.Equal(got, want) {
			t.Fatalf("case %d (stride %d, scale %d, %d rows): %d bytes, %v; want %d", i, stride, scale, len(band), len(got), err, len(want))
		}
	}
}

func TestAdler32Combine(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		a, b := make([]byte, r.IntN(100000)), make([]byte, r.IntN(70000))
		for i := range a {
			a[i] = byte(r.IntN(256))
		}
		for i := range b {
			b[i] = byte(r.IntN(256))
		}
		got := adler32Combine(adler32.Checksum(a), adler32.Checksum(b), len(b))
		if want := adler32.Checksum(append(a, b...)); got != want {
			t.Fatalf("%d+%d bytes: %08x, want %08x", len(a), len(b), got, want)
		}
	}
}

package qr

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestPenalty64 compares the word-wise score with the module-by-module one
// on random symbols, plain ones, and ones full of finder-like patterns.
func TestPenalty64(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for i := range 3000 {
		n := 21 + 4*r.IntN(11) // versions 1 to 11
		if i%7 == 0 {
			n = 6 + r.IntN(59) // any size up to 64
		}
		m := make([]bool, n*n)
		switch i % 5 {
		case 0: // all light, or all dark
			for j := range m {
				m[j] = i%2 == 0
			}
		case 1: // finder-like rows and columns, with stray modules
			pat := []bool{false, false, false, false, true, false, true, true, true, false, true, false, false, false, false}
			off := r.IntN(15)
			for y := range n {
				for x := range n {
					m[y*n+x] = pat[(x+off)%len(pat)] != (r.IntN(20) == 0)
					if y%3 == 0 {
						m[y*n+x] = pat[(y+x)%len(pat)]
					}
				}
			}
		default:
			p := r.Float64()
			for j := range m {
				m[j] = r.Float64() < p
			}
		}
		want := penalty(m, make([]bool, n*n), n)
		rows, cols := make([]uint64, n), make([]uint64, n)
		for y := range n {
			for x := range n {
				if m[y*n+x] {
					rows[y] |= 1 << uint(x)
					cols[x] |= 1 << uint(y)
				}
			}
		}
		if got := penalty64(rows, cols, n); got != want {
			t.Fatalf("symbol %d (%d×%d): penalty64 %d, penalty %d", i, n, n, got, want)
		}
	}
}

// TestPenalty64Masks compares the two scores on the eight masks of real
// codes of every version up to 11.
func TestPenalty64Masks(t *testing.T) {
	for length := 1; length < 330; length += 7 {
		content := "https://x.vn/" + strings.Repeat("a1-", length)[:length]
		version, final, ok := codewords(content)
		if !ok || version > 11 {
			break
		}
		l := layoutOf(version)
		n := l.size
		s := &symbol{size: n, module: make([]bool, n*n), used: make([]bool, n*n)}
		for mask := range 8 {
			s.draw(l, mask, final)
			rows, cols := make([]uint64, n), make([]uint64, n)
			for y := range n {
				for x := range n {
					if s.module[y*n+x] {
						rows[y] |= 1 << uint(x)
						cols[x] |= 1 << uint(y)
					}
				}
			}
			if got, want := penalty64(rows, cols, n), penalty(s.module, make([]bool, n*n), n); got != want {
				t.Errorf("version %d, mask %d: penalty64 %d, penalty %d", version, mask, got, want)
			}
		}
	}
}

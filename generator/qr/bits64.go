package qr

import mbits "math/bits"

// Scoring the eight masks was most of the time of encode: eight symbols
// drawn module by module, then eight passes over them, each a chain of
// branches. Up to version 11 (61 modules: every URL a site prints) a row
// fits in a uint64, so a symbol is kept as bit planes, its rows and its
// columns: the data is placed once, each mask is an exclusive or, and
// rules 1, 2 and 4 become a few shifts and population counts per line.
// Rule 3, whose library form restarts its window after each match, is
// scanned module by module only on the lines where a match is possible at
// all, which are few. The score is penalty's (a test compares them on
// random symbols, and encode with the library on thousands of codes).

// planes is what a layout of size ≤ 64 draws as bit planes: bit x of
// rows[y] and bit y of cols[x] are the module at column x, row y.
type planes struct {
	n                      int
	baseRows, baseCols     [64]uint64    // function patterns, dark module included
	formatRows, formatCols [8][64]uint64 // the format information of each mask
	maskRows, maskCols     [8][64]uint64 // data modules each mask inverts
}

func newPlanes(l *layout) *planes {
	n := l.size
	p := &planes{n: n}
	for y := range n {
		for x := range n {
			if l.base[y*n+x] {
				p.baseRows[y] |= 1 << uint(x)
				p.baseCols[x] |= 1 << uint(y)
			}
		}
	}
	s := &symbol{size: n, module: make([]bool, n*n), used: make([]bool, n*n)}
	for mask := range 8 {
		clear(s.module)
		s.formatInfo(int64(formatQ[mask]))
		for y := range n {
			for x := range n {
				if s.module[y*n+x] {
					p.formatRows[mask][y] |= 1 << uint(x)
					p.formatCols[mask][x] |= 1 << uint(y)
				}
			}
		}
		for _, at := range l.order {
			x, y := int(at)%n, int(at)/n
			if masked(mask, x, y) {
				p.maskRows[mask][y] |= 1 << uint(x)
				p.maskCols[mask][x] |= 1 << uint(y)
			}
		}
	}
	return p
}

// choose places the codewords, scores every mask and returns the symbol
// with the best, the first of equal scores, as rows of modules.
func (p *planes) choose(l *layout, final []byte) []bool {
	n := p.n
	var dataRows, dataCols [64]uint64
	for i, at := range l.order {
		if i/8 < len(final) && final[i/8]>>(7-uint(i%8))&1 == 1 {
			x, y := int(at)%n, int(at)/n
			dataRows[y] |= 1 << uint(x)
			dataCols[x] |= 1 << uint(y)
		}
	}
	var rows, cols [64]uint64
	best, bestPenalty := 0, 0
	for mask := range 8 {
		for i := range n {
			rows[i] = p.baseRows[i] | p.formatRows[mask][i] | dataRows[i] ^ p.maskRows[mask][i]
			cols[i] = p.baseCols[i] | p.formatCols[mask][i] | dataCols[i] ^ p.maskCols[mask][i]
		}
		if score := penalty64(rows[:n], cols[:n], n); mask == 0 || score < bestPenalty {
			best, bestPenalty = mask, score
		}
	}
	out := make([]bool, n*n)
	for y := range n {
		r := p.baseRows[y] | p.formatRows[best][y] | dataRows[y] ^ p.maskRows[best][y]
		for x := range n {
			out[y*n+x] = r>>uint(x)&1 == 1
		}
	}
	return out
}

// penalty64 scores the symbol of size n ≤ 64 given as its rows and
// columns, as penalty does.
func penalty64(rows, cols []uint64, n int) int {
	full := uint64(1)<<uint(n) - 1
	if n == 64 {
		full = ^uint64(0)
	}
	p, dark := 0, 0
	for i := range n {
		p += runs64(rows[i], n, full) + runs64(cols[i], n, full)
		p += finder64(rows[i], n, full) + finder64(cols[i], n, full)
		dark += mbits.OnesCount64(rows[i])
	}
	// Rule 2: 2×2 blocks of one colour.
	blocks := 0
	pairs := full >> 1 // positions x with x+1 < n
	for y := 1; y < n; y++ {
		a, b := rows[y-1], rows[y]
		same := ^(a ^ b) // vertically equal
		blocks += mbits.OnesCount64(same & (same >> 1) & ^(b ^ (b >> 1)) & pairs)
	}
	p += 3 * blocks
	// Rule 4: the share of dark modules.
	total := n * n
	dev := total/2 - dark
	if dev < 0 {
		dev = -dev
	}
	return p + 10*(dev/(total/20))
}

// runs64 is rule 1 on one line of n modules: with the library's weights a
// run of L ≥ 6 modules of one colour costs L−2 (and a run of 5 nothing),
// that is one per window of six equal modules, plus 3 per run that has
// one.
func runs64(line uint64, n int, full uint64) int {
	if n < 6 {
		return 0
	}
	// eq has bit i set when modules i and i+1 have the same colour.
	eq := ^(line ^ (line >> 1)) & (full >> 1)
	six := eq & (eq >> 1) & (eq >> 2) & (eq >> 3) & (eq >> 4) // modules i..i+5 equal
	if six == 0 {
		return 0
	}
	// A window starts a run's count when the module before it differs.
	starts := six &^ (eq << 1)
	return mbits.OnesCount64(six) + 3*mbits.OnesCount64(starts)
}

// finder64 is rule 3 on one line of n modules: a match is an 11-module
// window 0000 1011101 or 1011101 0000 (modules before the line count as
// light), or 1011101 ending the line. When the line has none, rule 3
// costs nothing there; otherwise the library's scan runs.
func finder64(line uint64, n int, full uint64) int {
	// Module j is bit j; x<<k has bit j set when module j−k has bit set in
	// x, and bits below k are modules before the line: light.
	dark, light := line, ^line&full
	below := func(k int) uint64 { return uint64(1)<<uint(k) - 1 }
	// core: modules j−6..j are 1011101 (dark at j−6, j−4, j−3, j−2, j).
	// (In Go, << and & bind alike, from the left: hence the parentheses.)
	core := dark & (light << 1) & (dark << 2) & (dark << 3) & (dark << 4) & ((light << 5) | below(5)) & (dark << 6)
	// four: modules j−3..j are light, or before the line.
	four := light & ((light << 1) | below(1)) & ((light << 2) | below(2)) & ((light << 3) | below(3))
	after := (core << 4) & four // 1011101 0000, ending at j
	before := core & ((four << 7) | below(7))
	end := core & (uint64(1) << uint(n-1))
	if (after|before|end)&full == 0 {
		return 0
	}
	p := 0
	var buf uint32 // only its 11 low bits are ever looked at
	for j := range n {
		buf = buf<<1 | uint32(line>>uint(j)&1)
		if w := buf & 0x7ff; w == 0x05d || w == 0x5d0 || (j == n-1 && buf&0x7f == 0x5d) {
			p += 40
			buf = 0xff
		}
	}
	return p
}

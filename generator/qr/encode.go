package qr

import (
	"sync"
)

// This file encodes a text as a QR symbol at level Q (the library's
// qrcode.High) the way github.com/skip2/go-qrcode does, step for step:
// the same choice of segments and version, the same padding, the same
// Reed-Solomon codewords, the same placement and the same mask, chosen by
// the same penalty rules, quirks included. It gives the very bitmap the
// library gives (encode_test.go compares them on thousands of texts, so
// the library stays the reference), in about a twentieth of the time: the
// library works on slices of bools and big-endian bit sets and allocates
// at every step (4,000 allocations, about 0.9 ms a code). A national site
// draws 10,001 codes; through the library they were 40% of a cold build's
// processor time, and the difference between a build slower than Hugo's
// and one faster (scripts/bench.sh). New falls back to the library only
// to word its error for a text too long.

// Data modes, with the library's values: a higher value is a more general
// mode.
const (
	modeNone         = 1
	modeNumeric      = 2
	modeAlphanumeric = 4
	modeByte         = 8
)

// encoderType is one of the library's three ranges of versions, which
// differ in the width of the character counts.
type encoderType struct {
	minVersion, maxVersion int
	countBits              [9]int // by mode
}

var encoderTypes = [3]encoderType{
	{1, 9, [9]int{modeNumeric: 10, modeAlphanumeric: 9, modeByte: 8}},
	{10, 26, [9]int{modeNumeric: 12, modeAlphanumeric: 11, modeByte: 16}},
	{27, 40, [9]int{modeNumeric: 14, modeAlphanumeric: 13, modeByte: 16}},
}

// encodedLength is the number of bits of a segment of n characters in
// mode, or false when n does not fit its character count.
func (t *encoderType) encodedLength(mode, n int) (int, bool) {
	bits := t.countBits[mode]
	if n > 1<<bits-1 {
		return 0, false
	}
	length := 4 + bits
	switch mode {
	case modeNumeric:
		length += 10 * (n / 3)
		if n%3 != 0 {
			length += 1 + 3*(n%3)
		}
	case modeAlphanumeric:
		length += 11*(n/2) + 6*(n%2)
	case modeByte:
		length += 8 * n
	}
	return length, true
}

type segment struct {
	mode       int
	start, end int
}

func classify(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return modeNumeric
	case c == ' ' || c == '$' || c == '%' || c == '*' || c == '+' || c == '-' || c == '.' || c == '/' || c == ':' || (c >= 'A' && c <= 'Z'):
		return modeAlphanumeric
	}
	return modeByte
}

// segments splits data into the segments the library encodes: runs of one
// mode, merged where that is shorter, or one segment of the most general
// mode when that is no longer.
func (t *encoderType) segments(data []byte) ([]segment, bool) {
	var actual []segment
	mode, highest, start := modeNone, modeNone, 0
	for i, c := range data {
		m := classify(c)
		if m != mode {
			if i > 0 {
				actual = append(actual, segment{mode, start, i})
				start = i
			}
			mode = m
		}
		highest = max(highest, m)
	}
	actual = append(actual, segment{mode, start, len(data)})

	var optimised []segment
	for i := 0; i < len(actual); {
		mode := actual[i].mode
		n := actual[i].end - actual[i].start
		j := i + 1
		for ; j < len(actual); j++ {
			next := actual[j].end - actual[j].start
			if actual[j].mode > mode {
				break
			}
			together, ok1 := t.encodedLength(mode, n+next)
			apart1, ok2 := t.encodedLength(mode, n)
			apart2, ok3 := t.encodedLength(actual[j].mode, next)
			if !ok1 || !ok2 || !ok3 {
				return nil, false
			}
			if together >= apart1+apart2 {
				break
			}
			n += next
		}
		optimised = append(optimised, segment{mode, actual[i].start, actual[i].start + n})
		i = j
	}

	total := 0
	for _, s := range optimised {
		l, ok := t.encodedLength(s.mode, s.end-s.start)
		if !ok {
			return nil, false
		}
		total += l
	}
	single, ok := t.encodedLength(highest, len(data))
	if !ok {
		return nil, false
	}
	if single <= total {
		optimised = []segment{{highest, 0, len(data)}}
	}
	return optimised, true
}

// bits is a sequence of bits, one a byte.
type bits []byte

func (b bits) appendUint(v uint32, n int) bits {
	for i := n - 1; i >= 0; i-- {
		b = append(b, byte(v>>uint(i)&1))
	}
	return b
}

func alphanumericValue(c byte) uint32 {
	switch {
	case c >= '0' && c <= '9':
		return uint32(c - '0')
	case c >= 'A' && c <= 'Z':
		return uint32(c-'A') + 10
	}
	switch c {
	case ' ':
		return 36
	case '$':
		return 37
	case '%':
		return 38
	case '*':
		return 39
	case '+':
		return 40
	case '-':
		return 41
	case '.':
		return 42
	case '/':
		return 43
	}
	return 44 // ':'
}

func (t *encoderType) encode(data []byte, segs []segment) bits {
	out := make(bits, 0, 8*len(data)+64)
	for _, s := range segs {
		d := data[s.start:s.end]
		indicator := uint32(s.mode) >> 1 // numeric 0001, alphanumeric 0010, byte 0100
		out = out.appendUint(indicator, 4)
		out = out.appendUint(uint32(len(d)), t.countBits[s.mode])
		switch s.mode {
		case modeNumeric:
			for i := 0; i < len(d); i += 3 {
				var v uint32
				used := 1
				for j := 0; j < len(d)-i && j < 3; j++ {
					v = v*10 + uint32(d[i+j]-'0')
					used += 3
				}
				out = out.appendUint(v, used)
			}
		case modeAlphanumeric:
			for i := 0; i < len(d); i += 2 {
				var v uint32
				for j := 0; j < len(d)-i && j < 2; j++ {
					v = v*45 + alphanumericValue(d[i+j])
				}
				used := 6
				if len(d)-i > 1 {
					used = 11
				}
				out = out.appendUint(v, used)
			}
		case modeByte:
			for _, c := range d {
				out = out.appendUint(uint32(c), 8)
			}
		}
	}
	return out
}

// blockGroup is blocks of one size in a version at level Q.
type blockGroup struct{ blocks, codewords, data int }

type versionQ struct {
	groups    []blockGroup
	remainder int // remainder bits after the codewords
}

// levelQ is the library's table of versions at level Q (qrcode.High).
var levelQ = [41]versionQ{
	1: {[]blockGroup{{1, 26, 13}}, 0}, 2: {[]blockGroup{{1, 44, 22}}, 7},
	3: {[]blockGroup{{2, 35, 17}}, 7}, 4: {[]blockGroup{{2, 50, 24}}, 7},
	5: {[]blockGroup{{2, 33, 15}, {2, 34, 16}}, 7}, 6: {[]blockGroup{{4, 43, 19}}, 7},
	7: {[]blockGroup{{2, 32, 14}, {4, 33, 15}}, 0}, 8: {[]blockGroup{{4, 40, 18}, {2, 41, 19}}, 0},
	9: {[]blockGroup{{4, 36, 16}, {4, 37, 17}}, 0}, 10: {[]blockGroup{{6, 43, 19}, {2, 44, 20}}, 0},
	11: {[]blockGroup{{4, 50, 22}, {4, 51, 23}}, 0}, 12: {[]blockGroup{{4, 46, 20}, {6, 47, 21}}, 0},
	13: {[]blockGroup{{8, 44, 20}, {4, 45, 21}}, 0}, 14: {[]blockGroup{{11, 36, 16}, {5, 37, 17}}, 3},
	15: {[]blockGroup{{5, 54, 24}, {7, 55, 25}}, 3}, 16: {[]blockGroup{{15, 43, 19}, {2, 44, 20}}, 3},
	17: {[]blockGroup{{1, 50, 22}, {15, 51, 23}}, 3}, 18: {[]blockGroup{{17, 50, 22}, {1, 51, 23}}, 3},
	19: {[]blockGroup{{17, 47, 21}, {4, 48, 22}}, 3}, 20: {[]blockGroup{{15, 54, 24}, {5, 55, 25}}, 3},
	21: {[]blockGroup{{17, 50, 22}, {6, 51, 23}}, 4}, 22: {[]blockGroup{{7, 54, 24}, {16, 55, 25}}, 4},
	23: {[]blockGroup{{11, 54, 24}, {14, 55, 25}}, 4}, 24: {[]blockGroup{{11, 54, 24}, {16, 55, 25}}, 4},
	25: {[]blockGroup{{7, 54, 24}, {22, 55, 25}}, 4}, 26: {[]blockGroup{{28, 50, 22}, {6, 51, 23}}, 4},
	27: {[]blockGroup{{8, 53, 23}, {26, 54, 24}}, 4}, 28: {[]blockGroup{{4, 54, 24}, {31, 55, 25}}, 3},
	29: {[]blockGroup{{1, 53, 23}, {37, 54, 24}}, 3}, 30: {[]blockGroup{{15, 54, 24}, {25, 55, 25}}, 3},
	31: {[]blockGroup{{42, 54, 24}, {1, 55, 25}}, 3}, 32: {[]blockGroup{{10, 54, 24}, {35, 55, 25}}, 3},
	33: {[]blockGroup{{29, 54, 24}, {19, 55, 25}}, 3}, 34: {[]blockGroup{{44, 54, 24}, {7, 55, 25}}, 3},
	35: {[]blockGroup{{39, 54, 24}, {14, 55, 25}}, 0}, 36: {[]blockGroup{{46, 54, 24}, {10, 55, 25}}, 0},
	37: {[]blockGroup{{49, 54, 24}, {10, 55, 25}}, 0}, 38: {[]blockGroup{{48, 54, 24}, {14, 55, 25}}, 0},
	39: {[]blockGroup{{43, 54, 24}, {22, 55, 25}}, 0}, 40: {[]blockGroup{{34, 54, 24}, {34, 55, 25}}, 0},
}

func (v *versionQ) dataBits() int {
	n := 0
	for _, g := range v.groups {
		n += 8 * g.blocks * g.data
	}
	return n
}

// formatQ is the 15-bit format information of level Q for each mask.
var formatQ = [8]uint32{0x355f, 0x3068, 0x3f31, 0x3a06, 0x24b4, 0x2183, 0x2eda, 0x2bed}

// versionInfo is the 18-bit version information of versions 7 and up: the
// version and its BCH(18,6) remainder.
func versionInfo(v int) uint32 {
	r := uint32(v) << 12
	for i := 17; i >= 12; i-- {
		if r&(1<<uint(i)) != 0 {
			r ^= 0x1f25 << uint(i-12)
		}
	}
	return uint32(v)<<12 | r
}

var alignmentCenters = [41][]int{
	{}, {}, {6, 18}, {6, 22}, {6, 26}, {6, 30}, {6, 34}, {6, 22, 38}, {6, 24, 42}, {6, 26, 46},
	{6, 28, 50}, {6, 30, 54}, {6, 32, 58}, {6, 34, 62}, {6, 26, 46, 66}, {6, 26, 48, 70},
	{6, 26, 50, 74}, {6, 30, 54, 78}, {6, 30, 56, 82}, {6, 30, 58, 86}, {6, 34, 62, 90},
	{6, 28, 50, 72, 94}, {6, 26, 50, 74, 98}, {6, 30, 54, 78, 102}, {6, 28, 54, 80, 106},
	{6, 32, 58, 84, 110}, {6, 30, 58, 86, 114}, {6, 34, 62, 90, 118}, {6, 26, 50, 74, 98, 122},
	{6, 30, 54, 78, 102, 126}, {6, 26, 52, 78, 104, 130}, {6, 30, 56, 82, 108, 134},
	{6, 34, 60, 86, 112, 138}, {6, 30, 58, 86, 114, 142}, {6, 34, 62, 90, 118, 146},
	{6, 30, 54, 78, 102, 126, 150}, {6, 24, 50, 76, 102, 128, 154}, {6, 28, 54, 80, 106, 132, 158},
	{6, 32, 58, 84, 110, 136, 162}, {6, 26, 54, 82, 110, 138, 166}, {6, 30, 58, 86, 114, 142, 170},
}

// GF(256) with the polynomial 0x11d, as QR codes use.
var gfExp, gfLog = func() (exp [512]byte, log [256]byte) {
	x := 1
	for i := range 255 {
		exp[i] = byte(x)
		log[x] = byte(i)
		x <<= 1
		if x&0x100 != 0 {
			x ^= 0x11d
		}
	}
	for i := 255; i < 512; i++ {
		exp[i] = exp[i-255]
	}
	return exp, log
}()

var generators sync.Map // degree -> []byte, highest power first, leading 1 left out

// generator is the Reed-Solomon generator polynomial of degree n,
// (x - α^0)(x - α^1)...(x - α^(n-1)).
func generator(n int) []byte {
	if g, ok := generators.Load(n); ok {
		return g.([]byte)
	}
	g := []byte{1}
	for i := range n {
		next := make([]byte, len(g)+1)
		for j, c := range g {
			next[j] ^= c
			if c != 0 {
				next[j+1] ^= gfExp[int(gfLog[c])+i]
			}
		}
		g = next
	}
	g = g[1:]
	generators.Store(n, g)
	return g
}

// ecCodewords returns the n error correction codewords of data.
func ecCodewords(data []byte, n int) []byte {
	g := generator(n)
	rem := make([]byte, n)
	for _, d := range data {
		f := d ^ rem[0]
		copy(rem, rem[1:])
		rem[n-1] = 0
		if f != 0 {
			lf := int(gfLog[f])
			for j, c := range g {
				if c != 0 {
					rem[j] ^= gfExp[lf+int(gfLog[c])]
				}
			}
		}
	}
	return rem
}

// layout is what a version's symbol holds before any data: the function
// patterns, and the order in which data bits are placed.
type layout struct {
	size   int
	base   []bool  // the function patterns (format information aside)
	order  []int32 // module index (y*size+x) of each data bit, in placement order
	planes *planes // for size ≤ 64: see bits64.go
}

var layouts [41]struct {
	once sync.Once
	l    *layout
}

func layoutOf(version int) *layout {
	e := &layouts[version]
	e.once.Do(func() { e.l = newLayout(version) })
	return e.l
}

// symbol is a square of modules with the library's set and empty.
type symbol struct {
	size   int
	module []bool
	used   []bool
}

func (s *symbol) set(x, y int, v bool) {
	s.module[y*s.size+x] = v
	s.used[y*s.size+x] = true
}

func (s *symbol) pattern(x, y int, p []string) {
	for j, row := range p {
		for i := range len(row) {
			s.set(x+i, y+j, row[i] == '1')
		}
	}
}

var (
	finder     = []string{"1111111", "1000001", "1011101", "1011101", "1011101", "1000001", "1111111"}
	hBorder    = []string{"00000000"}
	vBorder    = []string{"0", "0", "0", "0", "0", "0", "0", "0"}
	alignment  = []string{"11111", "10001", "10101", "10001", "11111"}
	finderSize = 7
)

// functionPatterns draws what the library draws before the data, in its
// order; format is the format information, or -1 to only mark its modules.
func (s *symbol) functionPatterns(version int, format int64) {
	size, fp := s.size, finderSize
	s.pattern(0, 0, finder)
	s.pattern(0, fp, hBorder)
	s.pattern(fp, 0, vBorder)
	s.pattern(size-fp, 0, finder)
	s.pattern(size-fp-1, fp, hBorder)
	s.pattern(size-fp-1, 0, vBorder)
	s.pattern(0, size-fp, finder)
	s.pattern(0, size-fp-1, hBorder)
	s.pattern(fp, size-fp-1, vBorder)

	for _, x := range alignmentCenters[version] {
		for _, y := range alignmentCenters[version] {
			if !s.used[y*size+x] {
				s.pattern(x-2, y-2, alignment)
			}
		}
	}

	value := true
	for i := fp + 1; i < size-fp; i++ {
		s.set(i, fp-1, value)
		s.set(fp-1, i, value)
		value = !value
	}

	s.formatInfo(format)

	if version >= 7 {
		v := versionInfo(version)
		for i := range 18 {
			bit := v>>uint(i)&1 == 1
			s.set(i/3, size-fp-4+i%3, bit)
			s.set(size-fp-4+i%3, i/3, bit)
		}
	}
}

// formatInfo draws the format information f (bit i is f>>i&1), or marks
// its modules when f is negative.
func (s *symbol) formatInfo(f int64) {
	size, fp := s.size, finderSize
	bit := func(i int) bool { return f >= 0 && f>>uint(i)&1 == 1 }
	for i := 0; i <= 7; i++ {
		s.set(size-i-1, fp+1, bit(i))
	}
	for i := 0; i <= 5; i++ {
		s.set(fp+1, i, bit(i))
	}
	s.set(fp+1, fp, bit(6))
	s.set(fp+1, fp+1, bit(7))
	s.set(fp, fp+1, bit(8))
	for i := 9; i <= 14; i++ {
		s.set(14-i, fp+1, bit(i))
	}
	for i := 8; i <= 14; i++ {
		s.set(fp+1, size-fp+i-8, bit(i))
	}
	s.set(fp+1, size-fp-1, true)
}

func newLayout(version int) *layout {
	size := 21 + 4*(version-1)
	s := &symbol{size: size, module: make([]bool, size*size), used: make([]bool, size*size)}
	s.functionPatterns(version, -1)
	l := &layout{size: size, base: append([]bool(nil), s.module...)}

	v := &levelQ[version]
	n := v.remainder
	for _, g := range v.groups {
		n += 8 * g.blocks * g.codewords
	}
	// The library's walk: two columns at a time from the right, up then
	// down, skipping the timing column and every module already used.
	l.order = make([]int32, 0, n)
	xOffset, up := 1, true
	x, y := size-2, size-1
	for i := range n {
		l.order = append(l.order, int32(y*size+x+xOffset))
		s.used[y*size+x+xOffset] = true
		if i == n-1 {
			break
		}
		for {
			if xOffset == 1 {
				xOffset = 0
			} else {
				xOffset = 1
				if up {
					if y > 0 {
						y--
					} else {
						up = false
						x -= 2
					}
				} else {
					if y < size-1 {
						y++
					} else {
						up = true
						x -= 2
					}
				}
			}
			if x == 5 {
				x--
			}
			if !s.used[y*size+x+xOffset] {
				break
			}
		}
	}
	if size <= 64 {
		l.planes = newPlanes(l)
	}
	return l
}

// masked reports whether mask inverts the module at column x, row y.
func masked(mask, x, y int) bool {
	switch mask {
	case 0:
		return (y+x)%2 == 0
	case 1:
		return y%2 == 0
	case 2:
		return x%3 == 0
	case 3:
		return (y+x)%3 == 0
	case 4:
		return (y/2+x/3)%2 == 0
	case 5:
		return (y*x)%2+(y*x)%3 == 0
	case 6:
		return ((y*x)%2+(y*x)%3)%2 == 0
	}
	return ((y+x)%2+(y*x)%3)%2 == 0
}

// encode returns the symbol of content at level Q, without quiet zone, as
// rows of modules (true is dark), or false when content does not fit.
func encode(content string) (modules []bool, size int, ok bool) {
	version, final, ok := codewords(content)
	if !ok {
		return nil, 0, false
	}
	l := layoutOf(version)
	size = l.size
	if size <= 64 {
		return l.planes.choose(l, final), size, true
	}
	s := &symbol{size: size, module: make([]bool, size*size), used: make([]bool, size*size)}
	best, bestPenalty := -1, 0
	var bestModules []bool
	transposed := make([]bool, size*size)
	for mask := range 8 {
		s.draw(l, mask, final)
		p := penalty(s.module, transposed, size)
		if best < 0 || p < bestPenalty {
			best, bestPenalty = mask, p
			bestModules = append(bestModules[:0], s.module...)
		}
	}
	return bestModules, size, true
}

// draw draws the symbol of layout l with mask and the codewords final.
func (s *symbol) draw(l *layout, mask int, final []byte) {
	copy(s.module, l.base)
	s.formatInfo(int64(formatQ[mask]))
	for i, at := range l.order {
		bit := false
		if i/8 < len(final) {
			bit = final[i/8]>>(7-uint(i%8))&1 == 1
		}
		x, y := int(at)%l.size, int(at)/l.size
		s.module[at] = masked(mask, x, y) != bit
	}
}

// codewords returns the version of the symbol of content and its final
// sequence of codewords, data and error correction interleaved, or false
// when content does not fit.
func codewords(content string) (version int, final []byte, ok bool) {
	data := []byte(content)
	var stream bits
	for i := range encoderTypes {
		t := &encoderTypes[i]
		segs, ok := t.segments(data)
		if !ok {
			continue
		}
		stream = t.encode(data, segs)
		for v := t.minVersion; v <= t.maxVersion; v++ {
			if levelQ[v].dataBits() >= len(stream) {
				version = v
				break
			}
		}
		if version != 0 {
			break
		}
	}
	if version == 0 {
		return 0, nil, false
	}
	v := &levelQ[version]

	// Terminator, padding to a codeword, then the pad codewords.
	capacity := v.dataBits()
	stream = stream.appendUint(0, min(4, capacity-len(stream)))
	if len(stream) != capacity {
		stream = stream.appendUint(0, (8-len(stream)%8)%8)
	}
	for pad := uint32(0xec); capacity-len(stream) >= 8; pad ^= 0xec ^ 0x11 {
		stream = stream.appendUint(pad, 8)
	}
	cw := make([]byte, len(stream)/8)
	for i := range cw {
		var b byte
		for _, bit := range stream[8*i : 8*i+8] {
			b = b<<1 | bit
		}
		cw[i] = b
	}

	// Blocks, their error correction, interleaved.
	var blocks, ecs [][]byte
	start := 0
	for _, g := range v.groups {
		for range g.blocks {
			d := cw[start : start+g.data]
			start += g.data
			blocks = append(blocks, d)
			ecs = append(ecs, ecCodewords(d, g.codewords-g.data))
		}
	}
	final = make([]byte, 0, len(cw)+len(blocks)*len(ecs[0]))
	for _, set := range [2][][]byte{blocks, ecs} {
		for i := 0; ; i++ {
			any := false
			for _, b := range set {
				if i < len(b) {
					final = append(final, b[i])
					any = true
				}
			}
			if !any {
				break
			}
		}
	}

	return version, final, true
}

// penalty is the library's penalty score of a symbol, rules 1 to 4 with
// its weights. Columns are scored as the rows of the transposed symbol, t
// (size*size, overwritten), so that every pass reads memory in order.
func penalty(m, t []bool, size int) int {
	for y := range size {
		for x := range size {
			t[x*size+y] = m[y*size+x]
		}
	}
	p := linePenalty(m, size) + linePenalty(t, size)
	// Rule 2: 2×2 blocks of one colour.
	blocks := 0
	for y := 1; y < size; y++ {
		above, row := m[(y-1)*size:y*size], m[y*size:(y+1)*size]
		for x := 1; x < size; x++ {
			c := row[x]
			if c == row[x-1] && c == above[x] && c == above[x-1] {
				blocks++
			}
		}
	}
	p += 3 * blocks
	// Rule 4: the share of dark modules.
	dark := 0
	for _, v := range m {
		if v {
			dark++
		}
	}
	n := size * size
	dev := n/2 - dark
	if dev < 0 {
		dev = -dev
	}
	return p + 10*(dev/(n/20))
}

// linePenalty scores rules 1 (runs of five or more) and 3 (finder-like
// patterns, with the library's 11-bit window) along the rows of m.
func linePenalty(m []bool, size int) int {
	p := 0
	for y := range size {
		row := m[y*size : (y+1)*size]
		last, count := row[0], 1
		for _, v := range row[1:] {
			if v != last {
				count, last = 1, v
			} else if count++; count == 6 {
				p += 3 + 1
			} else if count > 6 {
				p++
			}
		}
		var buf uint32 // only its 11 low bits are ever looked at
		for x, v := range row {
			buf <<= 1
			if v {
				buf |= 1
			}
			if w := buf & 0x7ff; w == 0x05d || w == 0x5d0 || (x == size-1 && buf&0x7f == 0x5d) {
				p += 40
				buf = 0xff
			}
		}
	}
	return p
}

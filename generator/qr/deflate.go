package qr

import (
	"encoding/binary"
	"hash/adler32"
)

// The pixels of a code are rows of modules, each repeated scale times: a
// general compressor spends its time finding that out again (0.1 ms a
// code at its fastest, 0.5 ms at the default level; a national build
// draws ten thousand). zlibRows writes the zlib stream directly, knowing
// it: one row of pixels as literals, byte runs as copies of the byte
// before, the row's repeats as one copy of the row before, and a row of
// modules equal to the one before as a copy of its whole band; the
// Adler-32 of a repeated row is summed once and combined. It uses
// deflate's fixed Huffman codes (RFC 1951, 3.2.6), so there is no table
// to build. The file is larger than the default level's (1.8 KB against
// 0.5 KB for a 492-pixel code: one disk block either way), and made in
// half the time of the fastest level's.

// bitWriter packs a deflate stream: bits go least significant first.
type bitWriter struct {
	out   []byte
	acc   uint64
	nbits uint
}

func (w *bitWriter) bits(v uint64, n uint) {
	w.acc |= v << w.nbits
	w.nbits += n
	for w.nbits >= 8 {
		w.out = append(w.out, byte(w.acc))
		w.acc >>= 8
		w.nbits -= 8
	}
}

// code writes a Huffman code of n bits, which deflate sends most
// significant bit first.
func (w *bitWriter) code(c uint32, n uint) { w.bits(uint64(reverse(c, n)), n) }

func reverse(c uint32, n uint) uint32 {
	var r uint32
	for i := range n {
		r |= (c >> (n - 1 - i) & 1) << i
	}
	return r
}

// fixedLit holds the fixed codes of the literal/length alphabet, bits
// already reversed, and their lengths; fixedDist those of distances.
var fixedLit, fixedDist = func() (lit [288]struct {
	code uint32
	n    uint
}, dist [30]uint32) {
	for s := range 288 {
		switch {
		case s < 144:
			lit[s].code, lit[s].n = 0x30+uint32(s), 8
		case s < 256:
			lit[s].code, lit[s].n = 0x190+uint32(s-144), 9
		case s < 280:
			lit[s].code, lit[s].n = uint32(s-256), 7
		default:
			lit[s].code, lit[s].n = 0xc0+uint32(s-280), 8
		}
		lit[s].code = reverse(lit[s].code, lit[s].n)
	}
	for d := range 30 {
		dist[d] = reverse(uint32(d), 5)
	}
	return lit, dist
}()

func (w *bitWriter) flush() {
	if w.nbits > 0 {
		w.out = append(w.out, byte(w.acc))
		w.acc, w.nbits = 0, 0
	}
}

// literal writes the literal byte b with the fixed literal/length code.
func (w *bitWriter) literal(b byte) { w.bits(uint64(fixedLit[b].code), fixedLit[b].n) }

// symbol writes a length symbol (257 to 285) or the end of block (256).
func (w *bitWriter) symbol(s int) { w.bits(uint64(fixedLit[s].code), fixedLit[s].n) }

var (
	lengthBase  = [29]int{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	lengthExtra = [29]uint{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	distBase    = [30]int{1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577}
	distExtra   = [30]uint{0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13}
)

// lengthCode is the index in lengthBase of each length of a copy.
var lengthCode = func() (c [259]uint8) {
	for l := 3; l <= 258; l++ {
		i := 28
		for lengthBase[i] > l {
			i--
		}
		c[l] = uint8(i)
	}
	return c
}()

// match writes one copy of length 3 to 258 from dist bytes back.
func (w *bitWriter) match(length, dist int) {
	i := lengthCode[length]
	w.symbol(257 + int(i))
	w.bits(uint64(length-lengthBase[i]), lengthExtra[i])
	j := 29
	for distBase[j] > dist {
		j--
	}
	w.bits(uint64(fixedDist[j]), 5)
	w.bits(uint64(dist-distBase[j]), distExtra[j])
}

// copy writes n bytes as copies from dist bytes back: matches of at most
// 258, and the last one or two bytes, when that many are left, as
// literals, taken from last (the last bytes copied).
func (w *bitWriter) copy(n, dist int, last []byte) {
	for n >= 3 {
		l := min(n, 258)
		if r := n - l; r > 0 && r < 3 {
			l = n - 3
		}
		w.match(l, dist)
		n -= l
	}
	for _, b := range last[len(last)-n:] {
		w.literal(b)
	}
}

// zlibRows compresses the pixel rows of a code: band[i] is the row of
// pixels of module row i (filter byte first), repeated scale times.
func zlibRows(band [][]byte, scale int) []byte {
	stride := len(band[0])
	w := &bitWriter{out: make([]byte, 0, 2+len(band)*(stride+16)+8)}
	w.out = append(w.out, 0x78, 0x01) // deflate, 32 KB window, no dictionary
	w.bits(1, 1)                      // the final block
	w.bits(1, 2)                      // fixed Huffman codes
	var sum uint32 = 1                // Adler-32 of what was written
	for i, row := range band {
		rowSum := adler32.Checksum(row)
		for range scale {
			sum = adler32Combine(sum, rowSum, len(row))
		}
		// Copies of rows and of bands end with the row's last bytes.
		tail := row[max(0, stride-2):]
		if bandLen := stride * scale; i > 0 && bandLen <= 32768 && string(row) == string(band[i-1]) {
			w.copy(bandLen, bandLen, tail)
			continue
		}
		for j := 0; j < len(row); {
			w.literal(row[j])
			k := j + 1
			for k < len(row) && row[k] == row[j] {
				k++
			}
			if k-j-1 >= 3 {
				w.copy(k-j-1, 1, row[j:k])
			} else {
				for _, b := range row[j+1 : k] {
					w.literal(b)
				}
			}
			j = k
		}
		if scale > 1 {
			w.copy((scale-1)*stride, stride, tail)
		}
	}
	w.symbol(256)
	w.flush()
	return binary.BigEndian.AppendUint32(w.out, sum)
}

// adler32Combine returns the Adler-32 of a sequence of bytes made of one
// whose sum is a and one of n bytes whose sum is b (zlib's
// adler32_combine): a repeated row is summed once.
func adler32Combine(a, b uint32, n int) uint32 {
	const mod = 65521
	rem := uint32(n % mod)
	sum1 := a & 0xffff
	sum2 := rem * sum1 % mod
	sum1 += b&0xffff + mod - 1
	sum2 += a>>16 + b>>16 + mod - rem
	if sum1 >= mod {
		sum1 -= mod
	}
	if sum1 >= mod {
		sum1 -= mod
	}
	if sum2 >= mod<<1 {
		sum2 -= mod << 1
	}
	if sum2 >= mod {
		sum2 -= mod
	}
	return sum1 | sum2<<16
}

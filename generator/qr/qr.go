// Package qr owns QR codes: encoding a text into a bitmap, drawing it as a
// PNG at whole-module scale and as an SVG made of one path. It knows nothing
// about units or sites.
package qr

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"hash/crc32"
	"strconv"
	"sync"

	"github.com/skip2/go-qrcode"
)

// QuietZone is the width, in modules, of the light margin drawn around every
// symbol. Four modules is the minimum ISO/IEC 18004 asks for, and enough
// for print.
const QuietZone = 4

// maxBytes is the most bytes any content may have at level Q: version 40
// in byte mode. Content in the numeric or alphanumeric modes may be longer.
const maxBytes = 1663

// Fits reports whether New(content) would succeed. It does not encode
// content when its length makes the answer certain.
func Fits(content string) bool {
	if content == "" {
		return false
	}
	if len(content) <= maxBytes {
		return true
	}
	_, err := New(content)
	return err == nil
}

// Code is an encoded QR symbol including its quiet zone.
//
// A Code is immutable once built, so it may be shared and drawn from several
// goroutines at once.
type Code struct {
	content string
	size    int    // modules per side, quiet zone included
	dark    []bool // row-major, size*size; true is a dark module
}

// New encodes content as a QR symbol with the library's qrcode.High
// recovery level, which is QR level Q: a quarter of the symbol may be
// damaged and still read. Posters get scuffed, and the URLs are short, so the
// larger symbol costs little. (The library's strongest level, level H at 30%,
// is qrcode.Highest.) The smallest version that fits is chosen, and a quiet
// zone of QuietZone light modules is added on every side.
//
// New fails if content is empty or too long for any QR version at level Q
// (about 1660 bytes).
func New(content string) (*Code, error) {
	if content == "" {
		return nil, errors.New("qr: empty content")
	}
	modules, symbol, ok := encode(content) // see encode.go
	if !ok {
		// The library words the reason.
		_, err := qrcode.New(content, qrcode.High)
		if err == nil {
			err = errors.New("content too long to encode")
		}
		return nil, fmt.Errorf("qr: cannot encode %d bytes: %w", len(content), err)
	}
	// The quiet zone is drawn here, so its width is this package's
	// decision and is tested here.
	size := symbol + 2*QuietZone
	dark := make([]bool, size*size)
	for y := range symbol {
		copy(dark[(y+QuietZone)*size+QuietZone:], modules[y*symbol:(y+1)*symbol])
	}
	return &Code{content: content, size: size, dark: dark}, nil
}

// Content returns the text the code encodes.
func (c *Code) Content() string { return c.content }

// Size returns the number of modules per side, quiet zone included: the
// symbol's own size (21 + 4×(version−1)) plus 2×QuietZone.
func (c *Code) Size() int { return c.size }

// Dark reports whether the module at column x, row y is dark. (0, 0) is the
// top-left module of the quiet zone. Coordinates outside the code are light.
func (c *Code) Dark(x, y int) bool {
	if x < 0 || y < 0 || x >= c.size || y >= c.size {
		return false
	}
	return c.dark[y*c.size+x]
}

// PNG draws the code as a PNG image of Size()×scale pixels per side, each
// module a scale×scale square of pure black or white, so the edges stay
// sharp at any print size. The image is a 2-colour paletted PNG (1 bit per
// pixel, palette black then white). A scale below 1 is treated as 1. The
// bytes are the same for the same content and scale.
//
// The file is written here rather than through image/png, which reads an
// image pixel by pixel through an interface and took four fifths of the
// time of a code: each row of modules is packed into bits once, repeated
// scale times with filter byte 0 (no filter: what image/png chooses for
// paletted images), and compressed by zlibRows, which knows the rows
// repeat (deflate.go); the image is the one image/png would write (a test
// decodes both).
//
// The compression is a trade of size for time, measured on a unit's code
// (45 modules at scale 12, 540 px): compress/zlib at the default level
// gives 523 bytes in 0.52 ms, at BestSpeed 1,343 bytes in 0.10 ms,
// zlibRows about 3 KB in a fifth of that. Every file of a few kilobytes
// takes one disk block, and every printer and browser reads them the same.
func (c *Code) PNG(scale int) []byte {
	if scale < 1 {
		scale = 1
	}
	n := c.size * scale
	stride := 1 + (n+7)/8 // filter byte, then the packed pixels
	// Each row of modules as a row of pixels, packed: a 1 bit is white
	// (palette index 1).
	band := make([][]byte, c.size)
	pix := make([]byte, c.size*stride)
	for my := range c.size {
		row := pix[my*stride : (my+1)*stride]
		for mx, dark := range c.dark[my*c.size : (my+1)*c.size] {
			if dark {
				continue
			}
			// Pixels x0 to x1-1, a byte at a time.
			for x, x1 := mx*scale, (mx+1)*scale; x < x1; {
				n := min(8-x%8, x1-x) // pixels in this byte
				row[1+x/8] |= byte(0xff<<(8-n)) >> (x % 8)
				x += n
			}
		}
		band[my] = row
	}
	var idat []byte
	if stride <= 32768 {
		idat = zlibRows(band, scale)
	} else {
		// Rows longer than deflate's window (a scale of thousands):
		// the general compressor.
		z := zlibWriters.Get().(*zlibWriter)
		defer zlibWriters.Put(z)
		z.buf.Reset()
		z.w.Reset(&z.buf)
		for _, row := range band {
			for range scale {
				z.w.Write(row) // a bytes.Buffer never fails
			}
		}
		z.w.Close()
		idat = z.buf.Bytes()
	}

	var out bytes.Buffer
	out.Grow(len(pngHeader) + 25 + 18 + 12 + len(idat) + 12)
	out.WriteString(pngHeader)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(n))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(n))
	ihdr[8] = 1 // bit depth
	ihdr[9] = 3 // colour type: paletted
	// compression, filter and interlace methods 0
	writeChunk(&out, "IHDR", ihdr[:])
	writeChunk(&out, "PLTE", []byte{0x00, 0x00, 0x00, 0xff, 0xff, 0xff})
	writeChunk(&out, "IDAT", idat)
	writeChunk(&out, "IEND", nil)
	return out.Bytes()
}

const pngHeader = "\x89PNG\r\n\x1a\n"

// writeChunk appends one PNG chunk: length, type, data, CRC of type and data.
func writeChunk(b *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	b.Write(n[:])
	crc := crc32.NewIEEE()
	crc.Write([]byte(typ))
	crc.Write(data)
	b.WriteString(typ)
	b.Write(data)
	binary.BigEndian.PutUint32(n[:], crc.Sum32())
	b.Write(n[:])
}

// zlibWriter is a compressor with its output buffer. The pool keeps them
// between images: allocating a compressor costs nearly as much as
// compressing one image.
type zlibWriter struct {
	buf bytes.Buffer
	w   *zlib.Writer
}

var zlibWriters = sync.Pool{New: func() any {
	z := &zlibWriter{}
	z.w, _ = zlib.NewWriterLevel(&z.buf, zlib.BestSpeed) // a valid level: no error
	return z
}}

// SVG draws the code as a standalone SVG document. Its coordinate system is
// one unit per module (viewBox="0 0 N N" with N = Size()), it has a white
// background rectangle, and all the dark modules are one <path> element made
// of horizontal runs, one rectangle per run of adjacent dark modules in a
// row. shape-rendering="crispEdges" keeps neighbouring runs from showing
// anti-aliased seams. The document has role="img" and a <title> holding the
// content, for screen readers.
//
// The root element has no width or height: the page's CSS sizes it, and it
// fills the window when opened on its own. The bytes are the same for the
// same content.
func (c *Code) SVG() []byte {
	n := strconv.Itoa(c.size)
	var b bytes.Buffer
	b.Grow(512 + len(c.content) + c.size*c.size*3)
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 `)
	b.WriteString(n + " " + n)
	b.WriteString(`" shape-rendering="crispEdges" role="img"><title>`)
	// EscapeText writes to a bytes.Buffer, which never fails.
	_ = xml.EscapeText(&b, []byte(c.content))
	b.WriteString(`</title><rect width="`)
	b.WriteString(n)
	b.WriteString(`" height="`)
	b.WriteString(n)
	b.WriteString(`" fill="#fff"/><path fill="#000" d="`)
	for y := 0; y < c.size; y++ {
		row := c.dark[y*c.size : (y+1)*c.size]
		for x := 0; x < c.size; {
			if !row[x] {
				x++
				continue
			}
			start := x
			for x < c.size && row[x] {
				x++
			}
			// M x y h w v1 h-w z: one rectangle, w modules wide, 1 high.
			b.WriteByte('M')
			writeInt(&b, start)
			b.WriteByte(' ')
			writeInt(&b, y)
			b.WriteByte('h')
			writeInt(&b, x-start)
			b.WriteString("v1h-")
			writeInt(&b, x-start)
			b.WriteByte('z')
		}
	}
	b.WriteString("\"/></svg>\n")
	return b.Bytes()
}

// writeInt appends the decimal form of v to b without allocating.
func writeInt(b *bytes.Buffer, v int) {
	b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(v), 10))
}

package render

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"strconv"

	"github.com/loa-vn/loa/generator/qr"
)

// qr writes the PNG and SVG of a QR code encoding content.
func (r *renderer) qr(sink Sink, content, pngPath, svgPath string) error {
	if r.skipQR {
		if !qr.Fits(content) {
			_, err := qr.New(content) // the error New gives, for the message
			return fmt.Errorf("%s: %w", svgPath, err)
		}
		return nil
	}
	png, svg, err := r.qrFiles(content)
	if err != nil {
		return fmt.Errorf("%s: %w", svgPath, err)
	}
	if err := sink.Put(pngPath, png); err != nil {
		return err
	}
	return sink.Put(svgPath, svg)
}

// qrFiles returns the PNG and SVG images of the QR code of content, from
// the cache when it has them. Encoding a code and compressing its PNG is
// most of the cost of a unit, and the images depend only on content, the
// size asked for and the qr package's drawing (qr.Version): that is the
// key. One entry holds both images, so that a unit costs one file read.
func (r *renderer) qrFiles(content string) (png, svg []byte, err error) {
	key := "qr " + strconv.Itoa(qr.Version) + " png+svg " + strconv.Itoa(QRPixels) + " " + content
	if r.cache != nil {
		if b, ok := r.cache.Get(key); ok {
			if png, svg, ok := splitQREntry(b); ok {
				return png, svg, nil
			}
		}
	}
	code, err := qr.New(content)
	if err != nil {
		return nil, nil, err
	}
	scale := max(1, (QRPixels+code.Size()/2)/code.Size())
	png, svg = code.PNG(scale), code.SVG()
	if r.cache != nil {
		b := binary.AppendUvarint(make([]byte, 0, 8+len(png)+len(svg)), uint64(len(png)))
		r.cache.Put(key, append(append(b, png...), svg...))
	}
	return png, svg, nil
}

// splitQREntry splits a cache entry into its PNG and SVG, checking that
// each begins and ends as one does. (package cache already verified the
// entry's check sum: this guards against a Cache that does not.)
func splitQREntry(b []byte) (png, svg []byte, ok bool) {
	n, w := binary.Uvarint(b)
	if w <= 0 || n > uint64(len(b)-w) {
		return nil, nil, false
	}
	png, svg = b[w:w+int(n)], b[w+int(n):]
	if !bytes.HasPrefix(png, []byte("\x89PNG\r\n\x1a\n")) || !bytes.HasSuffix(png, []byte("IEND\xae\x42\x60\x82")) ||
		!bytes.HasPrefix(svg, []byte("<svg")) || !bytes.HasSuffix(svg, []byte("</svg>\n")) {
		return nil, nil, false
	}
	return png, svg, true
}

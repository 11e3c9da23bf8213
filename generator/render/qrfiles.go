package render

import (
	"fmt"

	"github.com/loa-vn/loa/generator/qr"
)

// qr writes the PNG and SVG of a QR code encoding content.
func (r *renderer) qr(sink Sink, content, pngPath, svgPath string) error {
	if k := keying(sink); k != nil {
		k.qr(content, pngPath, svgPath)
		return nil
	}
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

// qrFiles returns the PNG and SVG images of the QR code of content.
//
// They are drawn afresh for every build, never kept between builds: the
// bytes of a QR image cannot be checked without drawing it again, and a
// cache that anyone who can write its folder fills (a shared CI cache, a
// restored artifact) could make a printed code lead to another site. One
// code costs about 0.2 ms to draw, a few times what reading it back from a
// cache file cost (see qr.BenchmarkNewPNG, qr.BenchmarkSVG and
// cache.BenchmarkGet).
func (r *renderer) qrFiles(content string) (png, svg []byte, err error) {
	code, err := qr.New(content)
	if err != nil {
		return nil, nil, err
	}
	scale := max(1, (QRPixels+code.Size()/2)/code.Size())
	return code.PNG(scale), code.SVG(), nil
}

// Package qrtest decodes QR images back to their text, for tests of any
// package that writes QR codes: PNG through image/png, SVG by painting the
// rectangles of its paths. Decoding uses gozxing, a decoder independent of the
// encoder Loa uses, so a test that passes shows the image really scans.
package qrtest

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"strconv"
	"strings"

	"github.com/makiuchi-d/gozxing"
	zxqr "github.com/makiuchi-d/gozxing/qrcode"
)

// Decode returns the text of the QR code in img.
func Decode(img image.Image) (string, error) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := zxqr.NewQRCodeReader().Decode(bmp, map[gozxing.DecodeHintType]any{gozxing.DecodeHintType_PURE_BARCODE: false})
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}

// DecodePNG decodes a PNG file's QR code.
func DecodePNG(data []byte) (string, error) {
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return "", err
	}
	return Decode(img)
}

// DecodeSVG paints an SVG made of a viewBox and paths of axis-aligned
// rectangles (M x y h w v h h-w z, absolute M, relative h and v), as
// package qr writes them, at 4 pixels a unit, and decodes it.
func DecodeSVG(data []byte) (string, error) {
	var size int
	var paths []string
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", fmt.Errorf("svg: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			switch {
			case se.Name.Local == "svg" && a.Name.Local == "viewBox":
				f := strings.Fields(a.Value)
				if len(f) != 4 {
					return "", fmt.Errorf("svg: viewBox %q", a.Value)
				}
				size, _ = strconv.Atoi(f[2])
			case se.Name.Local == "path" && a.Name.Local == "d":
				paths = append(paths, a.Value)
			}
		}
	}
	if size <= 0 || len(paths) == 0 {
		return "", fmt.Errorf("svg: no viewBox or no path")
	}
	const px = 4
	img := image.NewGray(image.Rect(0, 0, size*px, size*px))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	for _, d := range paths {
		rects, err := rectangles(d)
		if err != nil {
			return "", err
		}
		for _, r := range rects {
			for y := r.Min.Y * px; y < r.Max.Y*px; y++ {
				for x := r.Min.X * px; x < r.Max.X*px; x++ {
					img.SetGray(x, y, color.Gray{})
				}
			}
		}
	}
	return Decode(img)
}

func rectangles(d string) ([]image.Rectangle, error) {
	var out []image.Rectangle
	var x, y int
	var box image.Rectangle
	f := strings.FieldsFunc(d, func(r rune) bool { return r == ' ' || r == ',' })
	toks := []string{}
	for _, s := range f {
		// split "M4" "4h7v1h-7z" into commands and numbers
		start := 0
		for i := 0; i <= len(s); i++ {
			if i == len(s) || strings.ContainsRune("MhvzZHV", rune(s[i])) {
				if i > start {
					toks = append(toks, s[start:i])
				}
				if i < len(s) {
					toks = append(toks, s[i:i+1])
				}
				start = i + 1
			}
		}
	}
	num := func(i int) (int, error) {
		if i >= len(toks) {
			return 0, fmt.Errorf("svg path: missing number")
		}
		return strconv.Atoi(toks[i])
	}
	for i := 0; i < len(toks); i++ {
		switch toks[i] {
		case "M":
			a, err := num(i + 1)
			if err != nil {
				return nil, err
			}
			b, err := num(i + 2)
			if err != nil {
				return nil, err
			}
			x, y, i = a, b, i+2
			box = image.Rect(x, y, x, y)
		case "h", "v":
			n, err := num(i + 1)
			if err != nil {
				return nil, err
			}
			if toks[i] == "h" {
				x += n
			} else {
				y += n
			}
			i++
			box.Min.X, box.Min.Y = min(box.Min.X, x), min(box.Min.Y, y)
			box.Max.X, box.Max.Y = max(box.Max.X, x), max(box.Max.Y, y)
		case "z", "Z":
			out = append(out, box)
		default:
			return nil, fmt.Errorf("svg path: unexpected %q", toks[i])
		}
	}
	return out, nil
}

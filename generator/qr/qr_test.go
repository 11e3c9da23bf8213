package qr_test

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
	"sync"
	"testing"

	"github.com/skip2/go-qrcode"

	"github.com/loa-vn/loa/generator/qr"
	"github.com/loa-vn/loa/generator/qr/qrtest"
)

// typical is the URL the benchmarks and size reports use: 47 bytes, the
// shape of a real landing page address.
const typical = "https://kienan.example.vn/zalo/don-vi/bac-son/"

var urls = []string{
	typical,
	"https://chiendich.example.gov.vn/2025/tiem-chung/truong-hoc/thpt-nguyen-trai-quan-ba-dinh-ha-noi-0123456789/",
	"https://kienan.example.vn/zalo/don-vi/b%E1%BA%AFc-s%C6%A1n/",
	"https://kienan.example.vn/zalo/đơn-vị/bắc-sơn/",
	"HTTPS://KIENAN.EXAMPLE.VN/D/42/",
	"x",
}

// decode reads img the way a scanner would (locating the finder patterns,
// not assuming a pure barcode) and returns the text.
func decode(t testing.TB, img image.Image) string {
	t.Helper()
	text, err := qrtest.Decode(img)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return text
}

func mustNew(t testing.TB, content string) *qr.Code {
	t.Helper()
	c, err := qr.New(content)
	if err != nil {
		t.Fatalf("New(%q): %v", content, err)
	}
	return c
}

func TestPNGDecodes(t *testing.T) {
	for _, u := range urls {
		for _, scale := range []int{1, 3, 10} {
			t.Run(fmt.Sprintf("%s@%d", u, scale), func(t *testing.T) {
				c := mustNew(t, u)
				img, err := png.Decode(bytes.NewReader(c.PNG(scale)))
				if err != nil {
					t.Fatalf("png.Decode: %v", err)
				}
				if got := decode(t, img); got != u {
					t.Errorf("decoded %q, want %q", got, u)
				}
			})
		}
	}
}

// TestPNGPixels checks the image is exactly the bitmap: Size()×scale pixels,
// every module a uniform scale×scale square of pure black or white, in a
// 2-colour palette.
func TestPNGPixels(t *testing.T) {
	const scale = 5
	c := mustNew(t, typical)
	img, err := png.Decode(bytes.NewReader(c.PNG(scale)))
	if err != nil {
		t.Fatal(err)
	}
	p, ok := img.(*image.Paletted)
	if !ok {
		t.Fatalf("decoded %T, want *image.Paletted", img)
	}
	if len(p.Palette) != 2 {
		t.Errorf("palette has %d colours, want 2", len(p.Palette))
	}
	if n := c.Size() * scale; p.Bounds() != image.Rect(0, 0, n, n) {
		t.Fatalf("bounds %v, want %d×%d", p.Bounds(), n, n)
	}
	for y := 0; y < c.Size()*scale; y++ {
		for x := 0; x < c.Size()*scale; x++ {
			want := color.Gray{Y: 0xff}
			if c.Dark(x/scale, y/scale) {
				want = color.Gray{Y: 0}
			}
			if got := color.GrayModel.Convert(p.At(x, y)); got != want {
				t.Fatalf("pixel (%d,%d) = %v, want %v", x, y, got, want)
			}
		}
	}
}

// referencePNG draws c the way PNG did before it wrote the file itself:
// a 2-colour paletted image encoded by image/png.
func referencePNG(c *qr.Code, scale int) []byte {
	n := c.Size() * scale
	img := image.NewPaletted(image.Rect(0, 0, n, n), color.Palette{color.Gray{Y: 0}, color.Gray{Y: 0xff}})
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if !c.Dark(x/scale, y/scale) {
				img.Pix[y*img.Stride+x] = 1
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// TestPNGSameAsImagePNG checks that the hand-written file is the image
// image/png writes, pixel for pixel, at scales that put module edges
// anywhere in a byte, and that its zlib stream is whole.
func TestPNGSameAsImagePNG(t *testing.T) {
	for _, u := range urls {
		c := mustNew(t, u)
		for _, scale := range []int{1, 2, 3, 7, 8, 12, 45} {
			got, err := png.Decode(bytes.NewReader(c.PNG(scale)))
			if err != nil {
				t.Fatalf("%q at scale %d: %v", u, scale, err)
			}
			want, _ := png.Decode(bytes.NewReader(referencePNG(c, scale)))
			g, w := got.(*image.Paletted), want.(*image.Paletted)
			if !bytes.Equal(g.Pix, w.Pix) || g.Bounds() != w.Bounds() || fmt.Sprint(g.Palette) != fmt.Sprint(w.Palette) {
				t.Errorf("%q at scale %d: not the image image/png writes", u, scale)
			}
		}
	}
}

func TestPNGScaleBelowOne(t *testing.T) {
	c := mustNew(t, typical)
	if !bytes.Equal(c.PNG(0), c.PNG(1)) || !bytes.Equal(c.PNG(-3), c.PNG(1)) {
		t.Error("PNG(0) and PNG(-3) should equal PNG(1)")
	}
}

// svgDoc is the part of the SVG the tests look at.
type svgDoc struct {
	XMLName        xml.Name `xml:"http://www.w3.org/2000/svg svg"`
	ViewBox        string   `xml:"viewBox,attr"`
	ShapeRendering string   `xml:"shape-rendering,attr"`
	Role           string   `xml:"role,attr"`
	Width          string   `xml:"width,attr"`
	Height         string   `xml:"height,attr"`
	Title          []string `xml:"title"`
	Rect           []struct {
		X      string `xml:"x,attr"`
		Y      string `xml:"y,attr"`
		Width  string `xml:"width,attr"`
		Height string `xml:"height,attr"`
		Fill   string `xml:"fill,attr"`
	} `xml:"rect"`
	Path []struct {
		D    string `xml:"d,attr"`
		Fill string `xml:"fill,attr"`
	} `xml:"path"`
}

// parseSVG checks the document is well-formed XML with exactly one <path>
// anywhere in it, and returns its top level.
func parseSVG(t testing.TB, data []byte) svgDoc {
	t.Helper()
	paths := 0
	dec := xml.NewDecoder(bytes.NewReader(data))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, data)
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "path" {
			paths++
		}
	}
	if paths != 1 {
		t.Fatalf("SVG has %d <path> elements, want exactly 1", paths)
	}
	var doc svgDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("unmarshal SVG: %v", err)
	}
	return doc
}

// rect is an axis-aligned rectangle in module units.
type rect struct{ x0, y0, x1, y1 int }

// parsePath reads a path data string made of M, h, v and z commands (the
// subset SVG emits) and returns one rectangle per subpath, failing if a
// subpath is not a closed axis-aligned rectangle.
func parsePath(t testing.TB, d string) []rect {
	t.Helper()
	var (
		rects  []rect
		pts    [][2]int // vertices of the current subpath
		cx, cy int
		i      int
	)
	number := func() int {
		for i < len(d) && (d[i] == ' ' || d[i] == ',') {
			i++
		}
		j := i
		if j < len(d) && d[j] == '-' {
			j++
		}
		for j < len(d) && d[j] >= '0' && d[j] <= '9' {
			j++
		}
		v, err := strconv.Atoi(d[i:j])
		if err != nil {
			t.Fatalf("path offset %d: bad number %q", i, d[i:j])
		}
		i = j
		return v
	}
	for i < len(d) {
		cmd := d[i]
		i++
		switch cmd {
		case ' ':
			continue
		case 'M':
			if len(pts) != 0 {
				t.Fatalf("path offset %d: M inside an unclosed subpath", i-1)
			}
			cx = number()
			cy = number()
		case 'h':
			cx += number()
		case 'v':
			cy += number()
		case 'z':
			if len(pts) != 4 {
				t.Fatalf("path offset %d: subpath with %d vertices, want 4", i-1, len(pts))
			}
			r := rect{pts[0][0], pts[0][1], pts[0][0], pts[0][1]}
			for _, p := range pts[1:] {
				r.x0, r.y0 = min(r.x0, p[0]), min(r.y0, p[1])
				r.x1, r.y1 = max(r.x1, p[0]), max(r.y1, p[1])
			}
			// h and v only move along an axis, so four distinct vertices that
			// are the four corners of their bounding box make a rectangle.
			corners := map[[2]int]bool{{r.x0, r.y0}: true, {r.x1, r.y0}: true, {r.x1, r.y1}: true, {r.x0, r.y1}: true}
			for _, p := range pts {
				if !corners[p] {
					t.Fatalf("path offset %d: subpath %v is not a rectangle", i-1, pts)
				}
				delete(corners, p)
			}
			if r.x0 == r.x1 || r.y0 == r.y1 {
				t.Fatalf("path offset %d: empty rectangle %v", i-1, r)
			}
			rects = append(rects, r)
			pts = pts[:0]
			continue
		default:
			t.Fatalf("path offset %d: unexpected command %q", i-1, cmd)
		}
		if cmd == 'M' {
			pts = append(pts[:0], [2]int{cx, cy})
		} else {
			pts = append(pts, [2]int{cx, cy})
		}
		if len(pts) > 4 {
			t.Fatalf("path offset %d: subpath has more than 4 vertices", i)
		}
	}
	if len(pts) != 0 {
		t.Fatal("path ends with an unclosed subpath")
	}
	return rects
}

// rasterSVG paints the SVG's background and path at px pixels per module and
// returns the image together with the module grid it drew.
func rasterSVG(t testing.TB, data []byte, px int) (*image.Gray, [][]bool) {
	t.Helper()
	doc := parseSVG(t, data)
	var n int
	if _, err := fmt.Sscanf(doc.ViewBox, "0 0 %d %d", &n, new(int)); err != nil {
		t.Fatalf("viewBox %q: %v", doc.ViewBox, err)
	}
	grid := make([][]bool, n)
	for i := range grid {
		grid[i] = make([]bool, n)
	}
	for _, r := range parsePath(t, doc.Path[0].D) {
		if r.x0 < 0 || r.y0 < 0 || r.x1 > n || r.y1 > n {
			t.Fatalf("rectangle %v outside the %d×%d viewBox", r, n, n)
		}
		for y := r.y0; y < r.y1; y++ {
			for x := r.x0; x < r.x1; x++ {
				if grid[y][x] {
					t.Fatalf("module (%d,%d) painted twice", x, y)
				}
				grid[y][x] = true
			}
		}
	}
	img := image.NewGray(image.Rect(0, 0, n*px, n*px))
	for y := range img.Bounds().Dy() {
		for x := range img.Bounds().Dx() {
			v := uint8(0xff)
			if grid[y/px][x/px] {
				v = 0
			}
			img.Pix[y*img.Stride+x] = v
		}
	}
	return img, grid
}

func TestSVGDrawsTheCode(t *testing.T) {
	for _, u := range urls {
		t.Run(u, func(t *testing.T) {
			c := mustNew(t, u)
			data := c.SVG()
			img, grid := rasterSVG(t, data, 4)
			if len(grid) != c.Size() {
				t.Fatalf("viewBox side %d, want Size() = %d", len(grid), c.Size())
			}
			for y := range grid {
				for x := range grid[y] {
					if grid[y][x] != c.Dark(x, y) {
						t.Fatalf("SVG module (%d,%d) dark=%v, bitmap says %v", x, y, grid[y][x], c.Dark(x, y))
					}
				}
			}
			if got := decode(t, img); got != u {
				t.Errorf("decoded %q, want %q", got, u)
			}
		})
	}
}

func TestSVGDocument(t *testing.T) {
	c := mustNew(t, typical)
	data := c.SVG()
	doc := parseSVG(t, data)
	n := strconv.Itoa(c.Size())
	if doc.ViewBox != "0 0 "+n+" "+n {
		t.Errorf("viewBox %q", doc.ViewBox)
	}
	if doc.ShapeRendering != "crispEdges" {
		t.Errorf("shape-rendering %q", doc.ShapeRendering)
	}
	if doc.Role != "img" {
		t.Errorf("role %q", doc.Role)
	}
	if doc.Width != "" || doc.Height != "" {
		t.Errorf("width/height %q/%q, want none (CSS sizes it)", doc.Width, doc.Height)
	}
	if len(doc.Title) != 1 || doc.Title[0] != typical {
		t.Errorf("titles %q, want [%q]", doc.Title, typical)
	}
	if len(doc.Rect) != 1 {
		t.Fatalf("%d <rect>, want 1 background", len(doc.Rect))
	}
	r := doc.Rect[0]
	if (r.X != "" && r.X != "0") || (r.Y != "" && r.Y != "0") || r.Width != n || r.Height != n || r.Fill != "#fff" {
		t.Errorf("background rect %+v, want white and covering 0 0 %s %s", r, n, n)
	}
	if doc.Path[0].Fill != "#000" {
		t.Errorf("path fill %q, want #000", doc.Path[0].Fill)
	}
	// Runs are merged: no two rectangles touch end to end on one row.
	rects := parsePath(t, doc.Path[0].D)
	ends := map[[2]int]bool{}
	for _, r := range rects {
		if r.y1-r.y0 != 1 {
			t.Errorf("rectangle %v is not one row high", r)
		}
		ends[[2]int{r.x1, r.y0}] = true
	}
	for _, r := range rects {
		if ends[[2]int{r.x0, r.y0}] {
			t.Errorf("rectangle %v continues the run before it; runs should be merged", r)
		}
	}
}

func TestTitleEscaping(t *testing.T) {
	const content = `https://kienan.example.vn/?a=1&b=<"x">&c='y'`
	c := mustNew(t, content)
	data := c.SVG()
	if bytes.Contains(data, []byte(`<"x">`)) || bytes.Contains(data, []byte("1&b")) {
		t.Errorf("content is not escaped:\n%s", data)
	}
	for _, esc := range []string{"&amp;", "&lt;", "&gt;", "&#34;"} {
		if !bytes.Contains(data, []byte(esc)) {
			t.Errorf("SVG lacks %s", esc)
		}
	}
	doc := parseSVG(t, data)
	if len(doc.Title) != 1 || doc.Title[0] != content {
		t.Errorf("title %q, want %q", doc.Title, content)
	}
	img, _ := rasterSVG(t, data, 4)
	if got := decode(t, img); got != content {
		t.Errorf("decoded %q, want %q", got, content)
	}
}

func TestQuietZone(t *testing.T) {
	for _, u := range urls {
		t.Run(u, func(t *testing.T) {
			c := mustNew(t, u)
			lib, err := qrcode.New(u, qrcode.High)
			if err != nil {
				t.Fatal(err)
			}
			symbol := 21 + 4*(lib.VersionNumber-1)
			if c.Size() != symbol+2*qr.QuietZone || qr.QuietZone != 4 {
				t.Fatalf("Size() = %d, want version %d size %d + 8", c.Size(), lib.VersionNumber, symbol)
			}
			n := c.Size()
			for y := 0; y < n; y++ {
				for x := 0; x < n; x++ {
					inZone := x < 4 || y < 4 || x >= n-4 || y >= n-4
					if inZone && c.Dark(x, y) {
						t.Fatalf("module (%d,%d) in the quiet zone is dark", x, y)
					}
				}
			}
			// The three finder patterns start right inside the zone, so the
			// zone is exactly 4 modules, not more.
			for _, p := range [][2]int{{4, 4}, {n - 5, 4}, {4, n - 5}} {
				if !c.Dark(p[0], p[1]) {
					t.Errorf("finder corner (%d,%d) is light", p[0], p[1])
				}
			}
			for _, p := range [][2]int{{-1, 0}, {0, -1}, {n, 0}, {0, n}, {n - 5, n - 5 + 10}} {
				if c.Dark(p[0], p[1]) {
					t.Errorf("Dark(%d,%d) outside the code is true", p[0], p[1])
				}
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	for _, u := range urls {
		a, b := mustNew(t, u), mustNew(t, u)
		if !bytes.Equal(a.PNG(7), b.PNG(7)) || !bytes.Equal(a.PNG(7), a.PNG(7)) {
			t.Errorf("%q: PNG bytes differ between calls", u)
		}
		if !bytes.Equal(a.SVG(), b.SVG()) || !bytes.Equal(a.SVG(), a.SVG()) {
			t.Errorf("%q: SVG bytes differ between calls", u)
		}
		if a.Content() != u {
			t.Errorf("Content() = %q, want %q", a.Content(), u)
		}
	}
}

// TestConcurrent draws one code from many goroutines (run with -race).
func TestConcurrent(t *testing.T) {
	c := mustNew(t, typical)
	wantPNG, wantSVG := c.PNG(4), c.SVG()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 10 {
				if !bytes.Equal(c.PNG(4), wantPNG) || !bytes.Equal(c.SVG(), wantSVG) {
					t.Error("concurrent draw differs")
					return
				}
			}
		})
	}
	wg.Wait()
}

func TestNewErrors(t *testing.T) {
	if _, err := qr.New(""); err == nil {
		t.Error("New(\"\") succeeded")
	}
	if _, err := qr.New(strings.Repeat("é", 2000)); err == nil {
		t.Error("New of 4000 bytes succeeded")
	}
}

func TestFits(t *testing.T) {
	for _, c := range []string{"x", typical, strings.Repeat("x", 1663), strings.Repeat("7", 3000), strings.Repeat("AB", 1100)} {
		_, err := qr.New(c)
		if got := qr.Fits(c); got != (err == nil) || !got {
			t.Errorf("Fits(%d bytes) = %v, New: %v", len(c), got, err)
		}
	}
	for _, c := range []string{"", strings.Repeat("x", 1664), strings.Repeat("é", 832) + "x", strings.Repeat("7", 8000)} {
		_, err := qr.New(c)
		if got := qr.Fits(c); got != (err == nil) || got {
			t.Errorf("Fits(%d bytes) = %v, New: %v", len(c), got, err)
		}
	}
}

// pngScale is the whole-module scale that makes the typical code ≈512 px.
func pngScale(c *qr.Code) int { return max(1, 512/c.Size()) }

func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := qr.New(typical); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLibraryBitmap is the baseline of BenchmarkNew: the same symbol
// through github.com/skip2/go-qrcode, which New reproduces.
func BenchmarkLibraryBitmap(b *testing.B) {
	for b.Loop() {
		q, err := qrcode.New(typical, qrcode.High)
		if err != nil {
			b.Fatal(err)
		}
		q.DisableBorder = true
		q.Bitmap()
	}
}

func BenchmarkPNG(b *testing.B) {
	c := mustNew(b, typical)
	scale := pngScale(c)
	var out []byte
	for b.Loop() {
		out = c.PNG(scale)
	}
	b.ReportMetric(float64(c.Size()*scale), "px")
	b.ReportMetric(float64(len(out)), "B/image")
}

// BenchmarkImagePNG is the image/png path PNG replaced (compare with
// BenchmarkPNG).
func BenchmarkImagePNG(b *testing.B) {
	c := mustNew(b, typical)
	scale := pngScale(c)
	var out []byte
	for b.Loop() {
		out = referencePNG(c, scale)
	}
	b.ReportMetric(float64(len(out)), "B/image")
}

// BenchmarkNewPNG is the whole job of one poster image: encode, then draw.
func BenchmarkNewPNG(b *testing.B) {
	scale := pngScale(mustNew(b, typical))
	for b.Loop() {
		c, err := qr.New(typical)
		if err != nil {
			b.Fatal(err)
		}
		c.PNG(scale)
	}
}

func BenchmarkSVG(b *testing.B) {
	c := mustNew(b, typical)
	var out []byte
	for b.Loop() {
		out = c.SVG()
	}
	b.ReportMetric(float64(len(out)), "B/image")
}

// BenchmarkLibraryPNG512 is the baseline: the library's own encode and draw
// at 512 px, which this package replaces (compare with BenchmarkNewPNG).
func BenchmarkLibraryPNG512(b *testing.B) {
	var out []byte
	for b.Loop() {
		var err error
		if out, err = qrcode.Encode(typical, qrcode.High, 512); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(512, "px")
	b.ReportMetric(float64(len(out)), "B/image")
}

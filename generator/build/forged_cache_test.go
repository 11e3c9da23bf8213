package build_test

import (
	"encoding/binary"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/cache"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/qr"
	"github.com/loa-vn/loa/generator/qr/qrtest"
)

// TestForgedCacheEntries plays someone who can write .loa-cache/ (a shared
// CI cache, a restored artifact) and knows how its entries are made: in
// place of every QR image the cache held, the image of a code that leads
// to another site, stored under the key it was kept under with a check
// sum that verifies. A build must still write exactly the tree that
// --no-cache writes: nothing read from the cache changes a byte.
func TestForgedCacheEntries(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, tinySynth); err != nil {
		t.Fatal(err)
	}
	build1 := func(out string, noCache bool) map[string][]byte {
		t.Helper()
		var diags diag.List
		if _, err := build.Site(build.Options{Site: site, Out: out, NoCache: noCache}, &diags); err != nil {
			t.Fatal(err, diags.Errors())
		}
		return readTree(t, out)
	}
	want := build1(filepath.Join(t.TempDir(), "no-cache"), true)
	build1(filepath.Join(t.TempDir(), "fills-the-cache"), false)

	// The images of a code for another site.
	evil, err := qr.New("https://evil.example/")
	if err != nil {
		t.Fatal(err)
	}
	png, svg := evil.PNG(max(1, (440+evil.Size()/2)/evil.Size())), evil.SVG()
	forged := binary.AppendUvarint(nil, uint64(len(png)))
	forged = append(append(forged, png...), svg...)

	// Every code the site has, by the text it encodes; each stored under
	// the keys the QR image cache used ("qr <version> png+svg <pixels>
	// <text>", versions 1 to 5 of the qr package's drawing).
	qrCache := cache.Open(filepath.Join(site, ".loa-cache", "qr"))
	codes := 0
	for p, b := range want {
		if !strings.HasSuffix(p, ".png") {
			continue
		}
		text, err := qrtest.DecodePNG(b)
		if err != nil {
			continue // not a QR code
		}
		codes++
		for v := 1; v <= 5; v++ {
			qrCache.Put("qr "+strconv.Itoa(v)+" png+svg 440 "+text, forged)
		}
	}
	if codes < tinySynth.Units {
		t.Fatalf("found %d QR codes in the output, want at least %d", codes, tinySynth.Units)
	}

	for _, out := range []string{filepath.Join(t.TempDir(), "public"), filepath.Join(t.TempDir(), "other")} {
		got := build1(out, false)
		sameTree(t, "build over a forged cache", got, want)
		for p, b := range got {
			if strings.HasSuffix(p, ".png") {
				if text, err := qrtest.DecodePNG(b); err == nil && strings.Contains(text, "evil.example") {
					t.Fatalf("%s leads to %s", p, text)
				}
			}
		}
	}
}

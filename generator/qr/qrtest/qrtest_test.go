package qrtest_test

import (
	"testing"

	"github.com/loa-vn/loa/generator/qr"
	"github.com/loa-vn/loa/generator/qr/qrtest"
)

func TestRoundTrip(t *testing.T) {
	const url = "https://thu-nghiem.example.org/cong/zalo-oa/don-vi/thon-dong/"
	c, err := qr.New(url)
	if err != nil {
		t.Fatal(err)
	}
	for name, decode := range map[string]func([]byte) (string, error){
		"png": func([]byte) (string, error) { return qrtest.DecodePNG(c.PNG(8)) },
		"svg": func([]byte) (string, error) { return qrtest.DecodeSVG(c.SVG()) },
	} {
		got, err := decode(nil)
		if err != nil || got != url {
			t.Errorf("%s: got %q, %v", name, got, err)
		}
	}
	if _, err := qrtest.DecodeSVG([]byte(`<svg viewBox="0 0 10 10"><path d="M1 1h2v2h-2z"/></svg>`)); err == nil {
		t.Error("a square that is no QR code decoded")
	}
}

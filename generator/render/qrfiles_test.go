package render

import (
	"strings"
	"testing"
)

func isQRFile(p string) bool { return strings.HasSuffix(p, ".png") || strings.HasSuffix(p, ".svg") }

// TestSkipQR checks that check's render draws no QR image and otherwise
// writes the same files.
func TestSkipQR(t *testing.T) {
	dir := writeSite(t, testFiles())
	plain, _, err := renderSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	skip, _, err := renderSite(t, dir, Options{SkipQR: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range plain.paths() {
		_, ok := skip.files[p]
		switch {
		case isQRFile(p) && strings.Contains(p, "qr") && ok:
			t.Errorf("SkipQR wrote %s", p)
		case !(isQRFile(p) && strings.Contains(p, "qr")) && !ok:
			t.Errorf("SkipQR did not write %s", p)
		}
	}

	// A text too long for any QR code is still an error.
	files := testFiles()
	files["site.toml"] = strings.Replace(testSiteToml, `follow_url = "https://zalo.me/1234567890"`,
		`follow_url = "https://zalo.me/`+strings.Repeat("x", 2000)+`"`, 1)
	for _, opts := range []Options{{}, {SkipQR: true}} {
		if _, _, err := renderSite(t, writeSite(t, files), opts); err == nil || !strings.Contains(err.Error(), "qr/quan-tam.svg") {
			t.Errorf("SkipQR %v: a follow_url too long for a QR code gave %v", opts.SkipQR, err)
		}
	}
}

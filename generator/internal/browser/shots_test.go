package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/cdproto/page"
)

// TestScreenshots saves a full-page screenshot of every page kind on both
// viewports, in the light and the dark scheme, to look at by eye. It is not
// a check: it runs only with LOA_SHOTS set to a folder, e.g.
//
//	LOA_SHOTS=/tmp/shots go test -run TestScreenshots ./generator/internal/browser
func TestScreenshots(t *testing.T) {
	dir := os.Getenv("LOA_SHOTS")
	if dir == "" {
		t.Skip("set LOA_SHOTS to a folder to save screenshots")
	}
	e := setup(t)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, vp := range viewports {
		for _, scheme := range []string{"light", "dark"} {
			for _, k := range kinds {
				tb := e.open(t, tabOptions{vp: vp, dark: scheme == "dark"})
				tb.load(k.path, k.status)
				// One image per screenful, from the top.
				height := eval[float64](tb, `document.documentElement.scrollHeight`)
				for i := 0; float64(i)*float64(vp.h) < height; i++ {
					shot := send(tb, page.CaptureScreenshot, page.CaptureScreenshotParams{
						Format: page.CaptureScreenshotFormatPng, CaptureBeyondViewport: new(true),
						Clip: &page.Viewport{Y: float64(i) * float64(vp.h), Width: float64(vp.w), Height: float64(vp.h), Scale: 1},
					})
					name := filepath.Join(dir, fmt.Sprintf("%s-%s-%s-%d.png", vp, scheme, k.name, i+1))
					if err := os.WriteFile(name, shot.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
}

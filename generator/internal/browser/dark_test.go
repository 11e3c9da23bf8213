package browser

import (
	"math"
	"testing"
)

// TestDarkQR: in the dark colour scheme the page turns dark, and every QR
// code stays dark on a light box, or phones cannot read it.
func TestDarkQR(t *testing.T) {
	e := setup(t)
	type qr struct {
		Src        string
		Background []float64 // the first opaque background behind the image, RGB
	}
	type report struct {
		Body []float64
		QRs  []qr
	}
	const js = `(() => {
	  const rgb = c => (c.match(/[\d.]+/g) || []).map(Number);
	  const opaque = c => { const v = rgb(c); return v.length === 3 || (v.length === 4 && v[3] === 1); };
	  const behind = el => {
	    for (; el; el = el.parentElement) {
	      const c = getComputedStyle(el).backgroundColor;
	      if (opaque(c)) return rgb(c).slice(0, 3);
	    }
	    return [255, 255, 255];
	  };
	  return {Body: behind(document.body),
	    QRs: [...document.images].filter(i => /qr/i.test(new URL(i.src).pathname)).map(i => ({Src: i.src, Background: behind(i)}))};
	})()`
	for _, name := range []string{"home", "landing", "poster", "page", "cong-van"} {
		k := kindNamed(t, name)
		t.Run(name, func(t *testing.T) {
			tb := e.open(t, tabOptions{vp: phone, dark: true})
			tb.load(k.path, k.status)
			r := eval[report](tb, js)
			if luminance(r.Body) > 0.2 {
				t.Errorf("the page's background %v is not dark in the dark scheme", r.Body)
			}
			if len(r.QRs) == 0 {
				t.Fatalf("%s has no QR image", k.path)
			}
			for _, q := range r.QRs {
				if luminance(q.Background) < 0.9 {
					t.Errorf("QR %s sits on %v in the dark scheme, want white", q.Src, q.Background)
				}
			}
		})
	}
}

// luminance is the relative luminance of an sRGB colour (0 black, 1 white).
func luminance(rgb []float64) float64 {
	if len(rgb) < 3 {
		return 0
	}
	var l [3]float64
	for i, c := range rgb[:3] {
		c /= 255
		if c <= 0.03928 {
			l[i] = c / 12.92
		} else {
			l[i] = math.Pow((c+0.055)/1.055, 2.4)
		}
	}
	return 0.2126*l[0] + 0.7152*l[1] + 0.0722*l[2]
}

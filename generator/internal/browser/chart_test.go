package browser

import (
	"testing"
)

// TestChartLabels: the followers chart scales with the screen, so on a
// phone its labels would shrink with it. On both viewports every label
// shows at 13 px or more, inside the chart's box (not clipped), and no two
// labels overlap.
func TestChartLabels(t *testing.T) {
	e := setup(t)
	type label struct {
		Text                     string
		Px                       float64 // rendered font size, CSS px
		X, Y, W, H               float64 // bounding box, in the chart's units
		BoxW, BoxH               float64 // the viewBox
		Left, Top, Right, Bottom float64 // on screen
	}
	const js = `[...document.querySelectorAll("svg.chart-svg text")]
	  .filter(el => getComputedStyle(el).display !== "none" && el.getClientRects().length > 0)
	  .map(el => {
	    const svg = el.ownerSVGElement, b = el.getBBox(), r = el.getBoundingClientRect(), vb = svg.viewBox.baseVal;
	    return {Text: el.textContent, Px: parseFloat(getComputedStyle(el).fontSize) * svg.getScreenCTM().a,
	      X: b.x, Y: b.y, W: b.width, H: b.height, BoxW: vb.width, BoxH: vb.height,
	      Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom};
	  })`
	for _, vp := range viewports {
		for _, name := range []string{"progress", "landing"} {
			k := kindNamed(t, name)
			t.Run(vp.String()+"/"+name, func(t *testing.T) {
				tb := e.open(t, tabOptions{vp: vp})
				tb.load(k.path, k.status)
				labels := eval[[]label](tb, js)
				if len(labels) == 0 {
					t.Fatalf("%s: no chart label", k.path)
				}
				for i, l := range labels {
					if l.Px < 13 {
						t.Errorf("label %q shows at %.1f px, want at least 13", l.Text, l.Px)
					}
					if l.X < 0 || l.Y < 0 || l.X+l.W > l.BoxW+0.5 || l.Y+l.H > l.BoxH+0.5 {
						t.Errorf("label %q (%.0f,%.0f %.0fx%.0f) is clipped by the chart's box %.0fx%.0f", l.Text, l.X, l.Y, l.W, l.H, l.BoxW, l.BoxH)
					}
					for _, m := range labels[i+1:] {
						if l.Left+1 < m.Right && m.Left+1 < l.Right && l.Top+1 < m.Bottom && m.Top+1 < l.Bottom { // 1 px of slack for the font's line box
							t.Errorf("labels %q and %q overlap", l.Text, m.Text)
						}
					}
				}
			})
		}
	}
}

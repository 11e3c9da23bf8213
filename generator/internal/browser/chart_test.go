package browser

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/chart"
	"github.com/loa-vn/loa/generator/render"
	"github.com/loa-vn/loa/generator/theme"
)

// TestChartLabels: the followers chart scales with the screen, so on a
// phone its labels would shrink with it. On both viewports every label
// shows at 13 px or more, inside the chart's box (not clipped), and no two
// labels overlap.
func TestChartLabels(t *testing.T) {
	e := setup(t)
	for _, vp := range viewports {
		for _, name := range []string{"progress", "landing"} {
			k := kindNamed(t, name)
			t.Run(vp.String()+"/"+name, func(t *testing.T) {
				tb := e.open(t, tabOptions{vp: vp})
				tb.load(k.path, k.status)
				checkChartLabels(t, tb, k.path)
			})
		}
	}
}

// TestChartLabelsAtTheExtremes: the same for charts the example site does
// not draw, laid out by package chart and drawn by the theme's partial on
// the progress page: a national campaign's millions over three years with
// its target on the top line, a target on the top line of a small chart,
// and a single report.
func TestChartLabelsAtTheExtremes(t *testing.T) {
	e := setup(t)
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	charts := []render.ChartView{
		{ID: "quoc-gia", Title: "Cả nước", Chart: chart.New([]chart.Point{
			{Date: day("2023-10-13"), Count: 12_400}, {Date: day("2024-06-01"), Count: 880_000},
			{Date: day("2025-01-15"), Count: 1_750_000}, {Date: day("2025-10-10"), Count: 2_345_678},
		}, 3_000_000, chart.Layout{})},
		{ID: "chi-tieu", Title: "Chỉ tiêu trên cùng", Chart: chart.New([]chart.Point{
			{Date: day("2023-10-13"), Count: 40}, {Date: day("2023-11-04"), Count: 300},
		}, 400, chart.Layout{})},
		{ID: "mot-ky", Title: "Một kỳ", Chart: chart.New([]chart.Point{{Date: day("2023-11-04"), Count: 1_250_000}}, 0, chart.Layout{})},
	}
	for _, c := range charts[:2] {
		if !c.Chart.HasTarget || c.Chart.Target != c.Chart.Plot.Y {
			t.Fatalf("%s: the target is not on the top line: %+v", c.ID, c.Chart)
		}
	}
	th, err := theme.Load("../../..", "")
	if err != nil {
		t.Fatal(err)
	}
	var figures bytes.Buffer
	for _, c := range charts {
		if err := th.Execute(&figures, "partials/chart.html", c); err != nil {
			t.Fatal(err)
		}
	}
	page, err := os.ReadFile(filepath.Join(e.out, "tien-do/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	figure := regexp.MustCompile(`(?s)<figure class="?chart"?>.*?</figure>`)
	if !figure.Match(page) {
		t.Fatal("no chart on the progress page")
	}
	page = figure.ReplaceAllLiteral(page, figures.Bytes())
	const path = "bieu-do-thu/"
	if err := os.MkdirAll(filepath.Join(e.out, path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(e.out, path, "index.html"), page, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, vp := range viewports {
		t.Run(vp.String(), func(t *testing.T) {
			tb := e.open(t, tabOptions{vp: vp})
			tb.load(path, 200)
			if n := eval[int](tb, `document.querySelectorAll("svg.chart-svg").length`); n != len(charts) {
				t.Fatalf("%d charts on the page, want %d", n, len(charts))
			}
			checkChartLabels(t, tb, path)
		})
	}
}

// checkChartLabels checks every label of every chart of the loaded page:
// at 13 px or more, inside its chart's box, clear of the other labels of
// its chart.
func checkChartLabels(t *testing.T, tb *tab, path string) {
	t.Helper()
	type label struct {
		Chart                    int
		Text                     string
		Px                       float64 // rendered font size, CSS px
		X, Y, W, H               float64 // bounding box, in the chart's units
		BoxW, BoxH               float64 // the viewBox
		Left, Top, Right, Bottom float64 // on screen
	}
	const js = `[...document.querySelectorAll("svg.chart-svg")].flatMap((svg, i) => [...svg.querySelectorAll("text")]
	  .filter(el => getComputedStyle(el).display !== "none" && el.getClientRects().length > 0)
	  .map(el => {
	    const b = el.getBBox(), r = el.getBoundingClientRect(), vb = svg.viewBox.baseVal;
	    return {Chart: i, Text: el.textContent, Px: parseFloat(getComputedStyle(el).fontSize) * svg.getScreenCTM().a,
	      X: b.x, Y: b.y, W: b.width, H: b.height, BoxW: vb.width, BoxH: vb.height,
	      Left: r.left, Top: r.top, Right: r.right, Bottom: r.bottom};
	  }))`
	labels := eval[[]label](tb, js)
	if len(labels) == 0 {
		t.Fatalf("%s: no chart label", path)
	}
	for i, l := range labels {
		if l.Px < 13 {
			t.Errorf("label %q shows at %.1f px, want at least 13", l.Text, l.Px)
		}
		if l.X < 0 || l.Y < 0 || l.X+l.W > l.BoxW+0.5 || l.Y+l.H > l.BoxH+0.5 {
			t.Errorf("label %q (%.0f,%.0f %.0fx%.0f) is clipped by the chart's box %.0fx%.0f", l.Text, l.X, l.Y, l.W, l.H, l.BoxW, l.BoxH)
		}
		for _, m := range labels[i+1:] {
			if m.Chart == l.Chart && l.Left+1 < m.Right && m.Left+1 < l.Right && l.Top+1 < m.Bottom && m.Top+1 < l.Bottom { // 1 px of slack for the font's line box
				t.Errorf("labels %q and %q overlap", l.Text, m.Text)
			}
		}
	}
}

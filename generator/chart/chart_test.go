package chart

import (
	"math"
	"strings"
	"testing"
	"time"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// reports are the example site's totals, out of order on purpose.
var reports = []Point{
	{day("2023-10-21"), 120},
	{day("2023-10-13"), 42},
	{day("2023-11-04"), 330},
	{day("2023-10-17"), 77},
	{day("2023-10-28"), 205},
}

func inside(b Box, x, y float64) bool {
	const eps = 1e-9
	return x >= b.X-eps && x <= b.Right()+eps && y >= b.Y-eps && y <= b.Bottom()+eps
}

func TestPointsInsideThePlot(t *testing.T) {
	for _, target := range []int64{0, 500, 82500} {
		c := New(reports, target, Layout{})
		if len(c.Dots) != len(reports) {
			t.Fatalf("target %d: %d dots, want %d", target, len(c.Dots), len(reports))
		}
		for _, d := range c.Dots {
			if !inside(c.Plot, d.X, d.Y) {
				t.Errorf("target %d: dot %s at (%g, %g) outside the plot %+v", target, d.Label, d.X, d.Y, c.Plot)
			}
		}
		if c.HasTarget && !inside(c.Plot, c.Plot.X, c.Target) {
			t.Errorf("target %d: target line at y=%g outside the plot", target, c.Target)
		}
		if !inside(Box{0, 0, c.Width, c.Height}, c.Plot.X, c.Plot.Y) || !inside(Box{0, 0, c.Width, c.Height}, c.Plot.Right(), c.Plot.Bottom()) {
			t.Errorf("plot %+v outside the viewBox %gx%g", c.Plot, c.Width, c.Height)
		}
	}
}

func TestXIsMonotoneByDate(t *testing.T) {
	c := New(reports, 0, Layout{})
	for i := 1; i < len(c.Dots); i++ {
		a, b := c.Dots[i-1], c.Dots[i]
		if !a.Date.Before(b.Date) || !(a.X < b.X) {
			t.Fatalf("dot %d (%s, x=%g) not left of dot %d (%s, x=%g)", i-1, a.Label, a.X, i, b.Label, b.X)
		}
	}
	if c.Dots[0].X != c.Plot.X || c.Dots[len(c.Dots)-1].X != c.Plot.Right() {
		t.Errorf("first and last reports should touch the plot's edges: %g, %g", c.Dots[0].X, c.Dots[len(c.Dots)-1].X)
	}
	// Proportional to time: 13/10 -> 17/10 is 4 days of 22.
	want := c.Plot.X + 4.0/22*c.Plot.W
	if d := c.Dots[1].X - want; d > 0.005 || d < -0.005 {
		t.Errorf("x of 17/10 = %g, want %g", c.Dots[1].X, want)
	}
}

func TestHighestPointAtTheTop(t *testing.T) {
	c := New(reports, 0, Layout{})
	var hi Dot
	for _, d := range c.Dots {
		if d.Count > hi.Count {
			hi = d
		}
	}
	for _, d := range c.Dots {
		if d.Y < hi.Y {
			t.Errorf("%s is drawn above the highest count %s", d.Label, hi.Label)
		}
	}
	if c.Max < hi.Count {
		t.Fatalf("scale ends at %d, below the highest count %d", c.Max, hi.Count)
	}
	// The scale ends at the next round value: 330 -> 400 in steps of 100.
	if c.Max != 400 {
		t.Errorf("Max = %d, want 400", c.Max)
	}
	top := c.YTicks[len(c.YTicks)-1]
	if top.Value != c.Max || top.Pos != c.Plot.Y {
		t.Errorf("top tick %+v, want value %d at y=%g", top, c.Max, c.Plot.Y)
	}
	if c.YTicks[0].Value != 0 || c.YTicks[0].Pos != c.Plot.Bottom() {
		t.Errorf("bottom tick %+v, want 0 at the bottom", c.YTicks[0])
	}
	wantY := c.Plot.Bottom() - 330.0/400*c.Plot.H
	if d := hi.Y - wantY; d > 0.005 || d < -0.005 {
		t.Errorf("330 drawn at y=%g, want %g", hi.Y, wantY)
	}
}

func TestTicksAreRoundAndFormatted(t *testing.T) {
	c := New([]Point{{day("2023-10-13"), 12345}}, 0, Layout{})
	var labels []string
	for _, tk := range c.YTicks {
		labels = append(labels, tk.Label)
	}
	if got := strings.Join(labels, " "); got != "0 5.000 10.000 15.000" {
		t.Errorf("y labels %q", got)
	}
	if len(c.Dots) != 1 || c.Dots[0].X != c.Plot.X+c.Plot.W/2 {
		t.Errorf("a single report should be centred: %+v", c.Dots)
	}
	if len(c.XTicks) != 1 || c.XTicks[0].Label != "13/10" {
		t.Errorf("x ticks %+v", c.XTicks)
	}
}

func TestTarget(t *testing.T) {
	near := New(reports, 500, Layout{})
	if !near.HasTarget || near.Max < 500 || near.Target >= near.Dots[len(near.Dots)-1].Y {
		t.Errorf("a target near the counts should set the scale and be drawn above them: %+v", near)
	}
	far := New(reports, 82500, Layout{})
	if far.HasTarget || !far.TargetAbove || far.Max != 400 {
		t.Errorf("a target far above the counts should not flatten the line: HasTarget %v TargetAbove %v Max %d", far.HasTarget, far.TargetAbove, far.Max)
	}
	if !strings.Contains(far.Summary, "82.500") {
		t.Errorf("summary should give the target: %q", far.Summary)
	}
}

func TestPolylinePoints(t *testing.T) {
	c := New([]Point{{day("2023-10-01"), 0}, {day("2023-10-03"), 10}, {day("2023-10-02"), 5}}, 0, Layout{Width: 110, Height: 120, Left: 10, Right: 10, Top: 10, Bottom: 10})
	// Plot 90 wide, 100 high; the scale ends at 10.
	if c.Points != "10,110 55,60 100,10" {
		t.Errorf("points %q", c.Points)
	}
}

func TestSummaryAndEmpty(t *testing.T) {
	c := New(reports, 0, Layout{})
	want := "5 kỳ báo cáo, từ ngày 13/10/2023 đến ngày 04/11/2023: số người quan tâm tăng từ 42 lên 330."
	if c.Summary != want {
		t.Errorf("summary %q, want %q", c.Summary, want)
	}
	e := New(nil, 100, Layout{})
	if !e.Empty || len(e.Dots) != 0 || !strings.HasPrefix(e.Summary, "Chưa có số liệu") {
		t.Errorf("empty chart: %+v", e)
	}
}

func TestXLabelsAcrossYears(t *testing.T) {
	var pts []Point
	for i := 0; i < 10; i++ {
		pts = append(pts, Point{day("2023-12-01").AddDate(0, 0, 7*i), int64(i)})
	}
	c := New(pts, 0, Layout{})
	if len(c.XTicks) != maxXTicks {
		t.Fatalf("%d x ticks, want %d", len(c.XTicks), maxXTicks)
	}
	if c.XTicks[0].Label != "01/12/2023" || c.XTicks[len(c.XTicks)-1].Label != "02/02/2024" {
		t.Errorf("labels across years should carry the year: %+v", c.XTicks)
	}
}

// TestLongSeriesMarksAtMostMaxDots checks that two years of weekly reports
// keep every point in the line and mark MaxDots of them, evenly spread,
// the first and the last included.
func TestLongSeriesMarksAtMostMaxDots(t *testing.T) {
	var pts []Point
	start := day("2024-01-01")
	for i := range 104 {
		pts = append(pts, Point{start.AddDate(0, 0, 7*i), int64(10 * i)})
	}
	c := New(pts, 0, Layout{})
	if n := len(strings.Fields(c.Points)); n != len(pts) {
		t.Errorf("the line has %d points, want %d", n, len(pts))
	}
	if len(c.Dots) != MaxDots {
		t.Fatalf("%d dots, want %d", len(c.Dots), MaxDots)
	}
	if !c.Dots[0].Date.Equal(pts[0].Date) || !c.Dots[MaxDots-1].Date.Equal(pts[103].Date) {
		t.Errorf("dots from %s to %s, want the first and the last report", c.Dots[0].Label, c.Dots[MaxDots-1].Label)
	}
	// 103 weeks in MaxDots-1 gaps: each gap is that many weeks, rounded
	// down or up.
	even := 103 / float64(MaxDots-1)
	for i := 1; i < len(c.Dots); i++ {
		if gap := c.Dots[i].Date.Sub(c.Dots[i-1].Date).Hours() / 24 / 7; gap < math.Floor(even) || gap > math.Ceil(even) {
			t.Errorf("dots %d and %d are %g weeks apart", i-1, i, gap)
		}
	}
	for n := 1; n <= MaxDots; n++ {
		if c := New(pts[:n], 0, Layout{}); len(c.Dots) != n {
			t.Errorf("%d points give %d dots", n, len(c.Dots))
		}
	}
}

// TestRoomForLabels: the left margin grows with the amounts and the first
// date, so that "3.000.000" or "13/10/2023" is not cut by the chart's box;
// a target on the top line has its label below the line, inside the box.
func TestRoomForLabels(t *testing.T) {
	small := New(reports, 0, Layout{})
	if small.Plot.X != 64 {
		t.Errorf("small amounts: plot at x=%g, want the 64 of before", small.Plot.X)
	}
	big := New([]Point{{day("2023-10-13"), 12_400}, {day("2025-10-10"), 2_345_678}}, 3_000_000, Layout{})
	// 7 digits and 2 dots at 15 units beside the axis; half the date at 25.
	if want := math.Max(7*0.64*15+2*0.4*15+8, 8*0.64*25/2+2*0.4*25/2); big.Plot.X < want {
		t.Errorf("millions: plot at x=%g, want at least %g", big.Plot.X, want)
	}
	if !big.HasTarget || big.Target != big.Plot.Y || !big.TargetBelow {
		t.Errorf("the target on the top line: Target %g, plot top %g, TargetBelow %v", big.Target, big.Plot.Y, big.TargetBelow)
	}
	if low := New(reports, 100, Layout{}); !low.HasTarget || low.TargetBelow {
		t.Errorf("a target low in the chart has its label above its line: %+v", low)
	}
	if got := New(reports, 0, Layout{Left: 10}).Plot.X; got != 10 {
		t.Errorf("a Left given is kept: plot at x=%g", got)
	}
}

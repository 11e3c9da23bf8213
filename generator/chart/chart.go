// Package chart owns the geometry of the followers-over-time line chart:
// from reports (a date and a count each) and an optional target it computes
// the coordinates of every point in a fixed box, round y-axis ticks, x-axis
// labels and a text summary for screen readers. It writes no markup: the
// theme's chart partial draws the SVG from these numbers.
package chart

import (
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/vi"
)

// Point is one report: the date and the cumulative count on that date.
type Point struct {
	Date  time.Time
	Count int64
}

// Box is a rectangle in SVG user units; Y grows downwards.
type Box struct {
	X, Y, W, H float64
}

// Right is the box's right edge.
func (b Box) Right() float64 { return b.X + b.W }

// Bottom is the box's bottom edge.
func (b Box) Bottom() float64 { return b.Y + b.H }

// Dot is a point placed in the chart. Coordinates are rounded to
// hundredths.
type Dot struct {
	X, Y  float64
	Date  time.Time
	Count int64
	// Label is "04/11/2023: 330", for a <title> on the dot.
	Label string
}

// Tick is one labelled mark on an axis. For the y axis Pos is a y
// coordinate, for the x axis an x coordinate.
type Tick struct {
	Pos   float64
	Value int64 // y axis only
	Label string
}

// Chart is a laid-out chart.
type Chart struct {
	Width, Height float64 // the viewBox
	Plot          Box     // where the line is drawn; the axes are its left and bottom edges
	// Dots are the points to mark, oldest first: every point, or MaxDots
	// of them evenly spread (the first and the last among them) when there
	// are more.
	Dots []Dot
	// Points is the coordinates of every point, in the syntax of an SVG
	// polyline's points attribute: "64,224 120.5,180.25 ...".
	Points string
	// Grid is the horizontal line of every y tick across the plot, and Axes
	// the plot's left and bottom edges, each in the syntax of an SVG path's
	// d attribute ("M64 224H624M64 180H624"): one attribute each, however
	// many ticks there are, where a <line> per tick costs the theme a
	// template action per coordinate on every unit page.
	Grid, Axes string
	YTicks     []Tick // bottom (0) to top (Max)
	XTicks     []Tick // left to right
	Max        int64  // the value at the top of the y axis

	// Target is the target's y coordinate when HasTarget; the target is
	// drawn only when it fits the scale (see New).
	Target      float64
	TargetValue int64
	HasTarget   bool
	// TargetBelow is set when the target's line is too near the top of
	// the chart for its label to fit above it: the label goes below.
	TargetBelow bool
	// TargetAbove is set when there is a target too far above the counts
	// to share their scale: the chart then mentions it in text.
	TargetAbove bool

	// Summary describes the chart in words, for <desc>.
	Summary string
	// Empty is set when there is no point to draw.
	Empty bool
}

// Layout sets the size of the chart and the margins kept for the axis
// labels. The zero value gives the defaults.
type Layout struct {
	Width, Height float64 // default 640 x 280
	// Left defaults to the room the labels need (see labelRoom), at least
	// 64; Right, Top and Bottom default to 16, 24 and 44.
	Left, Right, Top, Bottom float64
}

// The margins leave room for the labels as the theme draws them, whatever
// the font. The theme's chart text is 15 units high, and 25 on a phone,
// where the chart is shrunk to about half (style.css, .chart-svg text). A
// label takes its font's line box: Noto Sans, the family Android phones
// draw with, rises 1.07 em above the baseline and falls 0.29 em below it,
// DejaVu Sans 0.93 and 0.24. The margins allow 1.3 em and 0.5 em, and
// digits 0.64 em wide (DejaVu's; Noto's are 0.57), dots and slashes 0.4.
const (
	labelSize    = 25.0 // the largest size the theme gives chart text, in chart units
	smallSize    = 15.0 // its size where the chart is not shrunk
	labelAscent  = 1.3  // em, above the baseline
	labelDescent = 0.5  // em, below
	// The theme's offsets of the labels from their lines (dy), in em.
	yLabelDY      = 0.35 // a y-axis label is centred on its grid line
	xLabelDY      = 1.25 // an x-axis label hangs below the axis
	targetLabelDY = 0.4  // the target's label sits above its line (or below, see TargetBelow)
	yLabelGap     = 8    // units between a y-axis label and the axis (dx="-8")
)

func (l Layout) withDefaults() Layout {
	if l.Width <= 0 {
		l.Width = 640
	}
	if l.Height <= 0 {
		l.Height = 280
	}
	if l.Right <= 0 {
		l.Right = 16
	}
	if l.Top <= 0 {
		// The top y-axis label, centred on the top of the plot.
		l.Top = math.Ceil((labelAscent - yLabelDY) * labelSize)
	}
	if l.Bottom <= 0 {
		// The dates, below the axis.
		l.Bottom = math.Ceil((xLabelDY + labelDescent) * labelSize)
	}
	return l
}

// labelWidth is how wide s may be drawn at size, at most: digits 0.64 em,
// anything else 0.4 em (the labels are numbers and dates: "1.250.000",
// "04/11/2023").
func labelWidth(s string, size float64) float64 {
	w := 0.0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			w += 0.64
		} else {
			w += 0.4
		}
	}
	return w * size
}

// labelRoom is the left margin the labels need: the longest y-axis label,
// drawn beside the axis where the chart is not shrunk (on a phone the
// amounts move inside the plot), and half the first date, centred on the
// axis on a phone.
func labelRoom(yTicks []Tick, firstDate string) float64 {
	room := 64.0
	for _, t := range yTicks {
		room = max(room, math.Ceil(labelWidth(t.Label, smallSize)+yLabelGap+4))
	}
	return max(room, math.Ceil(labelWidth(firstDate, labelSize)/2+2))
}

// TargetFactor bounds how far above the highest count a target may be and
// still set the scale. Further above, the line would lie flat on the axis,
// so the scale follows the counts and the target is given in words.
const TargetFactor = 4

// maxXTicks is how many dates the x axis labels at most.
const maxXTicks = 6

// MaxDots is how many points a chart marks with a dot at most: about one a
// month over a year, one every two months over two. The line still goes
// through every point; the dots mark where a reader can point for the
// figure (each has its own title) and are spread evenly, the first and the
// last report always among them. More would not help: 40 dots on a plot of
// about 560 units already touched, and each dot is an element with its
// title, which on a national site (10,000 unit pages) was the largest part
// of the time spent in templates.
const MaxDots = 13

// New lays out points (in any order; they are sorted by date) in a chart
// of the given layout. target is 0 when there is none.
//
// The y axis starts at 0 and ends at a round value at least the highest
// count (and the target, when the target is at most TargetFactor times the
// highest count). The x axis is proportional to time: the first report is
// at the left edge of the plot, the last at the right edge; a single
// report is centred.
func New(points []Point, target int64, layout Layout) Chart {
	l := layout.withDefaults()
	c := Chart{Width: l.Width, Height: l.Height, TargetValue: target}
	pts := append([]Point(nil), points...)
	sort.SliceStable(pts, func(i, j int) bool { return pts[i].Date.Before(pts[j].Date) })

	var high int64
	for _, p := range pts {
		high = max(high, p.Count)
	}
	top := high
	if target > 0 {
		if high == 0 || target <= TargetFactor*high {
			top = max(top, target)
		} else {
			c.TargetAbove = true
		}
	}
	c.Max, c.YTicks = ticks(top, 4)
	oneYear := len(pts) > 0 && pts[0].Date.Year() == pts[len(pts)-1].Date.Year()
	label := func(d time.Time) string {
		if oneYear {
			return vi.ShortDate(d)[:5]
		}
		return vi.ShortDate(d)
	}
	if l.Left <= 0 {
		first := ""
		if len(pts) > 1 { // a single date is centred in the plot
			first = label(pts[0].Date)
		}
		l.Left = labelRoom(c.YTicks, first)
	}
	c.Plot = Box{X: l.Left, Y: l.Top, W: l.Width - l.Left - l.Right, H: l.Height - l.Top - l.Bottom}
	y := func(v int64) float64 {
		return c.Plot.Bottom() - float64(v)/float64(c.Max)*c.Plot.H
	}
	left, right := num(c.Plot.X), num(c.Plot.Right())
	var grid strings.Builder
	for i := range c.YTicks {
		c.YTicks[i].Pos = round(y(c.YTicks[i].Value))
		grid.WriteString("M" + left + " " + num(c.YTicks[i].Pos) + "H" + right)
	}
	c.Grid = grid.String()
	c.Axes = "M" + left + " " + num(c.Plot.Y) + "V" + num(c.Plot.Bottom()) + "H" + right
	if target > 0 && !c.TargetAbove {
		c.Target, c.HasTarget = round(y(target)), true
		c.TargetBelow = c.Target < (targetLabelDY+labelAscent)*labelSize
	}

	c.Summary = summary(pts, target)
	if len(pts) == 0 {
		c.Empty = true
		return c
	}
	first, last := pts[0].Date, pts[len(pts)-1].Date
	span := last.Sub(first).Seconds()
	x := func(d time.Time) float64 {
		if span <= 0 {
			return c.Plot.X + c.Plot.W/2
		}
		return c.Plot.X + d.Sub(first).Seconds()/span*c.Plot.W
	}
	var b strings.Builder
	b.Grow(len(pts) * 14)
	c.Dots = make([]Dot, 0, len(pts))
	for i, p := range pts {
		d := Dot{X: round(x(p.Date)), Y: round(y(p.Count)), Date: p.Date, Count: p.Count}
		c.Dots = append(c.Dots, d)
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strconv.FormatFloat(d.X, 'f', -1, 64))
		b.WriteByte(',')
		b.WriteString(strconv.FormatFloat(d.Y, 'f', -1, 64))
	}
	c.Points = b.String()
	if len(c.Dots) > MaxDots {
		dots := make([]Dot, 0, MaxDots)
		for _, i := range spread(len(c.Dots), MaxDots) {
			dots = append(dots, c.Dots[i])
		}
		c.Dots = dots
	}
	for i, d := range c.Dots { // labelled once thinned: a unit's chart is laid out per page
		c.Dots[i].Label = vi.ShortDate(d.Date) + ": " + vi.Int(d.Count)
	}
	for _, i := range spread(len(pts), maxXTicks) {
		c.XTicks = append(c.XTicks, Tick{Pos: round(x(pts[i].Date)), Label: label(pts[i].Date)})
	}
	return c
}

// num writes a coordinate rounded to hundredths, as short as it goes.
func num(f float64) string { return strconv.FormatFloat(round(f), 'f', -1, 64) }

// round rounds a coordinate to hundredths of a unit: finer than any
// screen or printer shows, and short in the SVG.
func round(f float64) float64 { return math.Round(f*100) / 100 }

// ticks returns a round top value at least high and the ticks from 0 to
// it, about n intervals of 1, 2 or 5 times a power of ten.
func ticks(high int64, n int) (int64, []Tick) {
	if high <= 0 {
		high = 1
	}
	raw := float64(high) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	var step int64
	for _, m := range []float64{1, 2, 5, 10} {
		if m*mag >= raw {
			step = int64(math.Max(1, math.Round(m*mag)))
			break
		}
	}
	top := (high + step - 1) / step * step
	var out []Tick
	for v := int64(0); v <= top; v += step {
		out = append(out, Tick{Value: v, Label: vi.Int(v)})
	}
	return top, out
}

// spread picks at most k indexes out of n, evenly spaced, always the first
// and the last.
func spread(n, k int) []int {
	if n <= k {
		out := make([]int, n)
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := make([]int, 0, k)
	for i := 0; i < k; i++ {
		out = append(out, int(math.Round(float64(i)*float64(n-1)/float64(k-1))))
	}
	return out
}

// summary describes the points in one or two Vietnamese sentences.
func summary(pts []Point, target int64) string {
	var b strings.Builder
	switch len(pts) {
	case 0:
		b.WriteString("Chưa có số liệu báo cáo.")
	case 1:
		b.WriteString("Một kỳ báo cáo: ngày " + vi.ShortDate(pts[0].Date) + " có " + vi.Int(pts[0].Count) + " người quan tâm.")
	default:
		f, l := pts[0], pts[len(pts)-1]
		b.WriteString(vi.Int(int64(len(pts))) + " kỳ báo cáo, từ ngày " + vi.ShortDate(f.Date) + " đến ngày " + vi.ShortDate(l.Date) + ": ")
		switch {
		case l.Count > f.Count:
			b.WriteString("số người quan tâm tăng từ " + vi.Int(f.Count) + " lên " + vi.Int(l.Count) + ".")
		case l.Count < f.Count:
			b.WriteString("số người quan tâm giảm từ " + vi.Int(f.Count) + " xuống " + vi.Int(l.Count) + ".")
		default:
			b.WriteString("số người quan tâm giữ nguyên ở mức " + vi.Int(l.Count) + ".")
		}
	}
	if target > 0 {
		b.WriteString(" Chỉ tiêu: " + vi.Int(target) + ".")
	}
	return b.String()
}

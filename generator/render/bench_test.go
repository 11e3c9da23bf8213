package render

import (
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/theme"
)

// benchModel reads the synthetic site (synth.BenchSite: the small one, or
// LOA_BENCH_SITE) and its theme.
func benchModel(b *testing.B) (*campaign.Campaign, *theme.Theme) {
	b.Helper()
	dir := synth.BenchSite(b)
	var diags diag.List
	c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	th, err := theme.Load(dir, c.Site.Theme)
	if err != nil {
		b.Fatal(err)
	}
	return c, th
}

type discardSink struct{}

func (discardSink) Put(string, []byte) error { return nil }

// sizeSink counts what it is given.
type sizeSink struct{ files, bytes int64 }

func (s *sizeSink) Put(_ string, data []byte) error {
	s.files++
	s.bytes += int64(len(data))
	return nil
}

// BenchmarkRenderPages renders every page of the site, no QR image (the qr
// package has its own benchmarks), into a sink that drops them.
func BenchmarkRenderPages(b *testing.B) {
	c, th := benchModel(b)
	defer synth.ReportCPU(b)()
	for b.Loop() {
		var diags diag.List
		if err := Site(c, Options{Theme: th, SkipQR: true}, discardSink{}, &diags); err != nil {
			b.Fatal(err)
		}
	}
}

// benchUnit readies a renderer of the synthetic site, its list items and
// header bound, and picks the unit in the middle.
func benchUnit(b *testing.B) (*renderer, *UnitView) {
	c, th := benchModel(b)
	bound, err := th.Bind(c.Site.BaseURL)
	if err != nil {
		b.Fatal(err)
	}
	r := &renderer{c: c, th: bound, v: newViews(c)}
	if err := r.v.prerender(bound); err != nil {
		b.Fatal(err)
	}
	return r, r.v.units[len(r.v.units)/2]
}

// BenchmarkRenderUnitPage renders the landing page of one unit, its chart
// laid out.
func BenchmarkRenderUnitPage(b *testing.B) {
	r, uv := benchUnit(b)
	var s sizeSink
	defer synth.ReportCPU(b)()
	for b.Loop() {
		landing := *uv
		landing.Chart = unitChart(uv.unit)
		if err := r.page(&s, uv.Path+"index.html", "unit.html", &Page{Path: uv.Path, Title: uv.Name, Unit: &landing, AccountQR: r.v.accountQR}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.bytes)/float64(s.files), "B/page")
}

// BenchmarkRenderPosterPage renders the A4 poster page of one unit.
func BenchmarkRenderPosterPage(b *testing.B) {
	r, uv := benchUnit(b)
	var s sizeSink
	defer synth.ReportCPU(b)()
	for b.Loop() {
		if err := r.page(&s, uv.PosterPath+"index.html", "poster.html", &Page{Path: uv.PosterPath, Title: uv.Name, Unit: uv}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(s.bytes)/float64(s.files), "B/page")
}

// BenchmarkViews lays out the views that every page shares (newViews),
// as every render does before any page.
func BenchmarkViews(b *testing.B) {
	c, _ := benchModel(b)
	defer synth.ReportCPU(b)()
	for b.Loop() {
		newViews(c)
	}
}

// BenchmarkPrepare readies a render as serve does after a save, the
// parses of the Markdown kept (Docs): everything but the pages.
func BenchmarkPrepare(b *testing.B) {
	c, th := benchModel(b)
	docs := NewDocs()
	defer synth.ReportCPU(b)()
	for b.Loop() {
		var diags diag.List
		if _, err := Prepare(c, Options{Theme: th, Docs: docs}, &diags); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKeys computes the key of every job of the site, as a rebuild
// does before it knows which jobs to run (keys.go): the memo of the shared
// views is filled by the first round, as in a build.
func BenchmarkKeys(b *testing.B) {
	c, th := benchModel(b)
	var diags diag.List
	p, err := Prepare(c, Options{Theme: th, Keyed: true, Salt: []byte("bench")}, &diags)
	if err != nil {
		b.Fatal(err)
	}
	defer synth.ReportCPU(b)()
	for b.Loop() {
		forEach(len(p.jobs), func(i int) { p.key(p.jobs[i]) })
	}
	b.ReportMetric(float64(len(p.jobs)), "jobs")
}

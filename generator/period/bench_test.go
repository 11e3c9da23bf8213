package period

import (
	"testing"
	"weak"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
)

func benchCampaign(b *testing.B) *campaign.Campaign {
	var diags diag.List
	c := campaign.New(load.Read(synth.BenchSite(b), &diags), campaign.Options{}, &diags)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	return c
}

// BenchmarkOfEveryReport computes the period of every report of the
// synthetic site (synth.BenchSite): "once" each, as the first of a
// build's two calls (nothing kept yet), "twice" each, as a build does
// (the report's page and its open data), and "old", once each as it was
// computed before (old_test.go), for ratios measured in the same run.
func BenchmarkOfEveryReport(b *testing.B) {
	c := benchCampaign(b)
	for _, f := range []struct {
		name  string
		calls int
		of    func(*campaign.Campaign, int) *Period
	}{{"once", 1, Of}, {"twice", 2, Of}, {"old", 1, oldOf}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			defer synth.ReportCPU(b)()
			for b.Loop() {
				books.Delete(weak.Make(c))
				for i := range c.Reports {
					for range f.calls {
						f.of(c, i)
					}
				}
			}
		})
	}
}

// BenchmarkTotalsEveryReport computes the totals of every report, as the
// letters dated at each do.
func BenchmarkTotalsEveryReport(b *testing.B) {
	c := benchCampaign(b)
	for _, f := range []struct {
		name   string
		totals func(*campaign.Campaign, int) *Period
	}{{"new", Totals}, {"old", oldTotals}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			defer synth.ReportCPU(b)()
			for b.Loop() {
				for i := range c.Reports {
					f.totals(c, i)
				}
			}
		})
	}
}

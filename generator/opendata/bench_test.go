package opendata

import (
	"io"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/period"
)

func benchCampaign(b *testing.B) *campaign.Campaign {
	var diags diag.List
	c := campaign.New(load.Read(synth.BenchSite(b), &diags), campaign.Options{}, &diags)
	if diags.HasErrors() {
		b.Fatal(diags.Err())
	}
	return c
}

// BenchmarkWriteJSON and BenchmarkWriteCSV write the open data of the
// synthetic site (synth.BenchSite) to nowhere; "old" is the way they were
// written through encoding/json and encoding/csv (old_test.go), for a
// ratio measured in the same run.
func BenchmarkWriteJSON(b *testing.B) {
	c := benchCampaign(b)
	b.Run("new", func(b *testing.B) { benchWrite(b, c, WriteJSON) })
	b.Run("old", func(b *testing.B) { benchWrite(b, c, oldWriteJSON) })
}

func BenchmarkWriteCSV(b *testing.B) {
	c := benchCampaign(b)
	b.Run("new", func(b *testing.B) { benchWrite(b, c, WriteCSV) })
	b.Run("old", func(b *testing.B) { benchWrite(b, c, oldWriteCSV) })
}

func benchWrite(b *testing.B, c *campaign.Campaign, write func(io.Writer, *campaign.Campaign) error) {
	b.ReportAllocs()
	defer synth.ReportCPU(b)()
	for b.Loop() {
		if err := write(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReportJSON makes the open data of the latest period's report
// (a build makes one per report), its period computed beforehand.
func BenchmarkReportJSON(b *testing.B) {
	c := benchCampaign(b)
	p := period.Latest(c)
	if p == nil {
		b.Skip("no report")
	}
	for _, f := range []struct {
		name string
		json func(*period.Period) []byte
	}{{"new", ReportJSON}, {"old", oldReportJSON}} {
		b.Run(f.name, func(b *testing.B) {
			b.ReportAllocs()
			defer synth.ReportCPU(b)()
			for b.Loop() {
				f.json(p)
			}
		})
	}
}

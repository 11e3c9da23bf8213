package opendata

import (
	"io"
	"testing"

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

// BenchmarkWriteJSON and BenchmarkWriteCSV write the open data of the
// synthetic site (synth.BenchSite) to nowhere.
func BenchmarkWriteJSON(b *testing.B) {
	c := benchCampaign(b)
	defer synth.ReportCPU(b)()
	for b.Loop() {
		if err := WriteJSON(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteCSV(b *testing.B) {
	c := benchCampaign(b)
	defer synth.ReportCPU(b)()
	for b.Loop() {
		if err := WriteCSV(io.Discard, c); err != nil {
			b.Fatal(err)
		}
	}
}

package opendata

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
)

// wholeJSON encodes the whole progress value at once, as JSON did before
// it wrote unit by unit.
func wholeJSON(c *campaign.Campaign) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(progressOf(c, true)); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// TestJSONStreamsTheSameBytes checks that writing unit by unit gives the
// bytes of the whole value encoded at once, on the test model, on one
// without units or reports, and on a synthetic site with names to escape.
func TestJSONStreamsTheSameBytes(t *testing.T) {
	site := t.TempDir()
	if err := synth.Write(site, synth.Config{Units: 40, Groups: 3, Directives: 2, Reports: 5, Words: 50, Seed: 7}); err != nil {
		t.Fatal(err)
	}
	var d diag.List
	big := campaign.New(load.Read(site, &d), campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	big.Units[3].Name = `<b>"Tên" & 'lạ'</b> \ /`
	empty := campaign.New(&load.Site{Config: load.Config{BaseURL: "https://x.vn/"}}, campaign.Options{}, &d)
	for name, c := range map[string]*campaign.Campaign{"test model": model(t), "empty": empty, "synthetic": big} {
		want := wholeJSON(c)
		if got := JSON(c); !bytes.Equal(got, want) {
			t.Errorf("%s: streamed JSON differs (%d bytes, whole %d)\n%s", name, len(got), len(want), got)
		}
		if !json.Valid(want) {
			t.Errorf("%s: not JSON", name)
		}
	}
}

package opendata

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
)

// TestJSONStreamsTheWholeValue checks that writing unit by unit gives
// valid JSON holding the whole progress value, each unit on a line of its
// own and the rest indented, on the test model, on one without units or
// reports, and on a synthetic site with names to escape.
func TestJSONStreamsTheWholeValue(t *testing.T) {
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
		got := JSON(c)
		if !json.Valid(got) {
			t.Fatalf("%s: not JSON:\n%s", name, got)
		}
		// The same value as encoding it whole: compare decoded.
		whole, err := json.Marshal(progressOf(c, true))
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(got, &a); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(whole, &b); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(a, b) {
			t.Errorf("%s: streamed JSON holds another value than the whole:\n%s", name, got)
		}
		// One line per unit, each a whole JSON object; the head indented.
		lines := strings.Split(string(got), "\n")
		var units int
		for _, l := range lines {
			if strings.HasPrefix(l, `    {"id":`) {
				units++
				if obj := strings.TrimSuffix(strings.TrimPrefix(l, "    "), ","); !json.Valid([]byte(obj)) {
					t.Errorf("%s: a unit's line is not one JSON object: %s", name, l)
				}
			}
		}
		if units != len(c.Units) {
			t.Errorf("%s: %d unit lines, want %d", name, units, len(c.Units))
		}
		if !strings.HasPrefix(string(got), "{\n  \"campaign\": {\n    \"name\": ") {
			t.Errorf("%s: the head is not indented:\n%.200s", name, got)
		}
		if strings.Contains(string(got), `\u003c`) {
			t.Errorf("%s: < escaped as \\u003c: HTML escaping should be off", name)
		}
	}
}

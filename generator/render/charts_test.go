package render

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/fragments"
	"github.com/loa-vn/loa/generator/theme"
)

// TestChartsFromFragments: a keyed render keeps the charts of the units'
// landing pages (Options.Fragments), and the next render takes each one
// from there by the key of what it is made of and of the salt: a chart put
// there under a unit's key shows on its page, and nowhere with another
// salt. Rendered afresh or taken back, the pages are the same.
func TestChartsFromFragments(t *testing.T) {
	c, th := modelAndTheme(t)
	path := filepath.Join(t.TempDir(), "charts")
	renderWith := func(salt string) map[string][]byte {
		t.Helper()
		store := fragments.Open(path)
		_, files := writeAll(t, c, Options{Theme: th, Keyed: true, Salt: []byte(salt), Fragments: store})
		if err := store.Save(); err != nil {
			t.Fatal(err)
		}
		return files
	}
	_, unlisted := writeAll(t, c, Options{Theme: th})
	first := renderWith("salt 1")
	again := renderWith("salt 1")
	for p, b := range unlisted {
		if !bytes.Equal(first[p], b) || !bytes.Equal(again[p], b) {
			t.Errorf("%s: with the charts kept, not the page rendered without", p)
		}
	}

	// The key of An Lạc's chart, as the render makes it.
	u, ok := c.Unit("an-lac")
	if !ok {
		t.Fatal("the test site has no unit an-lac")
	}
	bound, err := th.Bind(c.Site.BaseURL)
	if err != nil {
		t.Fatal(err)
	}
	r := &renderer{c: c, th: bound}
	r.prepareKeys(Options{Keyed: true, Salt: []byte("salt 1")})
	store := fragments.Open(path)
	store.Put(r.chartKey(chartInputs(u)), []byte(`<svg id="tu-kho"></svg>`))
	if err := store.Save(); err != nil {
		t.Fatal(err)
	}
	page := "don-vi/an-lac/index.html"
	if got := renderWith("salt 1"); !strings.Contains(string(got[page]), `<svg id="tu-kho"></svg>`) {
		t.Errorf("%s does not take its chart from the fragments", page)
	}
	if got := renderWith("salt 2"); strings.Contains(string(got[page]), "tu-kho") || !bytes.Equal(got[page], unlisted[page]) {
		t.Errorf("%s takes a chart kept with another salt", page)
	}
}

// modelAndTheme is the model of the test site and the default theme.
func modelAndTheme(t *testing.T) (*campaign.Campaign, *theme.Theme) {
	t.Helper()
	c := model(t, writeSite(t, testFiles()))
	th, err := theme.Load(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	return c, th
}

// writeAll prepares the render of c with opts and writes every file.
func writeAll(t *testing.T, c *campaign.Campaign, opts Options) (*Prepared, map[string][]byte) {
	t.Helper()
	var diags diag.List
	p, err := Prepare(c, opts, &diags)
	if err != nil {
		t.Fatal(err, diags.Errors())
	}
	sink := newMemSink()
	if err := p.WriteAll(sink); err != nil {
		t.Fatal(err)
	}
	return p, sink.files
}

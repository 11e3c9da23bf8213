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

// TestChartLayoutOfAThemeThatPrintsIt: a landing page whose chart comes
// drawn from the fragments is made without laying the chart out, unless
// the theme's unit.html may read the layout other than through
// ChartView.HTML. A theme that prints a figure of the layout gets it on
// the page built with the fragments as on the page built without.
func TestChartLayoutOfAThemeThatPrintsIt(t *testing.T) {
	const head = `{{template "base" .}}{{define "main"}}{{with .Unit}}<h1>{{.Name}}</h1>{{with .Chart}}{{.HTML}}`
	for _, tc := range []struct {
		name, main string
		read       bool
		addresses  bool // the page prints pointers (%v of a view): never the same twice
	}{
		{"default theme", "", false, false},
		{"the chart printed only", head + `{{end}}{{end}}{{end}}`, false, false},
		{"title and id", head + `<p id="tom-tat">{{.Title}} {{.ID}}</p>{{end}}{{end}}{{end}}`, false, false},
		{"a field of the layout", head + `<p id="tom-tat">{{.Chart.Summary}}, {{.Chart.Width}}</p>{{end}}{{end}}{{end}}`, true, false},
		{"the layout given to a function", head + `<p id="tom-tat">{{printf "%v" .Chart}}</p>{{end}}{{end}}{{end}}`, true, false},
		{"the chart view through dict", head + `{{template "tom-tat" (dict "C" .)}}{{end}}{{end}}{{end}}` +
			`{{define "tom-tat"}}<p id="tom-tat">{{.C.Chart.Width}}</p>{{end}}`, true, false},
		{"the chart view given to a function", head + `<p id="tom-tat">{{printf "%v" .}}</p>{{end}}{{end}}{{end}}`, true, true},
		{"the unit given to a function", head + `{{end}}<p id="tom-tat">{{printf "%v" .}}</p>{{end}}{{end}}`, true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := testFiles()
			if tc.main != "" {
				files["themes/default/templates/unit.html"] = tc.main
			}
			dir := writeSite(t, files)
			c := model(t, dir)
			th, err := theme.Load(dir, "default")
			if err != nil {
				t.Fatal(err)
			}
			if got := layoutRead(th); got != tc.read {
				t.Errorf("layoutRead = %v, want %v", got, tc.read)
			}
			path := filepath.Join(t.TempDir(), "charts")
			keyed := func() map[string][]byte {
				t.Helper()
				store := fragments.Open(path)
				_, files := writeAll(t, c, Options{Theme: th, Keyed: true, Salt: []byte("salt"), Fragments: store})
				if err := store.Save(); err != nil {
					t.Fatal(err)
				}
				return files
			}
			_, plain := writeAll(t, c, Options{Theme: th})
			keyed() // draws the charts and keeps them
			again := keyed()
			page := "don-vi/an-lac/index.html"
			if !strings.Contains(string(plain[page]), "<svg") {
				t.Fatalf("%s shows no chart", page)
			}
			if tc.read && !strings.Contains(string(plain[page]), `id="tom-tat"`) {
				t.Fatalf("%s does not print the layout", page)
			}
			for p, b := range plain {
				if !tc.addresses && !bytes.Equal(again[p], b) {
					t.Errorf("%s: with the charts kept, not the page rendered without", p)
				}
			}
		})
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

package render

import (
	"maps"
	"slices"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/theme"
)

// planned is what the links of the Markdown were checked against before
// they were checked against the paths of the render's jobs: every page of
// Pages, every unit's QR images, the account's, the theme's static files
// and the files of Options.Also.
func planned(c *campaign.Campaign, th *theme.Theme, also []Extra) map[string]bool {
	out := map[string]bool{}
	for _, p := range Pages(c) {
		out[p.File] = true
	}
	for _, u := range c.All {
		out[unitPath(u.ID)+"qr.svg"] = true
		out[unitPath(u.ID)+"qr.png"] = true
	}
	out[accountQRSVG] = true
	out[accountQRPNG] = true
	for _, f := range th.Static() {
		out[f.Path] = true
	}
	for _, e := range also {
		for _, p := range e.Paths {
			out[p] = true
		}
	}
	return out
}

// TestLinksCheckedAgainstEveryFile checks that the files a link may point
// to are the files the render writes, on sites with aliases, merged and
// retired units, free pages and reports.
func TestLinksCheckedAgainstEveryFile(t *testing.T) {
	small := t.TempDir()
	cfg := synth.Small()
	cfg.Units, cfg.Directives, cfg.Reports = 300, 20, 5
	if err := synth.Write(small, cfg); err != nil {
		t.Fatal(err)
	}
	for name, dir := range map[string]string{
		"test site":    writeSite(t, testFiles()),
		"example site": "../..",
		"merged units": "../build/testdata/xa-doi",
		"synthetic":    small,
	} {
		t.Run(name, func(t *testing.T) {
			var diags diag.List
			c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
			th, err := theme.Load(dir, c.Site.Theme)
			if err != nil {
				t.Fatal(err)
			}
			also := []Extra{{Paths: []string{"du-lieu/tien-do.json", "du-lieu/tien-do.csv"}}}
			p, err := Prepare(c, Options{Theme: th, Also: also}, &diags)
			if err != nil {
				t.Fatalf("%v\n%v", err, diags.Err())
			}
			want := slices.Sorted(maps.Keys(planned(c, th, also)))
			have := slices.Sorted(maps.Keys(p.jobOf))
			if !slices.Equal(have, want) {
				t.Errorf("the jobs write %d files, the plan had %d", len(have), len(want))
				for _, f := range want {
					if !p.Has(f) {
						t.Errorf("planned, no job: %s", f)
					}
				}
				plan := planned(c, th, also)
				for _, f := range have {
					if !plan[f] {
						t.Errorf("a job, not planned: %s", f)
					}
				}
			}
			taken := 0
			for _, pg := range c.Pages {
				if reserved[pg.Slug] {
					taken++
				}
			}
			if n := len(Pages(c)); MaxPages(c) != n+taken {
				t.Errorf("MaxPages %d, Pages lists %d and leaves out %d", MaxPages(c), n, taken)
			}
			if len(c.Gone) == 0 && name == "merged units" {
				t.Errorf("the site has no retired unit")
			}
		})
	}
}

// TestUnitPaths checks the paths unitPaths cuts from one string against
// the paths made one by one.
func TestUnitPaths(t *testing.T) {
	for _, id := range []string{"a", "bac-son", "thcs-nguyen-trai-12"} {
		for _, base := range []string{"https://thu.example.vn/", "https://thu.example.vn/zalo/"} {
			poster, svg, png, landing := unitPaths(base, unitPath(id))
			if poster != posterPath(id) || svg != unitPath(id)+"qr.svg" || png != unitPath(id)+"qr.png" || landing != base+unitPath(id) {
				t.Errorf("unitPaths(%q, %q) = %q %q %q %q", base, unitPath(id), poster, svg, png, landing)
			}
		}
	}
}

package render

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/theme"
)

// TestExampleSiteHasNoBrokenLinks renders the example site at the root of
// the repository and follows every href and src of every page: each must
// lead outside the site or to a file the build writes. With LOA_RENDER_OUT
// set, the output is also written there, to look at in a browser.
func TestExampleSiteHasNoBrokenLinks(t *testing.T) {
	const dir = "../.."
	if _, err := os.Stat(filepath.Join(dir, "site.toml")); err != nil {
		t.Skip("no example site")
	}
	var diags diag.List
	c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
	th, err := theme.Load(dir, c.Site.Theme)
	if err != nil {
		t.Fatal(err)
	}
	sink := newMemSink()
	if err := Site(c, Options{Theme: th}, sink, &diags); err != nil {
		t.Fatalf("%v", err)
	}
	// Written by packages opendata and feeds after Site.
	for _, p := range []string{"du-lieu/tien-do.json", "du-lieu/tien-do.csv", "sitemap.xml", "robots.txt", "van-ban/index.xml"} {
		sink.files[p] = nil
	}
	for _, r := range c.Reports {
		sink.files[reportDataPath(r)] = nil
	}

	base, _ := url.Parse(c.Site.BaseURL)
	for _, p := range sink.paths() {
		if !strings.HasSuffix(p, ".html") {
			continue
		}
		pageURL := base.ResolveReference(&url.URL{Path: strings.TrimSuffix(p, "index.html")})
		if p == "404.html" {
			pageURL = base.ResolveReference(&url.URL{Path: "khong/co/trang/nay"})
		}
		for _, n := range findAll(parse(t, sink.files[p]), func(*html.Node) bool { return true }) {
			for _, key := range []string{"href", "src"} {
				v := attr(n, key)
				if v == "" {
					continue
				}
				u, err := url.Parse(v)
				if err != nil {
					t.Errorf("%s: %s=%q does not parse", p, key, v)
					continue
				}
				if u.Scheme == "" && u.Host == "" && u.Path == "" {
					continue // "#noi-dung": this page
				}
				abs := pageURL.ResolveReference(u)
				if abs.Host != base.Host {
					continue
				}
				rel, ok := strings.CutPrefix(abs.Path, base.Path)
				if !ok {
					t.Errorf("%s: %s=%q leaves the site's path %s", p, key, v, base.Path)
					continue
				}
				if rel == "" || strings.HasSuffix(rel, "/") {
					rel += "index.html"
				}
				if _, ok := sink.files[rel]; !ok {
					t.Errorf("%s: %s=%q leads to %s, which is not written", p, key, v, rel)
				}
			}
		}
	}

	if out := os.Getenv("LOA_RENDER_OUT"); out != "" {
		for p, b := range sink.files {
			f := filepath.Join(out, filepath.FromSlash(p))
			if err := os.MkdirAll(filepath.Dir(f), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(f, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

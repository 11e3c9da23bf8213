package render

import (
	"iter"
	"slices"

	"github.com/loa-vn/loa/generator/campaign"
)

// PageRef is one HTML page that a render writes, named as the render names
// it. Packages that list the site's pages (the sitemap) take them from
// Pages, so that the URL scheme lives in one place.
type PageRef struct {
	// Kind is the page's template without ".html": "home", "directives",
	// "directive", "units", "group", "posters", "unit", "poster", "alias",
	// "merged" (a merged unit's landing page, poster or alias, sending
	// visitors to its successor's),
	// "progress", "reports", "report", "page" or "404".
	Kind string
	// Path is the page's URL under base_url: "" for the home page,
	// "don-vi/bac-son/" for a unit, "404.html" for the 404 page.
	Path string
	// File is the output file: Path + "index.html", or "404.html".
	File string

	Directive *campaign.Directive // a directive's page
	Unit      *campaign.Unit      // a unit's landing page, poster or alias page
	Group     *campaign.Group     // a group's page
	Number    int                 // a group's page or posters: which of its pages, from 1
	Report    *campaign.Report    // a period's leaders' report
	Alias     string              // an alias page: the former id
	Page      *campaign.Page      // a free page
}

// Pages lists every HTML page that rendering c writes, in a fixed order.
// Free pages whose slug is taken by a generated section are left out (the
// render reports them as errors).
func Pages(c *campaign.Campaign) []PageRef {
	return slices.AppendSeq(make([]PageRef, 0, MaxPages(c)), AllPages(c))
}

// MaxPages counts, without listing them, the pages Pages lists and the
// free pages it leaves out for taking the slug of a section: it is
// len(Pages(c)), or more when the site has such pages.
func MaxPages(c *campaign.Campaign) int {
	n := 6 + len(c.Directives) + len(c.Reports) + len(c.Pages)
	for _, g := range c.Groups {
		n += 2 * groupPageCount(len(g.Units))
	}
	for _, u := range c.All {
		n += 2 + len(u.Aliases)
	}
	return n
}

// AllPages yields the pages of Pages one by one, in the same order,
// without listing them: what counts them keeps none.
func AllPages(c *campaign.Campaign) iter.Seq[PageRef] {
	return func(yield func(PageRef) bool) { allPages(c, yield) }
}

func allPages(c *campaign.Campaign, yield func(PageRef) bool) {
	done := false
	add := func(p PageRef) {
		if done {
			return
		}
		if p.File == "" {
			p.File = p.Path + "index.html"
		}
		done = !yield(p)
	}
	add(PageRef{Kind: "home", Path: ""})
	add(PageRef{Kind: "directives", Path: "van-ban/"})
	for _, d := range c.Directives {
		add(PageRef{Kind: "directive", Path: directivePath(d.Slug), Directive: d})
	}
	add(PageRef{Kind: "units", Path: "don-vi/"})
	for _, g := range c.Groups {
		for k := 1; k <= groupPageCount(len(g.Units)); k++ {
			add(PageRef{Kind: "group", Path: groupPagePath(g.ID, k), Group: g, Number: k})
		}
		for k := 1; k <= groupPageCount(len(g.Units)); k++ {
			add(PageRef{Kind: "posters", Path: groupPostersPath(g.ID, k), Group: g, Number: k})
		}
	}
	for _, u := range c.All {
		if u.Successor() != nil {
			add(PageRef{Kind: "merged", Path: unitPath(u.ID), Unit: u})
			add(PageRef{Kind: "merged", Path: posterPath(u.ID), Unit: u})
			for _, a := range u.Aliases {
				add(PageRef{Kind: "merged", Path: unitPath(a), Unit: u, Alias: a})
			}
			continue
		}
		add(PageRef{Kind: "unit", Path: unitPath(u.ID), Unit: u})
		add(PageRef{Kind: "poster", Path: posterPath(u.ID), Unit: u})
		for _, a := range u.Aliases {
			add(PageRef{Kind: "alias", Path: unitPath(a), Unit: u, Alias: a})
		}
	}
	add(PageRef{Kind: "progress", Path: "tien-do/"})
	add(PageRef{Kind: "reports", Path: reportsPath})
	for i := len(c.Reports) - 1; i >= 0; i-- {
		r := c.Reports[i]
		add(PageRef{Kind: "report", Path: reportPath(r), Report: r})
	}
	for _, p := range c.Pages {
		if !reserved[p.Slug] {
			add(PageRef{Kind: "page", Path: p.Slug + "/", Page: p})
		}
	}
	add(PageRef{Kind: "404", Path: "404.html", File: "404.html"})
}

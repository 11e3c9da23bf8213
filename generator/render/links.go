package render

import (
	"net/url"
	"strings"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/markdown"
)

// checkLinks reports every link and image of a document (links, from
// Document.Links) that points inside the site at a file the build does
// not write. The document is rendered on the page at page ("" for the
// home page, "huong-dan/"), against which relative links resolve.
// External links are not fetched.
func (r *renderer) checkLinks(links []markdown.Link, page string, diags *diag.List) {
	for _, l := range links {
		target, internal := r.internal(l.Dest, page)
		if !internal || r.exists(target) {
			continue
		}
		if l.Image {
			diags.Errorf(l.Pos, "link to a file that does not exist: %s", l.Dest)
			continue
		}
		var hint diag.Text
		if n := diag.Nearest(strings.TrimSuffix(target, "index.html"), r.pagePathList()); n != "" {
			hint = diag.Textf(" (did you mean %q?)", "/"+n)
		}
		diags.Errorf(l.Pos, "link to a page that does not exist: %s%s", l.Dest, hint)
	}
}

// pagePathList lists the URL paths of the pages, for hints.
func (r *renderer) pagePathList() []string {
	r.pagePathsOnce.Do(func() {
		for _, p := range Pages(r.c) {
			if p.Kind != "404" {
				r.pagePaths = append(r.pagePaths, p.Path)
			}
		}
	})
	return r.pagePaths
}

// internal resolves dest, written on the page at page, to a path under
// base_url ("don-vi/bac-son/"). internal is false for links that leave the
// site: another host or scheme (mailto:, tel:), or a fragment alone.
//
// A destination starting with "/" is under base_url when it starts with its
// path ("/zalo/don-vi/"), and otherwise is taken relative to base_url
// ("/don-vi/" means the site's units page).
func (r *renderer) internal(dest, page string) (target string, internal bool) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return "", false
	}
	base, err := url.Parse(r.c.Site.BaseURL)
	if err != nil {
		return "", false
	}
	basePath := r.c.Site.BasePath
	switch {
	case u.Scheme != "" || u.Host != "":
		if (u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https") || !strings.EqualFold(u.Host, base.Host) {
			return "", false
		}
		p := u.Path
		if p == "" {
			p = "/"
		}
		if !strings.HasPrefix(p+"/", basePath) {
			return "", false // same host, outside the site
		}
		return strings.TrimPrefix(p, strings.TrimSuffix(basePath, "/")+"/"), true
	case u.Path == "":
		return "", false // "#muc-2", "?x"
	case strings.HasPrefix(u.Path, "/"):
		if strings.HasPrefix(u.Path, basePath) {
			return strings.TrimPrefix(u.Path, basePath), true
		}
		return strings.TrimPrefix(u.Path, "/"), true
	}
	from := &url.URL{Path: basePath + page}
	abs := from.ResolveReference(&url.URL{Path: u.Path}).Path
	if !strings.HasPrefix(abs, basePath) && abs+"/" != basePath {
		return "..", true // above the site's root: never a page of it
	}
	return strings.TrimPrefix(abs, basePath), true
}

// exists reports whether the render (or open data) writes target: a file,
// or a folder with an index.html.
func (r *renderer) exists(target string) bool {
	has := func(p string) bool {
		_, ok := r.outputs[p]
		return ok
	}
	if target == "" || strings.HasSuffix(target, "/") {
		return has(target + "index.html")
	}
	return has(target) || has(target+"/index.html")
}

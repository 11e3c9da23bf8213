package render

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// Pages names exactly the HTML files that the render writes.
func TestPagesListsEveryHTMLFile(t *testing.T) {
	dir := writeSite(t, testFiles())
	sink, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatalf("render: %v %v", err, errs)
	}
	var written []string
	for _, p := range sink.paths() {
		if strings.HasSuffix(p, ".html") {
			written = append(written, p)
		}
	}
	listed := map[string]bool{}
	for _, p := range Pages(model(t, dir)) {
		if listed[p.File] {
			t.Errorf("%s listed twice", p.File)
		}
		listed[p.File] = true
		if want := p.Path + "index.html"; p.Kind != "404" && p.File != want {
			t.Errorf("%s: file %q for path %q", p.Kind, p.File, p.Path)
		}
		switch {
		case p.Kind == "directive" && p.Directive == nil,
			(p.Kind == "unit" || p.Kind == "poster" || p.Kind == "alias") && p.Unit == nil,
			p.Kind == "alias" && p.Alias == "",
			p.Kind == "page" && p.Page == nil:
			t.Errorf("%s %s lacks its source", p.Kind, p.Path)
		}
	}
	for _, p := range written {
		if !listed[p] {
			t.Errorf("%s is written but not listed", p)
		}
	}
	if len(listed) != len(written) {
		t.Errorf("%d pages listed, %d written", len(listed), len(written))
	}
}

// Every page but the alias pages carries what links shared in Zalo or
// Facebook, and crawlers, need: canonical URL, description, Open Graph,
// and the feed of directives.
func TestHeadTagsForSharing(t *testing.T) {
	dir := writeSite(t, testFiles())
	sink, errs, err := renderSite(t, dir, Options{})
	if err != nil || len(errs) > 0 {
		t.Fatalf("render: %v %v", err, errs)
	}
	const base = "https://thu.example.vn/zalo/"
	for _, p := range Pages(model(t, dir)) {
		if p.Kind == "alias" {
			continue
		}
		doc := sink.page(t, p.File)
		meta := map[string]string{}
		count := map[string]int{}
		for _, m := range findAll(doc, byTag("meta")) {
			key := attr(m, "property")
			if key == "" {
				key = attr(m, "name")
			}
			meta[key] = attr(m, "content")
			count[key]++
		}
		for k, n := range count {
			if n > 1 && k != "" {
				t.Errorf("%s: %d <meta> %s", p.File, n, k)
			}
		}
		canon := findAll(doc, func(n *html.Node) bool { return n.Data == "link" && attr(n, "rel") == "canonical" })
		if len(canon) != 1 || attr(canon[0], "href") != base+p.Path {
			t.Errorf("%s: canonical %v", p.File, texts(canon))
		}
		image := base + "qr/quan-tam.png"
		if p.Kind == "unit" || p.Kind == "poster" {
			image = base + "don-vi/" + p.Unit.ID + "/qr.png"
		}
		typ := "website"
		if p.Kind == "directive" {
			typ = "article"
		}
		want := map[string]string{
			"og:url":       base + p.Path,
			"og:image":     image,
			"og:type":      typ,
			"og:locale":    "vi_VN",
			"og:site_name": "Cùng quan tâm Zalo OA quận Thử",
		}
		for k, v := range want {
			if meta[k] != v {
				t.Errorf("%s: %s = %q, want %q", p.File, k, meta[k], v)
			}
		}
		if meta["description"] == "" || meta["og:description"] != meta["description"] {
			t.Errorf("%s: description %q, og:description %q", p.File, meta["description"], meta["og:description"])
		}
		if meta["og:title"] == "" {
			t.Errorf("%s: no og:title", p.File)
		}
		feeds := findAll(doc, func(n *html.Node) bool {
			return n.Data == "link" && attr(n, "rel") == "alternate" && attr(n, "type") == "application/atom+xml"
		})
		if len(feeds) != 1 || attr(feeds[0], "href") != "/zalo/van-ban/index.xml" {
			t.Errorf("%s: feed links %d", p.File, len(feeds))
		}
	}
}

// Package feeds owns what the site offers crawlers and feed readers:
// /sitemap.xml (sitemaps.org 0.9), /robots.txt and /van-ban/index.xml, the
// Atom 1.0 feed of directives. It turns the model into bytes and writes
// nothing itself; package build hands them to the sink.
//
// Every date comes from the content (a directive's date, a report's date),
// never from the clock, so the same site gives the same bytes.
package feeds

import (
	"bytes"
	"encoding/xml"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/markdown"
	"github.com/loa-vn/loa/generator/render"
)

// Where the files go, relative to the output root.
const (
	SitemapPath = "sitemap.xml"
	RobotsPath  = "robots.txt"
	FeedPath    = "van-ban/index.xml"
)

// FeedType is the media type of the Atom feed.
const FeedType = "application/atom+xml"

// SummaryLength is the most runes an entry's summary has, as the
// description of the directive's page.
const SummaryLength = 160

// Sitemap is /sitemap.xml: every HTML page of the site but the alias pages
// (they send visitors on, with noindex) and the 404 page, in the order of
// render.Pages, each with an absolute loc and, where the content gives
// one, a lastmod:
//
//   - a directive: its date; the directives page: the newest directive;
//   - a unit's landing page and its poster: the latest of the last report
//     that lists the unit and the newest directive addressed to it;
//   - the units and progress pages and the list of reports: the latest
//     report; a period's report: its date (later reports never change it);
//   - a group's posters: none (names and QR codes have no date);
//   - the home page and free pages (which may embed live figures): the
//     newest of all these dates.
//
// A page for which the content holds no date has no lastmod.
//
// Past SitemapLimit pages, /sitemap.xml is instead the index of the files
// that list them (see Sitemaps).
func Sitemap(c *campaign.Campaign) []byte { return Sitemaps(c)[0].Data }

// SitemapLimit is the most URLs one sitemap file may list (sitemaps.org
// 0.9; a site of 25,000 units has more pages). (A variable, for tests.)
var SitemapLimit = 50000

// File is a file this package makes: its path under the output root, and
// its bytes.
type File struct {
	Path string
	Data []byte
}

// Sitemaps are the sitemap files. While the site has at most SitemapLimit
// pages to list, that is /sitemap.xml alone; past it, /sitemap.xml is a
// sitemap index of sitemap-1.xml, sitemap-2.xml and on, each listing
// SitemapLimit pages (the last one fewer) in the order of render.Pages,
// and the index gives each part the newest lastmod of its pages.
func Sitemaps(c *campaign.Campaign) []File {
	d := datesOf(c)
	var urls []sitemapURL
	var mods []time.Time
	for _, p := range render.Pages(c) {
		if !listed(p) {
			continue
		}
		mod := d.lastmod(p)
		urls = append(urls, sitemapURL{Loc: c.Site.BaseURL + p.Path, Lastmod: w3cDate(mod)})
		mods = append(mods, mod)
	}
	paths := sitemapFiles(len(urls))
	if len(paths) == 1 {
		return []File{{SitemapPath, marshal(urlset{XMLNS: sitemapNS, URLs: urls})}}
	}
	index := sitemapIndex{XMLNS: sitemapNS}
	files := []File{{Path: SitemapPath}}
	for i, path := range paths[1:] {
		lo, hi := i*SitemapLimit, min((i+1)*SitemapLimit, len(urls))
		var newest time.Time
		for _, m := range mods[lo:hi] {
			if m.After(newest) {
				newest = m
			}
		}
		index.Parts = append(index.Parts, sitemapURL{Loc: c.Site.BaseURL + path, Lastmod: w3cDate(newest)})
		files = append(files, File{path, marshal(urlset{XMLNS: sitemapNS, URLs: urls[lo:hi]})})
	}
	files[0].Data = marshal(index)
	return files
}

// SitemapPaths are the paths of the files Sitemaps makes, found without
// making them.
func SitemapPaths(c *campaign.Campaign) []string {
	if n := render.MaxPages(c); n <= SitemapLimit {
		return sitemapFiles(n) // sitemap.xml alone, however many it lists
	}
	n := 0
	for p := range render.AllPages(c) {
		if listed(p) {
			n++
		}
	}
	return sitemapFiles(n)
}

// sitemapFiles are the paths of the sitemap of n pages: sitemap.xml alone,
// or past SitemapLimit the index and its parts, sitemap-1.xml and on.
func sitemapFiles(n int) []string {
	paths := []string{SitemapPath}
	if n > SitemapLimit {
		for i := 1; (i-1)*SitemapLimit < n; i++ {
			paths = append(paths, "sitemap-"+strconv.Itoa(i)+".xml")
		}
	}
	return paths
}

// listed reports whether the sitemap lists a page: not the alias pages
// (they send visitors on, with noindex) nor the 404 page.
func listed(p render.PageRef) bool { return p.Kind != "alias" && p.Kind != "merged" && p.Kind != "404" }

const sitemapNS = "http://www.sitemaps.org/schemas/sitemap/0.9"

type sitemapIndex struct {
	XMLName xml.Name     `xml:"sitemapindex"`
	XMLNS   string       `xml:"xmlns,attr"`
	Parts   []sitemapURL `xml:"sitemap"`
}

type urlset struct {
	XMLName xml.Name     `xml:"urlset"`
	XMLNS   string       `xml:"xmlns,attr"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc     string `xml:"loc"`
	Lastmod string `xml:"lastmod,omitempty"`
}

// Robots is /robots.txt: every crawler may read everything, and the
// sitemap is named by its absolute URL. (Crawlers read robots.txt only at
// the root of a host: a site served under a sub-path should have its
// Sitemap line copied into the host's own robots.txt.)
func Robots(c *campaign.Campaign) []byte {
	return []byte("User-agent: *\nAllow: /\n\nSitemap: " + c.Site.BaseURL + SitemapPath + "\n")
}

// Feed is /van-ban/index.xml, the Atom 1.0 feed of the directives the site
// publishes, newest first. Ids and links are absolute URLs: the feed's id
// is the directives page, an entry's id its directive's page. updated is
// the newest directive's date (without directives: the newest report's,
// else the campaign's start, else the Unix epoch), dates being midnight in
// Vietnam (UTC+7).
//
// summary gives the summary of a directive's entry, of at most that many
// runes, from a parse already made (render.Prepared.LabelSummary: a
// national site's thousand bodies are not parsed twice); with summary nil,
// or false for a directive, its body is parsed here.
func Feed(c *campaign.Campaign, summary func(d *campaign.Directive, max int) (string, bool)) []byte {
	base := c.Site.BaseURL
	list := base + "van-ban/"
	f := atomFeed{
		XMLNS:    "http://www.w3.org/2005/Atom",
		Lang:     c.Site.Language,
		ID:       list,
		Title:    "Văn bản chỉ đạo – " + c.Site.Title,
		Subtitle: "Các văn bản chỉ đạo của " + c.Authority.Name + " về chiến dịch " + c.Info.Name + ".",
		Links: []atomLink{
			{Rel: "self", Type: FeedType, Href: base + FeedPath},
			{Rel: "alternate", Type: "text/html", Href: list},
		},
		Author: &atomPerson{Name: c.Authority.Name},
	}
	d := datesOf(c)
	updated := d.newestDirective
	for _, t := range []time.Time{d.latestReport, c.Info.Start, time.Unix(0, 0).UTC()} {
		if !updated.IsZero() {
			break
		}
		updated = t
	}
	f.Updated = atomDate(updated)

	var conv *markdown.Converter // made when a body must be parsed here
	for _, p := range render.Pages(c) {
		if p.Kind != "directive" {
			continue
		}
		dir := p.Directive
		url := base + p.Path
		title := dir.Kind
		if numbered(dir.Number) {
			title += " " + dir.Number
		}
		title += ": " + dir.Subject
		// The summary: the body's first paragraph (a text directive as
		// its label: no handler renders it here), else the subject.
		text, ok := "", false
		if summary != nil {
			text, ok = summary(dir, SummaryLength)
		}
		if !ok {
			if conv == nil {
				conv = markdown.New(markdown.Options{BasePath: c.Site.BasePath})
			}
			text = conv.Parse(dir.Body, dir.File, dir.BodyLine, nil).Summary(SummaryLength)
		}
		if text == "" {
			text = dir.Subject
		}
		f.Entries = append(f.Entries, atomEntry{
			ID:      url,
			Title:   title,
			Links:   []atomLink{{Rel: "alternate", Type: "text/html", Href: url}},
			Updated: atomDate(dir.Date),
			Summary: text,
		})
	}
	return marshal(f)
}

// numbered reports whether a directive's number is filled in: "3143/UBND-VP"
// is, "/UBND-VP" (a number still blank) is not.
func numbered(n string) bool { return n != "" && !strings.HasPrefix(n, "/") }

type atomFeed struct {
	XMLName  xml.Name    `xml:"feed"`
	XMLNS    string      `xml:"xmlns,attr"`
	Lang     string      `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	ID       string      `xml:"id"`
	Title    string      `xml:"title"`
	Subtitle string      `xml:"subtitle,omitempty"`
	Links    []atomLink  `xml:"link"`
	Updated  string      `xml:"updated"`
	Author   *atomPerson `xml:"author"`
	Entries  []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID      string     `xml:"id"`
	Title   string     `xml:"title"`
	Links   []atomLink `xml:"link"`
	Updated string     `xml:"updated"`
	Summary string     `xml:"summary,omitempty"`
}

// dates are the dates the content gives the pages.
type dates struct {
	latestReport    time.Time
	newestDirective time.Time
	newest          time.Time // the later of the two
}

func datesOf(c *campaign.Campaign) dates {
	var d dates
	if c.Latest != nil {
		d.latestReport = c.Latest.Date
	}
	for _, dir := range c.Directives {
		d.newestDirective = later(d.newestDirective, dir.Date)
	}
	d.newest = later(d.latestReport, d.newestDirective)
	return d
}

// lastmod is the date of a page's content, zero when it has none.
func (d dates) lastmod(p render.PageRef) time.Time {
	switch p.Kind {
	case "directive":
		return p.Directive.Date
	case "directives":
		return d.newestDirective
	case "unit", "poster":
		var t time.Time
		if p.Unit.HasCount {
			t = p.Unit.Reported
		}
		for _, dir := range p.Unit.Directives {
			t = later(t, dir.Date)
		}
		return t
	case "units", "progress", "reports":
		return d.latestReport
	case "report":
		return p.Report.Date // later reports never change it
	case "posters":
		return time.Time{} // the units' names and QR codes: no date
	default: // home, free pages
		return d.newest
	}
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// w3cDate is a date in the W3C Datetime profile's "YYYY-MM-DD" form, or ""
// for the zero time.
func w3cDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// vietnam is the time zone of the site's dates, which carry no time zone.
var vietnam = time.FixedZone("ICT", 7*60*60)

// atomDate is the start of t's day in Vietnam, as RFC 3339.
func atomDate(t time.Time) string {
	y, m, day := t.Date()
	return time.Date(y, m, day, 0, 0, 0, 0, vietnam).Format(time.RFC3339)
}

func marshal(v any) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		// Only unsupported types fail to encode; the types above are not.
		panic("feeds: " + err.Error())
	}
	b.WriteByte('\n')
	return b.Bytes()
}

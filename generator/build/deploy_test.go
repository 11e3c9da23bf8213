package build_test

// Tests of what deploying needs: output that is the same for the same
// input, stale pages gone, and a site built for a sub-path that a plain
// static server serves under that path with no broken link.

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/qr/qrtest"
)

// files is every file under dir by slash-separated path, with its bytes.
func files(t *testing.T, dir string) map[string][]byte { return sitetest.Files(t, dir) }

func sortedKeys(m map[string][]byte) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// The same sources give the same files, byte for byte, in two folders.
func TestBuildIsReproducible(t *testing.T) {
	for _, dir := range []string{"../..", "testdata/xa-thu"} {
		a, b := files(t, buildSite(t, dir)), files(t, buildSite(t, dir))
		ka, kb := sortedKeys(a), sortedKeys(b)
		if strings.Join(ka, "\n") != strings.Join(kb, "\n") {
			t.Fatalf("%s: two builds wrote different files:\n%v\n%v", dir, ka, kb)
		}
		for _, p := range ka {
			if !bytes.Equal(a[p], b[p]) {
				t.Errorf("%s: %s differs between two builds", dir, p)
			}
		}
		for _, p := range []string{"sitemap.xml", "robots.txt", "van-ban/index.xml", "du-lieu/tien-do.json"} {
			if _, ok := a[p]; !ok {
				t.Errorf("%s: no %s", dir, p)
			}
		}
	}
}

// A unit removed from its group file takes its pages, QR images and
// sitemap entry with it on the next build into the same folder.
func TestRemovedUnitIsGoneAfterTheNextBuild(t *testing.T) {
	site := t.TempDir()
	sitetest.Copy(t, "testdata/xa-thu", site)
	out := filepath.Join(t.TempDir(), "public")
	opts := build.Options{Site: site, Out: out}
	var diags diag.List
	if _, err := build.Site(opts, &diags); err != nil {
		t.Fatalf("%v\n%v", err, diags.Err())
	}
	unitFiles := func() []string {
		var got []string
		for p := range files(t, out) {
			if strings.HasPrefix(p, "don-vi/thon-nam/") {
				got = append(got, p)
			}
		}
		sort.Strings(got)
		return got
	}
	if got := strings.Join(unitFiles(), " "); got != "don-vi/thon-nam/in/index.html don-vi/thon-nam/index.html don-vi/thon-nam/qr.png don-vi/thon-nam/qr.svg" {
		t.Fatalf("before: %s", got)
	}

	group := filepath.Join(site, "content/units/thon.toml")
	src, err := os.ReadFile(group)
	if err != nil {
		t.Fatal(err)
	}
	// The unit's entry runs from its [[unit]] to the next one.
	i := bytes.Index(src, []byte("[[unit]]\nid = \"thon-nam\"\n"))
	j := bytes.Index(src[i+1:], []byte("[[unit]]"))
	if i < 0 || j < 0 {
		t.Fatalf("the fixture changed: %s", src)
	}
	rest := append(src[:i:i], src[i+1+j:]...)
	if err := os.WriteFile(group, rest, 0o644); err != nil {
		t.Fatal(err)
	}
	diags = diag.List{}
	if _, err := build.Site(opts, &diags); err != nil {
		t.Fatalf("%v\n%v", err, diags.Err())
	}
	if got := unitFiles(); len(got) != 0 {
		t.Errorf("left behind: %v", got)
	}
	for _, p := range []string{"sitemap.xml", "don-vi/index.html", "tien-do/index.html", "du-lieu/tien-do.json"} {
		b, err := os.ReadFile(filepath.Join(out, p))
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("thon-nam")) {
			t.Errorf("%s still names thon-nam", p)
		}
	}
}

// build.Check reports every Markdown link to a page, directive, unit or
// file that the build does not write, at its file:line:col, and writes
// nothing.
func TestCheckReportsBrokenInternalLinks(t *testing.T) {
	site := t.TempDir()
	sitetest.Copy(t, "testdata/xa-thu", site)
	page := "+++\ntitle = \"Liên kết\"\n+++\n\n" +
		"Xem [văn bản](/van-ban/khong-co/) và [thôn](../don-vi/thon-xyz/).\n\n" +
		"[Trang chủ](/) [tiến độ](https://thu-nghiem.example.org/cong/zalo-oa/tien-do/) [Zalo](https://zalo.me/1) [cũ](/don-vi/tayson/)\n\n" +
		"![mã](/don-vi/thon-dong/qr.jpg) [sai](https://thu-nghiem.example.org/cong/zalo-oa/don-vi/thon-dongg/)\n"
	if err := os.WriteFile(filepath.Join(site, "content/lien-ket.md"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if err := build.Check(build.Options{Site: site, Out: out}, &diags); err != build.ErrContent {
		t.Fatalf("err = %v", err)
	}
	var got []string
	for _, d := range diags.Errors() {
		got = append(got, d.String())
	}
	want := []string{
		`content/lien-ket.md:5:5: link to a page that does not exist: /van-ban/khong-co/`,
		`content/lien-ket.md:5:38: link to a page that does not exist: ../don-vi/thon-xyz/ (did you mean "/don-vi/thon-bac/"?)`,
		`content/lien-ket.md:9:1: link to a file that does not exist: /don-vi/thon-dong/qr.jpg`,
		`content/lien-ket.md:9:33: link to a page that does not exist: https://thu-nghiem.example.org/cong/zalo-oa/don-vi/thon-dongg/ (did you mean "/don-vi/thon-dong/"?)`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Errorf("check wrote %s", out)
	}
}

// The crawl: every site built for http://127.0.0.1:PORT/a/b/ and served
// there by a plain file server has no broken link, asset, image or QR code,
// and nothing that leaves /a/b/; its sitemap, feed and robots.txt follow
// the rules of package feeds.
func TestCrawlUnderSubPath(t *testing.T) {
	for name, dir := range map[string]string{"example": "../..", "xa-thu": "testdata/xa-thu"} {
		t.Run(name, func(t *testing.T) {
			for _, p := range crawlSite(t, dir, false) {
				t.Error(p)
			}
		})
	}
}

// The crawl finds what it is meant to find: a site whose theme breaks
// links in every way fails it.
func TestCrawlFindsBrokenLinks(t *testing.T) {
	site := t.TempDir()
	sitetest.Copy(t, "testdata/xa-thu", site)
	page := `{{template "base" .}}{{define "main"}}<h1>{{.Title}}</h1>
<a href="/tien-do/">not under the base path</a>
<a href="{{absurl "../../ngoai/"}}">above it</a>
<img src="{{url "static/khong-co.png"}}" alt="">
<img srcset="{{url "static/favicon.svg"}} 1x, {{url "static/khong-co@2x.png"}} 2x" alt="">
<a href="#khong-co-id">missing fragment</a>
<a href="{{url "van-ban/index.html"}}">a redirect</a>
<a href="javascript:alert(1)">script</a>
{{end}}`
	p := filepath.Join(site, "themes/default/templates/page.html")
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(crawlSite(t, site, false), "\n")
	for _, want := range []string{
		`/tien-do/ leaves /a/b/`,
		`/ngoai/ leaves /a/b/`,
		`/a/b/static/khong-co.png: 404 Not Found`,
		`/a/b/static/khong-co@2x.png: 404 Not Found`,
		`link to #khong-co-id, which the page does not have`,
		`/a/b/van-ban/index.html: 301 Moved Permanently`,
		`link "javascript:alert(1)" with scheme "javascript"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the crawl missed %q in:\n%s", want, got)
		}
	}
}

const subPath = "/a/b/"

type crawler struct {
	t        *testing.T
	problems []string
	base     *url.URL
	client   *http.Client
	seen     map[string]bool
	queue    []link
	// pages holds every HTML page fetched, by URL, with whether it asks
	// not to be indexed (alias pages).
	pages   map[string]bool
	fetched map[string][]byte
}

func (c *crawler) errorf(format string, args ...any) {
	c.problems = append(c.problems, fmt.Sprintf(format, args...))
}

// link is a URL to fetch and where it was found.
type link struct {
	url  string
	from string
}

// crawlSite builds the site in dir for a sub-path, serves it and crawls
// it, returning the problems it found.
func crawlSite(t *testing.T, dir string, minify bool) []string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	baseURL := "http://" + ln.Addr().String() + subPath
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	if _, err := build.Site(build.Options{Site: dir, Out: out, BaseURL: baseURL, Minify: minify}, &diags); err != nil {
		ln.Close()
		t.Fatalf("build %s: %v\n%v", dir, err, diags.Err())
	}
	mux := http.NewServeMux()
	mux.Handle(subPath, http.StripPrefix(strings.TrimSuffix(subPath, "/"), http.FileServer(http.Dir(out))))
	mux.HandleFunc("/", http.NotFound)
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })

	base, _ := url.Parse(baseURL)
	c := &crawler{
		t: t, base: base, seen: map[string]bool{}, pages: map[string]bool{}, fetched: map[string][]byte{},
		client: &http.Client{
			Timeout: 10 * time.Second,
			// A link must lead straight to its page: a redirect is a failure.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
	c.add(baseURL, "(start)")
	c.run()

	// Outside the sub-path the server has nothing: the crawl above would
	// have failed on any link there.
	if resp, err := c.client.Get("http://" + base.Host + "/"); err == nil {
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotFound {
			c.errorf("the test server answers %d outside %s", resp.StatusCode, subPath)
		}
	}

	// The 404 page works at any depth: hosts show it for missing URLs.
	c.add(baseURL+"404.html", "(404)")
	c.run()
	missing := baseURL + "khong/co/trang-nay/"
	if resp, err := c.client.Get(missing); err != nil || resp.StatusCode != http.StatusNotFound {
		c.errorf("GET %s: %v %v", missing, resp, err)
	} else {
		resp.Body.Close()
	}
	c.links(missing, c.fetched[baseURL+"404.html"])
	c.run()

	c.checkRobots()
	locs := c.checkSitemap(dir)
	c.checkFeed()
	c.run()

	// The sitemap lists exactly the pages meant to be indexed.
	for u, noindex := range c.pages {
		switch {
		case noindex || u == baseURL+"404.html":
			if locs[u] {
				c.errorf("sitemap lists %s", u)
			}
		case !locs[u]:
			c.errorf("sitemap lacks %s", u)
		}
	}
	if len(c.pages) < 10 {
		c.errorf("only %d pages crawled", len(c.pages))
	}
	return c.problems
}

// add queues u (found on the page from) unless it was seen; a URL on
// another host is not fetched; one on this host outside the sub-path is
// an error.
func (c *crawler) add(raw, from string) {
	u, err := url.Parse(raw)
	if err != nil {
		c.errorf("%s: %q does not parse", from, raw)
		return
	}
	switch u.Scheme {
	case "http", "https":
	case "mailto", "tel", "zalo":
		return
	default:
		c.errorf("%s: link %q with scheme %q", from, raw, u.Scheme)
		return
	}
	if u.Host != c.base.Host {
		return
	}
	if !strings.HasPrefix(u.Path, c.base.Path) {
		c.errorf("%s: %s leaves %s", from, raw, c.base.Path)
		return
	}
	u.Fragment = ""
	if s := u.String(); !c.seen[s] {
		c.seen[s] = true
		c.queue = append(c.queue, link{s, from})
	}
}

func (c *crawler) run() {
	for len(c.queue) > 0 {
		l := c.queue[0]
		c.queue = c.queue[1:]
		c.fetch(l)
	}
}

func (c *crawler) fetch(l link) {
	resp, err := c.client.Get(l.url)
	if err != nil {
		c.errorf("%s -> %s: %v", l.from, l.url, err)
		return
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		c.errorf("%s: %v", l.url, err)
		return
	}
	if resp.StatusCode != http.StatusOK {
		if !strings.HasSuffix(l.url, "/404.html") {
			c.errorf("%s -> %s: %s", l.from, l.url, resp.Status)
		}
		return
	}
	c.fetched[l.url] = body
	u, _ := url.Parse(l.url)
	switch ct := resp.Header.Get("Content-Type"); {
	case strings.HasPrefix(ct, "text/html"):
		c.links(l.url, body)
	case strings.HasSuffix(u.Path, "/qr.svg") || strings.HasSuffix(u.Path, "/qr.png"):
		decode := qrtest.DecodeSVG
		if strings.HasSuffix(u.Path, ".png") {
			decode = qrtest.DecodePNG
		}
		got, err := decode(body)
		want := l.url[:strings.LastIndex(l.url, "/")+1] // the unit's landing page
		if err != nil || got != want {
			c.errorf("%s decodes to %q (%v), want %q", l.url, got, err, want)
		}
		c.add(got, l.url+" (QR)")
	}
}

// links queues every URL the HTML page at pageURL refers to, and checks
// that fragments on the page itself name an element of it.
func (c *crawler) links(pageURL string, body []byte) {
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		c.errorf("%s: %v", pageURL, err)
		return
	}
	page, _ := url.Parse(pageURL)
	ids := map[string]bool{}
	var fragments []string
	noindex := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			if id := attrs["id"]; id != "" {
				ids[id] = true
			}
			var refs []string
			for _, key := range []string{"href", "src", "poster", "xlink:href"} {
				if v, ok := attrs[key]; ok {
					refs = append(refs, v)
				}
			}
			for _, cand := range strings.Split(attrs["srcset"], ",") {
				if f := strings.Fields(cand); len(f) > 0 {
					refs = append(refs, f[0])
				}
			}
			if n.Data == "meta" {
				switch {
				case attrs["name"] == "robots" && strings.Contains(attrs["content"], "noindex"):
					noindex = true
				case strings.EqualFold(attrs["http-equiv"], "refresh"):
					if _, u, ok := strings.Cut(attrs["content"], "url="); ok {
						refs = append(refs, u)
					}
				case attrs["property"] == "og:url" || attrs["property"] == "og:image":
					if !strings.HasPrefix(attrs["content"], c.base.String()) {
						c.errorf("%s: %s %q is not an absolute URL under %s", pageURL, attrs["property"], attrs["content"], c.base)
					}
					refs = append(refs, attrs["content"])
				}
			}
			for _, r := range refs {
				r = strings.TrimSpace(r)
				if r == "" {
					c.errorf("%s: empty link on <%s>", pageURL, n.Data)
					continue
				}
				if strings.HasPrefix(r, "#") {
					fragments = append(fragments, r[1:])
					continue
				}
				ref, err := url.Parse(r)
				if err != nil {
					c.errorf("%s: %q does not parse", pageURL, r)
					continue
				}
				c.add(page.ResolveReference(ref).String(), pageURL)
			}
		}
		for ch := n.FirstChild; ch != nil; ch = ch.NextSibling {
			walk(ch)
		}
	}
	walk(doc)
	for _, f := range fragments {
		if f != "" && !ids[f] {
			c.errorf("%s: link to #%s, which the page does not have", pageURL, f)
		}
	}
	if !strings.Contains(pageURL, "/khong/co/") {
		c.pages[pageURL] = noindex
	}
}

func (c *crawler) get(u string) []byte {
	c.t.Helper()
	resp, err := c.client.Get(u)
	if err != nil {
		c.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("GET %s: %s", u, resp.Status)
	}
	return b
}

func (c *crawler) under(what, u string) {
	c.t.Helper()
	p, err := url.Parse(u)
	if err != nil || !p.IsAbs() || !strings.HasPrefix(u, c.base.String()) {
		c.errorf("%s %q is not an absolute URL under %s", what, u, c.base)
	}
}

func (c *crawler) checkRobots() {
	robots := string(c.get(c.base.String() + "robots.txt"))
	want := "Sitemap: " + c.base.String() + "sitemap.xml"
	found := false
	for _, line := range strings.Split(robots, "\n") {
		found = found || strings.TrimSpace(line) == want
	}
	if !found || !strings.Contains(robots, "User-agent: *") {
		c.errorf("robots.txt does not name %q:\n%s", want, robots)
	}
}

// w3cDatetime matches the profiles of https://www.w3.org/TR/NOTE-datetime.
var w3cDatetime = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$`)

// contentDates are the dates the site's sources carry: its reports' and its
// directives'. Every lastmod must be one of them: never the build's time.
func contentDates(t *testing.T, dir string) map[string]bool {
	dates := map[string]bool{}
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	for _, r := range reports {
		dates[strings.TrimSuffix(filepath.Base(r), ".toml")] = true
	}
	directives, _ := filepath.Glob(filepath.Join(dir, "content/directives/*.md"))
	re := regexp.MustCompile(`(?m)^date\s*=\s*(\d{4}-\d{2}-\d{2})\s*$`)
	for _, d := range directives {
		b, err := os.ReadFile(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(b, -1) {
			dates[string(m[1])] = true
		}
	}
	return dates
}

func (c *crawler) checkSitemap(dir string) map[string]bool {
	t := c.t
	var set struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"url"`
	}
	if err := xml.Unmarshal(c.get(c.base.String()+"sitemap.xml"), &set); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	dates := contentDates(t, dir)
	locs := map[string]bool{}
	for _, u := range set.URLs {
		c.under("sitemap loc", u.Loc)
		if locs[u.Loc] {
			c.errorf("sitemap lists %s twice", u.Loc)
		}
		locs[u.Loc] = true
		if u.Lastmod != "" && (!w3cDatetime.MatchString(u.Lastmod) || !dates[u.Lastmod[:min(10, len(u.Lastmod))]]) {
			c.errorf("sitemap %s: lastmod %q is not a W3C datetime of the content", u.Loc, u.Lastmod)
		}
		c.add(u.Loc, "sitemap.xml")
	}
	if len(set.URLs) == 0 || !locs[c.base.String()] {
		c.errorf("sitemap has %d URLs, home page listed: %v", len(set.URLs), locs[c.base.String()])
	}
	if set.URLs[0].Lastmod == "" {
		t.Error("the home page has no lastmod")
	}
	return locs
}

func (c *crawler) checkFeed() {
	t := c.t
	type atomLink struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	}
	var f struct {
		XMLName xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string     `xml:"id"`
		Title   string     `xml:"title"`
		Updated string     `xml:"updated"`
		Author  []string   `xml:"author>name"`
		Links   []atomLink `xml:"link"`
		Entries []struct {
			ID      string     `xml:"id"`
			Title   string     `xml:"title"`
			Updated string     `xml:"updated"`
			Summary string     `xml:"summary"`
			Links   []atomLink `xml:"link"`
		} `xml:"entry"`
	}
	feedURL := c.base.String() + "van-ban/index.xml"
	if err := xml.Unmarshal(c.get(feedURL), &f); err != nil {
		t.Fatalf("feed: %v", err)
	}
	c.under("feed id", f.ID)
	updated, err := time.Parse(time.RFC3339, f.Updated)
	if err != nil || f.Title == "" || len(f.Author) == 0 {
		c.errorf("feed: updated %q (%v), title %q, authors %v", f.Updated, err, f.Title, f.Author)
	}
	self := false
	for _, l := range f.Links {
		c.under("feed link", l.Href)
		self = self || (l.Rel == "self" && l.Href == feedURL)
		c.add(l.Href, "feed")
	}
	if !self {
		c.errorf("feed has no rel=self link to %s", feedURL)
	}
	if len(f.Entries) == 0 {
		t.Fatal("the feed has no entry")
	}
	prev := updated
	for i, e := range f.Entries {
		c.under("entry id", e.ID)
		when, err := time.Parse(time.RFC3339, e.Updated)
		switch {
		case err != nil:
			c.errorf("entry %s: updated %q: %v", e.ID, e.Updated, err)
		case when.After(prev):
			c.errorf("entry %s (%s) is newer than what comes before it", e.ID, e.Updated)
		case i == 0 && !when.Equal(updated):
			c.errorf("feed updated %s, newest entry %s", f.Updated, e.Updated)
		}
		prev = when
		if e.Title == "" || e.Summary == "" || len(e.Links) == 0 {
			c.errorf("entry %s: title %q, summary %q, %d links", e.ID, e.Title, e.Summary, len(e.Links))
		}
		for _, l := range e.Links {
			c.under("entry link", l.Href)
			c.add(l.Href, "feed entry")
		}
	}
}

// build --minify makes HTML and CSS smaller, says by how much, leaves every
// other file as it was, and the minified site still passes the crawl.
func TestMinifiedBuild(t *testing.T) {
	const dir = "testdata/xa-thu"
	plain := files(t, buildSite(t, dir))
	out := filepath.Join(t.TempDir(), "public")
	var diags diag.List
	stats, err := build.Site(build.Options{Site: dir, Out: out, Minify: true}, &diags)
	if err != nil {
		t.Fatalf("%v\n%v", err, diags.Err())
	}
	mini := files(t, out)
	if strings.Join(sortedKeys(plain), " ") != strings.Join(sortedKeys(mini), " ") {
		t.Fatalf("minified build wrote other files:\n%v\n%v", sortedKeys(plain), sortedKeys(mini))
	}
	var saved int64
	for p, b := range plain {
		switch {
		case strings.HasSuffix(p, ".html") || strings.HasSuffix(p, ".css"):
			if len(mini[p]) >= len(b) {
				t.Errorf("%s: %d bytes minified, %d plain", p, len(mini[p]), len(b))
			}
			saved += int64(len(b) - len(mini[p]))
		case !bytes.Equal(b, mini[p]):
			t.Errorf("%s changed", p)
		}
	}
	if stats.Saved != saved || saved == 0 {
		t.Errorf("Stats.Saved = %d, the files say %d", stats.Saved, saved)
	}
	for _, p := range crawlSite(t, dir, true) {
		t.Error(p)
	}
}

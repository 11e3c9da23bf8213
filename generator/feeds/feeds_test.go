package feeds

import (
	"encoding/xml"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/render"
)

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

const base = "https://kienan.example.vn/zalo/"

// model is a small site: two groups, an alias, two reports, three
// directives (one unnumbered, one addressed to a unit), a free page.
func model(t *testing.T) *campaign.Campaign {
	t.Helper()
	s := &load.Site{
		Config: load.Config{
			Title:     "Cùng quan tâm",
			BaseURL:   base,
			Language:  "vi",
			Authority: load.Authority{Name: "Ủy ban nhân dân quận Kiến An"},
			Campaign:  load.Campaign{Name: "Quan tâm", FollowURL: "https://zalo.me/1", Start: day("2023-10-01")},
		},
		Groups: []*load.Group{
			{ID: "phuong", Name: "UBND các phường", Units: []*load.Unit{
				{ID: "bac-son", Name: "UBND phường Bắc Sơn", Aliases: []string{"bacson"}},
				{ID: "dong-hoa", Name: "UBND phường Đồng Hòa"},
				{ID: "lam-ha", Name: "UBND phường Lãm Hà"},
			}},
		},
		Reports: []*load.Report{
			{Date: day("2023-10-21"), Followers: 120, Units: []load.UnitCount{{ID: "bac-son", Count: 12}, {ID: "dong-hoa", Count: 3}}},
			{Date: day("2023-11-04"), Followers: 330, Units: []load.UnitCount{{ID: "bac-son", Count: 41}}},
		},
		Directives: []*load.Directive{
			{Slug: "cong-van", Kind: "Công văn", Number: "3143/UBND-VP", Date: day("2023-10-11"),
				Subject: "Tăng cường tuyên truyền", Body: []byte("Nhằm đưa thông tin [đến](/don-vi/) người dân & doanh nghiệp.\n")},
			{Slug: "ke-hoach", Kind: "Kế hoạch", Number: "45/KH-UBND", Date: day("2023-10-16"),
				Subject: "Triển khai", To: []load.Ref{{ID: "dong-hoa"}}},
			{Slug: "don-doc", Kind: "Công văn", Number: "/UBND-VP", Date: day("2023-10-25"), Subject: "Đôn đốc <chia sẻ>"},
		},
		Pages: []*load.Page{{Slug: "huong-dan", Title: "Hướng dẫn"}},
	}
	var d diag.List
	c := campaign.New(s, campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	return c
}

type sitemapDoc struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc     string `xml:"loc"`
		Lastmod string `xml:"lastmod"`
	} `xml:"url"`
}

func TestSitemap(t *testing.T) {
	var doc sitemapDoc
	b := Sitemap(model(t))
	if !strings.HasPrefix(string(b), `<?xml version="1.0" encoding="UTF-8"?>`) {
		t.Errorf("no XML declaration: %.60s", b)
	}
	if err := xml.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range doc.URLs {
		got = append(got, strings.TrimPrefix(u.Loc, base)+" "+u.Lastmod)
	}
	want := []string{
		" 2023-11-04", // home: the newest of all
		"van-ban/ 2023-10-25",
		"van-ban/don-doc/ 2023-10-25",
		"van-ban/ke-hoach/ 2023-10-16",
		"van-ban/cong-van/ 2023-10-11",
		"don-vi/ 2023-11-04",
		"don-vi/phuong/ 2023-11-04",  // the group's page: the newest of all
		"don-vi/phuong/in/ ",         // the group's posters: no date
		"don-vi/bac-son/ 2023-11-04", // its latest report
		"don-vi/bac-son/in/ 2023-11-04",
		"don-vi/dong-hoa/ 2023-10-21", // listed in the first report only, its directive is older
		"don-vi/dong-hoa/in/ 2023-10-21",
		"don-vi/lam-ha/ ", // neither reported nor addressed
		"don-vi/lam-ha/in/ ",
		"tien-do/ 2023-11-04",
		"bao-cao/ 2023-11-04",            // the reports: the latest
		"bao-cao/2023-11-04/ 2023-11-04", // each report its own date, newest first
		"bao-cao/2023-10-21/ 2023-10-21",
		"huong-dan/ 2023-11-04",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("sitemap:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if strings.Contains(string(b), "bacson") || strings.Contains(string(b), "404") {
		t.Error("alias or 404 page in the sitemap")
	}
}

func TestUnitLastmodTakesItsNewestDirective(t *testing.T) {
	c := model(t)
	d := datesOf(c)
	u, _ := c.Unit("dong-hoa")
	u.Directives = append(u.Directives, &campaign.Directive{Date: day("2023-12-01")})
	if got := w3cDate(d.lastmod(pageRef("unit", u))); got != "2023-12-01" {
		t.Errorf("lastmod %s", got)
	}
}

type feedDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links   []link `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Summary string `xml:"summary"`
		Links   []link `xml:"link"`
	} `xml:"entry"`
}

type link struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr"`
	Href string `xml:"href,attr"`
}

func TestFeed(t *testing.T) {
	var f feedDoc
	if err := xml.Unmarshal(Feed(model(t), nil), &f); err != nil {
		t.Fatal(err)
	}
	if f.ID != base+"van-ban/" || f.Updated != "2023-10-25T00:00:00+07:00" || f.Author.Name != "Ủy ban nhân dân quận Kiến An" {
		t.Errorf("feed id %q updated %q author %q", f.ID, f.Updated, f.Author.Name)
	}
	if len(f.Links) != 2 || f.Links[0].Rel != "self" || f.Links[0].Href != base+"van-ban/index.xml" ||
		f.Links[1].Rel != "alternate" || f.Links[1].Href != base+"van-ban/" {
		t.Errorf("feed links %+v", f.Links)
	}
	var got []string
	for _, e := range f.Entries {
		if len(e.Links) != 1 || e.Links[0].Href != e.ID || e.Links[0].Rel != "alternate" {
			t.Errorf("entry %s: links %+v", e.ID, e.Links)
		}
		got = append(got, strings.Join([]string{e.ID, e.Title, e.Updated, e.Summary}, " | "))
	}
	want := []string{
		base + "van-ban/don-doc/ | Công văn: Đôn đốc <chia sẻ> | 2023-10-25T00:00:00+07:00 | Đôn đốc <chia sẻ>",
		base + "van-ban/ke-hoach/ | Kế hoạch 45/KH-UBND: Triển khai | 2023-10-16T00:00:00+07:00 | Triển khai",
		base + "van-ban/cong-van/ | Công văn 3143/UBND-VP: Tăng cường tuyên truyền | 2023-10-11T00:00:00+07:00 | Nhằm đưa thông tin đến người dân & doanh nghiệp.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// Without directives the feed is still valid Atom: updated falls back on
// the latest report, then the campaign's start, then the epoch.
func TestFeedWithoutDirectives(t *testing.T) {
	c := model(t)
	c.Directives = nil
	for _, tc := range []struct {
		prepare func()
		want    string
	}{
		{func() {}, "2023-11-04T00:00:00+07:00"},
		{func() { c.Latest = nil }, "2023-10-01T00:00:00+07:00"},
		{func() { c.Info.Start = time.Time{} }, "1970-01-01T00:00:00+07:00"},
	} {
		tc.prepare()
		var f feedDoc
		if err := xml.Unmarshal(Feed(c, nil), &f); err != nil {
			t.Fatal(err)
		}
		if f.Updated != tc.want || len(f.Entries) != 0 {
			t.Errorf("updated %q, %d entries; want %q", f.Updated, len(f.Entries), tc.want)
		}
	}
}

func TestRobots(t *testing.T) {
	got := string(Robots(model(t)))
	if got != "User-agent: *\nAllow: /\n\nSitemap: "+base+"sitemap.xml\n" {
		t.Errorf("robots.txt:\n%s", got)
	}
}

func TestSameModelSameBytes(t *testing.T) {
	a, b := model(t), model(t)
	if string(Sitemap(a)) != string(Sitemap(b)) || string(Feed(a, nil)) != string(Feed(b, nil)) || string(Robots(a)) != string(Robots(b)) {
		t.Error("two identical models give different files")
	}
}

func pageRef(kind string, u *campaign.Unit) render.PageRef {
	return render.PageRef{Kind: kind, Unit: u, Path: "don-vi/" + u.ID + "/"}
}

// TestSitemapIndex checks a site with more pages than one sitemap file may
// list: /sitemap.xml becomes the index of parts that list every page once,
// in order, none more than SitemapLimit, and SitemapPaths names them.
func TestSitemapIndex(t *testing.T) {
	c := model(t)
	var whole sitemapDoc
	if err := xml.Unmarshal(Sitemap(c), &whole); err != nil {
		t.Fatal(err)
	}
	defer func(n int) { SitemapLimit = n }(SitemapLimit)
	SitemapLimit = (len(whole.URLs) + 3) / 4 // 4 parts
	files := Sitemaps(c)
	var paths []string
	for _, f := range files {
		paths = append(paths, f.Path)
	}
	if want := "sitemap.xml sitemap-1.xml sitemap-2.xml sitemap-3.xml sitemap-4.xml"; strings.Join(paths, " ") != want {
		t.Fatalf("files %v, want %s", paths, want)
	}
	if got := SitemapPaths(c); fmt.Sprint(got) != fmt.Sprint(paths) {
		t.Errorf("SitemapPaths %v, Sitemaps wrote %v", got, paths)
	}
	var index struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 sitemapindex"`
		Parts   []struct {
			Loc     string `xml:"loc"`
			Lastmod string `xml:"lastmod"`
		} `xml:"sitemap"`
	}
	if err := xml.Unmarshal(files[0].Data, &index); err != nil {
		t.Fatal(err)
	}
	var all []string
	for i, part := range index.Parts {
		if part.Loc != base+files[i+1].Path {
			t.Errorf("part %d: loc %s", i+1, part.Loc)
		}
		var doc sitemapDoc
		if err := xml.Unmarshal(files[i+1].Data, &doc); err != nil {
			t.Fatal(err)
		}
		if len(doc.URLs) > SitemapLimit || len(doc.URLs) == 0 {
			t.Errorf("part %d lists %d URLs", i+1, len(doc.URLs))
		}
		newest := ""
		for _, u := range doc.URLs {
			all = append(all, u.Loc+" "+u.Lastmod)
			newest = max(newest, u.Lastmod) // ISO dates sort as text
		}
		if part.Lastmod != newest {
			t.Errorf("part %d: lastmod %q, want its newest page's %q", i+1, part.Lastmod, newest)
		}
	}
	var want []string
	for _, u := range whole.URLs {
		want = append(want, u.Loc+" "+u.Lastmod)
	}
	if strings.Join(all, "\n") != strings.Join(want, "\n") {
		t.Errorf("the parts list\n%s\nwant, as the single sitemap\n%s", strings.Join(all, "\n"), strings.Join(want, "\n"))
	}
}

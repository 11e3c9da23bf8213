package serve

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/internal/htmlq"
)

// An alias page (a unit's former id, printed on old posters) sends the
// browser on within the preview, not to the production host of base_url
// (https://kienan.example.vn/zalo/ in the example site).
func TestAliasStaysOnPreview(t *testing.T) {
	p := startPreview(t, "../../site.toml", "../../content", "../../themes")
	page := p.url + "don-vi/bacson/"
	status, _, body := get(t, page)
	if status != 200 {
		t.Fatalf("alias page: %d\n%.1000s", status, body)
	}
	doc, err := html.Parse(strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	refresh := htmlq.First(doc, htmlq.AttrIs("http-equiv", "refresh"))
	_, target, ok := strings.Cut(htmlq.Attr(refresh, "content"), "url=")
	if refresh == nil || !ok {
		t.Fatalf("no meta refresh with a url on the alias page:\n%.1000s", body)
	}
	base, _ := url.Parse(page)
	want := p.url + "don-vi/bac-son/"
	var links []string
	for _, a := range htmlq.All(doc, htmlq.Tag("a")) {
		links = append(links, htmlq.Attr(a, "href"))
	}
	for _, ref := range append([]string{target}, links...) {
		u, err := base.Parse(ref)
		if err != nil || u.String() != want {
			t.Errorf("the alias page leads to %q (%s), want %s", ref, u, want)
		}
	}
	if status, _, body := get(t, want); status != 200 || !strings.Contains(body, "Bắc Sơn") {
		t.Errorf("the landing page: %d", status)
	}
}

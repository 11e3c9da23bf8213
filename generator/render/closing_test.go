package render

import (
	"html/template"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/theme"
)

// On every directive of the example site that has tasks, "Phân công thực
// hiện" is inside the body, after its text and before its closing
// sentence ending "./.", which comes last in the body, before "Nơi nhận"
// and the signature (Nghị định 30/2020/NĐ-CP).
func TestTasksBeforeClosingFormula(t *testing.T) {
	const dir = "../.."
	var diags diag.List
	c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
	th, err := theme.Load(dir, c.Site.Theme)
	if err != nil {
		t.Fatal(err)
	}
	sink := newMemSink()
	if err := Site(c, Options{Theme: th}, sink, &diags); err != nil {
		t.Fatal(err)
	}
	checked := 0
	for _, d := range c.Directives {
		if len(d.Tasks) == 0 {
			continue
		}
		page := parse(t, sink.files["van-ban/"+d.Slug+"/index.html"])
		vb := first(t, page, "article", byClass("van-ban"))
		body := first(t, vb, "body", byClass("vb-noi-dung"))
		var kids []*html.Node
		for n := body.FirstChild; n != nil; n = n.NextSibling {
			if n.Type == html.ElementNode {
				kids = append(kids, n)
			}
		}
		if len(kids) < 3 {
			t.Fatalf("%s: the body has %d blocks", d.Slug, len(kids))
		}
		last, tasks := kids[len(kids)-1], kids[len(kids)-2]
		if last.Data != "p" || !strings.HasSuffix(text(last), "./.") {
			t.Errorf("%s: the body does not end with its closing sentence: <%s> %q", d.Slug, last.Data, text(last))
		}
		if !hasClass(tasks, "vb-nhiem-vu") || !strings.HasPrefix(text(tasks), "Phân công thực hiện") {
			t.Errorf("%s: the tasks are not right before the closing sentence: <%s> %q", d.Slug, tasks.Data, text(tasks))
		}
		if n := len(findAll(vb, byClass("vb-nhiem-vu"))); n != 1 {
			t.Errorf("%s: %d task sections", d.Slug, n)
		}
		if strings.Count(text(vb), "./.") != 1 {
			t.Errorf("%s: the closing formula is not printed once", d.Slug)
		}
		checked++
	}
	if checked < 2 {
		t.Fatalf("only %d directives with tasks", checked)
	}
}

func TestSplitClosing(t *testing.T) {
	for _, c := range []struct{ body, main, closing string }{
		{"<p>A.</p>\n<p>Đề nghị thực hiện./.</p>\n", "<p>A.</p>\n", "<p>Đề nghị thực hiện./.</p>\n"},
		{"<p>Chỉ một câu./.</p>", "", "<p>Chỉ một câu./.</p>\n"},
		{`<p>A.</p><p id="x">B./.</p>`, "<p>A.</p>", `<p id="x">B./.</p>` + "\n"},
		{"<p>A.</p>\n<p>No formula.</p>\n", "<p>A.</p>\n<p>No formula.</p>\n", ""},
		{"<ul>\n<li><p>In a list./.</p></li>\n</ul>\n", "<ul>\n<li><p>In a list./.</p></li>\n</ul>\n", ""},
		{"<blockquote>\n<p>Quoted./.</p>\n</blockquote>\n", "<blockquote>\n<p>Quoted./.</p>\n</blockquote>\n", ""},
	} {
		m, cl := splitClosing(template.HTML(c.body))
		if string(m) != c.main || string(cl) != c.closing {
			t.Errorf("splitClosing(%q) = %q, %q; want %q, %q", c.body, m, cl, c.main, c.closing)
		}
	}
}

package reads_test

import (
	"bytes"
	"fmt"
	"html/template"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"text/template/parse"
	"time"

	"github.com/loa-vn/loa/generator/reads"
)

type page struct {
	Title   string
	Unused  string
	Count   int64
	When    time.Time
	Figures figures
	Unit    *unit
	Units   []*unit
	Tags    map[string]int
	Any     any
	Items   []*item
	Note    *string
	private string
}

type figures struct {
	Latest    time.Time
	Followers int64
	Hidden    int64
}

type unit struct {
	Name   string
	Target int64
	Secret string
	Next   *unit
	Group  *group
}

type group struct {
	Name  string
	Units []*unit
}

type item struct {
	Label string
	Extra string
	self  *item
}

// Item renders partials/item.html with the item, as render's list items
// do.
func (i *item) Item() (template.HTML, error) { return template.HTML(i.Label), nil }

const layout = `{{define "base"}}<h1>{{.Title}}</h1>{{template "main" .}}{{end}}`

// parsed parses the templates as theme does and analyses entry.
func analysed(t *testing.T, pageText string, partials map[string]string) (*template.Template, *reads.Set) {
	t.Helper()
	funcs := template.FuncMap{
		"dict": func(kv ...any) map[string]any {
			m := map[string]any{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		"shortdate": func(d time.Time) string { return d.Format("02/01/2006") },
	}
	set := template.Must(template.New("").Funcs(funcs).Parse(layout))
	for name, text := range partials {
		template.Must(set.New(name).Parse(text))
	}
	template.Must(set.New("page.html").Parse(pageText))
	trees := map[string]*parse.Tree{}
	for _, tm := range set.Templates() {
		if tm.Tree != nil {
			trees[tm.Name()] = tm.Tree
		}
	}
	in := reads.Input{Trees: trees, Funcs: funcs, Methods: []reads.Method{
		{Receiver: reflect.TypeFor[*item](), Name: "Item", Template: "partials/item.html"},
	}}
	return set, reads.Analyze(in, "page.html", reflect.TypeFor[*page]())
}

func sample() *page {
	g := &group{Name: "Phường"}
	a := &unit{Name: "Đồng Hòa", Target: 100, Secret: "s1", Group: g}
	b := &unit{Name: "Bắc Sơn", Target: 200, Secret: "s2", Group: g, Next: a}
	a.Next = b // a cycle
	g.Units = []*unit{a, b}
	it := &item{Label: "một", Extra: "x"}
	it.self = it
	note := "ghi chú"
	return &page{
		Title: "Tiêu đề", Unused: "u", Count: 70872, When: time.Date(2023, 11, 4, 0, 0, 0, 0, time.UTC),
		Figures: figures{Latest: time.Date(2023, 11, 6, 0, 0, 0, 0, time.UTC), Followers: 330, Hidden: 1},
		Unit:    a, Units: []*unit{a, b}, Tags: map[string]int{"a": 1, "b": 2}, Any: b,
		Items: []*item{it, {Label: "hai", Extra: "y"}}, Note: &note, private: "p",
	}
}

func TestAnalyzeFindsWhatIsRead(t *testing.T) {
	_, set := analysed(t, `{{template "base" .}}{{define "main"}}{{with .Unit}}{{.Name}}{{end}} {{shortdate .Figures.Latest}}{{end}}`, nil)
	pt, ft, ut := reflect.TypeFor[page](), reflect.TypeFor[figures](), reflect.TypeFor[unit]()
	field := func(t reflect.Type, name string) int {
		f, _ := t.FieldByName(name)
		return f.Index[0]
	}
	for _, c := range []struct {
		t    reflect.Type
		name string
		want reads.Mode
	}{
		{pt, "Title", reads.Whole}, {pt, "Unused", reads.Unread}, {pt, "Unit", reads.Partial},
		{pt, "Figures", reads.Partial}, {ft, "Latest", reads.Whole}, {ft, "Followers", reads.Unread},
		{ut, "Name", reads.Whole}, {ut, "Secret", reads.Unread}, {pt, "Units", reads.Unread},
	} {
		if got := set.Field(c.t, field(c.t, c.name)); got != c.want {
			t.Errorf("%s.%s: read %v, want %v", c.t.Name(), c.name, got, c.want)
		}
	}
}

// The templates below reach data in every way text/template offers.
var templates = []struct {
	name, text string
	partials   map[string]string
}{
	{"fields", `{{template "base" .}}{{define "main"}}{{.Count}} {{.Figures.Followers}} {{.Unit.Group.Name}}{{end}}`, nil},
	{"with-else", `{{template "base" .}}{{define "main"}}{{with .Note}}{{.}}{{else}}none{{end}}{{with .Unit.Next}}{{.Name}}{{end}}{{end}}`, nil},
	{"range", `{{template "base" .}}{{define "main"}}{{range $i, $u := .Units}}{{$i}}={{$u.Name}}/{{.Target}};{{else}}empty{{end}}{{end}}`, nil},
	{"range-map", `{{template "base" .}}{{define "main"}}{{range $k, $v := .Tags}}{{$k}}:{{$v}} {{end}}{{end}}`, nil},
	{"variables", `{{template "base" .}}{{define "main"}}{{$f := .Figures}}{{$u := .Unit}}{{$f.Hidden}} {{$u.Secret}} {{$.Title}}{{end}}`, nil},
	{"partial", `{{template "base" .}}{{define "main"}}{{range .Units}}{{template "partials/u.html" .}}{{end}}{{end}}`,
		map[string]string{"partials/u.html": `<b>{{.Name}}</b>{{with .Group}}{{len .Units}}{{end}}`}},
	{"partial-whole", `{{template "base" .}}{{define "main"}}{{template "partials/p.html" .Figures}}{{end}}`,
		map[string]string{"partials/p.html": `{{printf "%v" .}}`}},
	{"dict", `{{template "base" .}}{{define "main"}}{{template "partials/d.html" (dict "N" .Unit.Name "F" .Figures)}}{{end}}`,
		map[string]string{"partials/d.html": `{{.N}} {{.F.Hidden}}`}},
	{"any", `{{template "base" .}}{{define "main"}}{{with .Any}}{{.Name}} {{.Target}}{{end}}{{end}}`, nil},
	{"index", `{{template "base" .}}{{define "main"}}{{(index .Units 1).Secret}} {{index .Tags "b"}}{{end}}`, nil},
	{"and-or", `{{template "base" .}}{{define "main"}}{{if and .Note .Unit}}yes{{end}} {{or .Unused .Title}}{{end}}`, nil},
	{"method", `{{template "base" .}}{{define "main"}}{{range .Items}}{{.Item}}{{end}} {{.When.Year}}{{end}}`,
		map[string]string{"partials/item.html": `{{.Label}}`}},
	{"print-struct", `{{template "base" .}}{{define "main"}}{{.Figures}}{{end}}`, nil},
	{"chain", `{{template "base" .}}{{define "main"}}{{(.Unit).Next.Next.Name}} {{len .Items}}{{end}}`, nil},
	{"assign", `{{template "base" .}}{{define "main"}}{{$x := .Title}}{{range .Units}}{{$x = .Secret}}{{end}}{{$x}}{{end}}`, nil},
}

// mutate changes one exported field somewhere in p, at random.
func mutate(r *rand.Rand, p *page) string {
	switch r.IntN(14) {
	case 0:
		p.Title += "!"
		return "Title"
	case 1:
		p.Unused += "!"
		return "Unused"
	case 2:
		p.Count++
		return "Count"
	case 3:
		p.Figures.Followers++
		return "Figures.Followers"
	case 4:
		p.Figures.Hidden++
		return "Figures.Hidden"
	case 5:
		p.Figures.Latest = p.Figures.Latest.AddDate(0, 0, 1)
		return "Figures.Latest"
	case 6:
		u := p.Units[r.IntN(len(p.Units))]
		u.Name += "x"
		return "Units[].Name"
	case 7:
		u := p.Units[r.IntN(len(p.Units))]
		u.Secret += "x"
		return "Units[].Secret"
	case 8:
		u := p.Units[r.IntN(len(p.Units))]
		u.Target++
		return "Units[].Target"
	case 9:
		p.Tags["c"] = len(p.Tags)
		return "Tags"
	case 10:
		p.Items[r.IntN(len(p.Items))].Label += "!"
		return "Items[].Label"
	case 11:
		p.Items[r.IntN(len(p.Items))].Extra += "!"
		return "Items[].Extra"
	case 12:
		if p.Note == nil {
			s := "n"
			p.Note = &s
		} else {
			p.Note = nil
		}
		return "Note"
	default:
		p.Unit.Group.Name += "!"
		return "Group.Name"
	}
}

func execute(t *testing.T, set *template.Template, p *page) string {
	t.Helper()
	// A fresh clone for every execution: html/template escapes once.
	c := template.Must(set.Clone())
	var b bytes.Buffer
	if err := c.ExecuteTemplate(&b, "page.html", p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestDigestChangesWhenThePageDoes is the property a rebuild relies on:
// whenever a change of the data changes what the template writes, the
// digest changes.
func TestDigestChangesWhenThePageDoes(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, tc := range templates {
		t.Run(tc.name, func(t *testing.T) {
			set, rs := analysed(t, tc.text, tc.partials)
			same, differ := 0, 0
			for range 200 {
				p := sample()
				before, _ := rs.Digest(p, nil)
				out := execute(t, set, p)
				what := mutate(r, p)
				after, ok := rs.Digest(p, nil)
				if !ok {
					t.Fatal("no digest")
				}
				if execute(t, set, p) != out {
					differ++
					if before == after {
						t.Fatalf("changing %s changed the page but not its digest", what)
					}
				} else if before == after {
					same++
				}
			}
			t.Logf("%d changes kept the digest, %d changed the page", same, differ)
		})
	}
}

// TestDigestIgnoresWhatIsNotRead: a change nobody reads keeps the key.
func TestDigestIgnoresWhatIsNotRead(t *testing.T) {
	_, rs := analysed(t, `{{template "base" .}}{{define "main"}}{{.Unit.Name}} {{shortdate .Figures.Latest}}{{end}}`, nil)
	p := sample()
	before, _ := rs.Digest(p, nil)
	p.Figures.Followers++
	p.Unit.Secret = "other"
	p.Units[1].Name = "other"
	p.Items[0].Label = "other"
	if after, _ := rs.Digest(p, nil); after != before {
		t.Error("a change of fields the template never reads changed the digest")
	}
	p.Unit.Name = "Hoà"
	if after, _ := rs.Digest(p, nil); after == before {
		t.Error("the unit's name changed and the digest did not")
	}
}

// TestMemoSharedValues: with a Memo, a shared value changes nothing of
// the digest, and cycles end.
func TestMemoSharedValues(t *testing.T) {
	_, rs := analysed(t, `{{template "base" .}}{{define "main"}}{{printf "%v" .Unit.Next.Next.Name}}{{range .Units}}{{.Next.Name}}{{end}}{{.Any}}{{end}}`, nil)
	var memo reads.Memo
	for range 3 {
		p := sample()
		memo.Share(p.Unit, p.Units[1], p.Items[0])
		a, _ := rs.Digest(p, &memo)
		b, _ := rs.Digest(p, nil)
		if a != b {
			t.Fatal("the memo changed the digest")
		}
	}
	all, ok := reads.All(sample(), nil)
	if !ok || all == (reads.Key{}) {
		t.Fatal("no digest of the whole page")
	}
}

func TestFunctionsHaveNoDigest(t *testing.T) {
	type withFunc struct{ F func() string }
	if _, ok := reads.All(withFunc{F: func() string { return "x" }}, nil); ok {
		t.Error("a value holding a function got a digest")
	}
	if _, ok := reads.All(withFunc{}, nil); !ok {
		t.Error("a nil function has nothing to hide")
	}
}

func ExampleSet_Digest() {
	set := template.Must(template.New("t").Parse(`{{.Name}}`))
	type unit struct{ Name, Secret string }
	rs := reads.Analyze(reads.Input{Trees: map[string]*parse.Tree{"t": set.Tree}}, "t", reflect.TypeFor[unit]())
	a, _ := rs.Digest(unit{"Bắc Sơn", "a"}, nil)
	b, _ := rs.Digest(unit{"Bắc Sơn", "b"}, nil)
	c, _ := rs.Digest(unit{"Đồng Hòa", "a"}, nil)
	fmt.Println(a == b, a == c, strings.Repeat("-", 3))
	// Output: true false ---
}

type node struct {
	Name  string
	Links []*node
}

// TestDigestOfADenseGraph: every node linked to every other, read whole:
// the digest ends (each node is encoded once per digest, not once per
// path) and does not depend on which digests were taken before.
func TestDigestOfADenseGraph(t *testing.T) {
	nodes := make([]*node, 40)
	for i := range nodes {
		nodes[i] = &node{Name: fmt.Sprint(i)}
	}
	for _, n := range nodes {
		n.Links = nodes
	}
	fresh := make([]reads.Key, len(nodes))
	for i, n := range nodes {
		fresh[i], _ = reads.All(n, nil)
	}
	var memo reads.Memo
	for _, n := range nodes {
		memo.Share(n)
	}
	for _, order := range [][]int{{0, 1, 2, 39}, {39, 2, 1, 0}} {
		for _, i := range order {
			if k, _ := reads.All(nodes[i], &memo); k != fresh[i] {
				t.Fatalf("node %d: the digest depends on the digests taken before", i)
			}
		}
	}
	before := fresh[3]
	nodes[17].Name = "đổi"
	if after, _ := reads.All(nodes[3], nil); after == before {
		t.Error("a node reached through the graph changed and the digest did not")
	}
}

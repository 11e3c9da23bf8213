package render

import (
	"crypto/sha256"
	"encoding/binary"
	"html/template"
	"reflect"
	"sort"
	"sync"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/fragments"
	"github.com/loa-vn/loa/generator/markdown"
	"github.com/loa-vn/loa/generator/period"
	"github.com/loa-vn/loa/generator/reads"
	"github.com/loa-vn/loa/generator/theme"
)

// A rebuild after one count was edited changes a handful of pages of a
// national site's 40,000 files. To find them without rendering the others,
// every job has a key: a digest of everything its files are made from.
// When a job's key is the key its files were written with in the previous
// output, and those files are still as they were written, the files are
// carried over and the job does not run (Keeper, in package publish).
//
// A job's key is computed by running the job into a keySink: it executes
// no template and renders no Markdown. Each page it would write adds the
// digest of what its template can read of its data (package reads: the
// theme's templates are analysed for that); each Markdown body adds its
// source and, for each live-data directive in it, a digest of the
// campaign's figures at the date it shows (period.Inputs); each QR code
// adds what it encodes. Everything is salted with what every file depends
// on: the generator itself (Options.Salt), the theme's files, the base URL
// and the options of the render. A job that does anything else (writes a
// file directly) has no key and always runs.

// Keeper is a Sink that keeps the files of a previous output: publish's
// staging folder when it records a manifest.
type Keeper interface {
	Sink
	// Keep reports whether the files at paths are, in the previous
	// output, the files a job of this key wrote and still as they were
	// written; when they are, it carries them into the output being
	// written, and the job does not run.
	Keep(paths []string, key [sha256.Size]byte) bool
	// Keyed records key as the key of the files at paths, which a job
	// just wrote.
	Keyed(paths []string, key [sha256.Size]byte)
}

// keySink is the Sink a job runs into to compute its key.
type keySink struct {
	r        *renderer
	buf      []byte
	volatile bool
}

// Put is a file written other than through page or qr: the job has no
// key.
func (k *keySink) Put(string, []byte) error {
	k.volatile = true
	return nil
}

func (k *keySink) str(s string) {
	k.buf = binary.AppendUvarint(k.buf, uint64(len(s)))
	k.buf = append(k.buf, s...)
}

// page adds a page: its path, its template and what the template reads
// of its data.
func (k *keySink) page(path, tmpl string, p *Page) error {
	set := k.r.sets[tmpl]
	if set == nil {
		k.volatile = true
		return nil
	}
	d, ok := set.Digest(p, k.r.memo)
	if !ok {
		k.volatile = true
		return nil
	}
	k.str("page")
	k.str(path)
	k.str(tmpl)
	k.buf = append(k.buf, d[:]...)
	return nil
}

// qr adds a QR code.
func (k *keySink) qr(content, pngPath, svgPath string) {
	k.str("qr")
	k.str(content)
	k.str(pngPath)
	k.str(svgPath)
}

// raw adds a digest that stands for data the job computes (the figures
// of a period).
func (k *keySink) raw(what string, d [sha256.Size]byte) {
	k.str(what)
	k.buf = append(k.buf, d[:]...)
}

// doc adds a Markdown body: its source, where it starts (its directives'
// positions give ids in the page), and what each of its directives shows.
func (k *keySink) doc(doc *docRef) {
	k.str("doc")
	k.str(string(doc.Source()))
	inputs := k.r.inputs()
	latest := inputs[len(inputs)-1]
	for _, d := range doc.Directives() {
		k.str(d.String())
		k.str(d.Pos.File)
		k.buf = binary.AppendUvarint(k.buf, uint64(d.Pos.Line))
		k.buf = binary.AppendUvarint(k.buf, uint64(d.Pos.Col))
		switch {
		case d.Name == "note":
			// Its content is in the source.
		case d.Name == "qr":
			// Unit names and paths, the account: no figures.
			k.buf = append(k.buf, inputs[0][:]...)
		case datedDirectives[d.Name]:
			k.buf = append(k.buf, inputs[k.r.reportIndexOf(d)+1][:]...)
		default:
			k.buf = append(k.buf, latest[:]...)
		}
	}
}

// reportIndexOf is the index in Campaign.Reports of the report whose
// figures a dated directive shows (see dated.go): -1 before every report.
func (r *renderer) reportIndexOf(d *markdown.Directive) int {
	reports := r.c.Reports
	t, ok := (&handler{r: r}).asOf(d)
	if !ok {
		return len(reports) - 1
	}
	return sort.Search(len(reports), func(i int) bool { return reports[i].Date.After(t) }) - 1
}

// keying returns the keySink when sink is one.
func keying(sink Sink) *keySink {
	k, _ := sink.(*keySink)
	return k
}

// key computes the key of job j.
func (r *renderer) key(j job) ([sha256.Size]byte, bool) {
	k := &keySink{r: r, buf: append([]byte(nil), r.salt[:]...)}
	for _, p := range j.paths {
		k.str(p)
	}
	if err := j.run(k); err != nil || k.volatile {
		return [sha256.Size]byte{}, false
	}
	return sha256.Sum256(k.buf), true
}

// pageTemplates are the page templates render executes.
var pageTemplates = []string{
	"home.html", "directives.html", "directive.html", "units.html", "group.html", "posters.html",
	"unit.html", "poster.html", "alias.html", "merged.html", "progress.html", "reports.html",
	"report.html", "page.html", "404.html",
}

// itemMethods are the methods of the views that execute a template.
var itemMethods = []reads.Method{
	{Receiver: reflect.TypeFor[*DirectiveView](), Name: "Item", Template: "partials/directive-item.html"},
	{Receiver: reflect.TypeFor[*TaskView](), Name: "Item", Template: "partials/task-item.html"},
	{Receiver: reflect.TypeFor[*TaskList](), Name: "HTML", Template: "partials/unit-tasks.html"},
	{Receiver: reflect.TypeFor[*DirectiveList](), Name: "HTML", Template: "partials/unit-directives.html"},
	{Receiver: reflect.TypeFor[*ChartView](), Name: "HTML", Template: "partials/chart.html"},
}

// prepareKeys analyses the theme's page templates and salts the keys.
func (r *renderer) prepareKeys(opts Options) {
	r.sets = r.th.Reads(pageTemplates, reflect.TypeFor[*Page](), itemMethods)
	if r.sets == nil {
		r.sets = map[string]*reads.Set{} // no keys: every job runs
	}
	r.layoutRead = layoutRead(r.th)
	r.memo = &reads.Memo{}
	h := sha256.New()
	th := r.th.Digest()
	h.Write(th[:])
	for _, s := range []string{"loa render 1", string(opts.Salt), r.c.Site.BaseURL, r.c.Site.BasePath, string(opts.Inject)} {
		h.Write(binary.AppendUvarint(nil, uint64(len(s))))
		h.Write([]byte(s))
	}
	if opts.SkipQR {
		h.Write([]byte{1})
	}
	h.Sum(r.salt[:0])
	r.inputs = opts.Inputs
	if r.inputs == nil {
		r.inputs = sync.OnceValue(func() [][sha256.Size]byte { return period.Inputs(r.c) })
	}
}

// layoutRead reports whether the theme's landing page (unit.html) may read
// the layout of the unit's chart, Page.Unit.Chart.Chart, other than
// through ChartView.HTML, which prints the chart drawn. When it cannot, a
// page whose chart is taken from the fragments is made without laying
// the chart out again (see unit): nothing of the page depends on it.
// Anything the analysis reads whole on the way counts as read.
func layoutRead(th *theme.Theme) bool {
	methods := make([]reads.Method, 0, len(itemMethods))
	for _, m := range itemMethods {
		if m.Receiver == reflect.TypeFor[*ChartView]() && m.Name == "HTML" {
			m.Template = "" // no template: it reads nothing of the chart
		}
		methods = append(methods, m)
	}
	set := th.Reads([]string{"unit.html"}, reflect.TypeFor[*Page](), methods)["unit.html"]
	if set == nil {
		return true
	}
	for _, f := range []struct {
		t    reflect.Type
		name string
		read reads.Mode // the mode from which the field counts as read
	}{
		{reflect.TypeFor[Page](), "Unit", reads.Whole},
		{reflect.TypeFor[UnitView](), "Chart", reads.Whole},
		{reflect.TypeFor[ChartView](), "Chart", reads.Partial},
	} {
		sf, ok := f.t.FieldByName(f.name)
		if !ok || set.Whole(f.t) || set.Field(f.t, sf.Index[0]) >= f.read {
			return true
		}
	}
	return false
}

// body renders a Markdown body, or adds it to the key when sink is a
// keySink.
func (r *renderer) body(sink Sink, doc *docRef) (template.HTML, error) {
	if k := keying(sink); k != nil {
		k.doc(doc)
		return "", nil
	}
	return r.renderDoc(doc.doc())
}

// share gives the memo of the keys the views that many pages list.
func (r *renderer) share() {
	v := r.v
	m := r.memo
	for _, dv := range v.directives {
		m.Share(dv)
		for _, tv := range dv.Tasks {
			m.Share(tv)
		}
	}
	for _, tv := range v.taskOf {
		m.Share(tv)
	}
	for _, uv := range v.units {
		m.Share(uv, uv.TaskList, uv.DirectiveList) // the lists: by the units of a group
	}
	for _, gv := range v.groups {
		m.Share(gv, gv.Table)
	}
	for _, t := range v.tables {
		m.Share(t)
	}
	m.Share(v.accountQR, v.chart, v.groupsList)
}

// chartKey is the key of a unit's chart among the fragments: the digest
// of what it is made of (chartInputs), salted as the keys of the jobs
// (the theme, the generator, the options).
func (r *renderer) chartKey(inputs [sha256.Size]byte) fragments.Key {
	h := sha256.New()
	h.Write([]byte("loa chart 1\n"))
	h.Write(r.salt[:])
	h.Write(inputs[:])
	var k fragments.Key
	h.Sum(k[:0])
	return k
}

// chartInputs is a digest of what the chart of unit u is made of (see
// unitChart).
func chartInputs(u *campaign.Unit) [sha256.Size]byte {
	b := make([]byte, 0, 32+len(u.Name)+16*len(u.History))
	b = binary.AppendUvarint(b, uint64(len(u.Name)))
	b = append(b, u.Name...)
	b = binary.AppendVarint(b, u.Target)
	for _, p := range u.History {
		b = binary.AppendVarint(b, p.Date.Unix())
		b = binary.AppendVarint(b, p.Count)
	}
	return sha256.Sum256(b)
}

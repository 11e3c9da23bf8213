// Package render owns turning the site model into output files: pages from
// theme templates, Markdown bodies with their directives, QR images, static
// assets and open data. It hands every file to a Sink and never touches the
// disk itself.
//
// Site works in two steps. First it parses every Markdown body once and
// checks its directives and internal links against the pages it will
// write; any error stops it there, before the Sink sees a single file.
// Then it renders the pages, QR images and assets on a bounded pool of
// goroutines. Every file's bytes depend only on the model and the theme,
// never on scheduling, so the same model gives byte-identical output.
package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/fragments"
	"github.com/loa-vn/loa/generator/markdown"
	"github.com/loa-vn/loa/generator/period"
	"github.com/loa-vn/loa/generator/reads"
	"github.com/loa-vn/loa/generator/theme"
)

// Sink receives the output files. Site calls Put from several goroutines
// at once, so a Sink must be safe for concurrent use. path is
// slash-separated and relative to the output root ("don-vi/bac-son/index.html").
// data is only valid during the call: Site reuses it afterwards, so a Sink
// that keeps it must copy it.
type Sink interface {
	Put(path string, data []byte) error
}

// Creator is a Sink that also takes a file as a stream, for files too
// large to hold whole (the open data of a national campaign is 150 MB).
// The file is complete once Close returned nil.
type Creator interface {
	Create(path string) (io.WriteCloser, error)
}

// Stream writes the file at path with write: as a stream when sink is a
// Creator, else whole through Put.
func Stream(sink Sink, path string, write func(io.Writer) error) error {
	if c, ok := sink.(Creator); ok {
		w, err := c.Create(path)
		if err != nil {
			return err
		}
		if err := write(w); err != nil {
			w.Close()
			return err
		}
		return w.Close()
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	return sink.Put(path, b.Bytes())
}

// Options says how to render.
type Options struct {
	// Theme is the loaded theme (theme.Load). Site binds it to the site's
	// base_url; the caller need not.
	Theme *theme.Theme
	// Inject, when not empty, is inserted just before </body> of every
	// HTML page (serve's live reload); never set by build.
	Inject template.HTML
	// SkipQR draws no QR image: check writes nothing, so it only checks
	// that every text fits in a QR code.
	SkipQR bool
	// Docs, when not nil, keeps the parses of the Markdown bodies for the
	// next render (serve).
	Docs *Docs
	// Fragments, when not nil and the render makes keys (Keyed), keeps
	// the charts of the units' landing pages from one build to the next:
	// a page whose lists changed takes its chart from there.
	Fragments *fragments.Store
	// Also is more work for the pool, once the sources have passed every
	// check: files that other packages make from the model (open data,
	// feeds). It runs first, beside the pages, since it is the longest.
	Also []Extra
	// ReportData, when set, makes the open data of a period's leaders'
	// report (package opendata's ReportJSON), which the job of the
	// report's page writes beside it, at the path its page links to: the
	// figures of the period (period.Of, milliseconds nationally) are then
	// computed once for both. Its bytes must be made of the period alone.
	ReportData func(*period.Period) []byte

	// Keyed gives every job a key (see keys.go), for a sink that is a
	// Keeper: build into an output that keeps a manifest.
	Keyed bool
	// Salt is what every file depends on besides the model, the theme and
	// these options: the generator itself and the options of the caller
	// (build --minify). Keys are made only with a salt.
	Salt []byte
	// Inputs, when set, gives period.Inputs of the model, which the keys
	// of dated pages use; the render computes it otherwise.
	Inputs func() [][sha256.Size]byte
}

// Extra is work of Options.Also: it writes the files at Paths.
type Extra struct {
	Paths []string
	Write func(Sink) error
	// Key, when set, is a digest of everything the files are made from
	// besides the salt of the render (Options.Salt): with it, a rebuild
	// keeps the files when it did not change (see keys.go).
	Key func() [sha256.Size]byte
}

// ErrNoTheme is returned by Site when Options.Theme is nil.
var ErrNoTheme = errors.New("render: no theme")

// QRPixels is about the width in pixels of the PNG QR images (about 400 to 600 px, enough to print sharp at 8 cm and small enough to encode quickly): the scale is
// the whole number of pixels per module that comes closest.
const QRPixels = 440

// Site renders every output file of c into sink. Problems in Markdown
// (syntax, unknown directive/attribute/unit/group, links to internal pages
// that do not exist) are added to diags with positions; when diags has
// errors after parsing, Site returns before writing anything. Output is
// deterministic: the same model gives byte-identical files.
//
// Open data (du-lieu/tien-do.json and .csv) is written by package opendata,
// which the caller runs with Options.Also; links to it are taken as
// existing.
func Site(c *campaign.Campaign, opts Options, sink Sink, diags *diag.List) error {
	p, err := Prepare(c, opts, diags)
	if err != nil {
		return err
	}
	return p.WriteAll(sink)
}

// Prepare does everything Site does before writing: it checks the
// Markdown and its links and lays out what the pages share. The Prepared
// render then writes every file (WriteAll) or one job's files when they
// are asked for (File).
func Prepare(c *campaign.Campaign, opts Options, diags *diag.List) (*Prepared, error) {
	if opts.Theme == nil {
		return nil, ErrNoTheme
	}
	th, err := opts.Theme.Bind(c.Site.BaseURL)
	if err != nil {
		return nil, err
	}
	r := &renderer{c: c, th: th, inject: []byte(opts.Inject), skipQR: opts.SkipQR, docs: opts.Docs, also: opts.Also, reportData: opts.ReportData}
	r.dirOfFile = make(map[string]*campaign.Directive, len(c.Directives))
	for _, d := range c.Directives {
		r.dirOfFile[d.File] = d
	}
	r.conv = markdown.New(markdown.Options{Unsafe: c.Site.RawHTML, Handler: &handler{r: r}, BasePath: c.Site.BasePath})
	if opts.Keyed && len(opts.Salt) > 0 {
		r.prepareKeys(opts)
		r.frags = opts.Fragments
	}
	return r.prepare(diags)
}

// prepare is Prepare once the renderer is made.
func (r *renderer) prepare(diags *diag.List) (*Prepared, error) {
	c := r.c
	// The views and the parses of the Markdown do not depend on each
	// other (the handler's checks read the model only): side by side.
	var wg sync.WaitGroup
	var prerendered error
	wg.Go(func() {
		r.v = newViews(c)
		prerendered = r.v.prerender(r.th)
	})
	r.parse(diags)
	wg.Wait()
	// The jobs name every file the render writes: the links of the
	// Markdown are checked against their paths. Making them runs none.
	jobs := make([]job, 0, len(r.also))
	for _, e := range r.also {
		jobs = append(jobs, job{paths: e.Paths, run: func(sink Sink) error {
			if k := keying(sink); k != nil {
				if e.Key == nil {
					k.volatile = true
				} else {
					k.raw("extra", e.Key())
				}
				return nil
			}
			return e.Write(sink)
		}})
	}
	p := newPrepared(append(jobs, r.jobs()...))
	r.plan(p)
	r.checkAllLinks(diags)
	if theme.HTTPS(c.Info.FollowURL) == "" && !diags.HasErrors() {
		// load reports a follow_url that is missing or not https: this
		// is for a model made some other way.
		diags.Errorf(diag.Pos{File: "site.toml"}, "campaign.follow_url %q must be an https: URL", c.Info.FollowURL)
	}
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	if prerendered != nil {
		return nil, prerendered
	}
	if r.sets != nil {
		r.share()
		p.key = r.key
	}
	index := sync.OnceValue(func() map[*campaign.Directive]int {
		m := make(map[*campaign.Directive]int, len(c.Directives))
		for i, d := range c.Directives {
			m[d] = i
		}
		return m
	})
	p.docOf = func(d *campaign.Directive) *docRef {
		if i, ok := index()[d]; ok {
			return r.directives[i]
		}
		return nil
	}
	return p, nil
}

// renderer holds one render of one site. Everything in it is written
// before the jobs start and only read by them.
type renderer struct {
	c      *campaign.Campaign
	th     *theme.Theme
	inject []byte
	v      *views
	conv   *markdown.Converter
	skipQR bool
	docs   *Docs
	also   []Extra // Options.Also: files of other packages, for link checks

	reportData func(*period.Period) []byte // Options.ReportData

	// dirOfFile is the directive of each directive file, whose date its
	// live-data directives show; datedViews their views (see dated.go).
	dirOfFile  map[string]*campaign.Directive
	datedViews datedCache

	home       *docRef
	pages      []*docRef         // parallel to c.Pages
	directives []*docRef         // parallel to c.Directives
	links      [][]markdown.Link // of home, then pages, then directives

	// sets, memo, salt and inputs make the keys of the jobs (keys.go);
	// sets is nil when the render makes no keys.
	sets   map[string]*reads.Set
	memo   *reads.Memo
	salt   [sha256.Size]byte
	inputs func() [][sha256.Size]byte
	// frags keeps the units' charts (Options.Fragments); nil when the
	// render makes no keys.
	frags *fragments.Store
	// layoutRead tells whether the theme's landing page may read its
	// chart's layout directly (see layoutRead in keys.go).
	layoutRead bool

	// outputs holds every path the render writes, and the open data that
	// the caller writes, for the link check: the paths of its jobs.
	outputs map[string]int
	// pagePaths lists the pages' URL paths ("don-vi/bac-son/"), for the
	// hints of broken links: made for the first.
	pagePaths     []string
	pagePathsOnce sync.Once
}

// Sections of the output that free pages may not take as their slug;
// load reports a page that takes one, and render leaves it out.
var reserved = map[string]bool{
	"van-ban": true, "don-vi": true, "tien-do": true, "du-lieu": true,
	"static": true, "qr": true, "bao-cao": true,
}

// plan takes the paths of the jobs of p as the files the render writes.
func (r *renderer) plan(p *Prepared) {
	r.outputs = p.jobOf
}

// parse parses every Markdown body once, checking its directives (through
// the handler); checkAllLinks checks their internal links.
func (r *renderer) parse(diags *diag.List) {
	var refs [32]byte
	if r.docs != nil {
		r.docs.begin()
		refs = refsKey(r.c)
	}
	// The links of the home page, then of the pages, then of the
	// directives.
	r.links = make([][]markdown.Link, 1+len(r.c.Pages)+len(r.c.Directives))
	parse := func(body []byte, file string, line int, i int) *docRef {
		doc := r.docs.parse(r.conv, refs, body, file, line, diags)
		r.links[i] = doc.p.links
		return doc
	}
	h := r.c.Home
	r.home = parse(h.Body, h.File, h.BodyLine, 0)
	r.pages = make([]*docRef, len(r.c.Pages))
	r.directives = make([]*docRef, len(r.c.Directives))
	// A thousand directives nationally: on every processor (diags sorts
	// what they report).
	forEach(len(r.pages)+len(r.directives), func(i int) {
		if i < len(r.pages) {
			p := r.c.Pages[i]
			r.pages[i] = parse(p.Body, p.File, p.BodyLine, 1+i)
			return
		}
		d := r.c.Directives[i-len(r.pages)]
		r.directives[i-len(r.pages)] = parse(d.Body, d.File, d.BodyLine, 1+i)
	})
}

// checkAllLinks checks the internal links of every Markdown body parsed,
// against the files planned.
func (r *renderer) checkAllLinks(diags *diag.List) {
	r.checkLinks(r.links[0], "", diags)
	forEach(len(r.pages)+len(r.directives), func(i int) {
		if i < len(r.pages) {
			r.checkLinks(r.links[1+i], r.c.Pages[i].Slug+"/", diags)
			return
		}
		r.checkLinks(r.links[1+i], directivePath(r.c.Directives[i-len(r.pages)].Slug), diags)
	})
}

// forEach calls f(0) ... f(n-1) on runtime.GOMAXPROCS goroutines.
func forEach(n int, f func(i int)) {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < n; i = int(next.Add(1)) - 1 {
				f(i)
			}
		})
	}
	wg.Wait()
}

// job is one piece of the render's work: it writes the files at paths.
type job struct {
	paths []string
	run   func(sink Sink) error
}

// jobs lists the work of the render, in a fixed order.
func (r *renderer) jobs() []job {
	c, v := r.c, r.v
	var jobs []job
	add := func(paths []string, f func(sink Sink) error) { jobs = append(jobs, job{paths, f}) }

	var static []string
	for _, f := range r.th.Static() {
		static = append(static, f.Path)
	}
	add(static, func(sink Sink) error {
		for _, f := range r.th.Static() {
			if err := sink.Put(f.Path, f.Data); err != nil {
				return err
			}
		}
		return nil
	})
	add([]string{accountQRPNG, accountQRSVG}, func(sink Sink) error {
		return r.qr(sink, c.Info.FollowURL, accountQRPNG, accountQRSVG)
	})

	add([]string{"index.html"}, func(sink Sink) error {
		body, err := r.body(sink, r.home)
		if err != nil {
			return fmt.Errorf("%s: %w", c.Home.File, err)
		}
		desc := c.Home.Description
		if desc == "" {
			desc = r.home.Summary()
		}
		if desc == "" {
			desc = c.Info.Name
		}
		latest := v.directives[:min(5, len(v.directives))]
		return r.page(sink, "index.html", "home.html", &Page{
			Path: "", Description: desc, Body: body, Directives: latest, AccountQR: v.accountQR,
		})
	})

	add([]string{"van-ban/index.html"}, func(sink Sink) error {
		return r.page(sink, "van-ban/index.html", "directives.html", &Page{
			Path: "van-ban/", Title: "Văn bản chỉ đạo",
			Description: "Các văn bản chỉ đạo của " + c.Authority.Name + " về chiến dịch " + c.Info.Name + ".",
			Directives:  v.directives,
		})
	})
	for i, dv := range v.directives {
		doc := r.directives[i]
		add([]string{dv.Path + "index.html"}, func(sink Sink) error {
			body, err := r.body(sink, doc)
			if err != nil {
				return fmt.Errorf("%s: %w", dv.Directive.File, err)
			}
			// A copy, so that the shared view (in lists) carries no body.
			page := *dv
			page.Body = body
			page.BeforeClosing, page.Closing = splitClosing(body)
			desc := doc.Summary()
			if desc == "" {
				desc = dv.Title + ": " + dv.Subject
			}
			return r.page(sink, dv.Path+"index.html", "directive.html", &Page{
				Path: dv.Path, Title: dv.Subject, Description: desc, Directive: &page,
			})
		})
	}

	add([]string{"don-vi/index.html"}, func(sink Sink) error {
		return r.page(sink, "don-vi/index.html", "units.html", &Page{
			Path: "don-vi/", Title: "Đơn vị",
			Description: "Các cơ quan, đơn vị tham gia chiến dịch " + c.Info.Name + ": trang riêng, mã QR và áp phích của từng đơn vị.",
			Groups:      v.unitsGroups(),
		})
	})
	for _, gv := range v.groups {
		for k := 1; k <= groupPageCount(gv.Units); k++ {
			add([]string{groupPagePath(gv.ID, k) + "index.html"}, func(sink Sink) error { return r.groupPage(sink, gv, k) })
		}
		for k := 1; k <= groupPageCount(gv.Units); k++ {
			add([]string{groupPostersPath(gv.ID, k) + "index.html"}, func(sink Sink) error { return r.groupPostersPage(sink, gv, k) })
		}
	}
	// A unit's pages and QR images are jobs of their own, each with its
	// key: a new directive for a group changes its units' landing pages,
	// not their posters, and no QR code is drawn again for it.
	for _, uv := range v.units {
		paths := []string{uv.Path + "index.html"}
		if uv.Successor != nil {
			paths = append(paths, uv.PosterPath+"index.html")
		}
		for _, a := range uv.Aliases {
			paths = append(paths, unitPath(a)+"index.html")
		}
		add(paths, func(sink Sink) error { return r.unit(sink, uv) })
		if uv.Successor == nil {
			add([]string{uv.PosterPath + "index.html"}, func(sink Sink) error { return r.poster(sink, uv) })
		}
		add([]string{uv.QRPNG, uv.QRSVG}, func(sink Sink) error { return r.qr(sink, uv.LandingURL, uv.QRPNG, uv.QRSVG) })
	}

	add([]string{"tien-do/index.html"}, func(sink Sink) error {
		return r.page(sink, "tien-do/index.html", "progress.html", &Page{
			Path: "tien-do/", Title: "Tiến độ",
			Description: "Số người quan tâm trang Zalo OA “" + c.Info.Channel + "” theo từng kỳ báo cáo và từng cơ quan, đơn vị.",
			Progress:    v.progressTables(), History: v.history, Chart: v.chart,
		})
	})

	r.reportJobs(add)

	for i, p := range c.Pages {
		if reserved[p.Slug] {
			continue
		}
		doc := r.pages[i]
		add([]string{p.Slug + "/index.html"}, func(sink Sink) error {
			body, err := r.body(sink, doc)
			if err != nil {
				return fmt.Errorf("%s: %w", p.File, err)
			}
			desc := p.Description
			if desc == "" {
				desc = doc.Summary()
			}
			return r.page(sink, p.Slug+"/index.html", "page.html", &Page{
				Path: p.Slug + "/", Title: p.Title, Description: desc, Body: body, AccountQR: v.accountQR,
			})
		})
	}

	add([]string{"404.html"}, func(sink Sink) error {
		return r.page(sink, "404.html", "404.html", &Page{
			Path: "404.html", Title: "Không tìm thấy trang",
			Description: "Trang không tồn tại.",
		})
	})
	return jobs
}

// unit writes a unit's landing page and alias pages (a merged unit's
// pages, its poster included: see merged). Its poster and QR images are
// jobs of their own.
func (r *renderer) unit(sink Sink, uv *UnitView) error {
	c := r.c
	if uv.Successor != nil {
		return r.merged(sink, uv)
	}
	landing := *uv // with its chart, which only this page shows
	var chartKey fragments.Key
	if k := keying(sink); k != nil {
		// The chart is made of the unit's history, target and name alone.
		in := chartInputs(uv.unit)
		k.raw("chart", in)
		if r.frags != nil {
			r.frags.Touch(r.chartKey(in)) // shown still, by the page kept or made
		}
	} else {
		var drawn []byte
		found := false
		if r.frags != nil {
			chartKey = r.chartKey(chartInputs(uv.unit))
			drawn, found = r.frags.Get(chartKey)
		}
		var cv *ChartView
		if found && !r.layoutRead {
			cv = unitChartHead(uv.unit) // drawn already, and nothing else reads the layout
		} else {
			cv = unitChart(uv.unit)
		}
		cv.html = &lazyItem{th: r.th, name: "partials/chart.html", data: cv}
		if found {
			// Drawn by this theme's partial, escaped by html/template,
			// for the same chart: its bytes are those of its digest.
			cv.html.preset(template.HTML(drawn))
		}
		landing.Chart = cv
	}
	if err := r.page(sink, uv.Path+"index.html", "unit.html", &Page{
		Path: uv.Path, Title: uv.Name,
		Description: uv.Name + " mời bạn quan tâm trang Zalo OA “" + c.Info.Channel + "”: nút Quan tâm, mã QR và kết quả vận động của đơn vị.",
		Unit:        &landing, AccountQR: r.v.accountQR,
	}); err != nil {
		return err
	}
	if r.frags != nil && landing.Chart != nil {
		if h, ok := landing.Chart.html.rendered(); ok {
			r.frags.Put(chartKey, []byte(h))
		}
	}
	for _, a := range uv.Aliases {
		if err := r.page(sink, unitPath(a)+"index.html", "alias.html", &Page{
			Path: unitPath(a), Title: uv.Name, Unit: uv, Alias: a,
		}); err != nil {
			return err
		}
	}
	return nil
}

// poster writes the QR poster of a unit that takes part (or retired
// without a successor).
func (r *renderer) poster(sink Sink, uv *UnitView) error {
	return r.page(sink, uv.PosterPath+"index.html", "poster.html", &Page{
		Path: uv.PosterPath, Title: "Áp phích mã QR – " + uv.Name,
		Description: "Áp phích khổ A4 có mã QR của " + uv.Name + ", để in và dán tại trụ sở.",
		Unit:        uv,
	})
}

// merged writes the pages of a unit merged into another: its landing
// page, poster and alias pages send visitors to the successor's landing
// page and poster; its QR images, as printed, stay.
func (r *renderer) merged(sink Sink, uv *UnitView) error {
	s := uv.Successor
	paths := []string{uv.Path, uv.PosterPath}
	to := []string{s.Path, s.PosterPath}
	for _, a := range uv.Aliases {
		paths, to = append(paths, unitPath(a)), append(to, s.Path)
	}
	for i, path := range paths {
		if err := r.page(sink, path+"index.html", "merged.html", &Page{
			Path: path, Title: uv.Name, Unit: uv, MovedTo: to[i],
		}); err != nil {
			return err
		}
	}
	return nil
}

// page fills in what every page shares, executes the template and hands
// the result to sink.
func (r *renderer) page(sink Sink, path, tmpl string, p *Page) error {
	c := r.c
	p.Site, p.Authority, p.Info, p.Campaign = c.Site, c.Authority, c.Info, c
	p.Figures = r.v.figures
	p.LatestReport = r.v.latestReport
	p.Kind = tmpl[:len(tmpl)-len(".html")]
	p.Nav = r.nav(p.Path)
	p.Header, p.Footer = r.v.headerOf(p.Path), r.v.footer
	if p.Image == "" {
		p.Image = accountQRPNG
		if p.Unit != nil {
			p.Image = p.Unit.QRPNG
		}
	}
	if k := keying(sink); k != nil {
		return k.page(path, tmpl, p)
	}
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer func() {
		buf.Reset()
		pageBuffers.Put(buf)
	}()
	if err := r.th.Execute(buf, tmpl, p); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	// Sinks do not keep data past Put, so the buffer may be reused.
	return sink.Put(path, r.injectInto(buf.Bytes()))
}

// pageBuffers are reused from page to page: see theme's buffers.
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// injectInto inserts Options.Inject before the last </body>, or at the
// end of a page that has none.
func (r *renderer) injectInto(page []byte) []byte {
	if len(r.inject) == 0 {
		return page
	}
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		return append(page, r.inject...)
	}
	out := make([]byte, 0, len(page)+len(r.inject))
	out = append(out, page[:i]...)
	out = append(out, r.inject...)
	return append(out, page[i:]...)
}

// nav is the main menu, with the item of the page at path marked current.
func (r *renderer) nav(path string) []NavItem {
	nav := r.v.chrome.Nav
	for i, item := range nav {
		if item.Path == path {
			return navAt(nav, i)
		}
	}
	return nav
}

// renderDoc renders a parsed Markdown body. Its root-relative links were
// moved under the base path when it was parsed (markdown.Options.BasePath).
func (r *renderer) renderDoc(doc *markdown.Document) (template.HTML, error) {
	var buf bytes.Buffer
	if err := doc.Render(&buf); err != nil {
		return "", err
	}
	// goldmark's output, with directives rendered by the theme's partials
	// and raw HTML dropped unless the site opted in: trusted as HTML.
	return template.HTML(buf.String()), nil
}

// run runs jobs on twice runtime.GOMAXPROCS goroutines and returns their
// errors joined in job order, so the result does not depend on
// scheduling. Jobs end by writing files: while some wait on the disk, the
// others keep every processor busy.
func run(jobs []func() error) error {
	errs := make([]error, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(2*runtime.GOMAXPROCS(0), len(jobs)) {
		wg.Go(func() {
			for i := range next {
				errs[i] = jobs[i]()
			}
		})
	}
	for i := range jobs {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

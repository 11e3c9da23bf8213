// Package build owns the pipeline that every command shares: read the site
// (load), compute the model (campaign), load the theme, render every file and
// hand it to a sink: the staging folder of package publish for `build`, a
// discarding sink for `check`, memory for `serve`. Data flows one way; build
// only composes the stages.
package build

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/cms"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/feeds"
	"github.com/loa-vn/loa/generator/fragments"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/opendata"
	"github.com/loa-vn/loa/generator/period"
	"github.com/loa-vn/loa/generator/publish"
	"github.com/loa-vn/loa/generator/render"
	"github.com/loa-vn/loa/generator/theme"
)

// ErrContent is returned when the site's sources have errors; the errors
// themselves are in the diag.List.
var ErrContent = errors.New("the site has errors")

// Options says what to build.
type Options struct {
	Site    string // the site folder; "" means "."
	Out     string // the output folder; "" means <Site>/public
	BaseURL string // replaces site.toml's base_url when not empty
	Drafts  bool   // publish draft directives and pages
	// Inject is inserted before </body> of every page (serve's live reload).
	Inject string
	// InjectFor, when set, gives Inject from the model, errors or not: serve's
	// reload script names the base path that site.toml gives.
	InjectFor func(*campaign.Campaign) string
	// Sources, when set, keeps what was read of each source file from
	// build to build, so that only the files that changed are read again
	// (serve; see load.ReadCached).
	Sources *load.Cache
	// Markdown, when set, keeps the parses of the Markdown bodies from
	// build to build (serve; see render.Docs).
	Markdown *render.Docs
	// Model, when set, keeps what the model made of each report from
	// build to build, so that only the reports that changed are read
	// again (serve; see campaign.Cache).
	Model *campaign.Cache
	// Themes, when set, keeps the theme from build to build, so that it
	// is parsed again only when one of its files changed (serve; see
	// theme.LoadCached).
	Themes *theme.Cache
	// NoCache neither reads nor keeps the manifest and build record
	// beside the output (see uptodate.go): every file is written afresh.
	NoCache bool
	// Minify writes HTML pages and CSS files minified (build --minify).
	Minify bool
	// Waiting, when set, is called when another build into the same
	// output folder holds its lock, with that build's process id (0 when
	// unknown); Site then waits for it (see publish.LockOutput).
	Waiting func(pid int)

	// checkOnly is check: nothing is written, so no QR image is drawn and
	// no open data or feed made.
	checkOnly bool
	// keyed gives the render's jobs keys (render.Options.Keyed): Site sets
	// it when the output keeps a manifest to keep files by.
	keyed bool
	// rest is the digest of every source but the reports (see
	// fingerprint), when known: the key of the feeds.
	rest *[sha256.Size]byte
	// fragments keeps the units' charts (render.Options.Fragments).
	fragments *fragments.Store
}

func (o Options) site() string {
	if o.Site == "" {
		return "."
	}
	return o.Site
}

// Out is the output folder the options name.
func (o Options) OutDir() string {
	if o.Out != "" {
		return o.Out
	}
	return filepath.Join(o.site(), "public")
}

// CacheDir is the folder where older versions kept a cache of the site in
// DIR: .loa-cache/ in the site, beside content/. Nothing reads or writes
// it any more, since anyone who can write it (a cache shared between CI
// jobs, a restored artifact) could forge what it holds: the manifest of
// an output and the record of its build are kept beside the output (see
// uptodate.go). It can be deleted.
func (o Options) CacheDir() string { return filepath.Join(o.site(), ".loa-cache") }

// Stats says what a build wrote.
type Stats struct {
	Files   int64
	Bytes   int64
	Elapsed time.Duration
	Saved   int64 // bytes that Options.Minify took off HTML and CSS
	Linked  int64 // files the same as in the previous output, linked rather than written
	// UpToDate is set when nothing changed since the last build into the
	// same folder, which was left as it was (see uptodate.go).
	UpToDate bool
	// Kept lists the files of the output that no Loa build wrote, carried
	// over into the new output (see publish.Staging.Kept).
	Kept []string
}

// droppedShown is how many dropped unit pages a warning names.
const droppedShown = 10

// Model reads the site and computes its model. Problems go to diags; the
// model is returned even when there are errors.
func Model(opts Options, diags *diag.List) *campaign.Campaign {
	if opts.BaseURL != "" {
		if _, err := load.CheckBaseURL(opts.BaseURL); err != nil {
			diags.Errorf(diag.Pos{File: "--base-url"}, "the URL %v", err)
		}
	}
	s := load.ReadCached(opts.site(), diags, opts.Sources)
	return campaign.New(s, campaign.Options{Drafts: opts.Drafts, BaseURL: opts.BaseURL, Cache: opts.Model}, diags)
}

// CheckBaseURL checks a base URL given in place of site.toml's base_url
// (--base-url), as base_url is checked: see load.CheckBaseURL.
func CheckBaseURL(u string) error {
	if _, err := load.CheckBaseURL(u); err != nil {
		return diag.Textf("--base-url %v", err)
	}
	return nil
}

// Render runs the whole pipeline into sink. It returns ErrContent when the
// sources have errors (listed in diags), before anything reaches sink.
func Render(opts Options, sink render.Sink, diags *diag.List) error {
	_, p, err := Prepare(opts, diags)
	if err != nil {
		return err
	}
	if err := p.WriteAll(sink); err != nil {
		if diags.HasErrors() {
			return ErrContent
		}
		return err
	}
	if diags.HasErrors() {
		return ErrContent
	}
	return nil
}

// Prepare runs the pipeline up to the last check before writing: the
// model (returned even when there are errors, nil only when it could not
// be read at all) and the render, whose files can then all be written
// (Render) or made one by one when asked for (serve). It returns
// ErrContent when the sources have errors, listed in diags.
func Prepare(opts Options, diags *diag.List) (*campaign.Campaign, *render.Prepared, error) {
	c := Model(opts, diags)
	if opts.InjectFor != nil {
		opts.Inject = opts.InjectFor(c)
	}
	th, err := theme.LoadCached(opts.site(), c.Site.Theme, opts.Themes)
	if err != nil {
		diags.Errorf(diag.Pos{File: filepath.ToSlash(filepath.Join("themes", c.Site.Theme))}, "%v", err)
		return c, nil, ErrContent
	}
	// Errors in the sources do not stop here: the model holds what could
	// be read, and render's checks (the Markdown of every page and
	// directive, its links) run on it, so that one run reports every
	// problem of the site (CONTENT.md). Nothing is written when there are
	// errors: render.Prepare returns them before running any job.
	// Inject is serve's own script, never content: it is trusted HTML.
	ropts := render.Options{Theme: th, Inject: template.HTML(opts.Inject), SkipQR: opts.checkOnly, Docs: opts.Markdown, Fragments: opts.fragments}
	inputs := sync.OnceValue(func() [][sha256.Size]byte { return period.Inputs(c) })
	if opts.keyed {
		if code, err := executableSum(); err == nil {
			ropts.Keyed, ropts.Inputs = true, inputs
			ropts.Salt = fmt.Appendf(code[:], "minify=%t drafts=%t base-url=%q", opts.Minify, opts.Drafts, opts.BaseURL)
		}
	}
	// The feed's summaries come from the render's parses; its jobs run
	// once Prepare returned (WriteAll, or serve asking for a file).
	var prepared *render.Prepared
	summary := func(d *campaign.Directive, max int) (string, bool) { return prepared.LabelSummary(d, max) }
	ropts.Also = otherFiles(c, inputs, opts.rest, summary)
	// The open data of each period's report is written by the job of the
	// report's page, which has the period's figures at hand. Made for
	// each, the periods took 8% of a national cold build's processor
	// time; made once, 5-6%.
	ropts.ReportData = opendata.ReportJSON
	if cms.Enabled(c) {
		ropts.Also = append(ropts.Also, adminFiles(c, th))
	}
	if opts.checkOnly {
		// check makes none of them, but links to them are links that work.
		for i := range ropts.Also {
			ropts.Also[i].Write = func(render.Sink) error { return nil }
		}
		ropts.ReportData = func(*period.Period) []byte { return nil }
	}
	p, err := render.Prepare(c, ropts, diags)
	prepared = p
	if err != nil {
		if diags.HasErrors() {
			return c, nil, ErrContent
		}
		return c, nil, err
	}
	if diags.HasErrors() {
		return c, nil, ErrContent
	}
	return c, p, nil
}

// otherFiles are the files that packages other than render make from the
// model; they are written in render's pool, beside the pages.
//
// The open data is made of the figures of the campaign alone, as a period
// is: its key is the digest of the latest period's inputs (see
// render.Extra.Key). The open data of each period's report is not here:
// render writes it beside the report's page (render.Options.ReportData).
func otherFiles(c *campaign.Campaign, inputs func() [][sha256.Size]byte, rest *[sha256.Size]byte, summary func(*campaign.Directive, int) (string, bool)) []render.Extra {
	latest := func() [sha256.Size]byte { in := inputs(); return in[len(in)-1] }
	// The feeds list every page, the directives and the latest report's
	// date: made of every source but the reports, and the reports' dates.
	var feedsKey func() [sha256.Size]byte
	if rest != nil {
		feedsKey = func() [sha256.Size]byte {
			h := sha256.New()
			h.Write(rest[:])
			for _, r := range c.Reports {
				h.Write([]byte(r.Date.Format(time.DateOnly)))
			}
			var k [sha256.Size]byte
			h.Sum(k[:0])
			return k
		}
	}
	files := []render.Extra{
		{Paths: []string{opendata.JSONPath}, Key: latest, Write: func(sink render.Sink) error {
			return render.Stream(sink, opendata.JSONPath, func(w io.Writer) error { return opendata.WriteJSON(w, c) })
		}},
		{Paths: []string{opendata.CSVPath}, Key: latest, Write: func(sink render.Sink) error {
			return render.Stream(sink, opendata.CSVPath, func(w io.Writer) error { return opendata.WriteCSV(w, c) })
		}},
		{Paths: append(feeds.SitemapPaths(c), feeds.RobotsPath, feeds.FeedPath), Key: feedsKey, Write: func(sink render.Sink) error {
			for _, f := range feeds.Sitemaps(c) {
				if err := sink.Put(f.Path, f.Data); err != nil {
					return err
				}
			}
			if err := sink.Put(feeds.RobotsPath, feeds.Robots(c)); err != nil {
				return err
			}
			return sink.Put(feeds.FeedPath, feeds.Feed(c, summary))
		}},
	}
	return files
}

// adminFiles is the admin of a site with [cms]: the page, from the theme,
// and Decap's configuration, from the model.
func adminFiles(c *campaign.Campaign, th *theme.Theme) render.Extra {
	return render.Extra{Paths: cms.Paths(c), Write: func(sink render.Sink) error {
		bound, err := th.Bind(c.Site.BaseURL)
		if err != nil {
			return err
		}
		page, err := cms.Page(bound, c)
		if err != nil {
			return err
		}
		cfg, err := cms.Config(c, cms.Options{})
		if err != nil {
			return err
		}
		if err := sink.Put(cms.PagePath, page); err != nil {
			return err
		}
		return sink.Put(cms.ConfigPath, cfg)
	}}
}

// Site builds the site into its output folder: into a staging folder first,
// swapped in only when everything succeeded.
//
// It refuses (a *publish.OutputError) an output folder that would hold the
// site's sources, and waits for another build into the same folder to
// finish (Options.Waiting).
func Site(opts Options, diags *diag.List) (Stats, error) {
	start := time.Now()
	if err := publish.CheckOutput(opts.site(), opts.OutDir()); err != nil {
		return Stats{}, err
	}
	out, err := filepath.Abs(opts.OutDir())
	if err != nil {
		return Stats{}, err
	}
	lock, err := publish.LockOutput(out, opts.Waiting)
	if err != nil {
		return Stats{}, diag.Textf("cannot lock the output folder %s: %w", out, err)
	}
	defer lock.Release()
	// The manifest of the previous output, kept beside it (never in the
	// cache, which others may write: see publish.PreviousManifest), lets
	// the staging link the files that come out the same rather than write
	// them (see publish.Record), and tells whether that output is still as
	// it was written (see uptodate.go).
	var (
		prev *publish.Manifest
		sum  [sha256.Size]byte
		sure bool
	)
	if !opts.NoCache {
		// Read while the sources are hashed: two jobs of about the same
		// size nationally, one on each core.
		read := make(chan *publish.Manifest, 1)
		go func() { read <- publish.PreviousManifest(out) }()
		var rest [sha256.Size]byte
		sum, rest, sure = fingerprint(opts, out)
		prev = <-read
		if sure {
			opts.rest = &rest
			if rec, ok := upToDate(out, sum, prev); ok {
				publish.Tidy(out)
				for _, d := range rec.Diags {
					diags.Add(d)
				}
				return Stats{Files: rec.Files, Bytes: rec.Bytes, UpToDate: true, Elapsed: time.Since(start)}, nil
			}
		}
	}
	st, err := publish.Begin(out)
	if err != nil {
		return Stats{}, err
	}
	// The spare is looked at (Record) while the sources are read: nothing
	// is written before WriteAll.
	recorded := make(chan struct{})
	go func() {
		if !opts.NoCache {
			st.Record(prev)
		}
		close(recorded)
	}()
	var sink render.Sink = st
	var mini *minifier
	if opts.Minify {
		mini = newMinifier(st)
		sink = mini
	}
	opts.keyed = !opts.NoCache
	// The sources, as read by the previous build into this folder, are
	// kept beside it (see load.Cache.KeepIn): only the files that changed
	// are read again.
	kept := opts.Sources == nil && !opts.NoCache
	// beside is the path of a file kept beside the output, as its manifest.
	beside := func(suffix string) string {
		return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+suffix)
	}
	var (
		docs     *render.Docs
		docsFile = beside(".loa-docs")
		code     [sha256.Size]byte
	)
	if kept {
		opts.Sources = load.NewCache()
		opts.Sources.KeepIn(beside(".loa-read"))
		// So are the parses of the Markdown bodies (render.Docs.SaveKept),
		// for the code that made them.
		var err error
		if code, err = executableSum(); err == nil && opts.Markdown == nil {
			docs = render.NewDocs()
			docs.ReadKept(docsFile, code[:])
			opts.Markdown = docs
		}
		// And the charts of the units' landing pages, as the last builds
		// drew them (see fragments).
		opts.fragments = fragments.Open(beside(".loa-charts"))
		defer opts.fragments.Close()
	}
	c, p, err := Prepare(opts, diags)
	if docs != nil && err == nil {
		docs.SaveKept(docsFile, code[:]) // a cache: what is not saved is parsed again
	}
	if kept {
		// Kept now: what the sources are does not depend on the build
		// succeeding. Then the cache goes: what it holds is the model's
		// or garbage, and it would hold memory during the render.
		opts.Sources.SaveKept() // a cache: what is not saved is read again
		opts.Sources = nil
	}
	<-recorded
	if err == nil {
		err = p.WriteAll(sink)
		if diags.HasErrors() {
			err = ErrContent
		}
	}
	if err != nil {
		st.Abort()
		return Stats{}, err
	}
	for pg := range render.AllPages(c) {
		if pg.Kind == "unit" || pg.Kind == "alias" || pg.Kind == "merged" {
			st.Mark(pg.File, publish.KindUnit)
		}
	}
	dropped := st.Dropped(publish.KindUnit)
	if sure {
		st.Note(recordBytes(record{Fingerprint: sum, Diags: portable(diags.All()), Files: st.Files(), Bytes: st.Bytes()}))
	}
	if err := st.Commit(); err != nil {
		st.Abort()
		return Stats{}, err
	}
	if opts.fragments != nil {
		opts.fragments.Save() // a cache: what is not saved is drawn again
	}
	stats := Stats{Files: st.Files(), Bytes: st.Bytes(), Linked: st.Linked(), Kept: st.Kept(), Elapsed: time.Since(start)}
	if mini != nil {
		stats.Saved = mini.saved.Load()
	}
	// Not in the record: a build that finds the output up to date drops
	// nothing.
	warnDropped(dropped, diags)
	return stats, nil
}

// warnDropped warns of the unit landing pages (files "don-vi/<id>/index.html")
// of the previous output that this build no longer writes: printed QR codes
// may lead there. An alias (aliases in the unit's file) keeps such a page.
func warnDropped(files []string, diags *diag.List) {
	if len(files) == 0 {
		return
	}
	var urls []string
	for i, f := range files {
		if i == droppedShown {
			break
		}
		urls = append(urls, "/"+strings.TrimSuffix(f, "index.html"))
	}
	pos := diag.Pos{File: "content/units"}
	if more := len(files) - len(urls); more > 0 {
		diags.Warnf(pos, "%d unit landing page(s) of the previous output are gone: %s, and %d more. Printed QR codes may lead there: if a unit was renamed, list its former id in aliases so that its old address keeps working", len(files), strings.Join(urls, ", "), more)
		return
	}
	diags.Warnf(pos, "%d unit landing page(s) of the previous output are gone: %s. Printed QR codes may lead there: if a unit was renamed, list its former id in aliases so that its old address keeps working", len(files), strings.Join(urls, ", "))
}

// Check validates everything a build would and writes nothing.
func Check(opts Options, diags *diag.List) error {
	opts.checkOnly = true
	return Render(opts, discard{}, diags)
}

type discard struct{}

func (discard) Put(string, []byte) error { return nil }

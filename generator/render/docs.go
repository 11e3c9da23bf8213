package render

import (
	"crypto/sha256"
	"encoding/binary"
	"strconv"
	"sync"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/markdown"
)

// Docs keeps the parses of Markdown bodies from one render to the next
// (serve: after a report is saved, the thousand directives of a national
// site are the same, and parsing them was a third of a rebuild). A parse
// depends on the body and where it stands, on the options of the
// Converter, and, through the checks of the directives, on which groups
// and units exist: all of that is the key. Only the entries of the last
// render are kept. A Docs is safe for concurrent use.
type Docs struct {
	mu   sync.Mutex
	last map[[sha256.Size]byte]*parsed // of the last render
	next map[[sha256.Size]byte]*parsed // of the render under way
	// lastSame and nextSame find the parse of a body that is the very
	// slice of a body parsed before (load.Cache gives it again for a file
	// that did not change) without hashing it.
	lastSame map[sameBody]*parsed
	nextSame map[sameBody]*parsed
	// kept holds the parses an earlier build kept (ReadKept), without
	// their documents.
	kept map[[sha256.Size]byte]*parsed
}

// sameBody is a body by its memory, which the map keeps alive: while a
// key holds it, no other body can be there. Bodies are never changed.
type sameBody struct {
	data *byte
	n    int
	refs [sha256.Size]byte
	file string
	line int
}

type parsed struct {
	doc   *markdown.Document // nil for a parse kept by an earlier build
	diags []diag.Diagnostic  // of the parse (the links are checked again)
	links []markdown.Link    // doc.Links()
	key   [sha256.Size]byte  // its key in last and next
	// What the keys of a page read of its body, and the summaries: kept
	// beside the output (keptdocs.go) for a body that had no problem.
	directives []*markdown.Directive
	label      string // LabelSummary of summaryRunes
	static     bool   // Summary of summaryRunes is label, whatever the figures
}

// summaryRunes is the length of the summaries a render takes of a body:
// the description of a page, the summary of a directive in the feed
// (feeds.SummaryLength).
const summaryRunes = 160

// newParsed is the parse of doc, of that key, with the problems diags.
func newParsed(doc *markdown.Document, diags []diag.Diagnostic, key [sha256.Size]byte) *parsed {
	label, static := doc.StaticSummary(summaryRunes)
	return &parsed{doc: doc, diags: diags, links: doc.Links(), key: key, directives: doc.Directives(), label: label, static: static}
}

// docRef is one Markdown body as the render uses it: what the keys of its
// pages and the summaries read is at hand; the document is parsed when a
// page of it is made, if the parse was kept by an earlier build.
type docRef struct {
	src []byte
	p   *parsed
	doc func() *markdown.Document
}

func (r *docRef) Source() []byte                    { return r.src }
func (r *docRef) Directives() []*markdown.Directive { return r.p.directives }

// Summary is the document's Summary of summaryRunes: of the parse when a
// text directive stands in it (its figures are the render's).
func (r *docRef) Summary() string {
	if r.p.static {
		return r.p.label
	}
	return r.doc().Summary(summaryRunes)
}

// LabelSummary is the document's LabelSummary of max runes.
func (r *docRef) LabelSummary(max int) string {
	if max == summaryRunes {
		return r.p.label
	}
	return r.doc().LabelSummary(max)
}

// ref is the docRef of p, a parse of body as conv parses it.
func (p *parsed) ref(conv *markdown.Converter, body []byte, file string, line int) *docRef {
	r := &docRef{src: body, p: p}
	if p.doc != nil {
		r.doc = sync.OnceValue(func() *markdown.Document { return p.doc.Rebind(conv) })
	} else {
		// Kept with no problem: parsed again the same, its problems none.
		r.doc = sync.OnceValue(func() *markdown.Document { return conv.Parse(body, file, line, nil) })
	}
	return r
}

// NewDocs returns an empty cache of parses.
func NewDocs() *Docs { return &Docs{} }

// begin starts a render: what it does not use again is forgotten at the
// next begin.
func (d *Docs) begin() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.next != nil {
		d.last, d.lastSame = d.next, d.nextSame
	}
	d.next, d.nextSame = map[[sha256.Size]byte]*parsed{}, map[sameBody]*parsed{}
}

// refsKey hashes what the checks of directives look up in the model: the
// groups and units (aliases included) that exist, and the Converter's
// options.
func refsKey(c *campaign.Campaign) [sha256.Size]byte {
	h := sha256.New()
	field := func(s string) {
		h.Write(binary.AppendUvarint(nil, uint64(len(s))))
		h.Write([]byte(s))
	}
	field("loa docs 1")
	field(c.Site.BasePath)
	field(strconv.FormatBool(c.Site.RawHTML))
	// While a unit file is unread, unknown ids are not reported.
	field(strconv.FormatBool(c.UnitFilesUnread()))
	for _, g := range c.Groups {
		field("g " + g.ID)
	}
	for _, u := range c.All {
		field("u " + u.ID)
		for _, a := range u.Aliases {
			field("a " + a)
		}
	}
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
}

func docKey(refs [sha256.Size]byte, body []byte, file string, line int) [sha256.Size]byte {
	h := sha256.New()
	h.Write(refs[:])
	h.Write(binary.AppendUvarint(nil, uint64(len(file))))
	h.Write([]byte(file))
	h.Write(binary.AppendUvarint(nil, uint64(line)))
	h.Write(body)
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
}

// parse parses body through the cache, adding its problems to diags.
func (d *Docs) parse(conv *markdown.Converter, refs [sha256.Size]byte, body []byte, file string, line int, diags *diag.List) *docRef {
	if d == nil {
		doc := conv.Parse(body, file, line, diags)
		return newParsed(doc, nil, [sha256.Size]byte{}).ref(conv, body, file, line)
	}
	var same sameBody
	var p *parsed
	ok := false
	if len(body) > 0 {
		same = sameBody{data: &body[0], n: len(body), refs: refs, file: file, line: line}
		d.mu.Lock()
		p, ok = d.nextSame[same]
		if !ok {
			p, ok = d.lastSame[same]
		}
		d.mu.Unlock()
	}
	var key [sha256.Size]byte
	if !ok {
		key = docKey(refs, body, file, line)
		d.mu.Lock()
		p, ok = d.next[key]
		if !ok {
			p, ok = d.last[key]
		}
		if !ok {
			p, ok = d.kept[key]
		}
		d.mu.Unlock()
		if !ok {
			var own diag.List
			doc := conv.Parse(body, file, line, &own)
			p = newParsed(doc, own.All(), key)
		}
	} else {
		key = p.key
	}
	d.mu.Lock()
	d.next[key] = p
	if same.data != nil {
		d.nextSame[same] = p
	}
	d.mu.Unlock()
	for _, x := range p.diags {
		diags.Add(x)
	}
	return p.ref(conv, body, file, line)
}

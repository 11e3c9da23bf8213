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
	doc   *markdown.Document
	diags []diag.Diagnostic // of the parse (the links are checked again)
	links []markdown.Link   // doc.Links()
	key   [sha256.Size]byte // its key in last and next
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

// parse parses body through the cache, adding its problems to diags. It
// returns the document and its links (Document.Links).
func (d *Docs) parse(conv *markdown.Converter, refs [sha256.Size]byte, body []byte, file string, line int, diags *diag.List) (*markdown.Document, []markdown.Link) {
	if d == nil {
		doc := conv.Parse(body, file, line, diags)
		return doc, doc.Links()
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
		d.mu.Unlock()
		if !ok {
			var own diag.List
			doc := conv.Parse(body, file, line, &own)
			p = &parsed{doc: doc, diags: own.All(), links: doc.Links(), key: key}
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
	return p.doc.Rebind(conv), p.links
}

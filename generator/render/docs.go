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
	last map[[sha256.Size]byte]parsed // of the last render
	next map[[sha256.Size]byte]parsed // of the render under way
}

type parsed struct {
	doc   *markdown.Document
	diags []diag.Diagnostic // of the parse (the links are checked again)
}

// NewDocs returns an empty cache of parses.
func NewDocs() *Docs { return &Docs{} }

// begin starts a render: what it does not use again is forgotten at the
// next begin.
func (d *Docs) begin() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.next != nil {
		d.last = d.next
	}
	d.next = map[[sha256.Size]byte]parsed{}
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
func (d *Docs) parse(conv *markdown.Converter, refs [sha256.Size]byte, body []byte, file string, line int, diags *diag.List) *markdown.Document {
	if d == nil {
		return conv.Parse(body, file, line, diags)
	}
	key := docKey(refs, body, file, line)
	d.mu.Lock()
	p, ok := d.next[key]
	if !ok {
		p, ok = d.last[key]
	}
	d.mu.Unlock()
	if !ok {
		var own diag.List
		p = parsed{doc: conv.Parse(body, file, line, &own), diags: own.All()}
	}
	d.mu.Lock()
	d.next[key] = p
	d.mu.Unlock()
	for _, x := range p.diags {
		diags.Add(x)
	}
	return p.doc.Rebind(conv)
}

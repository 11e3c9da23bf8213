package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/gob"
	"os"
	"slices"

	"github.com/loa-vn/loa/generator/markdown"
)

// A build is a new process each time, so its Docs starts empty, and
// nationally parsing the thousand directives is the largest part of a
// render that runs no page: every page's key reads its body's directives
// and summary. SaveKept keeps, for each body of the last render that
// parsed without a problem, what the keys and the feed read of it (its
// directives, links and label summary), and ReadKept takes them back in
// the next build: a kept body is parsed only when a page of it is made.
//
// A kept parse is found by the key of its body, which holds where the
// body stands, the Converter's options and the groups and units its
// directives may name (refsKey, docKey). What a parse gives also depends
// on the code of Loa: the file is written with a salt (build gives the
// digest of its executable) and read only with the same. The file holds
// its own SHA-256: one cut short or damaged is not used, and every body
// is parsed. The file is the caller's to choose where only Loa writes
// (build keeps it beside the output, as its manifest).

const keptDocsVersion = "loa-docs 1"

// keptDocs is the file SaveKept writes, before its SHA-256.
type keptDocs struct {
	Version string
	Salt    []byte
	Docs    []keptDoc
}

type keptDoc struct {
	Key        [sha256.Size]byte
	Directives []markdown.Directive
	Links      []markdown.Link
	Label      string
	Static     bool
}

// ReadKept takes the parses kept in file by SaveKept with the same salt;
// a file that is missing, damaged or of another salt is left unread.
func (d *Docs) ReadKept(file string, salt []byte) {
	b, err := os.ReadFile(file)
	if err != nil || len(b) < sha256.Size {
		return
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return
	}
	var k keptDocs
	if gob.NewDecoder(bytes.NewReader(body)).Decode(&k) != nil || k.Version != keptDocsVersion || !bytes.Equal(k.Salt, salt) {
		return
	}
	kept := make(map[[sha256.Size]byte]*parsed, len(k.Docs))
	for _, e := range k.Docs {
		dirs := make([]*markdown.Directive, len(e.Directives))
		for i := range e.Directives {
			dirs[i] = &e.Directives[i]
		}
		kept[e.Key] = &parsed{key: e.Key, links: e.Links, directives: dirs, label: e.Label, static: e.Static}
	}
	d.mu.Lock()
	d.kept = kept
	d.mu.Unlock()
}

// SaveKept writes to file, with salt, what the last render parsed without
// a problem, unless that is what ReadKept took.
func (d *Docs) SaveKept(file string, salt []byte) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	same := len(d.next) == len(d.kept)
	for key, p := range d.next {
		if !same {
			break
		}
		same = len(p.diags) == 0 && d.kept[key] == p
	}
	if same {
		return nil
	}
	var docs []keptDoc
	for key, p := range d.next {
		if len(p.diags) > 0 {
			continue
		}
		dirs := make([]markdown.Directive, len(p.directives))
		for i, x := range p.directives {
			dirs[i] = *x
		}
		docs = append(docs, keptDoc{Key: key, Directives: dirs, Links: p.links, Label: p.label, Static: p.static})
	}
	// In the order of the keys: the same parses make the same file.
	slices.SortFunc(docs, func(a, b keptDoc) int { return bytes.Compare(a.Key[:], b.Key[:]) })
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(keptDocs{Version: keptDocsVersion, Salt: salt, Docs: docs}); err != nil {
		return err
	}
	sum := sha256.Sum256(buf.Bytes())
	buf.Write(sum[:])
	tmp := file + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, file)
}

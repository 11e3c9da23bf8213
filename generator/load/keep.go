package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/diag"
)

// A build is a new process each time, so the Cache that serve keeps in
// memory starts empty. Nationally, reading the sources again is most of
// what a rebuild after one edit costs: a million "id = count" lines in a
// hundred reports, ten thousand units in fifty files, a thousand
// directives, of which an edit changes one file. KeepIn makes a Cache
// keep what it made of each source file but site.toml in a folder, one
// file each, with the source file's size, times and inode; a later
// ReadCached through another Cache kept in the same folder takes a file
// that still has them from there, without reading or parsing it.
//
// Only what was read without any problem is kept, so that what is taken
// back is the value alone, never its diagnostics, and only when decoding
// what is kept gives the very value read (reflect.DeepEqual), so that
// taking it back is the same as reading the file. A kept file holds its
// own SHA-256: one cut short, corrupted or of another version is not
// used, and the file is read. The folder is the caller's to choose where
// only Loa writes (build keeps it beside the output, as its manifest).
// A report is kept in a compact form of its own; the rest as
// keepcodec.go says.

const keptMagic = "loa-kept 2\n"

// KeepIn makes c take what is kept in the folder dir and keep there
// what it reads (SaveKept): reports, groups, directives and pages.
func (c *Cache) KeepIn(dir string) {
	c.mu.Lock()
	c.keepDir = dir
	c.fresh = map[string]bool{}
	c.mu.Unlock()
}

// SaveKept writes into the folder given to KeepIn what was read
// since, and removes what was kept of files that the last ReadCached did
// not read (deleted ones). Without KeepIn (or on a nil Cache) it does
// nothing.
func (c *Cache) SaveKept() error {
	if c == nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.keepDir == "" {
		return nil
	}
	if err := os.MkdirAll(c.keepDir, 0o755); err != nil {
		return err
	}
	want := map[string]bool{}
	for rel, f := range c.files {
		if !keepable(f.kind) {
			continue
		}
		name := keptName(rel)
		want[name] = true
		if !c.fresh[rel] || f.value == nil || len(f.diags) > 0 {
			continue
		}
		b := encodeKept(rel, f.kind, f.stamp, f.value)
		if b == nil {
			continue
		}
		if back, err := decodeKept(b, rel, f.kind, f.stamp); err != nil || !reflect.DeepEqual(back, f.value) {
			continue // not kept whole: read again next time
		}
		p := filepath.Join(c.keepDir, name)
		if err := os.WriteFile(p+".tmp", b, 0o644); err != nil {
			return err
		}
		if err := os.Rename(p+".tmp", p); err != nil {
			return err
		}
	}
	c.fresh = map[string]bool{}
	entries, err := os.ReadDir(c.keepDir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !want[e.Name()] {
			os.Remove(filepath.Join(c.keepDir, e.Name()))
		}
	}
	return nil
}

// keepable reports whether what is made of files of that kind is kept.
func keepable(k jobKind) bool { return k != jobConfig }

// keptName is the name of the kept file of the source file rel.
func keptName(rel string) string {
	sum := sha256.Sum256([]byte(rel))
	return hex.EncodeToString(sum[:16]) + ".kept"
}

// kept returns what was kept of the file rel, of that kind, when it still
// has stamp; nil otherwise.
func (c *Cache) kept(rel string, kind jobKind, stamp fileStamp) any {
	c.mu.Lock()
	dir := c.keepDir
	c.mu.Unlock()
	if dir == "" {
		return nil
	}
	b, err := os.ReadFile(filepath.Join(dir, keptName(rel)))
	if err != nil {
		return nil
	}
	v, err := decodeKept(b, rel, kind, stamp)
	if err != nil {
		return nil
	}
	return v
}

// encodeKept encodes v, made of the file rel of that kind and stamp; nil
// when it cannot.
func encodeKept(rel string, kind jobKind, stamp fileStamp, v any) []byte {
	b := []byte(keptMagic)
	b = append(b, byte(kind))
	b = binary.AppendUvarint(b, uint64(len(rel)))
	b = append(b, rel...)
	b = binary.AppendVarint(b, stamp.size)
	b = binary.AppendVarint(b, stamp.mtime)
	b = binary.AppendVarint(b, stamp.ctime)
	b = binary.AppendUvarint(b, stamp.ino)
	if rep, ok := v.(*Report); ok && kind == jobReport {
		b = encodeReport(b, rel, rep)
	} else {
		p := keptValue(kind)
		if !p.IsValid() || reflect.TypeOf(v) != p.Type() || reflect.ValueOf(v).IsNil() {
			return nil
		}
		var err error
		if b, err = appendValue(b, reflect.ValueOf(v).Elem()); err != nil {
			return nil
		}
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// keptValue is a new value of what files of that kind are read into (a
// *Group, *Directive or *Page); invalid for a kind kept otherwise.
func keptValue(kind jobKind) reflect.Value {
	switch kind {
	case jobGroup:
		return reflect.ValueOf(new(Group))
	case jobDirective:
		return reflect.ValueOf(new(Directive))
	case jobPage, jobHome:
		return reflect.ValueOf(new(Page))
	}
	return reflect.Value{}
}

// decodeKept decodes what encodeKept encoded of the file rel of that kind,
// if it was kept with stamp.
func decodeKept(b []byte, rel string, kind jobKind, stamp fileStamp) (any, error) {
	if len(b) < len(keptMagic)+1+sha256.Size || !bytes.HasPrefix(b, []byte(keptMagic)) {
		return nil, errKept
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errKept
	}
	if jobKind(body[len(keptMagic)]) != kind {
		return nil, errKept
	}
	d := &decoder{b: body[len(keptMagic)+1:]}
	if d.str() != rel {
		return nil, errKept
	}
	if got := (fileStamp{size: d.num(), mtime: d.num(), ctime: d.num(), ino: d.unum()}); got != stamp || d.err != nil {
		return nil, errKept
	}
	if kind == jobReport {
		return decodeReport(d, rel)
	}
	p := keptValue(kind)
	if !p.IsValid() {
		return nil, errKept
	}
	d.value(p.Elem())
	if d.err != nil || len(d.b) != 0 {
		return nil, errKept
	}
	return p.Interface(), nil
}

// encodeReport appends rep, read from the file rel, to b. The positions'
// files are taken to be rel and the date a UTC midnight, as load makes
// them: SaveKept keeps a report only when decoding gives it back whole.
func encodeReport(b []byte, rel string, rep *Report) []byte {
	var ids strings.Builder
	for _, u := range rep.Units {
		ids.WriteString(u.ID)
	}
	b = slices.Grow(b, 64+len(rep.Source)+len(rep.Note)+ids.Len()+12*len(rep.Units))
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n int64) { b = binary.AppendVarint(b, n) }
	num(rep.Date.Unix())
	num(rep.Followers)
	str(rep.Source)
	str(rep.Note)
	num(int64(rep.FollowersPos.Line))
	num(int64(rep.FollowersPos.Col))
	num(int64(len(rep.Units)))
	str(ids.String())
	for _, u := range rep.Units {
		num(int64(len(u.ID)))
		num(u.Count)
		num(int64(u.Line))
		num(int64(u.Col))
	}
	return b
}

var errKept = errors.New("load: not a kept report")

// decodeReport decodes a report of the file rel from d (encodeReport).
func decodeReport(d *decoder, rel string) (*Report, error) {
	rep := &Report{File: rel, Pos: diag.Pos{File: rel, Line: 1, Col: 1}}
	rep.Date = time.Unix(d.num(), 0).UTC()
	rep.Followers = d.num()
	rep.Source = d.str()
	rep.Note = d.str()
	rep.FollowersPos = diag.Pos{File: rel, Line: int(d.num()), Col: int(d.num())}
	n := d.num()
	ids := d.str()
	if d.err != nil || n <= 0 || n > int64(len(d.b)) {
		return nil, errKept
	}
	rep.Units = make([]UnitCount, n)
	// The four varints of each count are read here, off a local slice,
	// rather than by d.num: a national rebuild decodes a million counts,
	// and the calls, each writing d.b back, were 45% of it in a profile.
	b := d.b
	at := 0
	var v [4]int64 // the id's length, the count, its line and column
	for i := range rep.Units {
		for j := range v {
			var ux uint64
			if len(b) > 0 && b[0] < 0x80 {
				ux, b = uint64(b[0]), b[1:] // one byte, as most are
			} else {
				n, k := binary.Uvarint(b)
				if k <= 0 {
					return nil, errKept
				}
				ux, b = n, b[k:]
			}
			v[j] = int64(ux>>1) ^ -int64(ux&1) // binary.Varint's zigzag
		}
		l := int(v[0])
		if l < 0 || at+l > len(ids) {
			return nil, errKept
		}
		rep.Units[i] = countAt(ids[at:at+l], v[1], int(v[2]), int(v[3]))
		at += l
	}
	if at != len(ids) || len(b) != 0 {
		return nil, errKept
	}
	return rep, nil
}

type decoder struct {
	b   []byte
	err error
}

// num takes a varint off d (binary.Varint: the zigzag of a uvarint).
func (d *decoder) num() int64 {
	ux := d.unum()
	x := int64(ux >> 1)
	if ux&1 != 0 {
		x = ^x
	}
	return x
}

// unum takes a uvarint off d.
func (d *decoder) unum() uint64 {
	if len(d.b) > 0 && d.b[0] < 0x80 {
		// One byte, as most are: a line, a column, a length.
		n := uint64(d.b[0])
		d.b = d.b[1:]
		return n
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *decoder) str() string {
	n, k := binary.Uvarint(d.b)
	if k <= 0 || n > uint64(len(d.b)-k) {
		d.err = errKept
		d.b = nil
		return ""
	}
	s := string(d.b[k : k+int(n)])
	d.b = d.b[k+int(n):]
	return s
}

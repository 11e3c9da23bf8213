package load

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/diag"
)

// A build is a new process each time, so the Cache that serve keeps in
// memory starts empty. Of what it would hold, the reports are nearly all of
// the work of load nationally: a million "id = count" lines in a hundred
// files, of which an edit changes one. KeepReports makes a Cache keep each
// report it reads in a folder, one file a report, with the report file's
// size, times and inode; a later ReadCached through another Cache kept in
// the same folder takes a report whose file still has them from there,
// without reading or parsing it.
//
// Only a report read without any problem is kept, so that what is taken
// back is the Report alone, never its diagnostics. A kept file holds its
// own SHA-256: one cut short, corrupted or of another version is not
// used, and the report is read. The folder is the caller's to choose where
// only Loa writes (build keeps it beside the output, as its manifest).

const keptMagic = "loa-report 1\n"

// KeepReports makes c read reports kept in the folder dir and keep there
// the reports it reads (SaveReports).
func (c *Cache) KeepReports(dir string) {
	c.mu.Lock()
	c.keepDir = dir
	c.fresh = map[string]bool{}
	c.mu.Unlock()
}

// SaveReports writes into the folder given to KeepReports the reports read
// since, and removes the files of reports that were not read by the last
// ReadCached (deleted ones). Without KeepReports (or on a nil Cache) it
// does nothing.
func (c *Cache) SaveReports() error {
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
		if f.kind != jobReport {
			continue
		}
		name := keptName(rel)
		want[name] = true
		rep, ok := f.value.(*Report)
		if !c.fresh[rel] || !ok || len(f.diags) > 0 {
			continue
		}
		b := encodeReport(rel, f.stamp, rep)
		if b == nil {
			continue
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

// keptName is the name of the kept file of the report at rel.
func keptName(rel string) string {
	sum := sha256.Sum256([]byte(rel))
	return hex.EncodeToString(sum[:16]) + ".report"
}

// kept returns the report at rel as kept, when its file still has stamp.
func (c *Cache) kept(rel string, stamp fileStamp) *Report {
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
	rep, err := decodeReport(b, rel, stamp)
	if err != nil {
		return nil
	}
	return rep
}

// encodeReport encodes rep, read from the file rel of that stamp; nil for
// a report this encoding does not keep whole.
func encodeReport(rel string, stamp fileStamp, rep *Report) []byte {
	if rep.File != rel || rep.Pos != (diag.Pos{File: rel, Line: 1, Col: 1}) || rep.FollowersPos.File != rel ||
		rep.FollowersPos.Sheet != "" || len(rep.Units) == 0 || !rep.Date.Equal(rep.Date.UTC()) || rep.Date.Location() != time.UTC {
		return nil
	}
	var ids strings.Builder
	for _, u := range rep.Units {
		if u.Pos.File != rel || u.Pos.Sheet != "" {
			return nil
		}
		ids.WriteString(u.ID)
	}
	b := make([]byte, 0, 64+len(rel)+len(rep.Source)+len(rep.Note)+ids.Len()+12*len(rep.Units))
	b = append(b, keptMagic...)
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n int64) { b = binary.AppendVarint(b, n) }
	str(rel)
	num(stamp.size)
	num(stamp.mtime)
	num(stamp.ctime)
	b = binary.AppendUvarint(b, stamp.ino)
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
		num(int64(u.Pos.Line))
		num(int64(u.Pos.Col))
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

var errKept = errors.New("load: not a kept report")

// decodeReport decodes a kept report of the file rel, if it was kept with
// stamp.
func decodeReport(b []byte, rel string, stamp fileStamp) (*Report, error) {
	if len(b) < len(keptMagic)+sha256.Size || !bytes.HasPrefix(b, []byte(keptMagic)) {
		return nil, errKept
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, errKept
	}
	d := &decoder{b: body[len(keptMagic):]}
	if d.str() != rel {
		return nil, errKept
	}
	if got := (fileStamp{size: d.num(), mtime: d.num(), ctime: d.num(), ino: d.unum()}); got != stamp || d.err != nil {
		return nil, errKept
	}
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
	at := 0
	for i := range rep.Units {
		l := int(d.num())
		if d.err != nil || l < 0 || at+l > len(ids) {
			return nil, errKept
		}
		rep.Units[i] = UnitCount{ID: ids[at : at+l], Count: d.num(), Pos: diag.Pos{File: rel, Line: int(d.num()), Col: int(d.num())}}
		at += l
	}
	if d.err != nil || at != len(ids) || len(d.b) != 0 {
		return nil, errKept
	}
	return rep, nil
}

type decoder struct {
	b   []byte
	err error
}

func (d *decoder) num() int64   { return varint(d, binary.Varint) }
func (d *decoder) unum() uint64 { return varint(d, binary.Uvarint) }

// varint takes one number off d with read (binary.Varint or Uvarint).
func varint[T int64 | uint64](d *decoder, read func([]byte) (T, int)) T {
	n, k := read(d.b)
	if k <= 0 {
		d.err = errKept
		d.b = nil
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

package build

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/msg"
	"github.com/loa-vn/loa/generator/publish"
)

// A build's output depends only on its sources (site.toml, content/,
// themes/), its options and the generator itself: no clock, no
// environment. So when none of them changed since the last build into the
// same folder, and the folder still holds exactly the files that build
// wrote, building again would write the same bytes: Site skips the work
// and says so, as make does. The check hashes every source and the
// generator's executable, and looks at every output file's size,
// modification and change times and inode (about half a second for a
// national site): it does not read the output's bytes. A file edited in
// place gets a new change time even when its modification time is set
// back, so it is found changed; only someone who sets the system clock
// back could forge one (see publish.FileRecord).
//
// Anything it cannot vouch for (a symlink among the sources, a source it
// cannot read, an output file of the last build changed or removed by
// hand) means a build. Files that no Loa build wrote (a CNAME) are not
// looked at: a build would carry them over as they are.
// --no-cache skips the check.
//
// The record of the last build is kept with the manifest of its output,
// beside the output (publish.PreviousManifest), not in the site's
// .loa-cache/: anyone who can write a cache shared between CI jobs could
// forge a record that makes a build of changed sources leave a stale
// output, while whoever can write beside the output can write the output
// anyway. Records left in .loa-cache/ by older versions are not read.

// record is what the manifest beside the output keeps of the build that
// wrote it (publish.Manifest.Note).
type record struct {
	Fingerprint [sha256.Size]byte
	Diags       []diag.Diagnostic // its warnings, printed again when it is skipped
	Files       int64
	Bytes       int64
}

var executableSum = sync.OnceValues(func() ([sha256.Size]byte, error) {
	exe, err := os.Executable()
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	f, err := os.Open(exe)
	if err != nil {
		return [sha256.Size]byte{}, err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return [sha256.Size]byte{}, err
	}
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s, nil
})

// errUnsure stops a fingerprint that cannot vouch for its sources.
var errUnsure = errors.New("cannot tell")

// fingerprint hashes everything the output in out depends on. ok is false
// when it cannot be trusted.
//
// Each source file is hashed on its own, the files side by side on every
// processor, and the fingerprint is made of their paths and digests, in
// the order of the walk.
func fingerprint(opts Options, out string) (sum, rest [sha256.Size]byte, ok bool) {
	exeSum := make(chan [sha256.Size]byte, 1)
	go func() {
		exe, err := executableSum()
		if err != nil {
			close(exeSum)
			return
		}
		exeSum <- exe
	}()
	// What the walk finds, in order: a folder, a file (hashed below), or
	// a top that is absent.
	type item struct {
		what, path string // path: of a file, to hash
		report     bool
		sum        [sha256.Size]byte
	}
	var items []item
	reportsDir := filepath.Join(opts.site(), "content", "reports")
	site := opts.site()
	for _, top := range []string{"site.toml", "content", "themes"} {
		err := filepath.WalkDir(filepath.Join(site, top), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) && p == filepath.Join(site, top) {
					items = append(items, item{what: "absent " + top})
					return nil
				}
				return err
			}
			rel, _ := filepath.Rel(site, p)
			switch {
			case d.IsDir():
				items = append(items, item{what: "folder " + filepath.ToSlash(rel)})
			case d.Type().IsRegular():
				items = append(items, item{what: "file " + filepath.ToSlash(rel), path: p, report: filepath.Dir(p) == reportsDir})
			default: // a symlink, a device: load decides, not this check
				return errUnsure
			}
			return nil
		})
		if err != nil {
			<-exeSum
			return sum, rest, false
		}
	}
	var (
		next   atomic.Int64
		failed atomic.Bool
		wg     sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// Through one buffer: nationally the sources are 30 MB, which
			// read file by file the build would hold as garbage.
			h := sha256.New()
			buf := make([]byte, 64<<10)
			for i := int(next.Add(1) - 1); i < len(items); i = int(next.Add(1) - 1) {
				if items[i].path == "" {
					continue
				}
				f, err := os.Open(items[i].path)
				if err == nil {
					h.Reset()
					_, err = io.CopyBuffer(h, onlyReader{f}, buf)
					f.Close()
				}
				if err != nil {
					failed.Store(true)
					return
				}
				h.Sum(items[i].sum[:0])
			}
		})
	}
	wg.Wait()
	exe, haveExe := <-exeSum
	if failed.Load() || !haveExe {
		return sum, rest, false
	}
	h, hr := sha256.New(), sha256.New()
	field := func(s string) {
		var n [8]byte
		binary.LittleEndian.PutUint64(n[:], uint64(len(s)))
		h.Write(n[:])
		h.Write([]byte(s))
		hr.Write(n[:])
		hr.Write([]byte(s))
	}
	field("loa build fingerprint 2")
	h.Write(exe[:])
	field(out)
	field(opts.BaseURL)
	field(strconv.FormatBool(opts.Drafts))
	field(strconv.FormatBool(opts.Minify))
	field(opts.Inject)
	for _, it := range items {
		field(it.what)
		switch {
		case it.path == "":
		case it.report:
			h.Write(it.sum[:]) // not in rest: see Options.rest
		default:
			field(string(it.sum[:]))
		}
	}
	h.Sum(sum[:0])
	hr.Sum(rest[:0])
	return sum, rest, true
}

// outputIntact reports whether the folder out holds every file of m, each
// still the one recorded; other files are not Loa's.
func outputIntact(out string, m *publish.Manifest) bool {
	if m == nil {
		return false
	}
	n := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(out, p)
		want, ok := m.Files[filepath.ToSlash(rel)]
		if !ok {
			return nil // not Loa's: a build carries it over
		}
		if !d.Type().IsRegular() {
			return errUnsure
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		if !want.Matches(fi) {
			return errUnsure
		}
		n++
		return nil
	})
	return err == nil && n == len(m.Files)
}

// upToDate returns the record of the last build into out, kept in the
// manifest m of its output, when it can stand for a new one.
func upToDate(out string, sum [sha256.Size]byte, m *publish.Manifest) (*record, bool) {
	if m == nil {
		return nil, false
	}
	var rec record
	if err := gob.NewDecoder(bytes.NewReader(m.Note)).Decode(&rec); err != nil || rec.Fingerprint != sum {
		return nil, false
	}
	if !outputIntact(out, m) {
		return nil, false
	}
	return &rec, true
}

// portable makes diagnostics that gob can carry, in every language.
func portable(ds []diag.Diagnostic) []diag.Diagnostic {
	out := make([]diag.Diagnostic, len(ds))
	for i, d := range ds {
		out[i] = d.Portable()
	}
	return out
}

func init() { gob.Register(msg.Count(0)) }

// recordBytes encodes rec for the manifest of the output (Staging.Note).
func recordBytes(rec record) []byte {
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(rec); err != nil {
		return nil // not kept: the next build builds
	}
	return b.Bytes()
}

// onlyReader hides the WriterTo of an *os.File, which io.CopyBuffer would
// take instead of the buffer it is given.
type onlyReader struct{ io.Reader }

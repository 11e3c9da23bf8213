// Package cache keeps data on disk, each under a key. No build reads or
// writes it any more: the manifest of an output folder and the record of
// the build that wrote it, which older versions kept in the site's
// .loa-cache/, are kept beside the output (see package publish), since
// anyone who can write a cache can forge it. Tests use it to write the
// entries of such an older cache.
//
// Entries are files named by a hash of their key. Each ends with a check
// sum of its key and contents, so an entry that was truncated, damaged or
// written for another key is never used: Get reports a miss and the caller
// makes the output afresh (and Puts it again). Put writes a temporary file
// and renames it over the entry, so a build killed in the middle leaves
// either the old entry or the new one, never half of one. Two builds
// sharing a folder may race: the last rename wins, and both entries are
// whole.
//
// The check sum guards against accidents, not people: it is keyed by
// nothing secret, so anyone who can write the folder (a shared CI cache, a
// restored artifact) can write an entry that verifies. What Get returns
// must therefore never be able to change the bytes of an output: QR
// images, which cannot be checked without drawing them again, are not
// cached at all.
//
// A cache is an optimisation only: nothing that Get or Put does can fail
// a build. A folder that cannot be created or written just caches nothing.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
)

// magic starts every entry; it changes if the entry format does.
const magic = "loa-cache 1\n"

// Dir is a cache in one folder. The nil *Dir caches nothing: Get always
// misses and Put does nothing. A Dir is safe for concurrent use.
type Dir struct {
	dir string
}

// Open returns the cache in the folder dir, which is created on the first
// Put.
func Open(dir string) *Dir { return &Dir{dir: dir} }

// Path is the cache's folder ("" for the nil Dir).
func (d *Dir) Path() string {
	if d == nil {
		return ""
	}
	return d.dir
}

func (d *Dir) file(key string) string {
	sum := sha256.Sum256([]byte(key))
	return filepath.Join(d.dir, hex.EncodeToString(sum[:20]))
}

// sum is the check sum that ends an entry: it covers the key too, so an
// entry renamed or copied under another key's name does not verify.
func sum(key string, data []byte) [sha256.Size]byte {
	h := sha256.New()
	h.Write([]byte(key))
	h.Write([]byte{0})
	h.Write(data)
	var s [sha256.Size]byte
	h.Sum(s[:0])
	return s
}

// Get returns the contents stored under key, if there is a whole entry for
// it.
func (d *Dir) Get(key string) ([]byte, bool) {
	if d == nil {
		return nil, false
	}
	b, err := os.ReadFile(d.file(key))
	if err != nil || len(b) < len(magic)+sha256.Size || string(b[:len(magic)]) != magic {
		return nil, false
	}
	data := b[len(magic) : len(b)-sha256.Size]
	want := sum(key, data)
	if !bytes.Equal(b[len(b)-sha256.Size:], want[:]) {
		return nil, false
	}
	return data, true
}

// Put stores data under key, replacing any entry. Failures are ignored:
// the next build makes the output again.
func (d *Dir) Put(key string, data []byte) {
	if d == nil {
		return
	}
	s := sum(key, data)
	b := make([]byte, 0, len(magic)+len(data)+len(s))
	b = append(append(append(b, magic...), data...), s[:]...)
	if err := writeFile(d.dir, d.file(key), b); err != nil {
		if os.MkdirAll(d.dir, 0o755) == nil {
			writeFile(d.dir, d.file(key), b)
		}
	}
}

// writeFile writes b to a temporary file in dir and renames it to name.
func writeFile(dir, name string, b []byte) error {
	f, err := os.CreateTemp(dir, ".tmp-")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

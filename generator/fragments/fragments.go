// Package fragments owns keeping pieces of pages that one build rendered
// for the next build to take instead of rendering them again: each piece
// (a fragment) is found by a key that is a digest of everything it is made
// of, which the caller computes.
//
// A Store is two files: the fragments, one after another, and their index
// (its key, where it stands, its length and its SHA-256), which Save
// writes at the end of a build. A fragment is given back only when its
// bytes still have the digest the index holds, so a file cut short,
// damaged or rewritten since costs rendering again, never a wrong page.
// Save keeps only the fragments this build asked for, added or named
// (Get, Put, Touch), and writes the fragments file anew when the ones it
// no longer lists take more room than those it keeps.
package fragments

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"sync"
)

// Key finds a fragment.
type Key = [sha256.Size]byte

const indexMagic = "loa-fragments 1\n"

type entry struct {
	off, n int64
	sum    [sha256.Size]byte
}

// A Store is the fragments kept in one file. It is safe for concurrent
// use.
type Store struct {
	path string
	f    *os.File // the fragments file, nil when it cannot be used

	mu    sync.Mutex
	size  int64 // of the fragments file
	index map[Key]entry
	live  map[Key]bool // asked for by this build
	read  int          // how many entries the index held when read
	added bool         // a fragment was added or dropped since
	err   error        // of a write: no more are made
}

// Open opens the store whose fragments are in the file path and its index
// in path+".index", made when missing. It never fails: a store whose files
// cannot be read or written keeps nothing, and every fragment is made.
func Open(path string) *Store {
	s := &Store{path: path, index: map[Key]entry{}, live: map[Key]bool{}}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		s.err = err
		return s
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		s.err = err
		return s
	}
	s.f, s.size = f, fi.Size()
	if b, err := os.ReadFile(indexPath(path)); err == nil {
		if index, ok := readIndex(b); ok {
			for k, e := range index {
				if e.off >= 0 && e.n >= 0 && e.off+e.n <= s.size {
					s.index[k] = e
				}
			}
		}
	}
	s.read = len(s.index)
	return s
}

func indexPath(path string) string { return path + ".index" }

// Get returns the fragment of key, and whether the store holds it whole.
func (s *Store) Get(key Key) ([]byte, bool) {
	s.mu.Lock()
	e, ok := s.index[key]
	s.live[key] = true
	f := s.f
	s.mu.Unlock()
	if !ok || f == nil {
		return nil, false
	}
	b := make([]byte, e.n)
	if _, err := f.ReadAt(b, e.off); err != nil || sha256.Sum256(b) != e.sum {
		s.mu.Lock()
		delete(s.index, key)
		s.added = true
		s.mu.Unlock()
		return nil, false
	}
	return b, true
}

// Touch tells the store that this build still shows the fragment of key,
// made without asking for it (its page kept): Save keeps it.
func (s *Store) Touch(key Key) {
	s.mu.Lock()
	s.live[key] = true
	s.mu.Unlock()
}

// Put adds the fragment b of key. What cannot be written is not kept.
func (s *Store) Put(key Key, b []byte) {
	sum := sha256.Sum256(b)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.live[key] = true
	if s.f == nil || s.err != nil {
		return
	}
	if _, err := s.f.WriteAt(b, s.size); err != nil {
		s.err = err
		return
	}
	s.index[key] = entry{off: s.size, n: int64(len(b)), sum: sum}
	s.size += int64(len(b))
	s.added = true
}

// Close closes the store without writing its index: what this build
// added is not kept (a build that failed).
func (s *Store) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f != nil {
		s.f.Close()
		s.f = nil
	}
}

// Save writes the index of the fragments this build asked for, and
// closes the store. When the fragments it no longer lists take more room
// than those it keeps, the fragments file is written anew first.
func (s *Store) Save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.f == nil {
		return s.err
	}
	defer func() {
		s.f.Close()
		s.f = nil
	}()
	keep := map[Key]entry{}
	var kept int64
	for k, e := range s.index {
		if s.live[k] {
			keep[k] = e
			kept += e.n
		}
	}
	if s.size-kept > kept {
		var err error
		if keep, err = s.compact(keep); err != nil {
			return err
		}
	} else if !s.added && len(keep) == s.read {
		return nil // the index as it was read
	}
	return writeFile(indexPath(s.path), indexBytes(keep))
}

// compact writes the fragments of keep into a new fragments file, in the
// order of their place in the old one, and returns their new index.
func (s *Store) compact(keep map[Key]entry) (map[Key]entry, error) {
	keys := make([]Key, 0, len(keep))
	for k := range keep {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Key) int { return cmp.Compare(keep[a].off, keep[b].off) })
	var buf bytes.Buffer
	next := make(map[Key]entry, len(keep))
	for _, k := range keys {
		e := keep[k]
		b := make([]byte, e.n)
		if _, err := s.f.ReadAt(b, e.off); err != nil || sha256.Sum256(b) != e.sum {
			continue
		}
		next[k] = entry{off: int64(buf.Len()), n: e.n, sum: e.sum}
		buf.Write(b)
	}
	// The index goes first: one killed in between lists nothing of the new
	// file, whose fragments the next build then makes again.
	if err := os.Remove(indexPath(s.path)); err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := writeFile(s.path, buf.Bytes()); err != nil {
		return nil, err
	}
	return next, nil
}

// indexBytes encodes an index: the magic, the number of entries, each
// entry (key, place and length as uvarints, SHA-256) in the order of the
// keys, and the SHA-256 of all that.
func indexBytes(index map[Key]entry) []byte {
	keys := make([]Key, 0, len(index))
	for k := range index {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b Key) int { return bytes.Compare(a[:], b[:]) })
	b := make([]byte, 0, len(indexMagic)+16+len(keys)*80)
	b = append(b, indexMagic...)
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		e := index[k]
		b = append(b, k[:]...)
		b = binary.AppendUvarint(b, uint64(e.off))
		b = binary.AppendUvarint(b, uint64(e.n))
		b = append(b, e.sum[:]...)
	}
	sum := sha256.Sum256(b)
	return append(b, sum[:]...)
}

// readIndex decodes what indexBytes encoded; ok is false for anything else.
func readIndex(b []byte) (index map[Key]entry, ok bool) {
	if len(b) < len(indexMagic)+sha256.Size || !bytes.HasPrefix(b, []byte(indexMagic)) {
		return nil, false
	}
	body, sum := b[:len(b)-sha256.Size], b[len(b)-sha256.Size:]
	if got := sha256.Sum256(body); !bytes.Equal(got[:], sum) {
		return nil, false
	}
	d := body[len(indexMagic):]
	uvarint := func() (uint64, bool) {
		v, n := binary.Uvarint(d)
		if n <= 0 {
			return 0, false
		}
		d = d[n:]
		return v, true
	}
	count, ok := uvarint()
	// An entry takes 66 bytes at least: a count beyond that is damage.
	if !ok || count > uint64(len(d))/66 {
		return nil, false
	}
	index = make(map[Key]entry, count)
	for range count {
		if len(d) < sha256.Size {
			return nil, false
		}
		var k Key
		copy(k[:], d)
		d = d[sha256.Size:]
		off, ok1 := uvarint()
		n, ok2 := uvarint()
		if !ok1 || !ok2 || len(d) < sha256.Size || off > 1<<62 || n > 1<<62 {
			return nil, false
		}
		e := entry{off: int64(off), n: int64(n)}
		copy(e.sum[:], d)
		d = d[sha256.Size:]
		index[k] = e
	}
	return index, len(d) == 0
}

// writeFile writes b to path through a temporary file renamed over it.
func writeFile(path string, b []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

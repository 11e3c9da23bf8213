package fragments

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func key(s string) Key { return sha256.Sum256([]byte(s)) }

// TestStoreAcrossBuilds plays builds one after another on real files: a
// fragment put is given back by the next build, one neither asked for
// nor touched is gone after Save, and the file is written anew once the
// fragments gone take more room than those kept.
func TestStoreAcrossBuilds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frag")
	s := Open(path)
	for i := range 10 {
		s.Put(key(fmt.Sprint(i)), bytes.Repeat([]byte{byte('a' + i)}, 100))
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}

	s = Open(path)
	for i := range 10 {
		b, ok := s.Get(key(fmt.Sprint(i)))
		if !ok || !bytes.Equal(b, bytes.Repeat([]byte{byte('a' + i)}, 100)) {
			t.Fatalf("fragment %d: %q, %v", i, b, ok)
		}
	}
	if _, ok := s.Get(key("never put")); ok {
		t.Error("a fragment never put was found")
	}
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}

	// A build that shows 0 to 3 (0 and 1 asked for, 2 and 3 touched: their
	// pages kept) and a new one.
	s = Open(path)
	s.Get(key("0"))
	s.Get(key("1"))
	s.Touch(key("2"))
	s.Touch(key("3"))
	s.Put(key("new"), []byte("mới"))
	if err := s.Save(); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(path); fi.Size() != 4*100+int64(len("mới")) {
		t.Errorf("the fragments file holds %d bytes, want only the 5 kept", fi.Size())
	}
	s = Open(path)
	for _, k := range []string{"0", "1", "2", "3", "new"} {
		if _, ok := s.Get(key(k)); !ok {
			t.Errorf("fragment %s lost", k)
		}
	}
	for _, k := range []string{"4", "9"} {
		if _, ok := s.Get(key(k)); ok {
			t.Errorf("fragment %s kept, though the last build did not show it", k)
		}
	}
	s.Close()
}

// TestDamagedStore: a fragment whose bytes changed, a fragments file cut
// short, an index damaged or missing: the fragments are not given back,
// and the store still takes new ones.
func TestDamagedStore(t *testing.T) {
	fill := func(t *testing.T) string {
		path := filepath.Join(t.TempDir(), "frag")
		s := Open(path)
		s.Put(key("a"), []byte("<svg>một</svg>"))
		s.Put(key("b"), []byte("<svg>hai</svg>"))
		if err := s.Save(); err != nil {
			t.Fatal(err)
		}
		return path
	}
	for name, damage := range map[string]func(path string){
		"a byte of a fragment": func(path string) {
			b, _ := os.ReadFile(path)
			b[3] ^= 1
			b[len(b)-3] ^= 1
			os.WriteFile(path, b, 0o644)
		},
		"the fragments cut short": func(path string) { os.Truncate(path, 5) },
		"the fragments gone":      func(path string) { os.Remove(path) },
		"a byte of the index": func(path string) {
			b, _ := os.ReadFile(indexPath(path))
			b[len(b)/2] ^= 1
			os.WriteFile(indexPath(path), b, 0o644)
		},
		"the index cut short": func(path string) { os.Truncate(indexPath(path), 40) },
		"the index gone":      func(path string) { os.Remove(indexPath(path)) },
	} {
		t.Run(name, func(t *testing.T) {
			path := fill(t)
			damage(path)
			s := Open(path)
			for _, k := range []string{"a", "b"} {
				if b, ok := s.Get(key(k)); ok {
					t.Errorf("fragment %s given back: %q", k, b)
				}
			}
			s.Put(key("c"), []byte("ba"))
			if err := s.Save(); err != nil {
				t.Fatal(err)
			}
			if b, ok := Open(path).Get(key("c")); !ok || string(b) != "ba" {
				t.Errorf("a fragment put after the damage: %q, %v", b, ok)
			}
		})
	}
}

// TestClosedStoreKeepsNothingNew: a build that fails closes its store; what
// it put is not listed, what was there stays.
func TestClosedStoreKeepsNothingNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "frag")
	s := Open(path)
	s.Put(key("a"), []byte("một"))
	s.Save()
	s = Open(path)
	s.Get(key("a"))
	s.Put(key("b"), []byte("hai"))
	s.Close()
	s = Open(path)
	if _, ok := s.Get(key("b")); ok {
		t.Error("a fragment of a failed build was kept")
	}
	if _, ok := s.Get(key("a")); !ok {
		t.Error("a fragment was lost by a failed build")
	}
}

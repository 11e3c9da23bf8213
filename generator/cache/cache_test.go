package cache

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	d := Open(filepath.Join(t.TempDir(), "a", "b")) // created by Put
	if _, ok := d.Get("k"); ok {
		t.Fatal("hit in an empty cache")
	}
	d.Put("k", []byte("one"))
	d.Put("empty", nil)
	if got, ok := d.Get("k"); !ok || string(got) != "one" {
		t.Errorf("Get(k) = %q, %v", got, ok)
	}
	if got, ok := d.Get("empty"); !ok || len(got) != 0 {
		t.Errorf("Get(empty) = %q, %v", got, ok)
	}
	d.Put("k", []byte("two"))
	if got, ok := d.Get("k"); !ok || string(got) != "two" {
		t.Errorf("after a second Put, Get(k) = %q, %v", got, ok)
	}
	if _, ok := d.Get("other"); ok {
		t.Error("hit for a key never put")
	}
	// No temporary file is left behind.
	entries, _ := os.ReadDir(d.Path())
	if len(entries) != 2 {
		t.Errorf("%d files in the cache, want 2", len(entries))
	}
}

// TestDamaged checks that an entry that does not verify is a miss, never
// wrong contents.
func TestDamaged(t *testing.T) {
	d := Open(t.TempDir())
	data := bytes.Repeat([]byte("\x89PNG data "), 50)
	damage := map[string]func(b []byte) []byte{
		"truncated":     func(b []byte) []byte { return b[:len(b)-1] },
		"cut short":     func(b []byte) []byte { return b[:10] },
		"empty":         func([]byte) []byte { return nil },
		"a byte flips":  func(b []byte) []byte { b[len(magic)+7] ^= 1; return b },
		"sum flips":     func(b []byte) []byte { b[len(b)-1] ^= 1; return b },
		"other magic":   func(b []byte) []byte { b[0] = 'L'; return b },
		"grown":         func(b []byte) []byte { return append(b, 0) },
		"another entry": func([]byte) []byte { d.Put("other", data); b, _ := os.ReadFile(d.file("other")); return b },
	}
	for name, f := range damage {
		t.Run(name, func(t *testing.T) {
			d.Put("k", data)
			b, err := os.ReadFile(d.file("k"))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(d.file("k"), f(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, ok := d.Get("k"); ok {
				t.Errorf("damaged entry read as %d bytes", len(got))
			}
			d.Put("k", data) // the caller makes it again
			if got, ok := d.Get("k"); !ok || !bytes.Equal(got, data) {
				t.Error("a new Put does not repair the entry")
			}
		})
	}
}

func TestNil(t *testing.T) {
	var d *Dir
	d.Put("k", []byte("x"))
	if _, ok := d.Get("k"); ok || d.Path() != "" {
		t.Error("the nil Dir should cache nothing")
	}
}

// TestUnwritable checks that a cache that cannot be written fails nothing.
func TestUnwritable(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	d := Open(filepath.Join(file, "cache")) // below a file: never creatable
	d.Put("k", []byte("x"))
	if _, ok := d.Get("k"); ok {
		t.Error("hit in a cache that cannot exist")
	}
}

func TestConcurrent(t *testing.T) {
	d := Open(t.TempDir())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 50 {
				key := fmt.Sprint(i % 10)
				d.Put(key, []byte(key+" value"))
				if got, ok := d.Get(key); ok && string(got) != key+" value" {
					t.Errorf("worker %d: Get(%s) = %q", w, key, got)
				}
			}
		})
	}
	wg.Wait()
	entries, _ := os.ReadDir(d.Path())
	if len(entries) != 10 {
		t.Errorf("%d files in the cache, want 10 (temporary files left?)", len(entries))
	}
}

// BenchmarkGet times reading one entry the size of a unit's QR images
// (PNG and SVG, about 5.8 kB), from the page cache: compare with
// qr.BenchmarkNewPNG plus qr.BenchmarkSVG, the cost of drawing them, which
// the QR image cache saved before it was removed as unsound.
func BenchmarkGet(b *testing.B) {
	d := Open(b.TempDir())
	data := bytes.Repeat([]byte("x"), 1828+3939)
	d.Put("qr 5 png+svg https://example.vn/zalo/don-vi/bac-son/", data)
	for b.Loop() {
		if _, ok := d.Get("qr 5 png+svg https://example.vn/zalo/don-vi/bac-son/"); !ok {
			b.Fatal("miss")
		}
	}
}

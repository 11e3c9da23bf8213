package render

import (
	"bytes"
	"strings"
	"sync"
	"testing"
)

// mapCache is a Cache in memory that counts what it is asked.
type mapCache struct {
	mu         sync.Mutex
	m          map[string][]byte
	gets, hits int
	puts       int
}

func (c *mapCache) Get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.gets++
	b, ok := c.m[key]
	if ok {
		c.hits++
	}
	return b, ok
}

func (c *mapCache) Put(key string, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.puts++
	c.m[key] = append([]byte(nil), data...)
}

func isQRFile(p string) bool { return strings.HasSuffix(p, ".png") || strings.HasSuffix(p, ".svg") }

// TestQRCache checks that the cache changes no byte of the output: a
// first render fills it, a second takes every QR image from it, and a
// damaged entry is drawn again.
func TestQRCache(t *testing.T) {
	dir := writeSite(t, testFiles())
	plain, _, err := renderSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	codes := 0
	for _, p := range plain.paths() {
		if strings.HasSuffix(p, "qr.png") || strings.HasSuffix(p, "quan-tam.png") {
			codes++
		}
	}
	c := &mapCache{m: map[string][]byte{}}
	same := func(what string, got *memSink) {
		t.Helper()
		if len(got.files) != len(plain.files) {
			t.Fatalf("%s: %d files, without cache %d", what, len(got.files), len(plain.files))
		}
		for p, data := range plain.files {
			if !bytes.Equal(got.files[p], data) {
				t.Errorf("%s: %s differs from the render without cache", what, p)
			}
		}
	}

	first, _, err := renderSite(t, dir, Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	same("first render", first)
	if c.puts != codes || c.hits != 0 || len(c.m) != codes {
		t.Errorf("first render: %d puts, %d hits, %d entries; want %d codes stored", c.puts, c.hits, len(c.m), codes)
	}

	c.gets, c.hits, c.puts = 0, 0, 0
	second, _, err := renderSite(t, dir, Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	same("second render", second)
	if c.hits != codes || c.puts != 0 {
		t.Errorf("second render: %d hits, %d puts; want every one of %d codes from the cache", c.hits, c.puts, codes)
	}

	for k, v := range c.m {
		c.m[k] = v[:len(v)/2] // damaged, yet with a good check sum: the split must notice
	}
	c.gets, c.hits, c.puts = 0, 0, 0
	third, _, err := renderSite(t, dir, Options{Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	same("render over damaged entries", third)
	if c.puts != codes {
		t.Errorf("damaged entries: %d puts, want %d", c.puts, codes)
	}
}

// TestSkipQR checks that check's render draws no QR image and otherwise
// writes the same files.
func TestSkipQR(t *testing.T) {
	dir := writeSite(t, testFiles())
	plain, _, err := renderSite(t, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c := &mapCache{m: map[string][]byte{}}
	skip, _, err := renderSite(t, dir, Options{SkipQR: true, Cache: c})
	if err != nil {
		t.Fatal(err)
	}
	if c.gets+c.puts != 0 {
		t.Errorf("SkipQR used the cache: %d gets, %d puts", c.gets, c.puts)
	}
	for _, p := range plain.paths() {
		_, ok := skip.files[p]
		switch {
		case isQRFile(p) && strings.Contains(p, "qr") && ok:
			t.Errorf("SkipQR wrote %s", p)
		case !(isQRFile(p) && strings.Contains(p, "qr")) && !ok:
			t.Errorf("SkipQR did not write %s", p)
		}
	}

	// A text too long for any QR code is still an error.
	files := testFiles()
	files["site.toml"] = strings.Replace(testSiteToml, `follow_url = "https://zalo.me/1234567890"`,
		`follow_url = "https://zalo.me/`+strings.Repeat("x", 2000)+`"`, 1)
	for _, opts := range []Options{{}, {SkipQR: true}} {
		if _, _, err := renderSite(t, writeSite(t, files), opts); err == nil || !strings.Contains(err.Error(), "qr/quan-tam.svg") {
			t.Errorf("SkipQR %v: a follow_url too long for a QR code gave %v", opts.SkipQR, err)
		}
	}
}

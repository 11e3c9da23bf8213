package build

import (
	"crypto/sha256"
	"strings"
	"sync/atomic"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"

	"github.com/loa-vn/loa/generator/render"
)

// minifier is build --minify: it passes every file on to next, HTML pages
// and CSS files minified, and counts the bytes it saved. The rest (QR
// images, feeds, open data) goes through untouched.
type minifier struct {
	next  render.Sink
	m     *minify.M
	saved atomic.Int64
}

func newMinifier(next render.Sink) *minifier {
	m := minify.New()
	// Document and end tags are kept: pages stay easy to read and to
	// check, for a few bytes.
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true})
	m.AddFunc("text/css", css.Minify)
	return &minifier{next: next, m: m}
}

// Put implements render.Sink; it is safe for concurrent use, as Sinks must be.
func (s *minifier) Put(path string, data []byte) error {
	var media string
	switch {
	case strings.HasSuffix(path, ".html"):
		media = "text/html"
	case strings.HasSuffix(path, ".css"):
		media = "text/css"
	default:
		return s.next.Put(path, data)
	}
	small, err := s.m.Bytes(media, data)
	if err != nil || len(small) >= len(data) {
		// A file the minifier cannot read is published as the theme wrote it.
		return s.next.Put(path, data)
	}
	s.saved.Add(int64(len(data) - len(small)))
	return s.next.Put(path, small)
}

// Keep passes render.Keeper on: a kept file was minified when it was
// written, since --minify is in the keys' salt.
func (s *minifier) Keep(paths []string, key [sha256.Size]byte) bool {
	k, ok := s.next.(render.Keeper)
	return ok && k.Keep(paths, key)
}

// Keyed passes render.Keeper on.
func (s *minifier) Keyed(paths []string, key [sha256.Size]byte) {
	if k, ok := s.next.(render.Keeper); ok {
		k.Keyed(paths, key)
	}
}

package render

import (
	"sort"
	"sync"
)

// memSink keeps every file in memory; safe for concurrent use.
type memSink struct {
	mu    sync.Mutex
	files map[string][]byte
	puts  int
}

func newMemSink() *memSink { return &memSink{files: map[string][]byte{}} }

func (s *memSink) Put(path string, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.files[path] = append([]byte(nil), data...)
	s.puts++
	return nil
}

func (s *memSink) paths() []string {
	var out []string
	for p := range s.files {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

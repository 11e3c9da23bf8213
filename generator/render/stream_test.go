package render

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
)

// creatorSink is a memSink that also takes streams.
type creatorSink struct {
	*memSink
	created int
}

type memFile struct {
	bytes.Buffer
	sink *creatorSink
	path string
}

func (f *memFile) Close() error { return f.sink.memSink.Put(f.path, f.Bytes()) }

func (s *creatorSink) Create(path string) (io.WriteCloser, error) {
	s.created++
	return &memFile{sink: s, path: path}, nil
}

func TestStream(t *testing.T) {
	write := func(w io.Writer) error {
		for i := range 1000 {
			if _, err := io.WriteString(w, strings.Repeat("x", i%7)+"\n"); err != nil {
				return err
			}
		}
		return nil
	}
	var want bytes.Buffer
	write(&want)

	plain := newMemSink()
	streaming := &creatorSink{memSink: newMemSink()}
	for _, s := range []Sink{plain, streaming} {
		if err := Stream(s, "du-lieu/a.csv", write); err != nil {
			t.Fatal(err)
		}
	}
	if streaming.created != 1 {
		t.Error("Stream did not stream to a Creator")
	}
	for name, s := range map[string]*memSink{"Put": plain, "Create": streaming.memSink} {
		if !bytes.Equal(s.files["du-lieu/a.csv"], want.Bytes()) {
			t.Errorf("through %s: %d bytes, want %d", name, len(s.files["du-lieu/a.csv"]), want.Len())
		}
	}
	boom := errors.New("boom")
	if err := Stream(newMemSink(), "x", func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
	if err := Stream(streaming, "y", func(io.Writer) error { return boom }); !errors.Is(err, boom) {
		t.Errorf("error %v", err)
	}
}

package render

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// TestKeptParses: a render that takes the parses an earlier one kept
// (SaveKept, ReadKept) parses none of the unchanged bodies to prepare,
// and writes every file byte for byte as a render that parses them all,
// a directive whose summary shows a figure (ke-hoach) included. A kept
// file that is damaged, or kept with another salt, is not used.
func TestKeptParses(t *testing.T) {
	c, th := modelAndTheme(t)
	renderWith := func(docs *Docs) (*Prepared, map[string][]byte) {
		t.Helper()
		return writeAll(t, c, Options{Theme: th, Docs: docs})
	}
	file := filepath.Join(t.TempDir(), "docs")
	salt := []byte("code 1")

	first := NewDocs()
	_, want := renderWith(first)
	if err := first.SaveKept(file, salt); err != nil {
		t.Fatal(err)
	}
	saved, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}

	again := NewDocs()
	again.ReadKept(file, salt)
	if len(again.kept) != 1+len(c.Pages)+len(c.Directives) {
		t.Fatalf("kept %d parses, want one for each of the %d bodies", len(again.kept), 1+len(c.Pages)+len(c.Directives))
	}
	p, got := renderWith(again)
	for _, d := range c.Directives {
		if ref := p.docOf(d); ref == nil || again.kept[ref.p.key] != ref.p {
			t.Errorf("%s was parsed again", d.File)
		}
	}
	if len(got) != len(want) {
		t.Fatalf("wrote %d files, want %d", len(got), len(want))
	}
	for path, b := range want {
		if !bytes.Equal(got[path], b) {
			t.Errorf("%s differs from the render that parsed every body", path)
		}
	}
	if err := again.SaveKept(file, salt); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(file); !bytes.Equal(b, saved) {
		t.Error("the same parses kept again made another file")
	}

	for name, b := range map[string][]byte{
		"damaged":  append(append([]byte(nil), saved[:len(saved)/2]...), append([]byte{saved[len(saved)/2] ^ 1}, saved[len(saved)/2+1:]...)...),
		"cut":      saved[:len(saved)-1],
		"empty":    nil,
		"not gob!": append([]byte("x"), saved...),
	} {
		os.WriteFile(file, b, 0o644)
		d := NewDocs()
		d.ReadKept(file, salt)
		if d.kept != nil {
			t.Errorf("a %s file was used", name)
		}
	}
	os.WriteFile(file, saved, 0o644)
	other := NewDocs()
	other.ReadKept(file, []byte("code 2"))
	if other.kept != nil {
		t.Error("parses kept by other code were used")
	}
}

package diag

import (
	"bytes"
	"encoding/gob"
	"errors"
	"testing"
)

// TestPortableGoesThroughGob: a warning whose arguments are a hint, a
// position and an error survives the cache's gob encoding, and reads the
// same after.
func TestPortableGoesThroughGob(t *testing.T) {
	var l List
	l.Warnf(Pos{File: "a.toml", Line: 2, Col: 1}, "unit %q%s went down since %s: %v", "bac-sn",
		Hint("bac-sn", []string{"bac-son"}), Pos{File: "b.toml", Line: 3, Col: 1}, errors.New("boom"))
	d := l.All()[0]
	var b bytes.Buffer
	if err := gob.NewEncoder(&b).Encode(d); err == nil {
		t.Fatal("gob encoded an error argument: the test no longer needs Portable")
	}
	b.Reset()
	if err := gob.NewEncoder(&b).Encode(d.Portable()); err != nil {
		t.Fatal(err)
	}
	var back Diagnostic
	if err := gob.NewDecoder(&b).Decode(&back); err != nil {
		t.Fatal(err)
	}
	want := `a.toml:2:1: warning: unit "bac-sn" (did you mean "bac-son"?) went down since b.toml:3:1: boom`
	if got := back.String(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got := back.Text(fmtPrinter{}); got != want[len("a.toml:2:1: warning: "):] {
		t.Errorf("formatted again: %s", got)
	}
}

type fmtPrinter struct{}

func (fmtPrinter) Sprintf(format string, args ...any) string {
	return Textf(format, args...).String()
}

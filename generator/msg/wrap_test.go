package msg

import (
	"errors"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
)

// A diag.Text that wraps an error with %w formats it as %v: its
// Vietnamese is found all the same (publish's "cannot update %s: %w").
func TestWrappedErrorInVietnamese(t *testing.T) {
	txt := diag.Textf("cannot update %s: %w", "public", errors.New("disk full"))
	if got, want := txt.Localize(New(Vi)), "không cập nhật được public: disk full"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := txt.Localize(New(En)), "cannot update public: disk full"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

package render

import (
	"bytes"
	"errors"
	"sync"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/theme"
)

// TestPreparedFile checks that the files made one by one, concurrently,
// are the files WriteAll writes, and that Has and File know the same
// paths.
func TestPreparedFile(t *testing.T) {
	dir := writeSite(t, testFiles())
	all := rendered(t)
	var diags diag.List
	c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
	th, err := theme.Load(dir, c.Site.Theme)
	if err != nil {
		t.Fatal(err)
	}
	p, err := Prepare(c, Options{Theme: th}, &diags)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 3 {
		for _, path := range all.paths() {
			wg.Go(func() {
				if !p.Has(path) {
					t.Errorf("Has(%s) is false", path)
				}
				got, err := p.File(path)
				if err != nil || !bytes.Equal(got, all.files[path]) {
					t.Errorf("File(%s): %d bytes, %v; WriteAll wrote %d", path, len(got), err, len(all.files[path]))
				}
			})
		}
	}
	wg.Wait()
	for _, path := range []string{"", "khong/index.html", "don-vi/an-lac/qr.jpg", "du-lieu/tien-do.json"} {
		if _, err := p.File(path); !errors.Is(err, ErrNoFile) || p.Has(path) {
			t.Errorf("File(%q): %v", path, err)
		}
	}
}

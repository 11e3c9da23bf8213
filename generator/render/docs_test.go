package render

import (
	"bytes"
	"strings"
	"sync"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/theme"
)

// TestDocs checks that renders that keep their parses write what renders
// that parse afresh write, report the same problems, and parse again when
// the units they check change; two renders sharing parses may run at once.
func TestDocs(t *testing.T) {
	docs := NewDocs()
	prepare := func(files map[string]string, docs *Docs) (*Prepared, []string) {
		t.Helper()
		dir := writeSite(t, files)
		var diags diag.List
		c := campaign.New(load.Read(dir, &diags), campaign.Options{}, &diags)
		th, err := theme.Load(dir, c.Site.Theme)
		if err != nil {
			t.Fatal(err)
		}
		p, _ := Prepare(c, Options{Theme: th, SkipQR: true, Docs: docs}, &diags)
		var got []string
		for _, d := range diags.All() {
			got = append(got, d.String())
		}
		return p, got
	}
	files := testFiles()
	want, _ := prepare(files, nil)
	first, _ := prepare(files, docs)
	second, _ := prepare(files, docs)
	var wg sync.WaitGroup
	for _, p := range []*Prepared{first, second} {
		for path := range want.jobOf {
			wg.Go(func() {
				a, errA := want.File(path)
				b, errB := p.File(path)
				if (errA == nil) != (errB == nil) || !bytes.Equal(a, b) {
					t.Errorf("%s differs with kept parses (%v, %v)", path, errA, errB)
				}
			})
		}
	}
	wg.Wait()

	// Without an-lac (and its alias), the directive that shows its QR
	// code has an error: parsed again, not taken from the cache.
	files["content/units/phuong.toml"] = strings.NewReplacer(`id = "an-lac"`, `id = "an-lac-moi"`, `aliases = ["anlac"]`, "").Replace(phuongToml)
	_, fresh := prepare(files, nil)
	_, kept := prepare(files, docs)
	if !strings.Contains(strings.Join(fresh, "\n"), `::qr: attribute "unit": no unit "anlac"`) || strings.Join(kept, "\n") != strings.Join(fresh, "\n") {
		t.Errorf("problems with kept parses:\n%v\nwant\n%v", kept, fresh)
	}
}

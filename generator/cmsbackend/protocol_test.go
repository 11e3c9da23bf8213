package cmsbackend_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// exchange is one request that Decap CMS sent to `loa serve`, and the
// answer, as TestAdminInBrowser (package serve) captured them in Chromium
// on the example site: go test ./generator/serve -run TestAdminInBrowser
// -args -update-decap writes them again.
type exchange struct {
	Request struct {
		Action string          `json:"action"`
		Params json.RawMessage `json:"params"`
	} `json:"request"`
	Status   int             `json:"status"`
	Response json.RawMessage `json:"response"`
}

// TestDecapExchanges replays what Decap sent, without a browser, on a
// fresh copy of the example site, and checks each answer against the
// files on disk and against the shape of the answer Decap accepted.
func TestDecapExchanges(t *testing.T) {
	names, _ := filepath.Glob("testdata/decap/*.json")
	if len(names) == 0 {
		t.Fatal("no fixtures in testdata/decap")
	}
	sort.Strings(names)
	b := start(t, "../../site.toml", "../../content")
	seen := map[string]bool{}
	for _, name := range names {
		raw, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var ex exchange
		if err := json.Unmarshal(raw, &ex); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var req any
		json.Unmarshal(raw, &struct{ Request *any }{&req})
		status, _, body := b.post(req)
		if status != ex.Status {
			t.Errorf("%s: status %d (%s), Decap had %d", name, status, body, ex.Status)
			continue
		}
		var got, want any
		json.Unmarshal(body, &got)
		json.Unmarshal(ex.Response, &want)
		if d := shapeDiff(want, got, "response"); d != "" {
			t.Errorf("%s: the answer is not shaped as the one Decap accepted: %s\ngot %s", name, d, body)
		}
		seen[ex.Request.Action] = true

		switch ex.Request.Action {
		case "entriesByFolder":
			var p struct{ Folder, Extension string }
			json.Unmarshal(ex.Request.Params, &p)
			var entries []struct {
				Data *string
				File struct{ Path string }
			}
			json.Unmarshal(body, &entries)
			files, _ := filepath.Glob(filepath.Join(b.dir, filepath.FromSlash(p.Folder), "*"+p.Extension))
			if len(entries) != len(files) {
				t.Errorf("%s: %d entries for %d files in %s", name, len(entries), len(files), p.Folder)
			}
			for _, e := range entries {
				if e.Data == nil || *e.Data != b.read(e.File.Path) {
					t.Errorf("%s: %s: the data is not the file", name, e.File.Path)
				}
			}
		case "getEntry":
			var p struct{ Path string }
			json.Unmarshal(ex.Request.Params, &p)
			var e struct{ Data *string }
			json.Unmarshal(body, &e)
			if data, err := os.ReadFile(filepath.Join(b.dir, p.Path)); err == nil {
				if e.Data == nil || *e.Data != string(data) {
					t.Errorf("%s: the data is not the file %s", name, p.Path)
				}
			} else if e.Data != nil {
				t.Errorf("%s: data for %s, which does not exist", name, p.Path)
			}
		case "persistEntry":
			var p struct{ DataFiles []struct{ Path, Raw string } }
			json.Unmarshal(ex.Request.Params, &p)
			for _, f := range p.DataFiles {
				if ex.Status != 200 {
					// A refused save: the message names the file,
					// and nothing is written.
					var e struct{ Error string }
					json.Unmarshal(body, &e)
					if !strings.Contains(e.Error, f.Path+":") {
						t.Errorf("%s: the refusal does not name %s: %q", name, f.Path, e.Error)
					}
					if _, err := os.Stat(filepath.Join(b.dir, f.Path)); !os.IsNotExist(err) {
						t.Errorf("%s: a refused save wrote %s", name, f.Path)
					}
					continue
				}
				if got := b.read(f.Path); got != f.Raw {
					t.Errorf("%s: %s on disk is not what Decap sent", name, f.Path)
				}
			}
		}
	}
	for _, a := range []string{"info", "entriesByFolder", "getEntry", "persistEntry", "getMedia"} {
		if !seen[a] {
			t.Errorf("the fixtures have no %s", a)
		}
	}
}

// shapeDiff compares the JSON shapes of want and got: the same kinds of
// values, the same keys of objects (an id that is null in one may be a
// string in the other: a file that did not exist then), the elements of
// arrays by the first one.
func shapeDiff(want, got any, at string) string {
	if want == nil || got == nil {
		if (want == nil) != (got == nil) && !(at[strings.LastIndex(at, ".")+1:] == "id" || strings.HasSuffix(at, ".data")) {
			return fmt.Sprintf("%s: %v, Decap had %v", at, got, want)
		}
		return ""
	}
	if reflect.TypeOf(want) != reflect.TypeOf(got) {
		return fmt.Sprintf("%s: %T, Decap had %T", at, got, want)
	}
	switch w := want.(type) {
	case map[string]any:
		g := got.(map[string]any)
		for k := range w {
			if _, ok := g[k]; !ok {
				return fmt.Sprintf("%s: no key %q", at, k)
			}
		}
		for k := range g {
			if _, ok := w[k]; !ok {
				return fmt.Sprintf("%s: key %q, which Decap did not have", at, k)
			}
			if d := shapeDiff(w[k], g[k], at+"."+k); d != "" {
				return d
			}
		}
	case []any:
		g := got.([]any)
		if len(w) > 0 && len(g) > 0 {
			return shapeDiff(w[0], g[0], at+"[0]")
		}
	}
	return ""
}

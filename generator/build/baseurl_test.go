package build_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
)

// TestBaseURLOption checks that Options.BaseURL, which the command line
// checks before it builds, is checked by Site too, as base_url is.
func TestBaseURLOption(t *testing.T) {
	for url, reason := range map[string]string{
		"https://h.example.vn/?a=1":         "must not have a query (?) or a fragment (#)",
		"https://u:p@h.example.vn/":         "must not hold a user name or password",
		"https://h.example.vn:99999/":       "has an invalid port",
		"https://h.example.vn/zalo/../x/":   `must not have "." or ".." segments`,
		"https://h.example.vn/zalo/./":      `must not have "." or ".." segments`,
		"//h.example.vn/zalo/":              "must be an absolute http(s) URL",
		"https://h.example.vn/zalo/#phan-2": "must not have a query (?) or a fragment (#)",
	} {
		out := filepath.Join(t.TempDir(), "public")
		var diags diag.List
		_, err := build.Site(build.Options{Site: "testdata/xa-thu", Out: out, BaseURL: url, NoCache: true}, &diags)
		want := "--base-url: the URL " + reason
		if !errors.Is(err, build.ErrContent) || len(diags.Errors()) != 1 || !strings.HasPrefix(diags.Errors()[0].String(), want) {
			t.Errorf("BaseURL %q: %v, %v; want one error %q", url, err, diags.Errors(), want)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("BaseURL %q: %s was made (%v)", url, out, err)
		}
	}
}

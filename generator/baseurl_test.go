package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/internal/sitetest"
	"github.com/loa-vn/loa/generator/qr/qrtest"
)

// badBaseURLs are base URLs that neither site.toml nor --base-url may
// give, each with the reason the message must give.
var badBaseURLs = []struct{ url, reason string }{
	{"https://h.example.vn/zalo/?a=1", "must not have a query (?) or a fragment (#)"},
	{"https://h.example.vn/zalo/?", "must not have a query (?) or a fragment (#)"},
	{"https://h.example.vn/zalo/#top", "must not have a query (?) or a fragment (#)"},
	{"https://user:pass@h.example.vn/zalo/", `must not hold a user name or password (got "https://user:pass@h.example.vn/zalo/"): they would be printed into every QR code and link; write "https://h.example.vn/zalo/"`},
	{"https://user@h.example.vn/", "must not hold a user name or password"},
	{"https://h.example.vn:99999/zalo/", "has an invalid port"},
	{"https://h.example.vn:0/zalo/", "has an invalid port"},
	{"https://h.example.vn:/zalo/", "has an invalid port"},
	{"https://h.example.vn:https/zalo/", "has an invalid port"},
	{"https://h.example.vn/zalo/../khac/", `must not have "." or ".." segments in its path`},
	{"https://h.example.vn/./zalo/", `must not have "." or ".." segments in its path`},
	{"https://h.example.vn/zalo/%2e%2e/", `must not have "." or ".." segments in its path`},
	{"https://h.example.vn/zalo/..", `must not have "." or ".." segments in its path`},
	{"ftp://h.example.vn/", "must be an absolute http(s) URL"},
	{"h.example.vn/zalo/", "must be an absolute http(s) URL"},
}

// TestBaseURLFlagChecked checks that --base-url is refused, with exit 2 and
// the reason, for every base URL that site.toml's base_url is refused for,
// there at its position, and that nothing is built.
func TestBaseURLFlagChecked(t *testing.T) {
	for _, c := range badBaseURLs {
		t.Run(c.url, func(t *testing.T) {
			site := filepath.Join(t.TempDir(), "site")
			sitetest.Copy(t, "build/testdata/xa-thu", site)
			out := filepath.Join(t.TempDir(), "public")

			var stdout, stderr bytes.Buffer
			code := run([]string{"--lang", "en", "build", "-s", site, "-o", out, "--base-url", c.url}, &stdout, &stderr)
			if want := "loa build: --base-url " + c.reason; code != 2 || !strings.Contains(stderr.String(), want) {
				t.Errorf("--base-url: exit %d, want 2 and %q in:\n%s", code, want, stderr.String())
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("--base-url refused, yet %s was made (%v)", out, err)
			}

			toml := filepath.Join(site, "site.toml")
			b, err := os.ReadFile(toml)
			if err != nil {
				t.Fatal(err)
			}
			good := `base_url = "https://thu-nghiem.example.org/cong/zalo-oa/"`
			if !bytes.Contains(b, []byte(good)) {
				t.Fatalf("site.toml has no %s", good)
			}
			quoted := strings.ReplaceAll(c.url, `"`, `\"`)
			os.WriteFile(toml, bytes.Replace(b, []byte(good), []byte(`base_url = "`+quoted+`"`), 1), 0o644)
			stdout.Reset()
			stderr.Reset()
			code = run([]string{"--lang", "en", "build", "-s", site, "-o", out}, &stdout, &stderr)
			if want := "site.toml:2:12: base_url " + c.reason; code != 1 || !strings.Contains(stderr.String(), want) {
				t.Errorf("site.toml: exit %d, want 1 and %q in:\n%s", code, want, stderr.String())
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("base_url refused, yet %s was made (%v)", out, err)
			}
		})
	}
}

// TestBaseURLQRCodes checks that the QR codes of a build with a good
// --base-url lead to clean addresses under it: the base URL, as given, and
// the unit's path, nothing else.
func TestBaseURLQRCodes(t *testing.T) {
	for _, base := range []string{"https://xem-thu.example.vn:8443/nhanh/", "http://127.0.0.1:1313/a"} {
		out := filepath.Join(t.TempDir(), "public")
		var stdout, stderr bytes.Buffer
		if code := run([]string{"--lang", "en", "build", "-s", "build/testdata/xa-thu", "-o", out, "--base-url", base, "--no-cache"}, &stdout, &stderr); code != 0 {
			t.Fatalf("build --base-url %s: exit %d\n%s", base, code, stderr.String())
		}
		want := strings.TrimSuffix(base, "/") + "/"
		pngs, _ := filepath.Glob(filepath.Join(out, "don-vi", "*", "qr.png"))
		if len(pngs) == 0 {
			t.Fatal("no QR code under don-vi/")
		}
		for _, p := range pngs {
			unit := filepath.Base(filepath.Dir(p))
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			got, err := qrtest.DecodePNG(b)
			if err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if w := want + "don-vi/" + unit + "/"; got != w {
				t.Errorf("%s decodes to %q, want %q", p, got, w)
			}
			svg, _ := os.ReadFile(filepath.Join(filepath.Dir(p), "qr.svg"))
			if got, err := qrtest.DecodeSVG(svg); err != nil || got != want+"don-vi/"+unit+"/" {
				t.Errorf("%s/qr.svg decodes to %q (%v)", unit, got, err)
			}
		}
	}
}

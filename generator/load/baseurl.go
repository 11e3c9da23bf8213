package load

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/generator/diag"
)

// CheckBaseURL checks a base URL, site.toml's base_url or build's
// --base-url: every page's address, every QR code, og:url, sitemap entry
// and open data url is the base URL and a path after it, so it must be an
// absolute http(s) URL with a host and nothing a path cannot follow. It
// returns base ending in "/", or an error whose text is the reason, to be
// put after the name of where base came from ("base_url must not ...").
//
// Refused: another scheme or no host; a query or a fragment (the path
// would land inside them); a user name or password (printed into every QR
// code); a port that is not a number from 1 to 65535; "." or ".."
// segments in the path (a browser resolves them, so that the address
// printed is not the one visited).
func CheckBaseURL(base string) (string, error) {
	u, err := url.Parse(base)
	switch {
	case err != nil && strings.Contains(err.Error(), "invalid port"):
		return base, badPort(base)
	case err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Opaque != "":
		return base, diag.Textf(`must be an absolute http(s) URL, like "https://example.vn/zalo/" (got %q)`, base)
	case u.User != nil:
		return base, diag.Textf("must not hold a user name or password (got %q): they would be printed into every QR code and link; write %q",
			base, withoutUser(u))
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "" || strings.ContainsAny(base, "?#"):
		return base, diag.Textf("must not have a query (?) or a fragment (#) (got %q): the path of every page is written after it", base)
	}
	if p := u.Port(); p != "" || strings.HasSuffix(u.Host, ":") {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return base, badPort(base)
		}
	}
	for _, seg := range strings.Split(u.Path, "/") {
		if seg == "." || seg == ".." {
			return base, diag.Textf(`must not have "." or ".." segments in its path (got %q): write the path they lead to`, base)
		}
	}
	if !strings.HasSuffix(base, "/") {
		base += "/"
	}
	return base, nil
}

func badPort(base string) error {
	return diag.Textf("has an invalid port (got %q): a port is a number from 1 to 65535, like https://example.vn:8443/zalo/", base)
}

// withoutUser is u without its user name and password.
func withoutUser(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}

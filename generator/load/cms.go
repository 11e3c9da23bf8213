package load

import (
	"net/url"
	"path"
	"slices"
	"strings"
)

// readCMS checks the [cms] table. Decap's backend options are many and
// differ from host to host: apart from the keys Loa reads itself, every
// key is passed to Decap as it is, and only its type is checked here.
func readCMS(t *table) *CMS {
	c := &CMS{Pos: t.headerAt()}
	c.Backend = t.str("backend", true)
	if c.Backend != "" {
		if msg := slugProblem("backend", c.Backend); msg != "" {
			t.errorf(t.valAt("backend"), "%s", msg)
		}
		if c.Backend == "proxy" || c.Backend == "test-repo" {
			t.errorf(t.valAt("backend"), `backend %q is not a git host; use "gitlab", "github" or "gitea" (loa serve is the local backend by itself)`, c.Backend)
		}
	}
	if s := t.str("script", false); s != "" {
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			t.errorf(t.valAt("script"), `script must be the absolute URL of decap-cms.js, like "https://cms.example.vn/decap-cms.js" (got %q)`, s)
		} else {
			c.Script = s
		}
	}
	if mf := t.str("media_folder", false); mf != "" {
		clean := path.Clean(mf)
		first, _, _ := strings.Cut(clean, "/")
		switch {
		case path.IsAbs(mf) || strings.Contains(mf, `\`) || clean == "." || clean == ".." || strings.HasPrefix(clean, "../"):
			t.errorf(t.valAt("media_folder"), `media_folder must be a folder inside the site, like "static/anh" (got %q)`, mf)
		case strings.HasPrefix(clean, ".") || strings.Contains(clean, "/.") || first == "themes" || first == "public" || clean == "site.toml":
			// Uploads must not reach the theme's templates, the
			// output, or .git/ and other hidden folders.
			t.errorf(t.valAt("media_folder"), `media_folder must be a folder for uploads, not %q: use a folder like "static/anh" or "content/anh"`, mf)
		default:
			c.MediaFolder = clean
		}
	}
	for k, v := range t.m {
		switch k {
		case "backend", "script", "media_folder":
			continue
		}
		switch v.(type) {
		case string, int64, bool:
			c.Options = append(c.Options, Option{Key: k, Value: v})
		default:
			t.errorf(t.keyAt(k), "%s must be a string, a whole number or true/false, not %s", k, describe(v))
		}
	}
	slices.SortFunc(c.Options, func(a, b Option) int { return strings.Compare(a.Key, b.Key) })
	return c
}

package load

import (
	"net/url"
	"strings"

	"golang.org/x/text/language"

	"github.com/loa-vn/loa/generator/diag"
)

// defaultConfig is the Config of a site.toml that sets nothing optional.
func defaultConfig() Config {
	return Config{
		Language: "vi",
		Theme:    "default",
		Pos:      diag.Pos{File: "site.toml", Line: 1, Col: 1},
		Keys:     map[string]diag.Pos{},
	}
}

// readConfig checks site.toml, decoded into m, and fills c.
func readConfig(f *source, m map[string]any, c *Config) {
	for path, kp := range f.pos {
		c.Keys[path] = f.at(kp.key)
	}
	top := &table{f: f, m: m}
	top.allow("title", "base_url", "language", "theme", "authority", "campaign", "audience", "markdown", "report", "cms")
	c.Title = top.str("title", true)
	top.checkSpaces("title", c.Title)
	if base := top.str("base_url", true); base != "" {
		c.BaseURL = checkBaseURL(top, base)
	}
	if _, ok := m["language"]; ok {
		c.Language = top.str("language", false)
		if _, err := language.Parse(c.Language); err != nil {
			hint := `, like "vi" or "en"`
			if strings.EqualFold(c.Language, "vn") {
				hint = ` (did you mean "vi"? "vn" is the country)`
			}
			top.errorf(top.valAt("language"), "language %q is not a language tag%s", c.Language, hint)
		}
	}
	if _, ok := m["theme"]; ok {
		c.Theme = top.str("theme", false)
		if msg := nameProblem("theme", c.Theme); msg != "" {
			top.errorf(top.valAt("theme"), "%s", msg)
		}
	}

	auth, _ := top.sub("authority", "[authority]")
	auth.allow("name", "header", "place")
	c.Authority.Name = auth.str("name", true)
	auth.checkSpaces("name", c.Authority.Name)
	c.Authority.Header, _ = auth.strs("header", false)
	c.Authority.Place = auth.str("place", false)

	camp, _ := top.sub("campaign", "[campaign]")
	camp.allow("name", "channel", "follow_url", "start", "end", "target")
	c.Campaign.Name = camp.str("name", true)
	camp.checkSpaces("name", c.Campaign.Name)
	c.Campaign.Channel = camp.str("channel", false)
	camp.checkSpaces("channel", c.Campaign.Channel)
	if follow := camp.str("follow_url", true); follow != "" {
		c.Campaign.FollowURL = checkFollowURL(camp, follow)
	}
	c.Campaign.Start = camp.date("start", false)
	c.Campaign.End = camp.date("end", false)
	if s, e := c.Campaign.Start, c.Campaign.End; !s.IsZero() && !e.IsZero() && e.Before(s) {
		camp.errorf(camp.valAt("end"), "end (%s) is before start (%s)", e.Format(dateLayout), s.Format(dateLayout))
	}
	c.Campaign.Target, _ = camp.count("target", false)

	if aud, ok := top.sub("audience", "[audience]"); ok {
		aud.allow("population_14plus", "smartphone_share", "vneid_level2")
		a := &Audience{}
		if n, ok := aud.count("population_14plus", true); ok {
			if n == 0 {
				aud.errorf(aud.valAt("population_14plus"), "population_14plus must be more than 0")
			}
			a.Population14Plus = n
		}
		if x, ok := aud.number("smartphone_share", true); ok {
			if !(x > 0 && x <= 1) {
				aud.errorf(aud.valAt("smartphone_share"),
					"smartphone_share must be more than 0 and at most 1, like 0.83 (got %v)", x)
			} else {
				a.SmartphoneShare = x
			}
		}
		a.VNeIDLevel2, _ = aud.count("vneid_level2", false)
		c.Audience = a
	}

	if rep, ok := top.sub("report", "[report]"); ok {
		rep.allow("number", "to", "sign", "signer")
		c.Report.Number = rep.str("number", false)
		c.Report.To, _ = rep.strs("to", false)
		c.Report.Sign, _ = rep.strs("sign", false)
		c.Report.Signer = rep.str("signer", false)
	}

	if md, ok := top.sub("markdown", "[markdown]"); ok {
		md.allow("raw_html")
		c.RawHTML = md.boolean("raw_html")
	}

	if cms, ok := top.sub("cms", "[cms]"); ok {
		c.CMS = readCMS(cms)
	}
}

const dateLayout = "2006-01-02"

// checkBaseURL checks base_url (see CheckBaseURL) and returns it ending
// in "/".
func checkBaseURL(t *table, base string) string {
	b, err := CheckBaseURL(base)
	if err != nil {
		t.errorf(t.valAt("base_url"), "base_url %v", err)
	}
	return b
}

// checkFollowURL checks that follow is an https URL with a host.
func checkFollowURL(t *table, follow string) string {
	u, err := url.Parse(follow)
	switch {
	case err == nil && u.Scheme == "https" && u.Host != "":
		return follow
	case err == nil && u.Scheme == "http" && u.Host != "":
		t.errorf(t.valAt("follow_url"), "follow_url must be an https: URL (did you mean %q?)",
			"https"+follow[len("http"):])
	default:
		t.errorf(t.valAt("follow_url"),
			`follow_url must be an https: URL, like "https://zalo.me/..." (got %q)`, follow)
	}
	return follow
}

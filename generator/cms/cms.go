// Package cms makes the editing interface of a site: the admin page that
// loads Decap CMS (admin/index.html, from the theme's admin.html) and
// Decap's configuration (admin/config.yml), derived from the model, so that
// every form field is a key of the content format and every choice a group
// or unit of the site. It writes the files only for a site whose site.toml
// has a [cms] table. The local backend that `loa serve` offers the admin is
// package cmsbackend.
package cms

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/theme"
)

// The output files, under the base path.
const (
	PagePath   = campaign.AdminSlug + "/index.html"
	ConfigPath = campaign.AdminSlug + "/config.yml"
	// Template is the theme's template of the admin page.
	Template = "admin.html"
	// BackendPath is where `loa serve` answers the admin's requests, under
	// the base path (package cmsbackend).
	BackendPath = campaign.AdminSlug + "/api/v1"
)

// Options changes what the admin is made for.
type Options struct {
	// LocalOrigin, when set, is the origin ("http://127.0.0.1:1313") of
	// loa serve, whose local backend at BackendPath speaks Decap's proxy
	// protocol: the admin then saves there, not to the git host.
	LocalOrigin string
}

// Enabled reports whether the site has an admin.
func Enabled(c *campaign.Campaign) bool { return c.Site.CMS != nil }

// Paths are the files the admin is made of, or none for a site without
// [cms].
func Paths(c *campaign.Campaign) []string {
	if !Enabled(c) {
		return nil
	}
	return []string{PagePath, ConfigPath}
}

// PageData is what the theme's admin.html is executed with.
type PageData struct {
	Title    string // the site's title
	Language string
	// Script is the URL of decap-cms.js, and Integrity its Subresource
	// Integrity hash ("" for a script the office hosts itself).
	Script    string
	Integrity string
	Config    string // the URL of config.yml, relative to the page
}

// Page makes admin/index.html with the theme's admin.html.
func Page(th *theme.Theme, c *campaign.Campaign) ([]byte, error) {
	d := PageData{Title: c.Site.Title, Language: c.Site.Language, Script: DefaultScript, Integrity: DecapIntegrity, Config: "config.yml"}
	if s := c.Site.CMS.Script; s != "" {
		d.Script, d.Integrity = s, ""
	}
	var buf bytes.Buffer
	if err := th.Execute(&buf, Template, d); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Config makes admin/config.yml. It is written as JSON, which is YAML too
// (YAML 1.2 is a superset of JSON), so that no value needs YAML's quoting
// rules.
func Config(c *campaign.Campaign, opts Options) ([]byte, error) {
	cfg := c.Site.CMS
	if cfg == nil {
		return nil, fmt.Errorf("cms: the site has no [cms] table")
	}
	backend := orderedMap{{"name", cfg.Backend}}
	for _, o := range cfg.Options {
		backend = append(backend, kv{o.Key, o.Value})
	}
	top := orderedMap{{"backend", backend}}
	if opts.LocalOrigin != "" {
		local := orderedMap{{"url", opts.LocalOrigin + c.Site.BasePath + BackendPath}}
		if u, err := url.Parse(opts.LocalOrigin); err == nil {
			// Decap uses the local backend only on the hosts it lists
			// (localhost and 127.0.0.1 by default).
			local = append(local, kv{"allowed_hosts", []string{u.Hostname()}})
		}
		top = append(top, kv{"local_backend", local})
	}
	media := cfg.MediaFolder
	public := ""
	if media == "" {
		// Decap needs a media folder; without [cms] media_folder the
		// local backend refuses uploads.
		media = "static/media"
	}
	public = c.Site.BasePath + media
	top = append(top,
		kv{"locale", locale(c.Site.Language)},
		kv{"site_url", c.Site.BaseURL},
		kv{"display_url", c.Site.BaseURL},
		kv{"media_folder", media},
		kv{"public_folder", public},
		kv{"slug", orderedMap{{"encoding", "ascii"}, {"clean_accents", true}, {"sanitize_replacement", "-"}}},
		kv{"collections", collections(c)},
	)
	var buf bytes.Buffer
	buf.WriteString("# Decap CMS configuration, made by loa build from the site: edit the\n# content, not this file (docs/editing.md).\n")
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(top); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// locale is Decap's name for the site's language; Decap has "vi" and "en".
func locale(lang string) string {
	if lang == "" {
		return "vi"
	}
	return lang
}

// kv and orderedMap keep the keys of config.yml in the order Decap's
// documentation gives them, which a JSON object of a Go map would not.
type kv struct {
	Key   string
	Value any
}

type orderedMap []kv

func (m orderedMap) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, e := range m {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(e.Key)
		if err != nil {
			return nil, err
		}
		v, err := marshal(e.Value)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		buf.Write(v)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

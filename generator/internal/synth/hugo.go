package synth

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// HugoConfig sizes the plain Hugo site written beside the Loa site.
type HugoConfig struct {
	Pages int    // Markdown pages under content/van-ban/
	Words int    // about this many words in each page body
	Seed  uint64 // the same seed and sizes give the same files
}

// DefaultHugo matches Default: as many pages as Loa's units and directives
// together (10,000 + 1,000).
func DefaultHugo() HugoConfig { return HugoConfig{Pages: 11000, Words: 600, Seed: DefaultSeed} }

// SmallHugo matches Small.
func SmallHugo() HugoConfig { return HugoConfig{Pages: 1100, Words: 600, Seed: DefaultSeed} }

// The site has the least Hugo needs to render real HTML: a config and three
// trivial templates. Taxonomies are off since the pages have none.
const hugoConfig = `baseURL = "https://quocgia.example.vn/hugo/"
title = "Cùng quan tâm Zalo OA của chính quyền các cấp"
languageCode = "vi"
defaultContentLanguage = "vi"
disableKinds = ["taxonomy", "term"]
`

var hugoLayouts = map[string]string{
	"baseof.html": `<!DOCTYPE html>
<html lang="{{ .Site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
`,
	"single.html": `{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "02/01/2006" }}</time></p>
{{ .Content }}
</article>{{ end }}
`,
	"list.html": `{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
`,
}

// WriteHugo writes a Hugo site of cfg.Pages Markdown pages into dir, which
// must be empty or absent. The pages have the same body shape as the
// directives of Write (headings, lists, a GFM table) without Loa's Markdown
// directives, which Hugo does not know.
func WriteHugo(dir string, cfg HugoConfig) error {
	if cfg.Pages < 0 || cfg.Words < 0 {
		return fmt.Errorf("synth: pages and words must not be negative")
	}
	if err := prepare(dir, "content/van-ban", "layouts/_default"); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "hugo.toml"), []byte(hugoConfig), 0o644); err != nil {
		return err
	}
	for name, text := range hugoLayouts {
		if err := os.WriteFile(filepath.Join(dir, "layouts", "_default", name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	home := "+++\ntitle = \"Trang chủ\"\n+++\n\nVăn bản chỉ đạo của chiến dịch.\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "_index.md"), []byte(home), 0o644); err != nil {
		return err
	}
	section := "+++\ntitle = \"Văn bản\"\n+++\n"
	if err := os.WriteFile(filepath.Join(dir, "content", "van-ban", "_index.md"), []byte(section), 0o644); err != nil {
		return err
	}
	return parallel(cfg.Pages, func(i int) error {
		name := fmt.Sprintf("bai-%05d.md", i+1)
		return os.WriteFile(filepath.Join(dir, "content", "van-ban", name), hugoPage(cfg, i), 0o644)
	})
}

func hugoPage(cfg HugoConfig, i int) []byte {
	r := newRand(cfg.Seed, streamHugo, i)
	var b bytes.Buffer
	w := &writer{r: r, b: &b}
	k := kinds[i%len(kinds)]
	date := Start.AddDate(0, 0, i%730)
	fmt.Fprintf(&b, "+++\ntitle = %s\ndate = %s\n+++\n\n", quote(k.kind+" "+w.phrase(6+r.IntN(6))), date.Format(time.DateOnly))
	names := make([]string, 4+r.IntN(3))
	for j := range names {
		names[j] = fmt.Sprintf("Tỉnh %02d", 1+r.IntN(50))
	}
	w.words = 0
	w.body(cfg.Words, names, nil)
	return append(bytes.TrimRight(b.Bytes(), "\n"), '\n')
}

package theme

import (
	"bytes"
	"html/template"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// page is the smallest data the built-in layout accepts.
type page struct {
	Site        struct{ Title, Language string }
	Authority   struct{ Name string }
	Info        struct{ Channel, FollowURL string }
	Figures     struct{ HasReport bool }
	Kind, Path  string
	Title       string
	Description string
	Image       string
	Nav         []struct {
		Title, Path string
		Current     bool
	}
	Groups []struct{ ID, Name string }
	// Header and Footer come rendered (render.Page); "" here.
	Header, Footer template.HTML
}

func TestBuiltinWithoutThemesFolder(t *testing.T) {
	th, err := Load(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"home.html", "directive.html", "unit.html", "poster.html", "progress.html",
		"directives.html", "units.html", "page.html", "404.html", "alias.html",
		"partials/directive-progress.html", "partials/directive-qr.html", "partials/directive-units.html",
		"partials/directive-chart.html", "partials/directive-stat.html", "partials/directive-note.html",
		"partials/site-header.html", "partials/site-footer.html"} {
		if !th.Has(name) {
			t.Errorf("built-in theme has no %s", name)
		}
	}
	var paths []string
	for _, f := range th.Static() {
		paths = append(paths, f.Path)
	}
	if got := strings.Join(paths, " "); got != "static/favicon.svg static/style.css" {
		t.Errorf("static files %q", got)
	}
}

func TestSiteOverridesOneFile(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "themes/default/templates/404.html"),
		`{{template "base" .}}{{define "main"}}<h1>Lạc đường rồi</h1>{{end}}`)
	write(t, filepath.Join(dir, "themes/default/static/extra.css"), `p{}`)
	th, err := Load(dir, "default")
	if err != nil {
		t.Fatal(err)
	}
	th, err = th.Bind("https://kienan.example.vn/zalo/")
	if err != nil {
		t.Fatal(err)
	}
	var p page
	p.Site.Title, p.Site.Language, p.Kind, p.Path = "Trang <thử>", "vi", "404", "404.html"
	var buf bytes.Buffer
	if err := th.Execute(&buf, "404.html", p); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	if !strings.Contains(out, "<h1>Lạc đường rồi</h1>") {
		t.Errorf("the site's 404.html did not win:\n%s", out)
	}
	// The layout still comes from the built-in theme, bound to the base URL.
	if !strings.Contains(out, `<link rel="canonical" href="https://kienan.example.vn/zalo/404.html">`) ||
		!strings.Contains(out, `href="/zalo/static/style.css?v=`) {
		t.Errorf("built-in layout missing or not bound to the base URL:\n%s", out)
	}
	if !strings.Contains(out, "Trang &lt;thử&gt;") {
		t.Errorf("site title not escaped:\n%s", out)
	}
	// Another page is still the built-in one.
	buf.Reset()
	if err := th.Execute(&buf, "units.html", p); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), "Đơn vị tham gia") {
		t.Errorf("units.html should come from the built-in theme:\n%s", buf.String())
	}
	var paths []string
	for _, f := range th.Static() {
		paths = append(paths, f.Path)
	}
	if got := strings.Join(paths, " "); got != "static/extra.css static/favicon.svg static/style.css" {
		t.Errorf("static files %q", got)
	}
}

func TestTemplateErrorNamesFileAndLine(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "themes/default/templates/partials/qr.html"), "<p>\n{{.X}\n</p>")
	_, err := Load(dir, "default")
	if err == nil {
		t.Fatal("no error for a broken template")
	}
	if !strings.HasPrefix(err.Error(), "themes/default/templates/partials/qr.html:2:") {
		t.Errorf("error %q should start with the file and line", err)
	}
}

func TestExecErrorNamesFile(t *testing.T) {
	th, err := Load(t.TempDir(), "default")
	if err != nil {
		t.Fatal(err)
	}
	err = th.Execute(&bytes.Buffer{}, "page.html", struct{}{})
	if err == nil || !strings.HasPrefix(err.Error(), builtinPrefix+"templates/") {
		t.Errorf("error %v should name the built-in template file", err)
	}
}

func TestMissingTheme(t *testing.T) {
	dir := t.TempDir()
	_, err := Load(dir, "xanh")
	if err == nil || !strings.Contains(err.Error(), "themes/xanh") {
		t.Fatalf("error %v should name the missing folder", err)
	}
	// A site with its own theme folder gets the built-in files it does not override.
	write(t, filepath.Join(dir, "themes/xanh/static/style.css"), "body{color:green}")
	th, err := Load(dir, "xanh")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range th.Static() {
		if f.Path == "static/style.css" && string(f.Data) != "body{color:green}" {
			t.Errorf("style.css not overridden")
		}
	}
	if !th.Has("home.html") {
		t.Error("home.html should fall back to the built-in theme")
	}
	if _, err := Load(dir, "../x"); err == nil {
		t.Error("a theme name with a slash must be refused")
	}
}

func TestFuncs(t *testing.T) {
	th, err := Load(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	th, err = th.Bind("https://x.vn/zalo/")
	if err != nil {
		t.Fatal(err)
	}
	f := th.funcs()
	if got := f["url"].(func(string) string)("don-vi/bac-son/"); got != "/zalo/don-vi/bac-son/" {
		t.Errorf("url = %q", got)
	}
	if got := f["absurl"].(func(string) string)("don-vi/bac-son/"); got != "https://x.vn/zalo/don-vi/bac-son/" {
		t.Errorf("absurl = %q", got)
	}
	if got := f["url"].(func(string) string)(""); got != "/zalo/" {
		t.Errorf("url \"\" = %q", got)
	}
	for in, want := range map[string]string{
		"https://zalo.me/123": "https://zalo.me/123",
		"http://zalo.me/123":  "",
		"javascript:alert(1)": "",
		"https:///nohost":     "",
	} {
		if got := HTTPS(in); got != want {
			t.Errorf("HTTPS(%q) = %q, want %q", in, got, want)
		}
	}
	if got := capFirst("ngày 04 tháng 11"); got != "Ngày 04 tháng 11" {
		t.Errorf("capFirst = %q", got)
	}
}

// TestLoadCached checks that a theme whose files did not change is not
// parsed again, and that a change of any file is seen.
func TestLoadCached(t *testing.T) {
	dir := t.TempDir()
	notFound := filepath.Join(dir, "themes/default/templates/404.html")
	write(t, notFound, `{{template "base" .}}{{define "main"}}<h1>Một</h1>{{end}}`)
	cache := NewCache()
	render := func() (*Theme, string) {
		t.Helper()
		th, err := LoadCached(dir, "default", cache)
		if err != nil {
			t.Fatal(err)
		}
		bound, err := th.Bind("https://kienan.example.vn/zalo/")
		if err != nil {
			t.Fatal(err)
		}
		var p page
		p.Site.Language, p.Kind, p.Path = "vi", "404", "404.html"
		var buf bytes.Buffer
		if err := bound.Execute(&buf, "404.html", p); err != nil {
			t.Fatal(err)
		}
		return bound, buf.String()
	}
	first, out := render()
	if !strings.Contains(out, "<h1>Một</h1>") {
		t.Fatalf("the site's 404.html is not used:\n%s", out)
	}
	if again, _ := render(); again != first {
		t.Errorf("nothing changed, and the theme was parsed again")
	}
	write(t, notFound, `{{template "base" .}}{{define "main"}}<h1>Hai</h1>{{end}}`)
	if second, out := render(); second == first || !strings.Contains(out, "<h1>Hai</h1>") {
		t.Errorf("the edit of 404.html is not seen:\n%s", out)
	}
	write(t, filepath.Join(dir, "themes/default/static/extra.css"), `p{}`)
	if th, _ := render(); len(th.Static()) != 3 {
		t.Errorf("a new static file is not seen: %d files", len(th.Static()))
	}
	// Another base URL is another binding.
	th, err := LoadCached(dir, "default", cache)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := th.Bind("https://kienan.example.vn/zalo/")
	b, _ := th.Bind("https://khac.example.vn/")
	if a == b || b.base.path != "/" {
		t.Errorf("another base URL gives the same binding")
	}
	// A template that does not parse is an error every time.
	write(t, notFound, `{{template "base" .}}{{define "main"}}<h1>{{end}`)
	for range 2 {
		if _, err := LoadCached(dir, "default", cache); err == nil {
			t.Errorf("a broken template loads")
		}
	}
}

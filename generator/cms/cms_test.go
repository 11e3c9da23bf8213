package cms_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/cms"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/sitetest"
)

const site = "testdata/site"

// buildSite builds dir into a new folder and returns its files.
func buildSite(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	var diags diag.List
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Site(build.Options{Site: dir, Out: out, NoCache: true}, &diags); err != nil {
		t.Fatalf("build: %v\n%v", err, diags.All())
	}
	return sitetest.Files(t, out)
}

type config struct {
	Backend      map[string]any `json:"backend"`
	LocalBackend map[string]any `json:"local_backend"`
	MediaFolder  string         `json:"media_folder"`
	Collections  []collection   `json:"collections"`
}

type collection struct {
	Name, Folder, Format, Extension string
	FrontmatterDelimiter            string `json:"frontmatter_delimiter"`
	Fields                          []field
	Files                           []struct {
		Name, File, Format string
		Fields             []field
	}
}

type field struct {
	Label, Name, Widget string
	Required            *bool
	Multiple            bool
	ValueType           string `json:"value_type"`
	Options             []struct{ Label, Value string }
	Fields              []field
}

func (c *config) collection(t *testing.T, name string) collection {
	for _, col := range c.Collections {
		if col.Name == name {
			return col
		}
	}
	t.Fatalf("no collection %q", name)
	return collection{}
}

func fieldOf(t *testing.T, fields []field, name string) field {
	for _, f := range fields {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no field %q", name)
	return field{}
}

func readConfig(t *testing.T, b []byte) *config {
	t.Helper()
	// config.yml is JSON after its comment lines, which YAML reads too.
	var lines []string
	for _, l := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	var c config
	if err := json.Unmarshal([]byte(strings.Join(lines, "\n")), &c); err != nil {
		t.Fatalf("config.yml: %v\n%s", err, b)
	}
	return &c
}

// The configuration follows the site: every group and unit is a choice,
// every unit a count of the report form, labelled by name.
func TestConfigFromTheModel(t *testing.T) {
	files := buildSite(t, site)
	c := readConfig(t, files[cms.ConfigPath])

	if c.Backend["name"] != "gitlab" || c.Backend["repo"] != "phuong-thu/cong-thong-tin" || c.Backend["branch"] != "main" ||
		c.Backend["auth_type"] != "pkce" || c.Backend["app_id"] != "thu-app-id" {
		t.Errorf("backend %v", c.Backend)
	}
	if c.LocalBackend != nil {
		t.Errorf("a built admin has a local backend: %v", c.LocalBackend)
	}

	dirs := c.collection(t, "directives")
	if dirs.Folder != "content/directives" || dirs.Format != "toml-frontmatter" || dirs.FrontmatterDelimiter != "+++" || dirs.Extension != "md" {
		t.Errorf("directives collection %+v", dirs)
	}
	var names []string
	for _, f := range dirs.Fields {
		names = append(names, f.Name)
	}
	if got := strings.Join(names, " "); got != "kind number date subject to cc sign signer draft task body" {
		t.Errorf("directive fields %q", got)
	}
	to := fieldOf(t, dirs.Fields, "to")
	wantTo := map[string]string{"to-dan-pho": "Các tổ dân phố", "truong-hoc": "Các trường học",
		"to-mot": "Tổ dân phố Một", "dong-hoa": "Tổ dân phố Đồng Hòa", "thcs-thu": "Trường THCS Thử"}
	if to.Widget != "select" || !to.Multiple || len(to.Options) != len(wantTo) {
		t.Errorf("to: %+v", to)
	}
	for _, o := range to.Options {
		if !strings.HasPrefix(o.Label, wantTo[o.Value]) || wantTo[o.Value] == "" {
			t.Errorf("to option %q labelled %q, want %q", o.Value, o.Label, wantTo[o.Value])
		}
	}
	task := fieldOf(t, dirs.Fields, "task")
	if task.Widget != "list" || len(task.Fields) != 3 || fieldOf(t, task.Fields, "to").Multiple != true {
		t.Errorf("task: %+v", task)
	}
	if k := fieldOf(t, dirs.Fields, "kind"); k.Widget != "select" || len(k.Options) == 0 {
		t.Errorf("kind: %+v", k)
	}

	reports := c.collection(t, "reports")
	if reports.Folder != "content/reports" || reports.Format != "toml" || reports.Extension != "toml" {
		t.Errorf("reports collection %+v", reports)
	}
	units := fieldOf(t, reports.Fields, "units")
	wantUnits := []struct{ id, label string }{{"to-mot", "Tổ dân phố Một"}, {"dong-hoa", "Tổ dân phố Đồng Hòa"}, {"thcs-thu", "Trường THCS Thử"}}
	if units.Widget != "object" || len(units.Fields) != len(wantUnits) {
		t.Fatalf("units: %+v", units)
	}
	for i, w := range wantUnits {
		f := units.Fields[i]
		if f.Name != w.id || !strings.HasPrefix(f.Label, w.label) || f.Widget != "number" || f.ValueType != "int" || f.Required == nil || *f.Required {
			t.Errorf("units field %d: %+v, want %s labelled %s, an optional whole number", i, f, w.id, w.label)
		}
	}
	if f := fieldOf(t, reports.Fields, "followers"); f.Widget != "number" || f.ValueType != "int" {
		t.Errorf("followers: %+v", f)
	}

	groups := c.collection(t, "units")
	if len(groups.Files) != 2 || groups.Files[0].File != "content/units/to-dan-pho.toml" || groups.Files[1].File != "content/units/truong-hoc.toml" {
		t.Errorf("units collection files %+v", groups.Files)
	} else {
		// Every key a [[unit]] may hold is a field: Decap writes back only
		// the fields it knows, so a missing one would be lost on save.
		var keys []string
		for _, f := range fieldOf(t, groups.Files[0].Fields, "unit").Fields {
			keys = append(keys, f.Name)
		}
		if got := strings.Join(keys, " "); got != "id name short target audience aliases retired merged_into" {
			t.Errorf("unit fields %q", got)
		}
	}
	if p := c.collection(t, "pages"); p.Folder != "content" || p.Format != "toml-frontmatter" {
		t.Errorf("pages %+v", p)
	}
	if h := c.collection(t, "home"); len(h.Files) != 1 || h.Files[0].File != "content/_index.md" {
		t.Errorf("home %+v", h)
	}
}

// The admin page loads the pinned script with its integrity hash; it is
// noindex, out of the sitemap, and the only page with a script.
func TestAdminPage(t *testing.T) {
	files := buildSite(t, site)
	page := string(files[cms.PagePath])
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []map[string]string
	robots := ""
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			attrs := map[string]string{}
			for _, a := range n.Attr {
				attrs[a.Key] = a.Val
			}
			if n.Data == "script" {
				scripts = append(scripts, attrs)
			}
			if n.Data == "meta" && attrs["name"] == "robots" {
				robots = attrs["content"]
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(scripts) != 1 || scripts[0]["src"] != cms.DefaultScript || scripts[0]["integrity"] != cms.DecapIntegrity {
		t.Errorf("scripts %v, want one: %s with %s", scripts, cms.DefaultScript, cms.DecapIntegrity)
	}
	if !strings.Contains(robots, "noindex") {
		t.Errorf("robots meta %q", robots)
	}
	if bytes.Contains(files["sitemap.xml"], []byte("admin")) {
		t.Errorf("the sitemap lists the admin:\n%s", files["sitemap.xml"])
	}
	for p, b := range files {
		if strings.HasSuffix(p, ".html") && p != cms.PagePath && bytes.Contains(b, []byte("<script")) {
			t.Errorf("%s has a script", p)
		}
	}
}

func TestScriptOverrideAndNoCMS(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, site, dir)
	toml, _ := os.ReadFile(filepath.Join(dir, "site.toml"))
	os.WriteFile(filepath.Join(dir, "site.toml"), append(toml, "script = \"https://cms.thu.example.vn/decap-cms.js\"\n"...), 0o644)
	page := string(buildSite(t, dir)[cms.PagePath])
	if !strings.Contains(page, `src="https://cms.thu.example.vn/decap-cms.js"`) || strings.Contains(page, "integrity") {
		t.Errorf("admin with script override:\n%s", page)
	}

	i := bytes.Index(toml, []byte("[cms]"))
	os.WriteFile(filepath.Join(dir, "site.toml"), toml[:i], 0o644)
	for p := range buildSite(t, dir) {
		if strings.HasPrefix(p, "admin/") {
			t.Errorf("a site without [cms] has %s", p)
		}
	}
}

// TestPinnedScript checks the pinned hash against the decap-cms that
// .ci/run installed from npm (LOA_DECAP names its dist/decap-cms.js).
func TestPinnedScript(t *testing.T) {
	p := decapFile()
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("decap-cms is not installed (%v): bash .ci/run installs it", err)
		}
		t.Skipf("decap-cms is not installed (%v): bash .ci/run installs it, or set LOA_DECAP to its dist/decap-cms.js", err)
	}
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha512.Sum384(b)
	if got := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); got != cms.DecapIntegrity {
		t.Errorf("%s hashes to %s; cms.DecapIntegrity is %s", p, got, cms.DecapIntegrity)
	}
	pkg, err := os.ReadFile(filepath.Join(filepath.Dir(p), "..", "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	var meta struct{ Version string }
	json.Unmarshal(pkg, &meta)
	if meta.Version != cms.DecapVersion {
		t.Errorf("installed decap-cms %s, pinned %s", meta.Version, cms.DecapVersion)
	}
}

// decapFile is the dist/decap-cms.js of the decap-cms that .ci/run
// installs, the version pinned in generator/cms/pin.go:
//
//	npm install --prefix "$HOME/.cache/loa-decap" decap-cms@<version>
//
// LOA_DECAP may name another.
func decapFile() string {
	if p := os.Getenv("LOA_DECAP"); p != "" {
		return p
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "loa-decap", "node_modules", "decap-cms", "dist", "decap-cms.js")
}

// With [cms], a page content/admin.md would be written where the admin is.
func TestAdminSlugTaken(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, site, dir)
	os.WriteFile(filepath.Join(dir, "content", "admin.md"), []byte("+++\ntitle = \"Quản trị\"\n+++\n"), 0o644)
	var diags diag.List
	build.Check(build.Options{Site: dir}, &diags)
	want := "content/admin.md:1:1: the page content/admin.md would take /admin/, where site.toml's [cms] puts the admin: rename the file"
	if errs := diags.Errors(); len(errs) != 1 || errs[0].String() != want {
		t.Errorf("errors %v, want %q", errs, want)
	}
}

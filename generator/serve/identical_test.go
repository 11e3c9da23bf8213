package serve

import (
	"html"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/msg"
)

// TestServedAsBuilt edits a site while it is served (counts, a
// directive's body, a new directive, a template, site.toml, a new unit
// file, unit files deleted) and checks after each save that every file the preview serves
// is, but for its reload script, the file a build of the site from
// scratch writes; and, while the site has errors, that the error page
// lists what the build reports.
func TestServedAsBuilt(t *testing.T) {
	src := t.TempDir()
	cfg := synth.Small()
	cfg.Units, cfg.Groups, cfg.Directives, cfg.Reports = 40, 3, 8, 5
	if err := synth.Write(src, cfg); err != nil {
		t.Fatal(err)
	}
	p := startPreview(t, src+string(filepath.Separator))
	builds := listen(t, p)
	base := p.url[len(p.origin):]

	reports, _ := filepath.Glob(filepath.Join(p.dir, "content/reports/*.toml"))
	units, _ := filepath.Glob(filepath.Join(p.dir, "content/units/*.toml"))
	directives, _ := filepath.Glob(filepath.Join(p.dir, "content/directives/*.md"))
	slices.Sort(reports)
	slices.Sort(units)
	slices.Sort(directives)
	rel := func(abs string) string { r, _ := filepath.Rel(p.dir, abs); return r }
	latest := rel(reports[len(reports)-1])
	countLine := regexp.MustCompile(`(?m)^([a-z0-9-]+) = ([0-9]+)$`)
	gone := rel(units[len(units)-1])
	goneText := p.read(gone)

	for _, step := range []struct {
		name   string
		edit   func()
		broken bool // the site has errors after it
	}{
		{name: "as written", edit: func() {}},
		{name: "a count", edit: func() {
			text := p.read(latest)
			m := countLine.FindAllStringSubmatchIndex(text, -1)[2] // [0] is followers
			p.write(latest, text[:m[4]]+"123456"+text[m[5]:])
		}},
		{name: "a directive's body", edit: func() {
			d := rel(directives[0])
			p.write(d, p.read(d)+"\nMột câu thêm vào cuối văn bản, với [một liên kết](/tien-do/).\n")
		}},
		{name: "a new directive", edit: func() {
			text := regexp.MustCompile(`(?m)^number = ".*"$`).ReplaceAllString(p.read(rel(directives[1])), `number = "99999/MOI-VP"`)
			p.write("content/directives/moi-99999.md", text)
		}},
		{name: "a count of an older report", edit: func() {
			older := rel(reports[1])
			text := p.read(older)
			m := countLine.FindAllStringSubmatchIndex(text, -1)[4]
			p.write(older, text[:m[4]]+"7"+text[m[5]:])
		}},
		{name: "a template of the theme", edit: func() {
			if err := os.MkdirAll(filepath.Join(p.dir, "themes/default/templates"), 0o755); err != nil {
				t.Fatal(err)
			}
			p.write("themes/default/templates/404.html", `{{template "base" .}}{{define "main"}}<h1>Không có trang này</h1>{{end}}`)
		}},
		{name: "the template edited", edit: func() {
			p.write("themes/default/templates/404.html", `{{template "base" .}}{{define "main"}}<h1>Trang này không có</h1>{{end}}`)
		}},
		{name: "the audience of site.toml", edit: func() {
			p.write("site.toml", regexp.MustCompile(`population_14plus = \d+`).ReplaceAllString(p.read("site.toml"), "population_14plus = 123456"))
		}},
		{name: "a new unit file", edit: func() {
			p.write("content/units/moi.toml", "name = \"Nhóm mới\"\norder = 99\n\n[[unit]]\nid = \"don-vi-moi-1\"\nname = \"Đơn vị mới 1\"\n\n[[unit]]\nid = \"don-vi-moi-2\"\nname = \"Đơn vị mới 2\"\ntarget = 100\n")
		}},
		{name: "a count for a new unit", edit: func() {
			p.write(latest, p.read(latest)+"don-vi-moi-2 = 40\n")
		}},
		{name: "a unit file of reported units deleted", broken: true, edit: func() {
			if err := os.Remove(filepath.Join(p.dir, "content/units/moi.toml")); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "their lines deleted", edit: func() {
			p.write(latest, strings.Replace(p.read(latest), "don-vi-moi-2 = 40\n", "", 1))
		}},
		{name: "a unit file deleted", broken: true, edit: func() {
			if err := os.Remove(filepath.Join(p.dir, gone)); err != nil {
				t.Fatal(err)
			}
		}},
		{name: "the unit file back", edit: func() { p.write(gone, goneText) }},
	} {
		builds.settle()
		step.edit()
		if step.name != "as written" {
			builds.next()
			builds.settle() // the burst of a save of many files
		}
		gen := builds.gen
		script := string(reloadScript(base, gen))

		var diags diag.List
		files := newMemSink()
		err := build.Render(build.Options{Site: p.dir}, files, &diags)
		if step.broken {
			if err == nil {
				t.Fatalf("%s: the build succeeds", step.name)
			}
			status, _, body := get(t, p.url)
			if status != 500 {
				t.Fatalf("%s: the preview answers %d, not its error page", step.name, status)
			}
			var want []string
			for _, d := range diags.All() {
				want = append(want, d.Localize(msg.New(msg.En)))
			}
			var have []string
			for _, m := range regexp.MustCompile(`<li(?: class="warning")?>([^<]*)</li>`).FindAllStringSubmatch(body, -1) {
				have = append(have, html.UnescapeString(m[1]))
			}
			if !slices.Equal(have, want) {
				t.Errorf("%s: the error page lists\n%s\nthe build reports\n%s", step.name, strings.Join(have, "\n"), strings.Join(want, "\n"))
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: the build fails: %v\n%v", step.name, err, diags.Err().Error()[:min(2000, len(diags.Err().Error()))])
		}
		built := files.snapshot()
		if len(built) < 4*cfg.Units {
			t.Fatalf("%s: the build wrote %d files", step.name, len(built))
		}
		differ := 0
		for _, key := range slices.Sorted(maps.Keys(built)) {
			status, _, body := get(t, p.url+key)
			if status != 200 {
				t.Errorf("%s: %s: %d", step.name, key, status)
				differ++
			} else if isHTML(key) {
				if !strings.Contains(body, script) {
					t.Errorf("%s: %s is not of build %s", step.name, key, gen)
				}
				body = strings.Replace(body, script, "", 1)
			}
			if status == 200 && body != string(built[key]) {
				t.Errorf("%s: %s is not as built:\n%s", step.name, key, firstDiff(body, string(built[key])))
				differ++
			}
			if differ > 5 {
				t.Fatalf("%s: more files differ", step.name)
			}
		}
		if step.name == "their lines deleted" {
			for _, id := range []string{"don-vi-moi-1", "don-vi-moi-2", "moi"} {
				if status, _, _ := get(t, p.url+"don-vi/"+id+"/"); status != 404 {
					t.Errorf("%s: the page of %s answers %d", step.name, id, status)
				}
			}
		}
	}
}

// firstDiff shows where two texts first differ.
func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-200)
	return "served: …" + a[lo:min(len(a), i+200)] + "\nbuilt:  …" + b[lo:min(len(b), i+200)]
}

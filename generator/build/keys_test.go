package build_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// TestKeptFilesAreTheColdBuildsFiles edits the example site in every way a
// clerk or a theme maker does, one edit after another, and checks after
// each that a rebuild into the same folder, which keeps the files whose
// jobs' keys did not change (render's keys.go), gives byte for byte the
// tree a cold build gives. It also checks that the rebuilds kept most
// files, so that the keys are not simply never found.
func TestKeptFilesAreTheColdBuildsFiles(t *testing.T) {
	site := t.TempDir()
	for _, p := range []string{"site.toml", "content"} {
		src := filepath.Join("..", "..", p)
		if fi, err := os.Stat(src); err == nil && fi.IsDir() {
			sitetest.Copy(t, src, filepath.Join(site, p))
		} else {
			b, err := os.ReadFile(src)
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(site, p), b, 0o644)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	var kept, files int64
	check := func(what string) {
		t.Helper()
		var diags diag.List
		st, err := build.Site(build.Options{Site: site, Out: out}, &diags)
		if err != nil {
			t.Fatal(what, err, diags.Errors())
		}
		kept, files = kept+st.Linked, files+st.Files
		cold := filepath.Join(t.TempDir(), "cold")
		if _, err := build.Site(build.Options{Site: site, Out: cold, NoCache: true}, &diags); err != nil {
			t.Fatal(what, err, diags.Errors())
		}
		sameTree(t, what, readTree(t, out), readTree(t, cold))
	}
	edit := func(rel, old, new string) {
		t.Helper()
		p := filepath.Join(site, rel)
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s holds no %q", rel, old)
		}
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write := func(rel, text string) {
		t.Helper()
		p := filepath.Join(site, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	latest := "content/reports/2023-11-04.toml"
	letter := "content/directives/don-doc-chia-se-zalo-oa.md"

	check("first build")
	check("nothing changed")
	edit(latest, "bac-son = 41", "bac-son = 42")
	check("one count of the latest report")
	edit("content/reports/2023-10-21.toml", "bac-son = 12", "bac-son = 13")
	check("a count of an earlier report")
	edit("content/units/phuong.toml", `name = "UBND phường Đồng Hòa"`, `name = "UBND phường Đồng Hoà mới"`)
	check("a unit renamed")
	edit("content/units/phuong.toml", "target = 6500", "target = 6600")
	check("a unit's target")
	edit("content/units/phuong.toml", `aliases = ["bacson"]`, `aliases = ["bacson", "bac-son-cu"]`)
	check("an alias added")
	edit(letter, "date = 2023-11-06", "date = 2023-10-30")
	check("a letter's date moved to an earlier period")
	edit(letter, `::stat{name="followers"}`, `::stat{name="followers" at="latest"}`)
	check("a letter's figure made the latest")
	// The units' landing pages list their latest tasks and directives,
	// rendered once per group (render.TaskList): a change to one shows on
	// each.
	edit(letter, "hướng dẫn người dân quan tâm, theo dõi trang Zalo OA", "hướng dẫn từng hộ dân quan tâm trang Zalo OA")
	check("a task's text")
	edit(letter, "due = 2023-11-30\n\n[[task]]\nto = [\"quan-doan\"]", "due = 2023-12-15\n\n[[task]]\nto = [\"quan-doan\"]")
	check("a task's due date")
	edit("content/_index.md", `::stat{name="reach"}`, `::stat{name="units"}`)
	check("the home page's directives")
	edit("content/huong-dan.md", `::units{group="phuong"}`, `::units{group="truong-hoc"}`)
	check("a free page's list of units")
	// A directive whose first paragraph shows a figure: its page's
	// description is rendered with the figures, its other parses kept.
	write("content/directives/thong-bao-so-lieu.md", "+++\nkind = \"Thông báo\"\nnumber = \"9/TB-UBND\"\ndate = 2023-11-10\n"+
		"subject = \"Số người quan tâm\"\nto = [\"phuong\"]\nsign = [\"CHỦ TỊCH\"]\nsigner = \"Nguyễn Văn Thử\"\n+++\n\n"+
		"Đến nay đã có :stat[số người]{name=\"followers\" at=\"latest\"} người quan tâm trang.\n")
	check("a directive whose summary shows a figure")
	edit(latest, "bac-son = 42", "bac-son = 142")
	check("one count, shown in a directive's summary")
	write("content/reports/2023-11-11.toml", "followers = 512\nsource = \"Thử\"\n\n[units]\nbac-son = 60\ndong-hoa = 30\n")
	check("a new report")
	edit("content/reports/2023-11-11.toml", "bac-son = 60", "bac-son = 61")
	check("a count of the new report")
	os.Remove(filepath.Join(site, "content/reports/2023-11-11.toml"))
	check("the new report removed")
	edit("site.toml", `title = "Cùng quan tâm Zalo OA UBND quận Kiến An"`, `title = "Cùng quan tâm Zalo OA – Kiến An"`)
	check("the site's title")
	write("themes/default/templates/partials/site-footer.html", `<footer class="site-footer"><p>{{.Info.Name}} · {{num .Figures.Followers}} người quan tâm</p></footer>`)
	check("a theme file overridden: the footer shows the followers")
	edit(latest, "bac-son = 142", "bac-son = 43")
	check("one count, with a footer that shows the total")
	write("themes/default/templates/poster.html", `{{template "base" .}}{{define "main"}}<p>{{.Unit.Name}}: {{len .Campaign.Units}} đơn vị; `+
		`{{range .Campaign.Units}}{{if eq .ID "bac-son"}}Bắc Sơn có {{.Count}}{{end}}{{end}}</p>{{end}}`)
	check("a poster that reads the whole model")
	edit(latest, "bac-son = 43", "bac-son = 44")
	check("one count, with posters that read the model")
	edit("content/units/phuong.toml", "target = 6600", "target = 6600\nretired = 2023-11-04")
	check("a unit retired")
	edit("site.toml", `[campaign]`, "[campaign]\n# một ghi chú")
	check("a comment in site.toml")
	if kept < files/2 {
		t.Errorf("the rebuilds kept %d of %d files: the keys are hardly ever found", kept, files)
	}
	t.Logf("kept %d of %d files over the rebuilds", kept, files)
}

// TestKeysAreTheOutputsOwn: the keys are salted with the build's options
// (and the generator itself), so a manifest that is not the output's own
// (here: that of an output built with --minify) keeps no file wrongly.
func TestKeysAreTheOutputsOwn(t *testing.T) {
	site := t.TempDir()
	sitetest.Copy(t, filepath.Join("..", "..", "content"), filepath.Join(site, "content"))
	b, _ := os.ReadFile(filepath.Join("..", "..", "site.toml"))
	os.WriteFile(filepath.Join(site, "site.toml"), b, 0o644)
	root := t.TempDir()
	a, c := filepath.Join(root, "a"), filepath.Join(root, "c")
	var diags diag.List
	if _, err := build.Site(build.Options{Site: site, Out: a}, &diags); err != nil {
		t.Fatal(err, diags.Errors())
	}
	if _, err := build.Site(build.Options{Site: site, Out: c, Minify: true}, &diags); err != nil {
		t.Fatal(err, diags.Errors())
	}
	// The manifest of the minified output given to the other: its keys
	// are those of a build with --minify, so nothing is kept.
	m, _ := os.ReadFile(filepath.Join(root, ".c.loa-manifest"))
	os.WriteFile(filepath.Join(root, ".a.loa-manifest"), m, 0o644)
	p := filepath.Join(site, "content/reports/2023-11-04.toml")
	r, _ := os.ReadFile(p)
	os.WriteFile(p, []byte(regexp.MustCompile(`bac-son = \d+`).ReplaceAllString(string(r), "bac-son = 50")), 0o644)
	if _, err := build.Site(build.Options{Site: site, Out: a}, &diags); err != nil {
		t.Fatal(err, diags.Errors())
	}
	cold := filepath.Join(t.TempDir(), "cold")
	if _, err := build.Site(build.Options{Site: site, Out: cold, NoCache: true}, &diags); err != nil {
		t.Fatal(err, diags.Errors())
	}
	sameTree(t, "after another output's manifest", readTree(t, a), readTree(t, cold))
}

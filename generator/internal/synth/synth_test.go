package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// tiny is small enough for every test, large enough for every feature: two
// directives with Markdown directives, a unit with an alias, several weeks.
var tiny = Config{Units: 120, Groups: 4, Directives: 20, Reports: 6, Words: 150, Seed: 7}

var tinyHugo = HugoConfig{Pages: 15, Words: 150, Seed: 7}

// tree reads every file under dir, by slash path.
func tree(t *testing.T, dir string) map[string][]byte { return sitetest.Files(t, dir) }

func sameTrees(t *testing.T, a, b map[string][]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for name, x := range a {
		if y, ok := b[name]; !ok {
			t.Errorf("%s written once only", name)
		} else if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two writes", name)
		}
	}
}

func TestDeterministic(t *testing.T) {
	d1, d2 := t.TempDir(), t.TempDir()
	for _, d := range []string{d1, d2} {
		if err := Write(filepath.Join(d, "site"), tiny); err != nil {
			t.Fatal(err)
		}
		if err := WriteHugo(filepath.Join(d, "hugo"), tinyHugo); err != nil {
			t.Fatal(err)
		}
	}
	a, b := tree(t, d1), tree(t, d2)
	sameTrees(t, a, b)

	// Another seed gives other content.
	other := tiny
	other.Seed++
	d3 := t.TempDir()
	if err := Write(d3, other); err != nil {
		t.Fatal(err)
	}
	if c := tree(t, d3); bytes.Equal(c["content/units/tinh-01.toml"], a["site/content/units/tinh-01.toml"]) {
		t.Error("seeds 7 and 8 give the same units")
	}
}

func TestRefusesNonEmptyFolder(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "keep.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, tiny); err == nil {
		t.Error("Write into a folder with files succeeded")
	}
	if err := WriteHugo(dir, tinyHugo); err == nil {
		t.Error("WriteHugo into a folder with files succeeded")
	}
	if err := Write(t.TempDir(), Config{Units: 1, Groups: 2}); err == nil {
		t.Error("more groups than units accepted")
	}
}

var slug = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// TestValidSite reads the site as the generator does (package load, then the
// model's cross-references) and expects not even a warning; then checks
// what load does not: the promises of the synthetic data itself.
func TestValidSite(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, tiny); err != nil {
		t.Fatal(err)
	}
	for name, b := range tree(t, dir) {
		if !utf8.Valid(b) || !norm.NFC.IsNormal(b) {
			t.Errorf("%s is not NFC UTF-8", name)
		}
		if !bytes.HasSuffix(b, []byte("\n")) || bytes.HasSuffix(b, []byte("\n\n")) {
			t.Errorf("%s does not end in exactly one newline", name)
		}
	}

	var diags diag.List
	s := load.Read(dir, &diags)
	campaign.New(s, campaign.Options{}, &diags)
	for _, d := range diags.All() {
		t.Errorf("%s", d)
	}
	if t.Failed() {
		t.FailNow()
	}

	// Units: slugs, unique (load checks too), the right number.
	known := map[string]bool{}
	groups := map[string]bool{}
	var ids []string
	for _, g := range s.Groups {
		groups[g.ID] = true
		for _, u := range g.Units {
			if !slug.MatchString(u.ID) {
				t.Errorf("unit id %q is not a slug", u.ID)
			}
			if u.Target <= 0 {
				t.Errorf("unit %q has no target", u.ID)
			}
			known[u.ID] = true
			ids = append(ids, u.ID)
		}
	}
	aliases := 0
	for _, g := range s.Groups {
		for _, u := range g.Units {
			aliases += len(u.Aliases)
		}
	}
	if aliases == 0 {
		t.Error("no unit has an alias")
	}
	if len(s.Groups) != tiny.Groups || len(ids) != tiny.Units || len(known) != tiny.Units {
		t.Fatalf("%d groups, %d units (%d distinct), want %d and %d", len(s.Groups), len(ids), len(known), tiny.Groups, tiny.Units)
	}

	// Reports: weekly from Start, every unit in each, counts never down,
	// followers at least the sum.
	if len(s.Reports) != tiny.Reports {
		t.Fatalf("%d reports, want %d", len(s.Reports), tiny.Reports)
	}
	prev := map[string]int64{}
	var prevFollowers int64
	for i, r := range s.Reports {
		if want := Start.AddDate(0, 0, 7*i); !r.Date.Equal(want) {
			t.Errorf("report %d is dated %s, want %s", i, r.Date.Format("2006-01-02"), want.Format("2006-01-02"))
		}
		if len(r.Units) != len(ids) {
			t.Errorf("%s lists %d units, want all %d", r.File, len(r.Units), len(ids))
		}
		var sum int64
		for j, uc := range r.Units {
			if j < len(ids) && uc.ID != ids[j] {
				t.Errorf("%s: unit %d is %q, want %q (group order)", r.File, j, uc.ID, ids[j])
			}
			if uc.Count < prev[uc.ID] {
				t.Errorf("%s: %s went down from %d to %d", r.File, uc.ID, prev[uc.ID], uc.Count)
			}
			prev[uc.ID] = uc.Count
			sum += uc.Count
		}
		if r.Followers < sum || r.Followers < prevFollowers {
			t.Errorf("%s: followers %d, units' sum %d, previous followers %d", r.File, r.Followers, sum, prevFollowers)
		}
		prevFollowers = r.Followers
	}
	if prevFollowers == 0 {
		t.Error("nobody followed by the last report")
	}

	// Directives: the kinds mix, 1 to 3 tasks, recipients are groups, and
	// Markdown directives name groups and units that exist.
	if len(s.Directives) != tiny.Directives {
		t.Fatalf("%d directives, want %d", len(s.Directives), tiny.Directives)
	}
	attr := regexp.MustCompile(`(group|unit)="([^"]*)"`)
	kinds := map[string]int{}
	live := 0
	for _, d := range s.Directives {
		kinds[d.Kind]++
		if n := len(d.Tasks); n < 1 || n > 3 {
			t.Errorf("%s has %d tasks", d.File, n)
		}
		for _, ref := range d.To {
			if !groups[ref.ID] {
				t.Errorf("%s: to names %q, not a group", d.File, ref.ID)
			}
		}
		body := string(d.Body)
		for _, want := range []string{"\n## ", "\n### ", "\n- ", "\n1. ", "\n| ---: | --- |"} {
			if !strings.Contains(body, want) {
				t.Errorf("%s has no %q", d.File, want)
			}
		}
		has := false
		for line := range strings.Lines(body) {
			if !strings.HasPrefix(line, "::") {
				continue
			}
			has = true
			for _, m := range attr.FindAllStringSubmatch(line, -1) {
				if (m[1] == "group" && !groups[m[2]]) || (m[1] == "unit" && !known[m[2]]) {
					t.Errorf("%s: %s names an unknown %s", d.File, strings.TrimSpace(line), m[1])
				}
			}
		}
		if has {
			live++
		}
	}
	if len(kinds) != 3 {
		t.Errorf("kinds %v, want Công văn, Kế hoạch and Thông báo", kinds)
	}
	if live != tiny.Directives/10 {
		t.Errorf("%d directives have Markdown directives, want one in ten (%d)", live, tiny.Directives/10)
	}
	if s.Home == nil || len(s.Pages) < 2 {
		t.Errorf("home %v, %d free pages; want a home page and 2 or 3 pages", s.Home != nil, len(s.Pages))
	}
}

// TestWords checks the bodies are about the asked size, for both sites.
func TestWords(t *testing.T) {
	cfg := tiny
	cfg.Words = 600
	m := newModel(cfg)
	for i := range 10 {
		_, text := m.directive(i)
		_, body, _ := bytes.Cut(text[3:], []byte("+++\n"))
		if n := len(strings.Fields(string(body))); n < 600 || n > 750 {
			t.Errorf("directive %d has %d words, want about 600", i, n)
		}
	}
	h := HugoConfig{Pages: 10, Words: 600, Seed: 1}
	for i := range 10 {
		_, body, _ := bytes.Cut(hugoPage(h, i)[3:], []byte("+++\n"))
		if n := len(strings.Fields(string(body))); n < 600 || n > 750 {
			t.Errorf("hugo page %d has %d words, want about 600", i, n)
		}
	}
}

func TestHugoSite(t *testing.T) {
	dir := t.TempDir()
	if err := WriteHugo(dir, tinyHugo); err != nil {
		t.Fatal(err)
	}
	files := tree(t, dir)
	pages := 0
	for name, b := range files {
		if strings.HasPrefix(name, "content/van-ban/bai-") {
			pages++
			if !bytes.HasPrefix(b, []byte("+++\ntitle = \"")) || !bytes.Contains(b, []byte("\ndate = 20")) {
				t.Errorf("%s has no title and date front matter", name)
			}
			if bytes.Contains(b, []byte("\n::")) {
				t.Errorf("%s has a Loa directive Hugo does not know", name)
			}
		}
	}
	if pages != tinyHugo.Pages {
		t.Errorf("%d pages, want %d", pages, tinyHugo.Pages)
	}
	for _, name := range []string{"hugo.toml", "layouts/_default/baseof.html", "layouts/_default/single.html", "layouts/_default/list.html"} {
		if _, ok := files[name]; !ok {
			t.Errorf("no %s", name)
		}
	}
}

// BenchmarkWrite measures writing the small synthetic site, to tell the
// generator's own cost apart from the builds it feeds.
func BenchmarkWrite(b *testing.B) {
	for b.Loop() {
		dir := b.TempDir()
		if err := Write(dir, Small()); err != nil {
			b.Fatal(err)
		}
	}
}

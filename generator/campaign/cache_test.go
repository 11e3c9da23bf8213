package campaign

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/load"
)

// TestCacheGivesTheSameModel edits a site the way an editor does while
// serve runs, and checks after each save that the model made through a
// Cache (and load's, as serve reads) is the model made afresh, with the
// same problems at the same places.
func TestCacheGivesTheSameModel(t *testing.T) {
	dir := t.TempDir()
	cfg := synth.Small()
	cfg.Units, cfg.Groups, cfg.Directives, cfg.Reports = 120, 4, 6, 6
	if err := synth.Write(dir, cfg); err != nil {
		t.Fatal(err)
	}
	reports, _ := filepath.Glob(filepath.Join(dir, "content/reports/*.toml"))
	units, _ := filepath.Glob(filepath.Join(dir, "content/units/*.toml"))
	slices.Sort(reports)
	slices.Sort(units)
	latest, older := reports[len(reports)-1], reports[1]
	read := func(p string) string {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	write := func(p, s string) {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	countLine := regexp.MustCompile(`(?m)^([a-z0-9-]+) = ([0-9]+)$`)
	// setCount sets the count of the n-th unit line of a report.
	setCount := func(p string, n int, count func(int) int) {
		text := read(p)
		m := countLine.FindAllStringSubmatchIndex(text, -1)[n]
		old, _ := strconv.Atoi(text[m[4]:m[5]])
		write(p, text[:m[4]]+strconv.Itoa(count(old))+text[m[5]:])
	}
	firstUnits, secondUnits := read(units[0]), read(units[1])
	latestText := read(latest)

	cache := NewCache()
	sources := load.NewCache()
	for _, step := range []struct {
		name string
		edit func()
	}{
		{"the first model", func() {}},
		{"nothing changed", func() {}},
		{"a count of the latest report up", func() { setCount(latest, 3, func(n int) int { return n + 7 }) }},
		{"a count of the latest report down", func() { setCount(latest, 5, func(int) int { return 0 }) }},
		{"the count back up", func() { setCount(latest, 5, func(n int) int { return 900 }) }},
		{"a count of an older report", func() { setCount(older, 8, func(n int) int { return n + 1 }) }},
		{"the lines of the latest report moved down", func() {
			write(latest, strings.Replace(read(latest), "[units]\n", "[units]\n# a comment\n\n", 1))
		}},
		{"an unknown unit in the latest report", func() {
			write(latest, strings.Replace(read(latest), "[units]\n", "[units]\nkhong-co = 5\n", 1))
		}},
		{"a unit listed twice", func() {
			// By an alias: the same id twice is load's error.
			alias := regexp.MustCompile(`aliases = \["([^"]+)"`).FindStringSubmatch(firstUnits)[1]
			write(latest, read(latest)+alias+" = 5\n")
		}},
		{"a new report", func() {
			write(filepath.Join(dir, "content/reports/2099-01-05.toml"), latestText)
		}},
		{"the new report deleted", func() {
			if err := os.Remove(filepath.Join(dir, "content/reports/2099-01-05.toml")); err != nil {
				t.Fatal(err)
			}
		}},
		{"a unit renamed", func() {
			write(units[0], strings.Replace(firstUnits, `name = "`, `name = "Mới `, 2))
		}},
		{"a unit id used twice", func() {
			id := regexp.MustCompile(`(?m)^id = "([^"]+)"$`).FindStringSubmatch(firstUnits)[1]
			write(units[1], secondUnits+"\n[[unit]]\nid = \""+id+"\"\nname = \"Trùng\"\n")
		}},
		{"the unit id once", func() { write(units[1], secondUnits) }},
		{"a unit retired", func() {
			write(units[0], strings.Replace(read(units[0]), "[[unit]]\n", "[[unit]]\nretired = 2024-01-02\n", 1))
		}},
		{"a unit file that cannot be read", func() { write(units[1], "[[unit]\n") }},
		{"a count changed while it is unread", func() { setCount(latest, 2, func(n int) int { return n + 3 }) }},
		{"the unit files back", func() {
			write(units[0], firstUnits)
			write(units[1], secondUnits)
		}},
		{"the audience of site.toml", func() {
			p := filepath.Join(dir, "site.toml")
			write(p, regexp.MustCompile(`population_14plus = \d+`).ReplaceAllString(read(p), "population_14plus = 1000"))
		}},
		{"the latest report as it was", func() { write(latest, latestText) }},
	} {
		step.edit()
		var cachedDiags, freshDiags diag.List
		cached := New(load.ReadCached(dir, &cachedDiags, sources), Options{Cache: cache}, &cachedDiags)
		fresh := New(load.Read(dir, &freshDiags), Options{}, &freshDiags)
		if !reflect.DeepEqual(cached, fresh) {
			t.Errorf("%s: the model through the cache is not the model made afresh", step.name)
		}
		if have, want := diagText(cachedDiags.All()), diagText(freshDiags.All()); have != want {
			t.Errorf("%s: problems through the cache:\n%s\nafresh:\n%s", step.name, have, want)
		}
		for name, want := range map[string]string{
			"a count of the latest report down":    "went down",
			"an unknown unit in the latest report": "unknown unit",
			"a unit listed twice":                  "listed twice",
			"a unit file that cannot be read":      "left out",
			"a count changed while it is unread":   "left out",
			"a unit retired":                       "retired",
			"a unit id used twice":                 "already used",
		} {
			if step.name == name && !strings.Contains(diagText(freshDiags.All()), want) {
				t.Errorf("%s: no problem says %q:\n%s", name, want, diagText(freshDiags.All()))
			}
		}
	}
}

func diagText(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

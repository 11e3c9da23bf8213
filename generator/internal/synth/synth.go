// Package synth writes synthetic sites for benchmarks: a national Loa site in
// the format of CONTENT.md (tens of thousands of units, years of weekly
// reports, a thousand directives), and a plain Hugo site of Markdown pages of
// the same size and shape, so that the two generators can be timed side by
// side on comparable work.
//
// The logic lives in this non-main package so that Go benchmarks can call
// Write and WriteHugo directly; the command line is in cmd/synth:
//
//	go run ./generator/internal/synth/cmd/synth -o DIR [-units 10000] [-groups 50] \
//	    [-directives 1000] [-reports 104] [-words 600] [-hugo DIR] [-pages 11000]
//
// Output is deterministic: every file is drawn from its own PCG stream of
// math/rand/v2, seeded from the configuration's seed and the file's place,
// so the same configuration gives byte-identical files whatever the order
// (or parallelism) in which they are written.
package synth

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/loa-vn/loa/generator/vi"
)

// Config sizes the synthetic Loa site.
type Config struct {
	Units      int    // units, spread evenly over the groups
	Groups     int    // files content/units/<group>.toml
	Directives int    // files content/directives/<slug>.md
	Reports    int    // weekly reports from 2024-01-01, each listing every unit
	Words      int    // about this many words in each directive body
	Seed       uint64 // the same seed and sizes give the same files
}

// Default is the national scale of the benchmark.
func Default() Config {
	return Config{Units: 10000, Groups: 50, Directives: 1000, Reports: 104, Words: 600, Seed: DefaultSeed}
}

// Small is the reduced size of the smoke test.
func Small() Config {
	return Config{Units: 1000, Groups: 20, Directives: 100, Reports: 20, Words: 600, Seed: DefaultSeed}
}

// DefaultSeed is the seed of Default and Small.
const DefaultSeed = 20240101

// Start is the date of the first report; the others follow weekly.
var Start = time.Date(2024, time.January, 1, 0, 0, 0, 0, time.UTC)

func (c Config) check() error {
	switch {
	case c.Groups < 1:
		return fmt.Errorf("synth: need at least one group (got %d)", c.Groups)
	case c.Units < c.Groups:
		return fmt.Errorf("synth: need at least one unit per group (%d units, %d groups)", c.Units, c.Groups)
	case c.Directives < 0 || c.Reports < 0 || c.Words < 0:
		return errors.New("synth: directives, reports and words must not be negative")
	}
	return nil
}

// Stream numbers: each file draws from rand.NewPCG(seed, stream<<32|index).
const (
	streamUnits = iota + 1
	streamReports
	streamDirectives
	streamPages
	streamHugo
)

func newRand(seed uint64, stream, index int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(stream)<<32|uint64(index)))
}

// unit is one synthetic unit.
type unit struct {
	id, name, short string
	target, aud     int64
	alias           string // "" for most units
	final           int64  // the count it reaches by the last report, about
}

type group struct {
	id, name string
	units    []*unit
}

// model is what the files of a site share: the units, so that reports and
// directives name units that exist.
type model struct {
	cfg    Config
	groups []*group
	units  []*unit // in group order
}

func newModel(cfg Config) *model {
	r := newRand(cfg.Seed, streamUnits, 0)
	m := &model{cfg: cfg}
	for g := range cfg.Groups {
		grp := &group{id: fmt.Sprintf("tinh-%02d", g+1), name: fmt.Sprintf("Tỉnh %02d", g+1)}
		n := cfg.Units / cfg.Groups
		if g < cfg.Units%cfg.Groups {
			n++
		}
		for range n {
			i := len(m.units) + 1
			short := placeName(r)
			kind := "xã"
			switch x := r.IntN(100); {
			case x < 22:
				kind = "phường"
			case x < 27:
				kind = "đặc khu"
			}
			u := &unit{
				// The number keeps ids unique while names repeat; ids have
				// at least three segments, so never clash with "tinh-NN".
				id:     vi.Slug(short) + "-" + strconv.Itoa(i),
				name:   "UBND " + kind + " " + short,
				short:  short,
				target: int64(8+r.IntN(113)) * 100, // 800 to 12,000
			}
			u.aud = u.target * int64(115+r.IntN(20)) / 100
			u.final = u.target * int64(30+r.IntN(80)) / 100
			if i%100 == 1 {
				// Former ids without hyphens: letters then the number, so
				// unique, and never an id or a group id (those have hyphens).
				u.alias = strings.ReplaceAll(vi.Slug(short), "-", "") + strconv.Itoa(i)
			}
			grp.units = append(grp.units, u)
			m.units = append(m.units, u)
		}
		m.groups = append(m.groups, grp)
	}
	return m
}

func (m *model) targets() (target, audience int64) {
	for _, u := range m.units {
		target += u.target
		audience += u.aud
	}
	return target, audience
}

// Write writes the synthetic site into dir, which must be empty or absent:
// site.toml, content/_index.md, free pages, content/units, content/reports
// and content/directives.
func Write(dir string, cfg Config) error {
	if err := cfg.check(); err != nil {
		return err
	}
	if err := prepare(dir, "content/units", "content/reports", "content/directives"); err != nil {
		return err
	}
	m := newModel(cfg)
	if err := m.writeSite(dir); err != nil {
		return err
	}
	if err := m.writeUnits(dir); err != nil {
		return err
	}
	if err := m.writeReports(dir); err != nil {
		return err
	}
	return parallel(cfg.Directives, func(i int) error {
		slug, text := m.directive(i)
		return os.WriteFile(filepath.Join(dir, "content", "directives", slug+".md"), text, 0o644)
	})
}

// prepare makes dir and its sub-folders, refusing a dir that has files: a
// leftover of a larger run would make the output depend on history.
func prepare(dir string, sub ...string) error {
	entries, err := os.ReadDir(dir)
	switch {
	case err == nil && len(entries) > 0:
		return fmt.Errorf("synth: %s is not empty; give an empty or new folder", dir)
	case err != nil && !errors.Is(err, os.ErrNotExist):
		return err
	}
	for _, s := range sub {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(s)), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// parallel runs f(0) ... f(n-1) on all CPUs and returns the first error.
func parallel(n int, f func(i int) error) error {
	var (
		next  = make(chan int)
		wg    sync.WaitGroup
		once  sync.Once
		first error
	)
	for range min(runtime.GOMAXPROCS(0), max(n, 1)) {
		wg.Go(func() {
			for i := range next {
				if err := f(i); err != nil {
					once.Do(func() { first = err })
				}
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

func (m *model) writeSite(dir string) error {
	target, aud := m.targets()
	end := Start.AddDate(0, 0, 7*max(m.cfg.Reports-1, 0)+6)
	var b bytes.Buffer
	fmt.Fprintf(&b, `# Synthetic national site written by generator/internal/synth (seed %d).
# Every name and figure is made up.
title = "Cùng quan tâm Zalo OA của chính quyền các cấp"
base_url = "https://quocgia.example.vn/zalo/"
language = "vi"
theme = "default"

[authority]
name = "Ban Chỉ đạo chiến dịch chuyển đổi số quốc gia"
header = ["BAN CHỈ ĐẠO", "CHIẾN DỊCH CHUYỂN ĐỔI SỐ QUỐC GIA"]
place = "Hà Nội"

[campaign]
name = "Quan tâm Zalo OA của chính quyền các cấp"
channel = "Cổng thông tin chính quyền số"
follow_url = "https://zalo.me/0000000000000000000"
start = %s
end = %s
target = %d

[audience]
population_14plus = %d
smartphone_share = 0.78
vneid_level2 = %d
`, m.cfg.Seed, Start.Format(time.DateOnly), end.Format(time.DateOnly), target, aud, aud*61/100)
	if err := os.WriteFile(filepath.Join(dir, "site.toml"), b.Bytes(), 0o644); err != nil {
		return err
	}
	for i, p := range m.pages() {
		if err := os.WriteFile(filepath.Join(dir, "content", p.name), p.text(m, i), 0o644); err != nil {
			return err
		}
	}
	return nil
}

func (m *model) writeUnits(dir string) error {
	for gi, g := range m.groups {
		var b bytes.Buffer
		fmt.Fprintf(&b, "name = %s\norder = %d\n", quote(g.name), gi+1)
		for _, u := range g.units {
			fmt.Fprintf(&b, "\n[[unit]]\nid = %q\nname = %s\nshort = %s\ntarget = %d\naudience = %d\n",
				u.id, quote(u.name), quote(u.short), u.target, u.aud)
			if u.alias != "" {
				fmt.Fprintf(&b, "aliases = [%q]\n", u.alias)
			}
		}
		if err := os.WriteFile(filepath.Join(dir, "content", "units", g.id+".toml"), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// writeReports writes the weekly reports. Counts are cumulative: each week
// adds a random share of what the unit reaches by the end, so they never go
// down (nor above the unit's audience); followers are the sum of the counts plus people no unit brought,
// which grow too.
func (m *model) writeReports(dir string) error {
	r := newRand(m.cfg.Seed, streamReports, 0)
	counts := make([]int64, len(m.units))
	var others int64
	var b bytes.Buffer
	for w := range m.cfg.Reports {
		date := Start.AddDate(0, 0, 7*w)
		var sum, added int64
		for i, u := range m.units {
			if step := 2 * u.final / int64(m.cfg.Reports); step > 0 {
				// Never above the unit's audience, which is a warning.
				n := min(r.Int64N(step+1), u.aud-counts[i])
				counts[i] += n
				added += n
			}
			sum += counts[i]
		}
		others += added / int64(5+r.IntN(10))
		b.Reset()
		fmt.Fprintf(&b, "followers = %d\nsource = \"Văn phòng Ban Chỉ đạo\"\n", sum+others)
		if w%13 == 12 {
			b.WriteString("note = \"Số liệu tổng hợp quý, đã đối chiếu với báo cáo của các tỉnh.\"\n")
		}
		b.WriteString("\n[units]\n")
		for i, u := range m.units {
			b.WriteString(u.id)
			b.WriteString(" = ")
			b.WriteString(strconv.FormatInt(counts[i], 10))
			b.WriteByte('\n')
		}
		name := date.Format(time.DateOnly) + ".toml"
		if err := os.WriteFile(filepath.Join(dir, "content", "reports", name), b.Bytes(), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// quote writes s as a TOML basic string. The generator's own texts have no
// control characters, which it refuses rather than escape.
func quote(s string) string {
	for _, c := range s {
		if c < 0x20 || c == 0x7f {
			panic(fmt.Sprintf("synth: control character in %q", s))
		}
	}
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

package serve

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/internal/gctune"
	"github.com/loa-vn/loa/generator/internal/synth"
	"github.com/loa-vn/loa/generator/vi"
)

// BenchmarkSaveToReload times what an editor of a national site waits for
// after saving a report: from the write of the file (one count changed)
// until the pages open in the browser are served again after the reload
// event, over real HTTP on 127.0.0.1, as the reload script does: the
// watcher's debounce, the rebuild, the event, then the GETs of the unit's
// page and of tien-do/, as two open tabs would reload. Each iteration is
// one save; "median-ms" is the median of the iterations, "cpu-ms/op" the
// processor time of the process per save:
//
//	LOA_BENCH_SITE=/tmp/nat go test -run '^$' -bench SaveToReload -benchtime 20x ./generator/serve
//
// The site (synth.BenchSite: LOA_BENCH_SITE, else the small one) is
// copied first: the benchmark edits its copy.
func BenchmarkSaveToReload(b *testing.B) {
	gctune.Tune() // as loa serve runs
	src := synth.BenchSite(b)
	e := newEditor(b, src)
	var took []time.Duration
	b.ResetTimer()
	// The processor time of the whole preview per save (the rebuild, the
	// pages, the garbage collector), which a busy machine blurs less
	// than the wait.
	defer synth.ReportCPU(b)()
	for i := 0; b.Loop(); i++ {
		b.StopTimer()
		e.settle()
		b.StartTimer()
		took = append(took, e.edit(e.count+1+i))
	}
	b.StopTimer()
	if len(took) > 0 {
		slices.Sort(took)
		b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "median-ms")
		b.ReportMetric(float64(took[len(took)-1].Microseconds())/1000, "max-ms")
	}
}

// TestEditLatency logs the save-to-reload times of 7 saves on the site in
// the folder LOA_SERVE_SITE (copied first); it checks nothing about time.
//
//	LOA_SERVE_SITE=/tmp/site go test -run TestEditLatency -v ./generator/serve
func TestEditLatency(t *testing.T) {
	src := os.Getenv("LOA_SERVE_SITE")
	if src == "" {
		t.Skip("LOA_SERVE_SITE names no site")
	}
	e := newEditor(t, src)
	var took []time.Duration
	for i := range 7 {
		e.settle()
		took = append(took, e.edit(e.count+1+i))
	}
	t.Logf("save to reloaded page: %v", took)
	slices.Sort(took)
	t.Logf("min %v, median %v, max %v", took[0], took[len(took)/2], took[len(took)-1])
	t.Logf("server log (last lines):\n%s", tail(e.p.log.String(), 10))
}

// editor saves a count of the latest report of a preview and reloads the
// pages that show it, as a browser does: it listens to the reload events.
type editor struct {
	tb     testing.TB
	p      *preview
	rel    string // the latest report
	text   string // its text
	at     [2]int // where the edited count stands in text
	page   string // the page of the unit whose count is edited
	count  int    // the count as the report gives it
	builds *reloads
}

func newEditor(tb testing.TB, src string) *editor {
	tb.Helper()
	reports, _ := filepath.Glob(filepath.Join(src, "content/reports/*.toml"))
	if len(reports) == 0 {
		tb.Fatal("no report in", src)
	}
	slices.Sort(reports)
	e := &editor{tb: tb, p: startPreview(tb, src+string(filepath.Separator))} // the folder's contents
	e.rel = filepath.Join("content/reports", filepath.Base(reports[len(reports)-1]))
	e.text = e.p.read(e.rel)
	units := strings.Index(e.text, "[units]")
	line := regexp.MustCompile(`(?m)^([a-z0-9-]+) = ([0-9]+)$`).FindStringSubmatchIndex(e.text[max(units, 0):])
	if units < 0 || line == nil {
		tb.Fatal("no unit line in the report")
	}
	id := e.text[units+line[2] : units+line[3]]
	e.at = [2]int{units + line[4], units + line[5]}
	e.count, _ = strconv.Atoi(e.text[e.at[0]:e.at[1]])
	e.page = "don-vi/" + id + "/"
	e.p.waitPage(e.page, 200, id)

	e.builds = listen(tb, e.p)
	return e
}

// settle waits until the preview is quiet: no build announced for a while.
func (e *editor) settle() { e.builds.settle() }

// reloads is the reload stream of a preview, as a page's script opens it.
type reloads struct {
	tb     testing.TB
	p      *preview
	events chan string
	gen    string // the build last announced
}

// listen opens the reload stream of p and takes its first event, the
// current build.
func listen(tb testing.TB, p *preview) *reloads {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, p.url+reloadPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	r := &reloads{tb: tb, p: p, events: make(chan string, 16)}
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				r.events <- data
			}
		}
	}()
	select {
	case r.gen = <-r.events:
	case <-time.After(10 * time.Second):
		tb.Fatal("no first reload event")
	}
	return r
}

// next waits for a build other than the last announced, and returns it.
func (r *reloads) next() string {
	r.tb.Helper()
	for {
		select {
		case g := <-r.events:
			if g != r.gen {
				r.gen = g
				return g
			}
		case <-time.After(30 * time.Second):
			r.tb.Fatalf("no reload event 30 s after a save\nlog:\n%s", r.p.log)
		}
	}
}

// settle waits until no build is announced for a while.
func (r *reloads) settle() {
	for {
		select {
		case r.gen = <-r.events:
		case <-time.After(250 * time.Millisecond):
			return
		}
	}
}

// edit saves the report with the count n, waits for the reload event of a
// new build and loads the unit's page and tien-do/ at once, checking that
// the unit's shows n. It returns the time from the save to the last byte
// of both pages.
func (e *editor) edit(n int) time.Duration {
	e.tb.Helper()
	edited := e.text[:e.at[0]] + strconv.Itoa(n) + e.text[e.at[1]:]
	want := `<span class="value">` + vi.Int(int64(n)) + `</span>`
	start := time.Now()
	e.p.write(e.rel, edited)
	for {
		e.builds.next()
		var wg sync.WaitGroup
		var unit, progress string
		var eu, ep error
		wg.Go(func() { unit, eu = fetch(e.p.url + e.page) })
		wg.Go(func() { progress, ep = fetch(e.p.url + "tien-do/") })
		wg.Wait()
		took := time.Since(start)
		if eu != nil || ep != nil {
			e.tb.Fatalf("after a save: %v %v\nlog:\n%s", eu, ep, e.p.log)
		}
		if strings.Contains(unit, want) && strings.Contains(progress, `var g="`+e.builds.gen+`"`) {
			return took
		}
		// A build of an earlier burst of the save: the next event is
		// the one that has it.
	}
}

// fetch GETs a page that must answer 200.
func fetch(url string) (string, error) {
	resp, err := http.Get(url)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err == nil && resp.StatusCode != http.StatusOK {
		err = fmt.Errorf("GET %s: %s", url, resp.Status)
	}
	return string(b), err
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

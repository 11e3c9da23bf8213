package serve

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/vi"
)

// TestEditLatency measures, on the site in the folder LOA_SERVE_SITE (a
// national one written by generator/internal/synth/cmd/synth, copied
// first), how long after a report is saved the page of a unit it counts
// shows the new count: the watcher's debounce, the rebuild, the page.
//
//	LOA_SERVE_SITE=/tmp/site go test -run TestEditLatency -v ./generator/serve
func TestEditLatency(t *testing.T) {
	src := os.Getenv("LOA_SERVE_SITE")
	if src == "" {
		t.Skip("LOA_SERVE_SITE names no site")
	}
	reports, _ := filepath.Glob(filepath.Join(src, "content/reports/*.toml"))
	if len(reports) == 0 {
		t.Fatal("no report")
	}
	sort.Strings(reports)
	p := startPreview(t, src+"/") // the folder's contents
	rel := filepath.Join("content/reports", filepath.Base(reports[len(reports)-1]))
	text := p.read(rel)
	units := strings.Index(text, "[units]")
	line := regexp.MustCompile(`(?m)^([a-z0-9-]+) = ([0-9]+)$`).FindStringSubmatchIndex(text[max(units, 0):])
	if units < 0 || line == nil {
		t.Fatal("no unit line in the report")
	}
	for i := range line {
		line[i] += units
	}
	id := text[line[2]:line[3]]
	page := "don-vi/" + id + "/"
	p.waitPage(page, 200, id)

	var took []time.Duration
	for i := range 7 {
		n := 900000 + 1000*i
		edited := text[:line[4]] + strconv.Itoa(n) + text[line[5]:]
		want := `<span class="value">` + vi.Int(int64(n)) + `</span>`
		start := time.Now()
		p.write(rel, edited)
		for {
			_, _, body := get(t, p.url+page)
			if strings.Contains(body, want) {
				break
			}
			if time.Since(start) > 30*time.Second {
				t.Fatalf("the page does not show %s after 30 s\nlog:\n%s", want, p.log)
			}
			time.Sleep(2 * time.Millisecond)
		}
		took = append(took, time.Since(start))
		time.Sleep(300 * time.Millisecond) // let the watcher settle
	}
	t.Logf("edit to visible: %v", took)
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	t.Logf("min %v, median %v, max %v", took[0], took[len(took)/2], took[len(took)-1])
	t.Logf("server log (last lines):\n%s", tail(p.log.String(), 10))
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

package browser

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// axe-core is an npm package; .ci/run installs it with
//
//	npm install --prefix "$HOME/.cache/loa-axe" axe-core@4
//
// and LOA_AXE may name another axe.min.js.

var (
	axeOnce sync.Once
	axeJS   string
	axeErr  error
)

func axePath() string {
	if p := os.Getenv("LOA_AXE"); p != "" {
		return p
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".cache", "loa-axe", "node_modules", "axe-core", "axe.min.js")
}

// axeSource returns the text of axe.min.js. It skips the test when the file
// is missing, except in CI.
func axeSource(t *testing.T) string {
	t.Helper()
	axeOnce.Do(func() {
		p := axePath()
		b, err := os.ReadFile(p)
		if err != nil {
			axeErr = fmt.Errorf("axe-core is not installed (%v); install it with: npm install --prefix \"$HOME/.cache/loa-axe\" axe-core@4, or set LOA_AXE to axe.min.js", err)
			return
		}
		axeJS = string(b)
	})
	if axeErr != nil {
		skipOrFail(t, "%v", axeErr)
	}
	return axeJS
}

type axeNode struct {
	Target         []any  `json:"target"`
	FailureSummary string `json:"failureSummary"`
}

type axeResult struct {
	ID     string    `json:"id"`
	Impact string    `json:"impact"`
	Help   string    `json:"help"`
	Nodes  []axeNode `json:"nodes"`
}

// axeRun runs axe-core on the loaded page against WCAG 2.1 A and AA, and
// fails on every serious or critical violation.
func (tb *tab) axeRun(src string, what string) {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe === "object"`) {
		eval[chromedp.Void](tb, src)
	}
	const run = `axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
	  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
	    nodes: v.nodes.slice(0, 3).map(n => ({target: n.target, failureSummary: n.failureSummary}))})))`
	vs := eval[[]axeResult](tb, run, chromedp.EvalAwaitPromise)
	for _, v := range vs {
		if v.Impact != "serious" && v.Impact != "critical" {
			tb.t.Logf("%s: axe (%s, not failing): %s: %s", what, v.Impact, v.ID, v.Help)
			continue
		}
		var nodes []string
		for _, n := range v.Nodes {
			nodes = append(nodes, fmt.Sprintf("%v: %s", n.Target, strings.ReplaceAll(n.FailureSummary, "\n", " ")))
		}
		tb.t.Errorf("%s: axe %s (%s): %s\n\t%s", what, v.ID, v.Impact, v.Help, strings.Join(nodes, "\n\t"))
	}
}

// TestAxe runs axe-core on every page kind on a phone and a desktop, and
// on a phone in the dark colour scheme: no serious or critical WCAG 2.1 AA
// violation, contrast included.
func TestAxe(t *testing.T) {
	e := setup(t)
	src := axeSource(t)
	type run struct {
		vp   viewport
		dark bool
	}
	for _, r := range []run{{phone, false}, {desktop, false}, {phone, true}} {
		scheme := "light"
		if r.dark {
			scheme = "dark"
		}
		for _, k := range kinds {
			t.Run(r.vp.String()+"/"+scheme+"/"+k.name, func(t *testing.T) {
				t.Parallel() // tabs of one browser; go test -parallel bounds them
				tb := e.open(t, tabOptions{vp: r.vp, dark: r.dark})
				tb.load(k.path, k.status)
				if r.dark && !eval[bool](tb, `matchMedia("(prefers-color-scheme: dark)").matches`) {
					t.Fatal("the dark colour scheme is not emulated")
				}
				tb.axeRun(src, k.path)
			})
		}
	}
}

// TestAxeFinds makes sure that the harness would see a violation: axe
// loaded, ran and reported a text of too little contrast.
func TestAxeFinds(t *testing.T) {
	e := setup(t)
	src := axeSource(t)
	tb := e.open(t, tabOptions{vp: phone})
	k := kindNamed(t, "page")
	tb.load(k.path, k.status)
	eval[chromedp.Void](tb, `document.querySelector("main").insertAdjacentHTML("beforeend",
	  '<p id="faint" style="color:#bbb;background:#fff">Chữ quá nhạt</p>')`)
	eval[chromedp.Void](tb, src)
	ids := eval[[]string](tb, `axe.run(document, {runOnly: {type: "tag", values: ["wcag2aa"]}, resultTypes: ["violations"]})
	  .then(r => r.violations.map(v => v.id))`, chromedp.EvalAwaitPromise)
	if !strings.Contains(strings.Join(ids, " "), "color-contrast") {
		t.Errorf("axe found %v on a page with faint text, want color-contrast", ids)
	}
}

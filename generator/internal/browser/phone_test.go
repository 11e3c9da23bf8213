package browser

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
)

type rect struct {
	Found                      bool
	Top, Bottom, Width, Height float64
}

// rectOf returns the bounding box of the first element that matches sel.
func (tb *tab) rectOf(sel string) rect {
	tb.t.Helper()
	return eval[rect](tb, fmt.Sprintf(`(() => {
	  const el = document.querySelector(%s);
	  if (!el) return {Found: false};
	  const r = el.getBoundingClientRect();
	  return {Found: true, Top: r.top, Bottom: r.bottom, Width: r.width, Height: r.height};
	})()`, jsString(sel)))
}

// TestLandingFirstScreen: on a unit's landing page the unit's name, the
// sentence that says why and the follow button are all in the first
// screen, without scrolling; the button is at least 48 px tall, and it
// works without JavaScript (it is a plain link to the account).
func TestLandingFirstScreen(t *testing.T) {
	e := setup(t)
	k := kindNamed(t, "landing")
	for _, vp := range viewports {
		t.Run(vp.String(), func(t *testing.T) {
			tb := e.open(t, tabOptions{vp: vp})
			send(tb, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			tb.load(k.path, k.status)
			for _, el := range []struct{ sel, what string }{
				{"main h1", "the unit's name"},
				{"main .lead", "the sentence of why"},
				{"main a.button-follow", "the follow button"},
			} {
				r := tb.rectOf(el.sel)
				switch {
				case !r.Found:
					t.Errorf("%s (%s) is missing", el.what, el.sel)
				case r.Top < 0 || r.Bottom > float64(vp.h):
					t.Errorf("%s (%s) is not in the first screen: top %.0f, bottom %.0f, screen height %d", el.what, el.sel, r.Top, r.Bottom, vp.h)
				}
			}
			b := tb.rectOf("main a.button-follow")
			if b.Height < 48 || b.Width < 48 {
				t.Errorf("the follow button is %.0f x %.0f px, want at least 48 px each way", b.Width, b.Height)
			}
			href := eval[string](tb, `document.querySelector("main a.button-follow").href`)
			if !strings.HasPrefix(href, "https://") {
				t.Errorf("the follow button leads to %q, want the account's https address", href)
			}
			if n := eval[int](tb, `document.scripts.length`); n != 0 {
				t.Errorf("the page has %d scripts; nothing should need JavaScript", n)
			}
		})
	}
}

// TestLargeText: text at 200% on a 390 px phone (the browser's default
// font size 32 px, as a reader who sets larger text has it), and a
// 640 px wide window (a 1280 px screen zoomed to 200%): no page kind
// scrolls sideways, and the follow button stays at least 48 px tall.
func TestLargeText(t *testing.T) {
	e := setup(t)
	for _, o := range []tabOptions{
		{vp: phone, fontSize: 32},
		{vp: viewport{640, 800}},
	} {
		name := o.vp.String()
		if o.fontSize != 0 {
			name += fmt.Sprintf("/text-%dpx", o.fontSize)
		}
		for _, k := range kinds {
			t.Run(name+"/"+k.name, func(t *testing.T) {
				t.Parallel() // tabs of one browser; go test -parallel bounds them
				tb := e.open(t, o)
				tb.load(k.path, k.status)
				if o.fontSize != 0 {
					want := fmt.Sprintf("%dpx", o.fontSize)
					if got := eval[string](tb, `getComputedStyle(document.documentElement).fontSize`); got != want {
						t.Fatalf("the root font size is %s, want %s", got, want)
					}
				}
				type scroll struct {
					ScrollWidth, InnerWidth float64
					Wide                    []string
					SkipBottom              float64
				}
				s := eval[scroll](tb, `({ScrollWidth: document.documentElement.scrollWidth, InnerWidth: window.innerWidth,
				  Wide: (`+widestJS+`)(), SkipBottom: document.querySelector(".skip-link").getBoundingClientRect().bottom})`)
				if s.SkipBottom > 0 {
					t.Errorf("%s: the skip link shows before it has focus (its bottom at %.0f px)", k.path, s.SkipBottom)
				}
				if s.ScrollWidth > s.InnerWidth {
					t.Errorf("%s scrolls sideways: scrollWidth %.0f > innerWidth %.0f; too wide: %v", k.path, s.ScrollWidth, s.InnerWidth, s.Wide)
				}
				if k.name == "landing" {
					if b := tb.rectOf("main a.button-follow"); b.Height < 48 {
						t.Errorf("the follow button is %.0f px tall", b.Height)
					}
				}
			})
		}
	}
}

// TestPageWeight loads every page kind on a phone with an empty cache and
// sums the bytes on the wire: a landing page, its QR image included, stays
// under 50 KB. The other kinds are logged (go test -v shows them).
func TestPageWeight(t *testing.T) {
	e := setup(t)
	const limit = 50_000
	var lines []string
	for _, k := range kinds {
		t.Run(k.name, func(t *testing.T) {
			tb := e.open(t, tabOptions{vp: phone, noCache: true})
			tb.load(k.path, k.status)
			total, each := tb.transferred()
			var files []string
			for u, n := range each {
				if u = strings.TrimPrefix(u, e.base); u == "" {
					u = "./"
				}
				files = append(files, fmt.Sprintf("%s %.0f", u, n))
			}
			sort.Strings(files)
			lines = append(lines, fmt.Sprintf("%-10s %6.0f bytes in %d files: %s", k.name, total, len(each), strings.Join(files, ", ")))
			if k.name == "landing" && total >= limit {
				t.Errorf("a landing page weighs %.0f bytes on the wire, want under %d: %s", total, limit, strings.Join(files, ", "))
			}
		})
	}
	t.Logf("bytes transferred, empty cache, 390 px:\n%s", strings.Join(lines, "\n"))
}

package browser

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageProblems is run in a loaded page. It returns what is wrong with it as
// a list of sentences; an empty list is a page that passes. It checks what
// axe-core leaves to people: the order of headings, the skip link, the icon
// under base_url, QR alt texts, tables' captions and header scope, charts'
// text alternatives.
const pageProblems = `(() => {
  const widest = ` + widestJS + `;
  const base = new URL(BASE);
  const p = [];
  const de = document.documentElement;
  if (de.scrollWidth > window.innerWidth) {
    p.push("scrolls sideways: scrollWidth " + de.scrollWidth + " > innerWidth " + window.innerWidth + "; too wide: " + widest().join(", "));
  }
  if (de.lang !== "vi") p.push("<html lang> is " + JSON.stringify(de.lang) + ", want vi");
  if (!document.title.trim()) p.push("no <title>");
  const desc = document.querySelector('meta[name="description"]');
  if (!desc || !desc.content.trim()) p.push("no <meta name=description>");
  const icons = document.querySelectorAll('link[rel~="icon"]');
  if (icons.length === 0) p.push("no <link rel=icon>: the browser would ask the host root for /favicon.ico");
  for (const l of icons) {
    const u = new URL(l.href);
    if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname)) p.push("icon " + l.href + " is not under " + base.href);
  }

  // Landmarks and the skip link.
  if (document.querySelectorAll("main").length !== 1) p.push("want exactly one <main>");
  if (!document.querySelector("body > header")) p.push("no banner (<header> in <body>)");
  if (!document.querySelector("body > footer")) p.push("no contentinfo (<footer> in <body>)");
  const nav = document.querySelector("nav");
  if (!nav || !nav.getAttribute("aria-label")) p.push("no <nav> with aria-label");
  const first = document.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
  if (!first || !first.matches("a.skip-link")) {
    p.push("the first focusable element is not the skip link");
  } else {
    const target = document.getElementById(decodeURIComponent(first.hash.slice(1)));
    if (!target || target.tagName !== "MAIN") p.push("the skip link does not lead to <main>");
    if (document.activeElement !== first && first.getBoundingClientRect().bottom > 0) p.push("the skip link shows before it has focus");
  }

  // Headings: one h1, first; no level skipped on the way down.
  const hs = [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")];
  const h1s = hs.filter(h => h.tagName === "H1");
  if (h1s.length !== 1) p.push("want one <h1>, have " + h1s.length);
  let prev = 0;
  for (const h of hs) {
    const level = +h.tagName[1];
    if (level > prev + 1) p.push("heading " + h.tagName.toLowerCase() + " " + JSON.stringify(h.textContent.trim().slice(0, 60)) + " follows h" + prev);
    prev = level;
  }

  // Images: every one has alt text; a QR code says what it is for.
  const qrs = [];
  for (const img of document.images) {
    const alt = img.getAttribute("alt");
    if (alt === null) p.push("<img src=" + img.src + "> has no alt");
    if (/qr/i.test(new URL(img.src).pathname)) {
      qrs.push(alt || "");
      if (!(alt || "").startsWith("Mã QR để quan tâm ")) p.push("QR " + img.src + " alt " + JSON.stringify(alt) + " does not start with \"Mã QR để quan tâm \"");
    }
    if (!img.complete || img.naturalWidth === 0) p.push("image " + img.src + " did not load");
  }

  // Charts: an svg is an image with a name and a description, or hidden.
  for (const svg of document.querySelectorAll("svg")) {
    if (svg.closest('[aria-hidden="true"]')) continue;
    if (svg.getAttribute("role") !== "img") { p.push("an <svg> without role=img"); continue; }
    const ids = (svg.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean);
    const text = ids.map(id => (document.getElementById(id) || {}).textContent || "").join(" ").trim();
    if (!text && !svg.getAttribute("aria-label")) p.push("an <svg> chart without a text alternative");
  }

  // Tables: the theme's have a caption and header cells with a scope;
  // a Markdown table (in .prose) has its header cells in <thead>.
  for (const t of document.querySelectorAll("table")) {
    const md = t.parentElement && t.parentElement.matches(".prose");
    if (md) {
      for (const th of t.querySelectorAll("th")) if (!th.closest("thead")) p.push("a Markdown table has a header cell outside <thead>");
      continue;
    }
    if (!t.caption || !t.caption.textContent.trim()) p.push("a table without a caption");
    for (const th of t.querySelectorAll("th")) {
      if (!["col", "row", "colgroup", "rowgroup"].includes(th.getAttribute("scope"))) {
        p.push("<th> " + JSON.stringify(th.textContent.trim().slice(0, 40)) + " without scope");
      }
    }
  }
  return {problems: p, qrs: qrs, h1: h1s.length ? h1s[0].textContent.trim() : ""};
})()`

// widestJS is a JavaScript function that names the first elements and
// texts that reach past the right edge of the window.
const widestJS = `() => {
  const out = [];
  const name = el => el.tagName.toLowerCase() + (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\s+/).join(".") : "");
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5) out.push(name(el) + " (right " + Math.round(r.right) + ")");
  }
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    const range = document.createRange();
    range.selectNodeContents(n);
    const r = range.getBoundingClientRect();
    if (r.right > window.innerWidth + 0.5) out.push("text " + JSON.stringify(n.textContent.trim().slice(0, 40)) + " in " + name(n.parentElement) + " (right " + Math.round(r.right) + ")");
  }
  return out.slice(-8);
}`

type pageReport struct {
	Problems []string `json:"problems"`
	QRs      []string `json:"qrs"`
	H1       string   `json:"h1"`
}

// check runs pageProblems on the loaded page and reports every problem.
func (tb *tab) check(k kind) {
	tb.t.Helper()
	r := eval[pageReport](tb, strings.Replace(pageProblems, "BASE", jsString(tb.e.base), 1))
	for _, p := range r.Problems {
		tb.t.Errorf("%s: %s", k.path, p)
	}
	// A unit's pages name the unit in the QR's alt text.
	if k.name == "landing" || k.name == "poster" {
		if len(r.QRs) == 0 {
			tb.t.Errorf("%s: no QR image", k.path)
		}
		for _, alt := range r.QRs {
			if !strings.Contains(alt, " từ "+r.H1) {
				tb.t.Errorf("%s: QR alt %q does not say “từ %s”", k.path, alt, r.H1)
			}
		}
	}
}

// checkErrors fails on every console error of the tab so far. The 404 page
// is allowed the one error its own status causes.
func (tb *tab) checkErrors(k kind) {
	tb.t.Helper()
	errs := tb.takeErrors()
	if k.status == 404 {
		for i, e := range errs {
			if strings.Contains(e, "Failed to load resource") && strings.Contains(e, "404") && strings.Contains(e, k.path) {
				errs = append(errs[:i:i], errs[i+1:]...)
				break
			}
		}
	}
	for _, e := range errs {
		tb.t.Errorf("%s: %s", k.path, e)
	}
	if out := tb.e.srv.takeOutside(); len(out) > 0 {
		tb.t.Errorf("%s: requests outside %s: %v", k.path, subPath, out)
	}
}

// TestPages loads every page kind on a phone and on a desktop: no console
// error, no request outside base_url, no sideways scrolling, and the
// structure a screen reader and a keyboard need.
func TestPages(t *testing.T) {
	e := setup(t)
	for _, vp := range viewports {
		for _, k := range kinds {
			t.Run(vp.String()+"/"+k.name, func(t *testing.T) {
				tb := e.open(t, tabOptions{vp: vp})
				tb.load(k.path, k.status)
				tb.check(k)
				tb.checkFocus(k)
				tb.checkErrors(k)
			})
		}
	}
}

// checkFocus presses Tab: the skip link comes first and shows on screen,
// with a focus outline; so does the first link of the main content.
func (tb *tab) checkFocus(k kind) {
	tb.t.Helper()
	type focus struct {
		Tag, Class    string
		InMain        bool
		Top, Bottom   float64
		Outline       string
		OutlineWidth  float64
		FocusVisible  bool
		ViewportH     float64
		ScrolledRight bool
	}
	const js = `(() => {
	  const a = document.activeElement, r = a.getBoundingClientRect(), cs = getComputedStyle(a);
	  return {Tag: a.tagName, Class: a.className, InMain: !!a.closest("main"), Top: r.top, Bottom: r.bottom,
	    Outline: cs.outlineStyle, OutlineWidth: parseFloat(cs.outlineWidth) || 0, FocusVisible: a.matches(":focus-visible"),
	    ViewportH: window.innerHeight, ScrolledRight: window.scrollX > 0};
	})()`
	tab := func() focus {
		tb.t.Helper()
		if err := chromedp.Do(tb.ctx, chromedp.KeyEvent("\t")); err != nil {
			tb.t.Fatal(err)
		}
		return eval[focus](tb, js)
	}
	visible := func(f focus, what string) {
		tb.t.Helper()
		if f.Top < 0 || f.Bottom > f.ViewportH {
			tb.t.Errorf("%s: the focused %s is off screen (top %.0f, bottom %.0f)", k.path, what, f.Top, f.Bottom)
		}
		if !f.FocusVisible || f.Outline == "none" || f.OutlineWidth < 2 {
			tb.t.Errorf("%s: the focused %s shows no focus outline (%s %.1fpx)", k.path, what, f.Outline, f.OutlineWidth)
		}
		if f.ScrolledRight {
			tb.t.Errorf("%s: focusing the %s scrolled the page sideways", k.path, what)
		}
	}
	f := tab()
	if f.Tag != "A" || !strings.Contains(f.Class, "skip-link") {
		tb.t.Errorf("%s: Tab focuses <%s class=%q>, want the skip link", k.path, f.Tag, f.Class)
		return
	}
	visible(f, "skip link")
	for range 40 {
		if f = tab(); f.InMain {
			visible(f, "first link of the content")
			return
		}
	}
}

// TestAlias: a unit's former id (printed on old posters) sends the visitor
// on to the landing page, without JavaScript and without a console error.
func TestAlias(t *testing.T) {
	e := setup(t)
	tb := e.open(t, tabOptions{vp: phone})
	tb.load("don-vi/bacson/", 200)
	want := e.base + kindNamed(t, "landing").path
	deadline := time.Now().Add(5 * time.Second)
	for {
		// The page is navigating away by itself: an evaluation that meets
		// the navigation fails, and is simply tried again.
		loc, err := chromedp.Run(tb.ctx, chromedp.Evaluate[string](`location.href`))
		if err == nil && loc == want {
			ready, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](`document.readyState === "complete" && !!document.querySelector("a.button-follow")`))
			if err == nil && ready {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the alias page is still at %s after 5s, want %s", loc, want)
		}
		time.Sleep(20 * time.Millisecond)
	}
	tb.settle()
	tb.checkErrors(kind{name: "alias", path: "don-vi/bacson/", status: 200})
}

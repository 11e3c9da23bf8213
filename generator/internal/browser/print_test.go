package browser

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A4 in PDF points (1/72 in) and in CSS pixels (1/96 in).
const (
	a4WidthPt, a4HeightPt = 595.28, 841.89
	pxPerMM               = 96 / 25.4
)

var (
	// A page object; not the page tree ("/Type /Pages").
	pdfPage     = regexp.MustCompile(`/Type\s*/Page\b`)
	pdfCount    = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)|/Count\s+(\d+)[^>]*?/Type\s*/Pages\b`)
	pdfMediaBox = regexp.MustCompile(`/MediaBox\s*\[\s*(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s+(-?[\d.]+)\s*\]`)
)

// printPDF prints the loaded page as Chromium's print dialog would on A4,
// letting the page's @page rule choose the size.
func (tb *tab) printPDF() []byte {
	tb.t.Helper()
	pdf, err := chromedp.Run(tb.ctx, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPreferCSSPageSize()))
	if err != nil {
		tb.t.Fatalf("printing to PDF: %v", err)
	}
	return pdf
}

// checkA4 checks that the PDF has pages and that every page is A4
// portrait, and returns the number of pages.
func checkA4(t *testing.T, pdf []byte) int {
	t.Helper()
	pages := len(pdfPage.FindAll(pdf, -1))
	if pages == 0 {
		t.Fatalf("the PDF (%d bytes) has no page", len(pdf))
	}
	// The page tree's own count, when the PDF writes it plainly, agrees:
	// its root's (a tree of more than 8 pages has inner nodes, which
	// count their own pages).
	root := -1
	for _, m := range pdfCount.FindAllSubmatch(pdf, -1) {
		n, _ := strconv.Atoi(string(m[1]) + string(m[2]))
		root = max(root, n)
	}
	if root >= 0 && root != pages {
		t.Errorf("the PDF has %d page objects but its page tree counts %d", pages, root)
	}
	boxes := pdfMediaBox.FindAllSubmatch(pdf, -1)
	if len(boxes) == 0 {
		t.Fatalf("the PDF has no /MediaBox")
	}
	for _, b := range boxes {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(string(b[i+1]), 64)
		}
		w, h := v[2]-v[0], v[3]-v[1]
		if abs(w-a4WidthPt) > 2 || abs(h-a4HeightPt) > 2 {
			t.Errorf("a PDF page is %.1f x %.1f pt, want A4 portrait (%.1f x %.1f)", w, h, a4WidthPt, a4HeightPt)
		}
	}
	return pages
}

func abs(x float64) float64 {
	if x < 0 {
		return -x
	}
	return x
}

// TestPosterPrint: a unit's A4 poster prints on exactly one A4 page, with
// the QR code at least 8 cm wide, and nothing but the poster.
func TestPosterPrint(t *testing.T) {
	e := setup(t)
	k := kindNamed(t, "poster")
	for _, vp := range viewports {
		t.Run(vp.String(), func(t *testing.T) {
			tb := e.open(t, tabOptions{vp: vp})
			tb.load(k.path, k.status)
			if pages := checkA4(t, tb.printPDF()); pages != 1 {
				t.Errorf("the poster prints on %d pages, want 1", pages)
			}

			tb.media("print", "")
			qr := tb.rectOf(".poster-qr")
			if !qr.Found {
				t.Fatal("no .poster-qr")
			}
			if minPx := 80 * pxPerMM; qr.Width < minPx || qr.Height < minPx {
				t.Errorf("the QR prints %.1f x %.1f mm, want at least 80 mm wide", qr.Width/pxPerMM, qr.Height/pxPerMM)
			}
			if shown := eval[[]string](tb, printShown); len(shown) > 0 {
				t.Errorf("in print, these show besides the poster: %v", shown)
			}
		})
	}
}

// TestGroupPostersPrint: a group's posters print one per A4 page, each
// QR code at least 8 cm wide, and nothing but the posters.
func TestGroupPostersPrint(t *testing.T) {
	e := setup(t)
	k := kindNamed(t, "posters")
	tb := e.open(t, tabOptions{vp: desktop})
	tb.load(k.path, k.status)
	n := eval[int](tb, `document.querySelectorAll(".poster").length`)
	if n < 2 {
		t.Fatalf("%d posters on the group's page", n)
	}
	if pages := checkA4(t, tb.printPDF()); pages != n {
		t.Errorf("%d posters print on %d pages, want one page each", n, pages)
	}
	tb.media("print", "")
	small := eval[int](tb, `[...document.querySelectorAll(".poster-qr")].filter(q => q.getBoundingClientRect().width < 80 * 96 / 25.4).length`)
	if small > 0 {
		t.Errorf("%d QR codes print narrower than 80 mm", small)
	}
	if shown := eval[[]string](tb, printShown); len(shown) > 0 {
		t.Errorf("in print, these show besides the posters: %v", shown)
	}
}

// printShown lists the page furniture that shows in print: the header, the
// menu, the footer, the skip link, the breadcrumb and hints for the screen.
const printShown = `[...document.querySelectorAll("body > header, nav, body > footer, .skip-link, .breadcrumb, .no-print, .print-hint")]
  .filter(el => el.getClientRects().length > 0)
  .map(el => el.tagName.toLowerCase() + "." + String(el.className).trim().replace(/\s+/g, "."))`

// TestDirectivePrint: a directive, and a period's leaders' report, print
// like the paper document: on A4, with the margins of Nghị định
// 30/2020/NĐ-CP (top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm),
// without the site's navigation.
func TestDirectivePrint(t *testing.T) {
	e := setup(t)
	for _, name := range []string{"cong-van", "ke-hoach", "report"} {
		k := kindNamed(t, name)
		t.Run(name, func(t *testing.T) {
			tb := e.open(t, tabOptions{vp: desktop})
			tb.load(k.path, k.status)
			checkA4(t, tb.printPDF())

			tb.media("print", "")
			if shown := eval[[]string](tb, printShown); len(shown) > 0 {
				t.Errorf("in print, these show besides the document: %v", shown)
			}
			// The @page rules that apply in print, last wins.
			type margins struct {
				Found                    bool
				Top, Right, Bottom, Left string
			}
			m := eval[margins](tb, `(() => {
			  const out = {Found: false};
			  const visit = rules => {
			    for (const r of rules) {
			      if (r instanceof CSSPageRule) {
			        for (const [side, prop] of [["Top", "margin-top"], ["Right", "margin-right"], ["Bottom", "margin-bottom"], ["Left", "margin-left"]]) {
			          const v = r.style.getPropertyValue(prop);
			          if (v) { out[side] = v; out.Found = true; }
			        }
			      } else if (r instanceof CSSMediaRule && matchMedia(r.conditionText).matches) {
			        visit(r.cssRules);
			      }
			    }
			  };
			  for (const s of document.styleSheets) {
			    if (s.media.mediaText && !matchMedia(s.media.mediaText).matches) continue;
			    visit(s.cssRules);
			  }
			  return out;
			})()`)
			if !m.Found {
				t.Fatal("no @page rule with margins applies in print")
			}
			for _, side := range []struct {
				name, value string
				lo, hi      float64
			}{
				{"top", m.Top, 20, 25},
				{"bottom", m.Bottom, 20, 25},
				{"left", m.Left, 30, 35},
				{"right", m.Right, 15, 20},
			} {
				mm, ok := toMM(side.value)
				if !ok || mm < side.lo || mm > side.hi {
					t.Errorf("the %s margin is %q, want %g-%g mm", side.name, side.value, side.lo, side.hi)
				}
			}
			// In print, "Phân công thực hiện" comes inside the body, above
			// its closing sentence ("./."), which is above "Nơi nhận" and
			// the signature.
			tops := eval[[]float64](tb, `[".vb-nhiem-vu", ".vb-noi-dung > p:last-child", ".vb-cuoi"].map(s => {
			  const e = document.querySelector(s);
			  return e && e.getClientRects().length ? e.getBoundingClientRect().top : -1;
			})`)
			closing := eval[string](tb, `(document.querySelector(".vb-noi-dung > p:last-child") || {}).textContent || ""`)
			if name == "report" && len(tops) == 3 && tops[0] < 0 {
				tops[0] = tops[1] - 1 // a report gives no tasks
			}
			if len(tops) != 3 || tops[0] < 0 || !(tops[0] < tops[1] && tops[1] < tops[2]) || !strings.HasSuffix(strings.TrimSpace(closing), "./.") {
				t.Errorf("in print, tasks, closing sentence %q and signature are at %v, want them in that order", closing, tops)
			}
			if font := eval[string](tb, `getComputedStyle(document.querySelector(".van-ban")).fontFamily`); !regexp.MustCompile(`Times|serif`).MatchString(font) {
				t.Errorf("the document prints in %s, want a serif (Times New Roman)", font)
			}
		})
	}
}

// toMM converts a CSS length in mm, cm, in, pt or px to millimetres.
func toMM(v string) (float64, bool) {
	m := regexp.MustCompile(`^([\d.]+)(mm|cm|in|pt|px)$`).FindStringSubmatch(v)
	if m == nil {
		return 0, false
	}
	n, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, false
	}
	return n * map[string]float64{"mm": 1, "cm": 10, "in": 25.4, "pt": 25.4 / 72, "px": 25.4 / 96}[m[2]], true
}

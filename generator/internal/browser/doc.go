// Package browser holds the browser tests of the default theme: it builds
// the repository's example portal under a sub-path base_url, serves it on
// loopback and drives Debian's Chromium (github.com/chromedp/chromedp) over
// every page kind, on a phone and a desktop viewport.
//
// The tests check what only a browser can show: no console error, no
// horizontal scrolling (also with text at 200%), the follow button in the
// first screen of a unit's landing page, the weight of a landing page, the
// A4 poster on exactly one printed page, directives printed on A4 with the
// margins of Nghị định 30/2020/NĐ-CP, and no serious or critical WCAG 2.1
// A/AA violation found by axe-core, in the light and the dark colour scheme,
// QR codes dark on light in the dark scheme, and chart labels that stay
// readable when the chart shrinks to a phone's width.
//
// Chromium: /usr/bin/chromium (or chromium on PATH). axe-core: the file
// named by $LOA_AXE, or $HOME/.cache/loa-axe/node_modules/axe-core/axe.min.js
// as .ci/run installs it. When either is missing the tests that need it
// skip, except with CI=true, where they fail.
//
// The package has no code of its own: only this comment and tests. With
// LOA_SHOTS=<folder>, TestScreenshots saves every page kind, screen by
// screen, to look at.
package browser

package serve

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
)

var updateFixtures = flag.Bool("update-decap", false, "write the requests Decap CMS sends to ../cmsbackend/testdata/decap/")

// decapScript serves the dist folder of the decap-cms that .ci/run
// installed (LOA_DECAP) on its own loopback port, as a CDN would: the test
// needs no network.
func decapScript(t *testing.T) string {
	t.Helper()
	p := decapFile()
	if _, err := os.Stat(p); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("decap-cms is not installed (%v): bash .ci/run installs it", err)
		}
		t.Skipf("decap-cms is not installed (%v): bash .ci/run installs it, or set LOA_DECAP to its dist/decap-cms.js", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	files := http.FileServer(http.Dir(filepath.Dir(p)))
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Access-Control-Allow-Origin", "*")
		files.ServeHTTP(w, r)
	})}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return "http://" + ln.Addr().String() + "/" + filepath.Base(p)
}

// capture records every request of the admin to its backend, with the
// answer, by wrapping fetch before Decap loads.
const capture = `(() => {
  window.loaCaptured = [];
  const orig = window.fetch;
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input.url;
    const res = await orig(input, init);
    if (url.endsWith("/admin/api/v1") && init && init.body) {
      const copy = res.clone();
      const text = await copy.text();
      window.loaCaptured.push({request: JSON.parse(init.body), status: res.status, response: text ? JSON.parse(text) : null});
    }
    return res;
  };
})();`

// helpers find Decap's controls by their labels and set them as a
// clerk's typing would (React listens to input events).
const helpers = `
window.loaField = (label) => {
  const l = [...document.querySelectorAll("label")].find(l => l.textContent.trim().startsWith(label));
  return l && l.htmlFor ? document.getElementById(l.htmlFor) : null;
};
window.loaSet = (label, value) => {
  const el = loaField(label);
  if (!el) return false;
  el.focus();
  const proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, "value").set.call(el, value);
  el.dispatchEvent(new Event("input", {bubbles: true}));
  el.dispatchEvent(new Event("change", {bubbles: true}));
  el.blur();
  return true;
};
window.loaClick = (text) => {
  const b = [...document.querySelectorAll("button, [role=button], [role=menuitem]")].find(e => e.textContent.trim() === text);
  if (!b) return false;
  b.click();
  return true;
};
true`

// patience is how long the test waits for one step: a save builds the
// example site twice, and CI machines are shared.
const patience = 90 * time.Second

// poll evaluates js until it returns true, for at most patience.
func poll(t *testing.T, ctx context.Context, what, js string) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			text, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
			last, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify((window.loaCaptured || []).slice(-2))`))
			t.Fatalf("timed out waiting for %s (%v); the page shows:\n%.3000s\nthe last exchanges with the backend:\n%.3000s", what, err, text, last)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func eval(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](js)); err != nil {
		t.Fatalf("%s: %v", js, err)
	}
}

// navigate opens url afresh (through about:blank: a URL that differs
// only by its fragment would not load the page again).
func navigate(t *testing.T, ctx context.Context, url string) {
	t.Helper()
	nctx, cancel := context.WithTimeout(ctx, patience)
	defer cancel()
	if err := chromedp.Do(nctx, chromedp.Navigate("about:blank"), chromedp.Navigate(url)); err != nil {
		t.Fatalf("opening %s: %v", url, err)
	}
}

// publish presses Công bố, then Công bố ngay.
func publish(t *testing.T, ctx context.Context) {
	t.Helper()
	poll(t, ctx, "the publish menu", `loaClick("Công bố")`)
	poll(t, ctx, "publish now", `loaClick("Công bố ngay")`)
}

// saved waits until Decap shows the entry at the route ending in route as
// saved, so that leaving the page loses nothing.
func saved(t *testing.T, ctx context.Context, route string) {
	t.Helper()
	poll(t, ctx, "Decap showing the entry saved", fmt.Sprintf(
		`location.hash.endsWith(%q) && document.body.innerText.toLowerCase().includes("thay đổi đã được lưu")`, route))
}

// waitLong polls cond until it holds, for at most patience.
func waitLong(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(patience)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting until %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// problems lists the errors and warnings of the site in dir, by file and
// message (positions move when a file is rewritten).
func problems(t *testing.T, dir string) (errs, warns map[string]bool) {
	t.Helper()
	var diags diag.List
	build.Check(build.Options{Site: dir, NoCache: true}, &diags)
	errs, warns = map[string]bool{}, map[string]bool{}
	for _, d := range diags.All() {
		k := d.Pos.File + ": " + d.Msg
		if d.Severity == diag.Warning {
			warns[k] = true
		} else {
			errs[k] = true
		}
	}
	return errs, warns
}

// TestAdminInBrowser drives Decap CMS, served by a real preview of the
// example site with serve as its local backend: a new report made in the
// form lands on disk and in /tien-do/, an edited directive in its page,
// and neither gives the site an error or a new warning.
func TestAdminInBrowser(t *testing.T) {
	script := decapScript(t)
	ctx := browser(t)
	p := startPreview(t, "../../site.toml", "../../content")
	_, warnsBefore := problems(t, p.dir)
	// The example's [cms] table is the last of site.toml: load the
	// installed script instead of the CDN's.
	p.write("site.toml", p.read("site.toml")+fmt.Sprintf("script = %q\n", script))
	waitLong(t, "the admin loads the installed script", func() bool {
		_, _, page := get(t, p.url+"admin/index.html")
		return strings.Contains(page, script)
	})

	ctx, cancel := context.WithTimeout(ctx, 10*time.Minute)
	defer cancel()
	for _, js := range []string{capture, helpers} {
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: js}); err != nil {
			t.Fatal(err)
		}
	}
	errs := listenErrors(ctx)
	// A dialog (Decap's "leave with unsaved changes?") would block the
	// tab: accept it, and say so.
	go func() {
		for ev, err := range chromedp.Events(ctx, page.JavascriptDialogOpening) {
			if err != nil {
				return
			}
			t.Logf("accepting a %s dialog: %s", ev.Type, ev.Message)
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	navigate(t, ctx, p.url+"admin/")
	// The local backend answers info: Decap offers to log in to it.
	poll(t, ctx, "the login button", `loaClick("Đăng nhập")`)
	poll(t, ctx, "the collections", `document.body.innerText.includes("Báo cáo số liệu")`)

	// A new report.
	eval(t, ctx, `location.hash = "#/collections/reports/new"`)
	poll(t, ctx, "the report form", `!!loaField("Ngày số liệu") && !!loaField("UBND phường Bắc Sơn")`)
	for _, set := range [][2]string{
		{"Ngày số liệu", "2023-11-25"},
		{"Tổng số người quan tâm trang", "1250"},
		{"Nguồn số liệu", "Văn phòng HĐND và UBND quận"},
		{"UBND phường Bắc Sơn", "52"},
		{"UBND phường Đồng Hòa", "25"},
		{"UBND phường Lãm Hà", "30"},
		// Typed, then emptied: not reported.
		{"UBND phường Nam Sơn", "7"},
		{"UBND phường Nam Sơn", ""},
	} {
		poll(t, ctx, "the field "+set[0], fmt.Sprintf(`loaSet(%q, %q)`, set[0], set[1]))
	}
	publish(t, ctx)
	report := filepath.Join(p.dir, "content", "reports", "2023-11-25.toml")
	waitLong(t, "the report is on disk", func() bool { _, err := os.Stat(report); return err == nil })
	got := p.read("content/reports/2023-11-25.toml")
	for _, want := range []*regexp.Regexp{
		regexp.MustCompile(`(?m)^followers = 1250$`),
		regexp.MustCompile(`(?m)^source = "Văn phòng HĐND và UBND quận"$`),
		regexp.MustCompile(`(?m)^\[units\]$`),
		regexp.MustCompile(`(?m)^"?bac-son"? = 52$`),
		regexp.MustCompile(`(?m)^"?dong-hoa"? = 25$`),
		regexp.MustCompile(`(?m)^"?lam-ha"? = 30$`),
		// What Decap writes for an emptied number field: Loa reads
		// it as "not reported".
		regexp.MustCompile(`(?m)^"?nam-son"? = ""$`),
	} {
		if !want.MatchString(got) {
			t.Errorf("the saved report does not match %s:\n%s", want, got)
		}
	}
	// The preview rebuilt: the new total, in Vietnamese figures.
	var prog string
	waitLong(t, "/tien-do/ shows the report of 25/11/2023", func() bool {
		_, _, prog = get(t, p.url+"tien-do/")
		return strings.Contains(prog, "Số liệu kỳ báo cáo ngày 25/11/2023")
	})
	if !regexp.MustCompile(`<dt>Người quan tâm</dt>\s*<dd>1\.250</dd>`).MatchString(prog) {
		t.Errorf("/tien-do/ does not show 1.250 followers")
	}

	// An edited directive.
	const slug = "don-doc-chia-se-zalo-oa"
	const subject = "Đôn đốc tuyên truyền trang Zalo OA (sửa trên trình duyệt)"
	t.Logf("the report as Decap wrote it:\n%s", got)
	saved(t, ctx, "/entries/2023-11-25")
	captured := exchanges(t, ctx)
	// The page again, as a clerk coming back would open it: Decap keeps
	// the login.
	navigate(t, ctx, p.url+"admin/#/collections/directives/entries/"+slug)
	poll(t, ctx, "the directive form", `!!loaField("Trích yếu") && loaField("Trích yếu").value.length > 0`)
	poll(t, ctx, "the subject", fmt.Sprintf(`loaSet("Trích yếu", %q)`, subject))
	publish(t, ctx)
	waitLong(t, "the directive is saved", func() bool {
		return strings.Contains(p.read("content/directives/"+slug+".md"), subject)
	})
	waitLong(t, "the directive's page shows the new subject", func() bool {
		_, _, page := get(t, p.url+"van-ban/"+slug+"/")
		return strings.Contains(page, subject)
	})

	// A save that would break the site is refused, and Decap shows why,
	// with the position: a page titled "Tiến độ" would take /tien-do/.
	saved(t, ctx, "/entries/"+slug)
	captured = append(captured, exchanges(t, ctx)...)
	navigate(t, ctx, p.url+"admin/#/collections/pages/new")
	poll(t, ctx, "the page form", `!!loaField("Tiêu đề")`)
	poll(t, ctx, "the title", `loaSet("Tiêu đề", "Tiến độ")`)
	publish(t, ctx)
	const refusal = `content/tien-do.md: the page slug "tien-do" is taken by the progress page (/tien-do/): rename the file`
	poll(t, ctx, "Decap showing the refusal", fmt.Sprintf(`document.body.innerText.includes(%q)`, refusal))
	if _, err := os.Stat(filepath.Join(p.dir, "content", "tien-do.md")); !os.IsNotExist(err) {
		t.Errorf("the refused page was written (%v)", err)
	}

	// What Decap wrote builds without an error or a new warning.
	errsAfter, warnsAfter := problems(t, p.dir)
	for e := range errsAfter {
		t.Errorf("error after the saves: %s", e)
	}
	for w := range warnsAfter {
		if !warnsBefore[w] {
			t.Errorf("new warning after the saves: %s", w)
		}
	}
	t.Logf("the directive as Decap wrote it:\n%s", p.read("content/directives/"+slug+".md"))

	captured = append(captured, exchanges(t, ctx)...)
	actions := map[string]int{}
	for _, c := range captured {
		var x struct {
			Request struct{ Action string }
			Status  int
		}
		json.Unmarshal(c, &x)
		actions[x.Request.Action]++
		if x.Status != 200 && !(x.Status == 422 && strings.Contains(string(c), `"path":"content/tien-do.md"`)) {
			t.Errorf("the backend answered %d: %s", x.Status, c)
		}
	}
	for _, a := range []string{"info", "entriesByFolder", "persistEntry"} {
		if actions[a] == 0 {
			t.Errorf("Decap sent no %s (sent %v)", a, actions)
		}
	}
	if *updateFixtures {
		writeFixtures(t, captured)
	}
	for _, e := range errs.take() {
		t.Logf("console: %s", e)
	}
}

// exchanges are the requests and answers captured in the open page.
func exchanges(t *testing.T, ctx context.Context) []json.RawMessage {
	t.Helper()
	var captured []json.RawMessage
	raw, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(window.loaCaptured)`))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(raw), &captured); err != nil {
		t.Fatal(err)
	}
	return captured
}

// writeFixtures keeps the exchanges for the protocol test of
// cmsbackend, one file per exchange, in order.
func writeFixtures(t *testing.T, captured []json.RawMessage) {
	dir := filepath.Join("..", "cmsbackend", "testdata", "decap")
	os.RemoveAll(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i, c := range captured {
		var x struct{ Request struct{ Action string } }
		json.Unmarshal(c, &x)
		var pretty strings.Builder
		var v any
		json.Unmarshal(c, &v)
		enc := json.NewEncoder(&pretty)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		enc.Encode(v)
		name := filepath.Join(dir, fmt.Sprintf("%02d-%s.json", i+1, x.Request.Action))
		if err := os.WriteFile(name, []byte(pretty.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("wrote %d exchanges to %s", len(captured), dir)
}

// decapFile is the dist/decap-cms.js of the decap-cms that .ci/run
// installs, the version pinned in generator/cms/pin.go:
//
//	npm install --prefix "$HOME/.cache/loa-decap" decap-cms@<version>
//
// LOA_DECAP may name another.
func decapFile() string {
	if p := os.Getenv("LOA_DECAP"); p != "" {
		return p
	}
	home, _ := os.UserHomeDir()
	return filepath.Join(home, ".cache", "loa-decap", "node_modules", "decap-cms", "dist", "decap-cms.js")
}

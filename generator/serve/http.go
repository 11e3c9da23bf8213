package serve

import (
	"bytes"
	"html/template"
	"mime"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/generator/cms"
	"github.com/loa-vn/loa/generator/diag"
)

// ServeHTTP serves the current build from memory: it never reads the disk,
// so no request can reach a file that the build did not produce.
func (s *server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	h.Set("X-Content-Type-Options", "nosniff")
	if !s.hosts.allowed(r.Host) {
		// A page elsewhere must not read the preview by pointing its
		// own domain at this machine (DNS rebinding): see hosts.
		http.Error(w, "loa serve: the Host header does not name this machine", http.StatusForbidden)
		return
	}
	if s.admin(w, r) {
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	snap := s.snap.Load()

	// Work on the path as sent, still escaped: "/" separates segments and
	// an escaped slash or dot is part of a name, never a step.
	raw := r.URL.EscapedPath()
	if raw == "" || raw[0] != '/' {
		raw = "/" + raw
	}
	clean := path.Clean(raw)
	if strings.HasSuffix(raw, "/") && clean != "/" {
		clean += "/"
	}
	if clean != raw {
		redirect(w, r, clean, http.StatusMovedPermanently)
		return
	}
	base := snap.basePath
	if clean == "/" || clean+"/" == base {
		if base != clean {
			// The base path can change with site.toml: not permanent.
			redirect(w, r, base, http.StatusFound)
			return
		}
	}
	if !strings.HasPrefix(clean, base) {
		s.notFound(w, r, snap, isHTML(clean))
		return
	}
	rel := clean[len(base):]
	if rel == reloadPath {
		s.hub.serve(w, r, func() string { return s.snap.Load().gen })
		return
	}
	key, ok := unescapeKey(rel)
	if !ok {
		s.notFound(w, r, snap, isHTML(rel))
		return
	}
	if key == "" || strings.HasSuffix(key, "/") {
		key += "index.html"
	}
	if snap.failed && isHTML(key) {
		s.errorPage(w, r, snap)
		return
	}
	data, ok, err := snap.file(key)
	if err != nil {
		// The page could not be made (a template of the site's theme
		// fails on it): the error page says why.
		failed := *snap
		failed.failed, failed.err = true, err
		s.errorPage(w, r, &failed)
		return
	}
	if !ok {
		if snap.has(key + "/index.html") {
			redirect(w, r, clean+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, snap, isHTML(key))
		return
	}
	write(w, r, http.StatusOK, contentType(key), data)
}

// admin answers the requests of the admin (package cms) that the built
// files cannot: its local backend, and its config.yml, which points the
// admin at the backend on the origin the page was opened from. It reports
// whether it answered.
func (s *server) admin(w http.ResponseWriter, r *http.Request) bool {
	snap := s.snap.Load()
	if snap.model == nil || !cms.Enabled(snap.model) || s.backend == nil {
		return false
	}
	switch r.URL.Path {
	case snap.basePath + cms.BackendPath:
		s.backend.ServeHTTP(w, r)
		return true
	case snap.basePath + cms.ConfigPath:
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			return false
		}
		cfg, err := cms.Config(snap.model, cms.Options{LocalOrigin: "http://" + r.Host})
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return true
		}
		write(w, r, http.StatusOK, contentType(cms.ConfigPath), cfg)
		return true
	}
	return false
}

// notFound answers with the site's 404.html, or, for a page, the error
// page while the site has errors.
func (s *server) notFound(w http.ResponseWriter, r *http.Request, snap *snapshot, page bool) {
	if snap.failed && page {
		s.errorPage(w, r, snap)
		return
	}
	if data, ok, _ := snap.file("404.html"); ok {
		write(w, r, http.StatusNotFound, contentType("404.html"), data)
		return
	}
	http.Error(w, "404 page not found", http.StatusNotFound)
}

func write(w http.ResponseWriter, r *http.Request, status int, ctype string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", ctype)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

func redirect(w http.ResponseWriter, r *http.Request, to string, status int) {
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	// to is a cleaned path: it starts with one slash, never two, so it
	// cannot name another host.
	w.Header().Set("Location", to)
	w.WriteHeader(status)
}

// unescapeKey turns the escaped path below the base into the key of an
// output file. A segment that unescapes to a slash, a dot step, a backslash
// or a NUL is a name no output file has: ok is false.
func unescapeKey(rel string) (key string, ok bool) {
	if rel == "" {
		return "", true
	}
	segs := strings.Split(rel, "/")
	for i, seg := range segs {
		u, err := url.PathUnescape(seg)
		if err != nil || u == "." || u == ".." || strings.ContainsAny(u, "/\\\x00") {
			return "", false
		}
		segs[i] = u
	}
	return strings.Join(segs, "/"), true
}

// cleanKey checks a path given to the sink: relative, slash-separated,
// without dot steps.
func cleanKey(p string) (string, bool) {
	p = strings.TrimPrefix(p, "/")
	if p == "" || strings.ContainsAny(p, "\\\x00") {
		return "", false
	}
	c := path.Clean(p)
	if c == ".." || strings.HasPrefix(c, "../") || c == "." {
		return "", false
	}
	return c, true
}

func isHTML(key string) bool {
	return strings.HasSuffix(key, ".html") || path.Ext(key) == ""
}

// types are the content types of what a site holds, fixed here rather than
// read from the machine's mime tables, which differ between systems.
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".json":        "application/json",
	".csv":         "text/csv; charset=utf-8",
	".xml":         "application/xml; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".png":         "image/png",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".gif":         "image/gif",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".pdf":         "application/pdf",
	".woff":        "font/woff",
	".woff2":       "font/woff2",
	".ttf":         "font/ttf",
	".otf":         "font/otf",
	".webmanifest": "application/manifest+json",
	".yml":         "text/yaml; charset=utf-8",
	".yaml":        "text/yaml; charset=utf-8",
}

func contentType(key string) string {
	ext := strings.ToLower(path.Ext(key))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// loopbackHost reports whether the Host header names this machine's
// loopback interface.
func loopbackHost(host string) bool {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errorPage answers an HTML request while the site has errors: the list of
// problems, and the reload script, so that the page recovers by itself when
// the sources are fixed.
func (s *server) errorPage(w http.ResponseWriter, r *http.Request, snap *snapshot) {
	var buf bytes.Buffer
	data := errorData{
		Errors: snap.errs,
		Diags:  make([]errorLine, 0, len(snap.diags)),
		Script: reloadScript(snap.basePath, snap.gen),
	}
	for _, d := range snap.diags {
		data.Diags = append(data.Diags, errorLine{d.String(), d.Severity != diag.Error})
	}
	if snap.err != nil {
		data.Failure = snap.err.Error()
	}
	if err := errorTemplate.Execute(&buf, data); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	write(w, r, http.StatusInternalServerError, "text/html; charset=utf-8", buf.Bytes())
}

type errorData struct {
	Errors  int
	Diags   []errorLine
	Failure string
	Script  template.HTML
}

type errorLine struct {
	Text    string
	Warning bool
}

// errorTemplate is the tool's own page, not the theme's: it must show even
// when the theme is what is broken.
var errorTemplate = template.Must(template.New("error").Parse(`<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>{{if .Failure}}Build failed{{else}}{{.Errors}} error{{if ne .Errors 1}}s{{end}}{{end}} · Loa</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}
h1{color:#a40000;font-size:1.4rem}
ol{padding:0;list-style:none}
li{font-family:ui-monospace,monospace;font-size:.9rem;white-space:pre-wrap;background:#fff4f4;border-left:4px solid #a40000;margin:.4rem 0;padding:.4rem .6rem}
li.warning{background:#fffbe6;border-color:#b58900}
pre{white-space:pre-wrap;font-size:.85rem}
</style>
</head>
<body>
<h1>{{if .Failure}}The build failed{{else}}The site has {{.Errors}} error{{if ne .Errors 1}}s{{end}}{{end}} · Trang chưa dựng được</h1>
<p>Fix the files below and save: this page reloads by itself. · Sửa các tệp dưới đây và lưu lại: trang tự tải lại.</p>
{{with .Failure}}<pre>{{.}}</pre>{{end}}
<ol>
{{range .Diags}}<li{{if .Warning}} class="warning"{{end}}>{{.Text}}</li>
{{end}}</ol>
{{.Script}}
</body>
</html>
`))

// Package cmsbackend is the local backend of the admin (package cms): it
// answers Decap CMS's proxy protocol, the one decap-server implements (a
// POST of {action, params} per operation), on the clerk's own machine, so
// that the admin reads and writes the site's files without a git host.
// `loa serve` mounts it under the preview.
//
// It is a writing endpoint on the clerk's machine, and any web page the
// clerk visits can send requests to 127.0.0.1. So it answers only requests
// from the preview's own origin (Origin and Host both checked, which DNS
// rebinding cannot get round), reads and writes only files under content/
// and the media folder (no traversal, no absolute path, no symlink that
// leads out), writes atomically (a temporary file, then a rename), and
// checks every save by building the site as it would be with the save
// before it lands: a save that would give the site an error is refused
// with the error's position, which Decap shows, and nothing is written.
package cmsbackend

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/loa-vn/loa/generator/build"
)

// maxBody bounds a request: a media file travels in base64 inside it.
const maxBody = 32 << 20

// Config says which site the backend edits and whom it answers.
type Config struct {
	// Build names the site (Build.Site) and how it is built (Drafts):
	// saves are checked with it.
	Build build.Options
	// Hosts are the host:port values of the Host header that the
	// preview answers to ("127.0.0.1:1313", "localhost:1313"). A request
	// must come from one of them (Host), from a page of the same origin
	// (Origin "http://" + Host).
	Hosts []string
	// MediaFolder gives the site's media folder ([cms] media_folder,
	// relative to the site), or "" when uploads are off. It is asked on
	// every request, so that an edit of site.toml takes effect at once.
	MediaFolder func() string
	// Log, when set, gets one line per write.
	Log func(format string, args ...any)
}

// Handler serves the protocol. Every request is a POST of JSON.
type Handler struct {
	cfg Config
	mu  sync.Mutex // one save at a time: each is checked against the files as they are
}

// New returns the backend for cfg.
func New(cfg Config) *Handler {
	if cfg.MediaFolder == nil {
		cfg.MediaFolder = func() string { return "" }
	}
	if cfg.Log == nil {
		cfg.Log = func(string, ...any) {}
	}
	return &Handler{cfg: cfg}
}

func (h *Handler) site() string {
	if h.cfg.Build.Site == "" {
		return "."
	}
	return h.cfg.Build.Site
}

// request is what Decap's proxy backend sends.
type request struct {
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
}

// problem is an answer that is not a success: Decap shows error.
type problem struct {
	status int
	msg    string
}

func (p *problem) Error() string { return p.msg }

func fail(status int, format string, args ...any) *problem {
	return &problem{status, fmt.Sprintf(format, args...)}
}

// ServeHTTP answers one request of the protocol.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	if p := h.allowed(r); p != nil {
		reply(w, p.status, map[string]string{"error": p.msg})
		return
	}
	var req request
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	if err := dec.Decode(&req); err != nil {
		reply(w, http.StatusBadRequest, map[string]string{"error": "loa serve: the request is not JSON: " + err.Error()})
		return
	}
	out, err := h.do(req)
	if err != nil {
		var p *problem
		if !errors.As(err, &p) {
			p = fail(http.StatusInternalServerError, "loa serve: %v", err)
		}
		reply(w, p.status, map[string]string{"error": p.msg})
		return
	}
	reply(w, http.StatusOK, out)
}

// allowed checks that r is a POST of JSON from a page of the preview.
func (h *Handler) allowed(r *http.Request) *problem {
	if r.Method != http.MethodPost {
		return fail(http.StatusMethodNotAllowed, "loa serve: the CMS backend takes POST requests only")
	}
	if !contains(h.cfg.Hosts, r.Host) {
		// A page whose own name points at 127.0.0.1 (DNS rebinding)
		// sends its name here.
		return fail(http.StatusForbidden, "loa serve: unexpected Host header %q", r.Host)
	}
	if origin := r.Header.Get("Origin"); origin != "http://"+r.Host {
		return fail(http.StatusForbidden, "loa serve: requests must come from the admin page of this preview (Origin %q)", origin)
	}
	if site := r.Header.Get("Sec-Fetch-Site"); site != "" && site != "same-origin" {
		return fail(http.StatusForbidden, "loa serve: requests must come from the admin page of this preview (Sec-Fetch-Site %q)", site)
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		return fail(http.StatusUnsupportedMediaType, "loa serve: the CMS backend takes JSON (Content-Type %q)", ct)
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, e := range list {
		if strings.EqualFold(e, s) {
			return true
		}
	}
	return false
}

func reply(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status, b = http.StatusInternalServerError, []byte(`{"error":"loa serve: cannot encode the answer"}`)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
}

// Entry is a file as the protocol returns it: its text (null when it
// does not exist) and its id, the SHA-256 of its bytes.
type Entry struct {
	Data *string   `json:"data"`
	File EntryFile `json:"file"`
}

// EntryFile names an entry's file.
type EntryFile struct {
	Path  string  `json:"path"`
	Label string  `json:"label,omitempty"`
	ID    *string `json:"id"`
}

// MediaFile is a media file as the protocol returns it.
type MediaFile struct {
	ID       string `json:"id"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
	Path     string `json:"path"`
	Name     string `json:"name"`
}

// DataFile is one file of persistEntry.
type DataFile struct {
	Path    string `json:"path"`
	Slug    string `json:"slug,omitempty"`
	Raw     string `json:"raw"`
	NewPath string `json:"newPath,omitempty"`
}

// Asset is a media file sent by Decap.
type Asset struct {
	Path     string `json:"path"`
	Content  string `json:"content"`
	Encoding string `json:"encoding"`
}

func (h *Handler) do(req request) (any, error) {
	params := func(v any) error {
		if len(req.Params) == 0 {
			return fail(http.StatusUnprocessableEntity, "loa serve: %s needs params", req.Action)
		}
		if err := json.Unmarshal(req.Params, v); err != nil {
			return fail(http.StatusUnprocessableEntity, "loa serve: the params of %s: %v", req.Action, err)
		}
		return nil
	}
	switch req.Action {
	case "info":
		abs, _ := filepath.Abs(h.site())
		return map[string]any{"repo": filepath.Base(abs), "publish_modes": []string{"simple"}, "type": "local_fs"}, nil

	case "entriesByFolder":
		var p struct {
			Folder    string `json:"folder"`
			Extension string `json:"extension"`
			Depth     int    `json:"depth"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		files, err := h.list(p.Folder, p.Extension, p.Depth)
		if err != nil {
			return nil, err
		}
		out := make([]Entry, 0, len(files))
		for _, f := range files {
			out = append(out, h.entry(f, ""))
		}
		return out, nil

	case "entriesByFiles":
		var p struct {
			Files []struct {
				Path  string `json:"path"`
				Label string `json:"label"`
			} `json:"files"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		out := make([]Entry, 0, len(p.Files))
		for _, f := range p.Files {
			out = append(out, h.entry(f.Path, f.Label))
		}
		return out, nil

	case "getEntry":
		var p struct {
			Path string `json:"path"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		return h.entry(p.Path, ""), nil

	case "persistEntry":
		var p struct {
			Entry     *DataFile  `json:"entry"`
			DataFiles []DataFile `json:"dataFiles"`
			Assets    []Asset    `json:"assets"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		if p.DataFiles == nil && p.Entry != nil {
			p.DataFiles = []DataFile{*p.Entry}
		}
		if err := h.persist(p.DataFiles, p.Assets); err != nil {
			return nil, err
		}
		return map[string]string{"message": "entry persisted"}, nil

	case "getMedia":
		var p struct {
			MediaFolder string `json:"mediaFolder"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		if h.cfg.MediaFolder() == "" {
			return []MediaFile{}, nil
		}
		files, err := h.list(p.MediaFolder, "", 1)
		if err != nil {
			return nil, err
		}
		out := []MediaFile{}
		for _, f := range files {
			m, err := h.media(f)
			if err != nil {
				return nil, err
			}
			out = append(out, m)
		}
		return out, nil

	case "getMediaFile":
		var p struct {
			Path string `json:"path"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		return h.media(p.Path)

	case "persistMedia":
		var p struct {
			Asset Asset `json:"asset"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		if err := h.persist(nil, []Asset{p.Asset}); err != nil {
			return nil, err
		}
		return h.media(p.Asset.Path)

	case "deleteFile":
		var p struct {
			Path string `json:"path"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		if err := h.remove([]string{p.Path}); err != nil {
			return nil, err
		}
		return map[string]string{"message": "deleted file " + p.Path}, nil

	case "deleteFiles":
		var p struct {
			Paths []string `json:"paths"`
		}
		if err := params(&p); err != nil {
			return nil, err
		}
		if err := h.remove(p.Paths); err != nil {
			return nil, err
		}
		return map[string]string{"message": "deleted files " + strings.Join(p.Paths, ", ")}, nil

	case "getDeployPreview":
		return nil, nil
	}
	return nil, fail(http.StatusUnprocessableEntity, "Unknown action %s", req.Action)
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// entry reads the entry at p; a file that cannot be read (absent, or
// outside what the backend may read) has no data, as decap-server does.
func (h *Handler) entry(p, label string) Entry {
	e := Entry{File: EntryFile{Path: p, Label: label}}
	a, err := h.resolve(p, false)
	if err != nil {
		return e
	}
	defer a.close()
	b, err := a.root.ReadFile(a.name)
	if err != nil {
		return e
	}
	s, id := string(b), sum(b)
	e.Data, e.File.ID = &s, &id
	return e
}

func (h *Handler) media(p string) (MediaFile, error) {
	a, err := h.resolve(p, false)
	if err != nil {
		return MediaFile{}, err
	}
	defer a.close()
	if !a.media {
		return MediaFile{}, fail(http.StatusForbidden, "loa serve: %s is not in the media folder", p)
	}
	b, err := a.root.ReadFile(a.name)
	if err != nil {
		return MediaFile{}, fail(http.StatusNotFound, "loa serve: cannot read %s", p)
	}
	return MediaFile{ID: sum(b), Content: base64.StdEncoding.EncodeToString(b), Encoding: "base64", Path: p, Name: path.Base(p)}, nil
}

// list returns the files under folder whose names end in extension, at
// most depth folders down (1: the folder's own files), as paths relative
// to the site, sorted.
func (h *Handler) list(folder, extension string, depth int) ([]string, error) {
	a, err := h.resolveDir(folder)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		return nil, err
	}
	defer a.close()
	var out []string
	var walk func(dir string, depth int)
	walk = func(dir string, depth int) {
		if depth <= 0 {
			return
		}
		f, err := a.root.Open(dir)
		if err != nil {
			return
		}
		ents, err := f.ReadDir(-1)
		f.Close()
		if err != nil {
			return
		}
		for _, e := range ents {
			if strings.HasPrefix(e.Name(), ".") {
				continue // temporary files, editors' swap files
			}
			p := path.Join(dir, e.Name())
			switch {
			case e.IsDir():
				walk(p, depth-1)
			case e.Type().IsRegular() && strings.HasSuffix(e.Name(), extension):
				out = append(out, path.Join(a.prefix, p))
			}
		}
	}
	walk(a.name, depth)
	sort.Strings(out)
	return out, nil
}

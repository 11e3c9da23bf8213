package serve

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"sync"
	"time"
)

// reloadPath is the event stream of builds, under the site's base path.
const reloadPath = "__loa/reload"

// reloadScript is the script injected before </body> of every page while
// serving: it listens to the build events and reloads the page when a build
// other than the one that made it is announced. Knowing its own build, a
// page also reloads when it missed an event (opened during a rebuild, or
// while the preview was restarting).
//
// Only a visible page listens: a browser opens at most six connections to a
// host, and event streams held by hidden tabs would leave none for loading
// pages. A tab that becomes visible listens again, and the first event, the
// current build, reloads it if it is stale.
func reloadScript(basePath, gen string) template.HTML {
	u, _ := json.Marshal(basePath + reloadPath) // JSON escapes <, > and &: safe in a script
	g, _ := json.Marshal(gen)
	return template.HTML(`<script>(function(){var g=` + string(g) + `,u=` + string(u) + `,s=null;` +
		`function on(){if(s)return;s=new EventSource(u);s.addEventListener("reload",function(e){if(e.data!==g){off();location.reload()}})}` +
		`function off(){if(s){s.close();s=null}}` +
		`document.addEventListener("visibilitychange",function(){document.hidden?off():on()});` +
		`if(!document.hidden)on()})()</script>`)
}

// hub sends build events to every connected browser.
type hub struct {
	mu      sync.Mutex
	clients map[chan string]struct{}
	done    chan struct{}
	closed  bool
}

func newHub() *hub {
	return &hub{clients: make(map[chan string]struct{}), done: make(chan struct{})}
}

// broadcast announces the build gen to every client. It never blocks: a
// client that has not taken the previous announcement gets only the latest.
func (h *hub) broadcast(gen string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case <-ch:
		default:
		}
		ch <- gen
	}
}

// close ends every stream, now and to come.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

func (h *hub) subscribe() chan string {
	ch := make(chan string, 1)
	h.mu.Lock()
	h.clients[ch] = struct{}{}
	h.mu.Unlock()
	return ch
}

func (h *hub) unsubscribe(ch chan string) {
	h.mu.Lock()
	delete(h.clients, ch)
	h.mu.Unlock()
}

// serve streams build events to one browser as Server-Sent Events: first
// the current build, then every new one, as events named "reload" whose data
// is the build's id.
func (h *hub) serve(w http.ResponseWriter, r *http.Request, current func() string) {
	ch := h.subscribe()
	defer h.unsubscribe(ch)
	rc := http.NewResponseController(w)
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-store")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(gen string) bool {
		if _, err := fmt.Fprintf(w, "event: reload\ndata: %s\n\n", gen); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	// Reconnect soon when the preview restarts.
	if _, err := fmt.Fprint(w, "retry: 1000\n\n"); err != nil {
		return
	}
	if !send(current()) {
		return
	}
	ping := time.NewTicker(30 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-h.done:
			return
		case gen := <-ch:
			if !send(gen) {
				return
			}
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil || rc.Flush() != nil {
				return
			}
		}
	}
}

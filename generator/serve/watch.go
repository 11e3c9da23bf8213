package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// sitePoll is how often the watcher checks that the site folder it
// watches is still the one at the site's path. A folder deleted and made
// again (a checkout of another branch, a restored backup) is another
// folder, which no watch follows: the check finds it and watches it.
const sitePoll = 500 * time.Millisecond

// watched are the folders of a site whose whole tree is a source. Of the
// site folder itself only site.toml is: public/ and the rest are not.
var watched = []string{"content", "themes"}

// watcher follows the sources of a site and calls trigger on every change.
// Any change triggers, editors' temporary files included: the debounce of
// the caller turns the burst of one save into one rebuild.
type watcher struct {
	fs      *fsnotify.Watcher
	site    string // absolute
	logf    func(string, ...any)
	trigger func()
	done    sync.WaitGroup
	stop    chan struct{}

	mu   sync.Mutex
	seen os.FileInfo // the site folder watched; nil while it is gone
}

// watch starts watching the site folder site (absolute). Failures to watch
// a folder are logged and never stop the preview.
func watch(site string, logf func(string, ...any), trigger func()) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fs: fw, site: site, logf: logf, trigger: trigger, stop: make(chan struct{})}
	fi, err := os.Stat(site)
	if err == nil {
		err = fw.Add(site)
	}
	if err != nil {
		fw.Close()
		return nil, err
	}
	w.seen = fi
	for _, name := range watched {
		w.addTree(filepath.Join(site, name))
	}
	w.done.Add(2)
	go w.run()
	go w.poll()
	return w, nil
}

func (w *watcher) close() {
	close(w.stop)
	w.fs.Close()
	w.done.Wait()
}

// poll checks the site folder every sitePoll until the watcher is closed.
func (w *watcher) poll() {
	defer w.done.Done()
	t := time.NewTicker(sitePoll)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			w.checkSite()
		}
	}
}

// checkSite compares the folder at the site's path with the one watched.
// When the site is gone it stops watching it and triggers a rebuild (which
// says so); when a folder is there again, or another one, or the watch on
// it was lost, it watches it and its trees afresh and triggers a rebuild.
func (w *watcher) checkSite() {
	w.mu.Lock()
	defer w.mu.Unlock()
	fi, err := os.Stat(w.site)
	if err != nil || !fi.IsDir() {
		if w.seen != nil {
			w.seen = nil
			w.drop(w.site)
			w.logf("the site folder %s is gone: waiting for it to come back", w.site)
			w.trigger()
		}
		return
	}
	if w.seen != nil && os.SameFile(fi, w.seen) && slices.Contains(w.fs.WatchList(), w.site) {
		return
	}
	w.drop(w.site)
	if err := w.fs.Add(w.site); err != nil {
		w.logf("watch %s: %v", w.site, err)
		return // the next check tries again
	}
	w.seen = fi
	for _, name := range watched {
		w.addTree(filepath.Join(w.site, name))
	}
	w.logf("the site folder %s is back: watching it again", w.site)
	w.trigger()
}

func (w *watcher) run() {
	defer w.done.Done()
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			w.handle(ev)
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.logf("watch: %v", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// Events were lost: look at everything again.
				for _, name := range watched {
					w.addTree(filepath.Join(w.site, name))
				}
				w.trigger()
			}
		}
	}
}

// handle reacts to one event: it follows the folders created and removed
// below the watched trees, and triggers a rebuild for any change of a
// source.
func (w *watcher) handle(ev fsnotify.Event) {
	if ev.Name == w.site && (ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename)) {
		// The site folder itself went away: no need to wait for the poll.
		w.checkSite()
		return
	}
	rel, err := filepath.Rel(w.site, ev.Name)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return
	}
	top, _, _ := strings.Cut(filepath.ToSlash(rel), "/")
	source := top == "site.toml"
	for _, name := range watched {
		source = source || top == name
	}
	if !source {
		return // public/, notes, anything else beside site.toml
	}
	if ev.Op == fsnotify.Chmod {
		// Indexers and backup tools touch modes; the content is the same.
		return
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.drop(ev.Name)
	}
	if ev.Has(fsnotify.Create) && top != "site.toml" {
		if fi, err := os.Lstat(ev.Name); err == nil && fi.IsDir() {
			w.addTree(ev.Name)
		}
	}
	w.trigger()
}

// addTree watches dir and every folder below it. A missing dir is not an
// error: content/ or themes/ may be created later (the site folder is
// watched for that).
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.logf("watch: %v", err)
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if err := w.fs.Add(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			w.logf("watch %s: %v", p, err)
		}
		return nil
	})
}

// drop stops watching a folder that was removed or renamed away, and every
// folder below it. For a file it does nothing.
func (w *watcher) drop(dir string) {
	prefix := dir + string(filepath.Separator)
	for _, p := range w.fs.WatchList() {
		if p == dir || strings.HasPrefix(p, prefix) {
			w.fs.Remove(p) // the system may have dropped it already
		}
	}
}

package serve

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

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
}

// watch starts watching the site folder site (absolute). Failures to watch
// a folder are logged and never stop the preview.
func watch(site string, logf func(string, ...any), trigger func()) (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{fs: fw, site: site, logf: logf, trigger: trigger}
	if err := fw.Add(site); err != nil {
		fw.Close()
		return nil, err
	}
	for _, name := range watched {
		w.addTree(filepath.Join(site, name))
	}
	w.done.Add(1)
	go w.run()
	return w, nil
}

func (w *watcher) close() {
	w.fs.Close()
	w.done.Wait()
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

// Package publish owns putting a build on disk without ever leaving a
// half-written output folder: files go into a staging folder beside the
// output, and only a complete build is swapped in, in one rename. The
// staging folder is the output before last, kept as a spare and updated in
// place (spare.go), or a new folder. Files whose source is gone are gone
// from the new output, which holds only what the build wrote; files that
// no Loa build wrote are carried over (owned.go). Builds into
// one folder take turns (lock.go), and no folder that holds the site's
// sources can be an output (guard.go).
package publish

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"github.com/loa-vn/loa/generator/diag"
)

const stagingMark = ".loa-staging-"

// Staging is an output being written. It is safe for concurrent use.
type Staging struct {
	out string // the final output folder
	dir string // the staging folder beside it

	mu    sync.Mutex
	made  map[string]bool // folders already created
	files atomic.Int64
	bytes atomic.Int64

	reuse     *reuse // see Record
	committed bool
	inPlace   bool // dir is the spare, updated in place (spare.go)
	spread    bool // dir is marked as the top of unrelated trees (spread.go)

	hold      *os.File          // the open staging folder, locked while it is written
	names     map[string]string // the files written, and their kinds (Mark); under mu
	prevOwned map[string]string // the list of the previous build; nil for none
	kept      []string          // see Kept

	spareList *listing        // the spare as it was before being updated (tree.go)
	outRecord chan *listing   // the output's tree record, read by Record
	touched   map[string]bool // its folders whose entries the build changed; under mu
}

// Begin starts a new output for the folder out. It refuses an out that
// exists and does not look like a site's output (not empty, no index.html,
// no list of the files a Loa build wrote), so that a mistyped -o never
// replaces someone's folder. Staging folders left by an earlier build that
// was killed are removed. The caller holds the output's lock (LockOutput).
func Begin(out string) (*Staging, error) {
	out, err := outPath(out)
	if err != nil {
		return nil, err
	}
	if err := checkReplaceable(out); err != nil {
		return nil, err
	}
	parent, base := filepath.Split(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	removeStale(parent, base)
	dir, err := os.MkdirTemp(parent, "."+base+stagingMark)
	if err != nil {
		return nil, err
	}
	hold, err := os.Open(dir)
	if err == nil {
		err = flock(hold, unix.LOCK_EX|unix.LOCK_NB)
		if err != nil {
			hold.Close()
		}
	}
	if err == nil {
		err = os.Chmod(dir, 0o755)
		if err != nil {
			hold.Close()
		}
	}
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	spread := markTop(hold, true) // spread.go
	s := &Staging{out: out, dir: dir, hold: hold, spread: spread}
	s.prevOwned, _ = readOwned(out)
	// Sized for an output like the last: a national site's 40,000 names
	// and 20,000 folders, grown one by one, rehash their maps many times.
	n := len(s.prevOwned)
	s.made, s.names, s.touched = make(map[string]bool, n/2+1), make(map[string]string, n), map[string]bool{}
	s.made["."] = true
	return s, nil
}

func checkReplaceable(out string) error {
	fi, err := os.Lstat(out)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return diag.Textf("output %s exists and is not a folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, "index.html")); err == nil {
		return nil
	}
	if _, ok := readOwned(out); ok {
		return nil
	}
	return diag.Textf("refusing to replace %s: it is not empty and holds no index.html, so it does not look like a site's output", out)
}

// Tidy removes what builds into out that were killed left beside it, as
// Begin does; for a build that has nothing to write. The caller holds the
// output's lock.
func Tidy(out string) {
	if out, err := outPath(out); err == nil {
		parent, base := filepath.Split(out)
		removeStale(parent, base)
	}
}

// removeStale removes the staging folders of builds into parent/base that
// are gone: a folder whose build still runs is locked by it (Begin) and
// left alone. A previous output set aside by a swap that was killed half
// way (see Commit) is put back when the output is missing.
func removeStale(parent, base string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		p := filepath.Join(parent, e.Name())
		switch {
		case strings.HasPrefix(e.Name(), "."+base+stagingMark):
			f, err := os.Open(p)
			if err != nil {
				continue
			}
			if flock(f, unix.LOCK_EX|unix.LOCK_NB) == nil {
				os.RemoveAll(p)
			}
			f.Close()
		case e.Name() == "."+base+ownedSuffix+".tmp" || e.Name() == "."+base+manifestSuffix+".tmp" ||
			e.Name() == "."+base+treeSuffix+".tmp" || e.Name() == "."+base+spareSuffix+treeSuffix+".tmp":
			os.Remove(p) // of a build killed while it wrote it
		case strings.HasPrefix(e.Name(), "."+base+".old-"):
			if _, err := os.Lstat(filepath.Join(parent, base)); errors.Is(err, fs.ErrNotExist) {
				os.Rename(p, filepath.Join(parent, base))
				continue
			}
			os.RemoveAll(p)
		}
	}
}

// Dir is the staging folder.
func (s *Staging) Dir() string { return s.dir }

// Out is the output folder, absolute.
func (s *Staging) Out() string { return s.out }

// Put writes one file. name is slash-separated and relative to the output
// root; a name that is absolute, empty or climbs out with ".." is refused,
// so nothing is ever written outside the output.
func (s *Staging) Put(name string, data []byte) error {
	clean, file, err := s.prepare(name)
	if err != nil {
		return err
	}
	if s.inPlace {
		err = s.putInPlace(clean, file, data)
	} else if s.reuse != nil {
		err = s.put(clean, file, data)
	} else {
		err = writeNew(file, data, nil)
	}
	if err != nil {
		return err
	}
	s.wrote1(clean)
	s.files.Add(1)
	s.bytes.Add(int64(len(data)))
	return nil
}

// wrote1 notes that the file clean was written.
func (s *Staging) wrote1(clean string) {
	s.mu.Lock()
	if _, ok := s.names[clean]; !ok {
		s.names[clean] = KindFile
	}
	s.mu.Unlock()
}

// touch notes that the entries of the folder of the file clean changed,
// for the record of the output's folders (tree.go).
func (s *Staging) touch(clean string) {
	s.mu.Lock()
	s.touched[path.Dir(clean)] = true
	s.mu.Unlock()
}

// wrote reports whether the file name (clean) was written.
func (s *Staging) wrote(name string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.names[name]
	return ok
}

// Mark records the kind of the file name, for the list of the files Loa
// wrote (see Dropped); KindUnit for a unit's landing page.
func (s *Staging) Mark(name, kind string) {
	if clean, err := Clean(name); err == nil {
		s.mu.Lock()
		s.names[clean] = kind
		s.mu.Unlock()
	}
}

// prepare checks name and makes its folder; it returns the name cleaned
// and the file's path.
func (s *Staging) prepare(name string) (clean, file string, err error) {
	clean, err = Clean(name)
	if err != nil {
		return "", "", err
	}
	dir := path.Dir(clean)
	s.mu.Lock()
	if !s.made[dir] {
		if err := s.mkdir(dir); err != nil {
			s.mu.Unlock()
			return "", "", err
		}
	}
	s.mu.Unlock()
	return clean, filepath.Join(s.dir, filepath.FromSlash(clean)), nil
}

// mkdir makes the folder dir of the staging folder and the parents it
// lacks, knowing which it made: one mkdir a folder, no stat (20,000
// folders nationally). s.mu is held.
func (s *Staging) mkdir(dir string) error {
	if s.made[dir] {
		return nil
	}
	if err := s.mkdir(path.Dir(dir)); err != nil {
		return err
	}
	p := filepath.Join(s.dir, filepath.FromSlash(dir))
	switch listed := s.spareList.dir(dir); {
	case !s.inPlace && s.spread && path.Dir(dir) == ".":
		if err := mkdirSpread(s.dir, p); err != nil {
			return err
		}
	case !s.inPlace:
		if err := os.Mkdir(p, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
	case listed != nil && listed.Perm == dirMode:
		// A real folder of the spare, as listed before anything was
		// written (useSpare): nothing to make.
	default:
		made, err := mkdirInPlace(p)
		if err != nil {
			return err
		}
		if made {
			s.touched[path.Dir(dir)] = true
		}
	}
	s.made[dir] = true
	return nil
}

// Create opens the file name (as Put names it) to be written as a stream;
// it counts once Close returned nil. It makes render.Stream write large
// files without holding them in memory.
func (s *Staging) Create(name string) (io.WriteCloser, error) {
	clean, file, err := s.prepare(name)
	if err != nil {
		return nil, err
	}
	var f *os.File
	over := false
	if s.inPlace {
		if f = openOver(file); f != nil {
			over = true // truncated by Close to what was written
		} else {
			s.touch(clean)
			f, err = createInPlace(file)
		}
	} else {
		f, err = os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	}
	if err != nil {
		return nil, err
	}
	w := &streamed{s: s, f: f, clean: clean, over: over}
	w.w = bufio.NewWriterSize(f, 256<<10)
	return w, nil
}

// streamed is a file written by Create. Its bytes are not hashed: the sum
// in the manifest is what put compares bytes about to be written with, and
// a streamed file is never held in memory to be compared; it is recorded
// with none (zero), which no bytes have.
type streamed struct {
	s     *Staging
	f     *os.File
	w     *bufio.Writer
	clean string
	n     int64
	over  bool // written over a file of the spare (see openOver)
}

func (w *streamed) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	w.n += int64(n)
	return n, err
}

func (w *streamed) Close() error {
	err := w.w.Flush()
	if err == nil && w.over {
		err = w.f.Truncate(w.n)
	}
	if err == nil && w.s.reuse != nil {
		w.s.recordStream(w.clean, w.f, w.n)
	}
	if cerr := w.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		w.s.wrote1(w.clean)
		w.s.files.Add(1)
		w.s.bytes.Add(w.n)
	}
	return err
}

// Clean checks an output path and returns it cleaned.
func Clean(name string) (string, error) {
	if name == "" || strings.HasPrefix(name, "/") || strings.Contains(name, "\\") || strings.ContainsRune(name, 0) {
		return "", fmt.Errorf("publish: refusing output path %q", name)
	}
	clean := path.Clean(name)
	if clean == "." || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Errorf("publish: refusing output path %q: it leaves the output folder", name)
	}
	return clean, nil
}

// Files and Bytes count what was written so far.
func (s *Staging) Files() int64 { return s.files.Load() }

// Bytes is the total size of the files written so far.
func (s *Staging) Bytes() int64 { return s.bytes.Load() }

// Commit swaps the staging folder in as the output: an atomic exchange of
// the two folders where the system offers it (Linux renameat2), otherwise
// two renames, the old output kept aside until the new one is in place.
// The files of the output that no Loa build wrote are carried over first
// (see Kept), and the list of the files Loa wrote is updated, and so is
// the manifest beside the output when recording (see Record).
func (s *Staging) Commit() error {
	defer s.unhold()
	written := s.names
	_, err := os.Lstat(s.out)
	exists := err == nil
	noNewName := namesIn(written, s.prevOwned)
	// The manifest is made while the folders are updated when it is
	// already what it will be: when no file was linked, whose change
	// time the swap would leave to be recorded again (restamp).
	var manifest chan []byte
	if s.reuse != nil {
		s.reuse.mu.Lock()
		final := len(s.reuse.links) == 0
		s.reuse.mu.Unlock()
		if final {
			manifest = make(chan []byte, 1)
			go func() { manifest <- manifestFile(s.reuse.next) }()
		}
	}
	// What the output holds that no Loa build wrote is found (reading
	// the output) while the spare is pruned (writing the spare), then
	// carried into it: a file the spare held as well is first removed,
	// then linked again. Side by side, they took a national one-count
	// rebuild's Commit from 200 to 180 ms (the mean of 10).
	var (
		plan    []carried
		planErr error
		found   sync.WaitGroup
	)
	if exists {
		owned := s.prevOwned
		if owned == nil && s.reuse != nil && s.reuse.prev != nil {
			// No list (one older than the lists): the reuse manifest of
			// the previous build names its files as well.
			owned = map[string]string{}
			for n := range s.reuse.prev.Files {
				owned[n] = KindFile
			}
		}
		found.Go(func() { plan, planErr = s.foreign(owned) })
	}
	if s.inPlace {
		if err := s.pruneInPlace(); err != nil {
			found.Wait()
			return err
		}
	}
	found.Wait()
	if exists {
		if planErr != nil {
			return planErr
		}
		if err := s.carryAll(plan); err != nil {
			return err
		}
		// Until the swap, the list names the files of both outputs: a
		// build killed in between leaves no file of either unclaimed. The
		// list of a rebuild that writes no new name already does; the new
		// names of another go beside it (owned.go).
		if !noNewName {
			var err error
			if s.prevOwned == nil {
				err = writeOwned(s.out, written) // no list: every file is carried over
			} else {
				err = addOwned(s.out, s.prevOwned, written)
			}
			if err != nil {
				return err
			}
		}
	}
	// What the new output holds, for the next build to look at it quickly
	// (tree.go): taken from the spare's listing where its folders were
	// left as they were.
	var next *listing
	switch {
	case s.reuse != nil && s.inPlace:
		next, _ = updated(s.dir, s.spareList, s.made, s.touched)
	case s.reuse != nil:
		next, _ = listTree(s.dir, nil)
	}
	// The manifest of the previous output goes first: a build killed
	// after the swap leaves none, never one of another output.
	if err := removeManifest(s.out); err != nil {
		return err
	}
	if s.spread {
		markTop(s.hold, false) // the output is a folder like any other
	}
	if err := s.swap(exists); err != nil {
		return err
	}
	// The records are checked against the folders when read: written in
	// any order, a kill between them costs reading folders, no more.
	// The previous output's record goes with it to the spare, as it was
	// read: what foreign found changed since, the next build reads.
	if s.reuse != nil {
		os.Rename(treePath(s.out), treePath(sparePath(s.out)))
	}
	// The tree record, the manifest and the list, side by side: a build
	// killed while they are written leaves no manifest (every file is
	// written afresh) or the list of both outputs (no file unclaimed).
	var wg sync.WaitGroup
	if next != nil {
		wg.Go(func() { writeTree(treePath(s.out), next) })
	}
	if s.reuse != nil {
		wg.Go(func() {
			// Not kept: the next build writes every file afresh.
			if manifest != nil {
				writeManifestFile(s.out, <-manifest)
				return
			}
			s.reuse.restamp(s.out)
			writeManifest(s.out, s.reuse.next)
		})
	}
	var ownedErr error
	if !exists || !noNewName || len(written) != len(s.prevOwned) {
		if ownedErr = writeOwned(s.out, written); ownedErr == nil {
			ownedErr = dropAdded(s.out)
		}
	}
	wg.Wait()
	return ownedErr
}

// namesIn reports whether every name of a is in b, of the same kind.
func namesIn(a, b map[string]string) bool {
	if b == nil {
		return false
	}
	for n, k := range a {
		if kb, ok := b[n]; !ok || kb != k {
			return false
		}
	}
	return true
}

// unhold releases the lock on the staging folder.
func (s *Staging) unhold() {
	if s.hold != nil {
		s.hold.Close()
		s.hold = nil
	}
}

// swap puts the staging folder in place of the output.
func (s *Staging) swap(exists bool) error {
	if !exists {
		err := os.Rename(s.dir, s.out)
		s.committed = err == nil
		return err
	}
	if err := unix.Renameat2(unix.AT_FDCWD, s.dir, unix.AT_FDCWD, s.out, unix.RENAME_EXCHANGE); err == nil {
		s.committed = true
		// s.dir now holds the previous output.
		return s.keepSpare(s.dir)
	}
	old := filepath.Join(filepath.Dir(s.out), "."+filepath.Base(s.out)+".old-"+strings.TrimPrefix(filepath.Base(s.dir), "."+filepath.Base(s.out)+stagingMark))
	if err := os.Rename(s.out, old); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.out); err != nil {
		os.Rename(old, s.out) // put the previous output back
		return err
	}
	s.committed = true
	return s.keepSpare(old)
}

// Abort removes the staging folder, leaving the output as it was; a spare
// being updated is left for the next build to update.
func (s *Staging) Abort() {
	if !s.committed && !s.inPlace {
		os.RemoveAll(s.dir)
	}
	s.unhold()
}

package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"

	"golang.org/x/sys/unix"

	"github.com/loa-vn/loa/generator/diag"
)

// A swap leaves the previous output in the staging folder. Rather than
// delete it (tens of thousands of files nationally, which also slows the
// writes that follow on many disks), Commit keeps it beside the output as
// .<name>.loa-spare, and the next build that records (Record) updates that
// folder in place into the new output and swaps it in: each file whose
// bytes, read back, are the bytes given is left as it is, every other is
// written over when no other name shares it (openOver), else afresh (a
// new file: never written through, since the spare may share files with
// the output), and every file the build does not write
// is removed before the swap. So a rebuild creates and deletes entries only
// for the files that changed, and the output stays a plain folder.
//
// Nothing of the spare is trusted: a file is kept only when it is a
// regular file with the mode a fresh write gives and its bytes are read
// back and compared, or when it is the very file (inode, size, times) the
// manifest records for a job whose key did not change (keep.go); what the
// spare holds is listed before anything is written, folder by folder
// unless its tree record still holds (tree.go); folders that are not real
// folders (a symlink) are
// replaced before anything is written under them. The spare is never the
// output, so a build that fails or is killed while updating it leaves the
// output exactly as it was; the next build updates the spare again.

const spareSuffix = ".loa-spare"

// sparePath is the spare of the output folder out (absolute).
func sparePath(out string) string {
	parent, base := filepath.Split(out)
	return filepath.Join(parent, "."+base+spareSuffix)
}

// fileMode is the mode os.WriteFile(…, 0o644) gives under the process's
// umask.
var fileMode = func() fs.FileMode {
	m := unix.Umask(0)
	unix.Umask(m)
	return 0o644 &^ fs.FileMode(m)
}()

// useSpare makes the staging update the spare in place, when there is one
// to update and an output to swap it with. It is called by Record, before
// anything was written.
func (s *Staging) useSpare() {
	spare := sparePath(s.out)
	fi, err := os.Lstat(spare)
	if err != nil {
		return
	}
	if _, err := os.Lstat(s.out); err != nil || !fi.IsDir() {
		os.RemoveAll(spare) // no output to swap with, or not a folder
		return
	}
	os.Chmod(spare, 0o755)
	list, err := listTree(spare, readTree(treePath(spare)))
	if err != nil {
		os.RemoveAll(spare) // one that cannot be looked at cannot be updated
		return
	}
	s.spareList = list
	os.RemoveAll(s.dir) // the empty staging folder Begin made
	s.unhold()
	s.dir = spare
	s.inPlace = true
	s.spread = false // the mark was on the folder just removed
}

// dirMode is the mode os.Mkdir(…, 0o755) gives under the process's umask.
var dirMode = 0o755 &^ (0o644 ^ fileMode)

// mkdirInPlace makes sure the folder at path p of the spare is a real
// folder, with the mode a new one gets: a file or a symlink in its place
// is removed first. made says whether it made one.
func mkdirInPlace(p string) (made bool, err error) {
	fi, err := os.Lstat(p)
	if err == nil && fi.IsDir() {
		if fi.Mode().Perm() != dirMode {
			return false, os.Chmod(p, dirMode)
		}
		return false, nil
	}
	if err == nil {
		if err := os.Remove(p); err != nil {
			return true, err
		}
	}
	return true, os.Mkdir(p, 0o755)
}

// keepInPlace reports whether the file at path file of the spare already
// holds exactly data; fi is its Lstat when it does.
func keepInPlace(file string, data []byte) (os.FileInfo, bool) {
	fi, err := os.Lstat(file)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm() != fileMode || fi.Size() != int64(len(data)) {
		return nil, false
	}
	if !sameBytes(file, data) {
		return nil, false
	}
	return fi, true
}

// clearInPlace removes whatever is at path file of the spare, so that a
// new file can be created there.
func clearInPlace(file string) error {
	fi, err := os.Lstat(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return os.RemoveAll(file)
	}
	return os.Remove(file)
}

// openOver opens the file at path file of the spare to be written over,
// when it is a regular file that no other name shares (one link: not a
// file of the output, linked into the spare) with the mode a fresh write
// gives; nil otherwise. Writing over a file costs what the write costs;
// removing it and creating another frees and allocates an inode and its
// blocks, on many disks a hundred times more (nationally, a new directive
// replaces 1,800 landing pages, a count 110 MB of open data). Nothing else
// is at risk: the spare is no one's output, and a file written over no
// longer has the times its manifest record has, so it is never taken for
// the output's file (keep.go). The caller truncates it to what it wrote.
func openOver(file string) *os.File {
	// Not a FIFO to block on, not a symlink to follow: checked on the
	// file opened, as it may have changed since it was listed.
	f, err := os.OpenFile(file, os.O_WRONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil
	}
	fi, err := f.Stat()
	if err == nil && fi.Mode().IsRegular() && fi.Mode().Perm() == fileMode {
		if st, ok := fi.Sys().(*syscall.Stat_t); ok && st.Nlink == 1 {
			return f
		}
	}
	f.Close()
	return nil
}

// createInPlace creates the file at path file of the spare afresh.
func createInPlace(file string) (*os.File, error) {
	if err := clearInPlace(file); err != nil {
		return nil, err
	}
	return os.OpenFile(file, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
}

// pruneInPlace removes from the spare every file and folder that this
// build did not write, so that it holds this build's files only (those
// that no Loa build wrote are carried over after, as into a new staging
// folder). What the spare held is its listing, made before anything was
// written (useSpare): what the build added since, it wrote.
func (s *Staging) pruneInPlace() error {
	var dirs []string
	err := s.spareList.walk(func(rel string, typ fs.FileMode) error {
		if s.made[rel] || s.wrote(rel) {
			return nil // a folder or a file of this build (typ may be what it replaced)
		}
		if typ == fs.ModeDir {
			dirs = append(dirs, rel)
			return nil
		}
		s.touch(rel)
		if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		return nil
	})
	if err != nil {
		return diag.Textf("cannot update %s: %w", s.dir, err)
	}
	// Deepest first (a folder sorts before what it holds): the build
	// made none of them, so each is empty once what it held is gone; one
	// that is not (a file put there while the build ran) fails the build
	// rather than be published.
	sort.Sort(sort.Reverse(sort.StringSlice(dirs)))
	for _, rel := range dirs {
		s.touch(rel)
		if err := os.Remove(filepath.Join(s.dir, filepath.FromSlash(rel))); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return diag.Textf("cannot update %s: %w", s.dir, err)
		}
	}
	return nil
}

// keepSpare keeps the previous output, which the swap left at old, as the
// spare of the next build.
func (s *Staging) keepSpare(old string) error {
	spare := sparePath(s.out)
	if old == spare {
		return nil
	}
	if err := os.RemoveAll(spare); err != nil {
		return os.RemoveAll(old)
	}
	if err := os.Rename(old, spare); err != nil {
		return os.RemoveAll(old)
	}
	return nil
}

package publish

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// Builds into one output folder take turns: each holds a lock (flock) on
// the file .<name>.loa-lock beside the output, from before it looks at the
// output until its files are in place. A second build waits for the first
// to finish; the system releases the lock of a build that dies, kill -9
// included, so a dead build never blocks the next. The lock file holds the
// process id of the build that holds it, for the message of one that waits.
// It stays beside the output: removing it would let two builds lock two
// different files.
//
// Each staging folder is locked too, by the build writing it, so that the
// clean-up of what killed builds left (see Begin) removes only folders
// whose build is gone.

const lockSuffix = ".loa-lock"

// A Lock is held on an output folder; see LockOutput.
type Lock struct{ f *os.File }

// LockOutput takes the lock of the output folder out, waiting for the
// build that holds it; waiting, when not nil, is called first with that
// build's process id (0 when unknown). Call Release when the build is done.
func LockOutput(out string, waiting func(pid int)) (*Lock, error) {
	out, err := outPath(out)
	if err != nil {
		return nil, err
	}
	parent, base := filepath.Split(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(parent, "."+base+lockSuffix), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	err = flock(f, unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		if waiting != nil {
			b := make([]byte, 32)
			n, _ := f.ReadAt(b, 0)
			pid, _ := strconv.Atoi(strings.TrimSpace(string(b[:n])))
			waiting(pid)
		}
		err = flock(f, unix.LOCK_EX)
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if f.Truncate(0) == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return &Lock{f: f}, nil
}

// Release lets the next build in.
func (l *Lock) Release() {
	if l != nil && l.f != nil {
		l.f.Truncate(0)
		l.f.Close() // closing releases the flock
		l.f = nil
	}
}

// flock locks f as how says, again when a signal interrupts the wait.
func flock(f *os.File, how int) error {
	for {
		err := unix.Flock(int(f.Fd()), how)
		if !errors.Is(err, unix.EINTR) {
			return err
		}
	}
}

// outPath is the path that names the output folder out: absolute, its
// parent's symlinks resolved (so that every build into one folder takes
// the same lock) but not its own, since a build replaces that folder.
func outPath(out string) (string, error) {
	abs, err := filepath.Abs(out)
	if err != nil {
		return "", err
	}
	parent, err := Resolve(filepath.Dir(abs))
	if err != nil {
		return "", err
	}
	return filepath.Join(parent, filepath.Base(abs)), nil
}

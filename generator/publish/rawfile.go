package publish

import (
	"os"
	"syscall"
)

// writeNew writes data into a file at path file, created or emptied
// (os.WriteFile's O_CREATE|O_TRUNC and mode 0o644 under the umask), through
// a bare descriptor; with st, it fills st with the file's fstat once
// written. os.OpenFile readies each descriptor for the runtime's poller
// (four fcntl and an epoll_ctl that a regular file refuses) and gives it
// a finalizer: five system calls more per file, and a national cold build
// writes 41,000 files.
func writeNew(file string, data []byte, st *syscall.Stat_t) error {
	var fd int
	var err error
	for {
		// Tried again when a signal interrupted it, as os.OpenFile does.
		fd, err = syscall.Open(file, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		return &os.PathError{Op: "open", Path: file, Err: err}
	}
	err = writeAll(fd, data)
	if err == nil && st != nil {
		for {
			if err = syscall.Fstat(fd, st); err != syscall.EINTR {
				break
			}
		}
	}
	if cerr := syscall.Close(fd); err == nil {
		err = cerr
	}
	if err != nil {
		return &os.PathError{Op: "write", Path: file, Err: err}
	}
	return nil
}

// writeAll writes all of data to fd, as os.File.Write does: short writes
// go on, a signal's interruption is tried again.
func writeAll(fd int, data []byte) error {
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return err
		}
		if n == 0 {
			return syscall.EIO
		}
		data = data[n:]
	}
	return nil
}

// stampStat is what a FileRecord keeps of a file's stat besides its sum.
func stampStat(st *syscall.Stat_t) FileRecord {
	return FileRecord{Size: st.Size, Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano(), Ino: st.Ino}
}

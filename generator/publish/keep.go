package publish

import (
	"crypto/sha256"
	"os"
	"path"
	"path/filepath"
	"syscall"
)

// A rebuild knows, for most jobs of the render, that their files would
// come out as the previous build wrote them: the render gives each job a
// key, a digest of everything its files are made from (render.Keeper), and
// the manifest keeps the key each file was written with. Keep carries such
// files over without their bytes being made, read or compared: they are
// hard-linked from the previous output into the folder being written (in
// the spare, a file that already is the previous output's file, linked by
// an earlier build, is left as it is).
//
// A file is carried over only when the previous output still holds it as
// it was written: same size, modification time, change time and inode as
// its manifest records. In the spare, the file at its path is looked at
// first: when it has that very inode and those times, it is the previous
// output's file, unchanged (one lstat instead of two). The manifest lives
// beside the output, where only
// the builds into it write (never in a cache others may fill), so a key
// found there was put there by a build of this output.

// Keep implements render.Keeper: it reports whether every file at paths is
// in the previous output, written by a job of this key and unchanged
// since, and if so carries them all into the output being written.
func (s *Staging) Keep(paths []string, key [sha256.Size]byte) bool {
	r := s.reuse
	if r == nil || r.prev == nil || len(paths) == 0 {
		return false
	}
	type found struct {
		clean string
		rec   FileRecord
		live  bool // false: the spare holds the previous output's file
	}
	files := make([]found, 0, len(paths))
	for _, p := range paths {
		clean, err := Clean(p)
		if err != nil {
			return false
		}
		files = append(files, found{clean: clean})
	}
	r.mu.Lock()
	for i := range files {
		rec, ok := r.prev.Files[files[i].clean]
		if !ok || rec.Key != key {
			r.mu.Unlock()
			return false
		}
		files[i].rec = rec
	}
	r.mu.Unlock()
	var st syscall.Stat_t // (os.Lstat would make a FileInfo of each)
	for i, f := range files {
		if s.inPlace {
			// The spare shares the previous output's unchanged files (they
			// were linked into it when it was the output): one lstat tells
			// that this path holds the very file recorded, as it was.
			if lstat(s.dir+"/"+f.clean, &st) == nil && f.rec.matchesStat(&st) {
				continue
			}
		}
		if lstat(s.out+"/"+f.clean, &st) != nil || !f.rec.matchesStat(&st) {
			return false
		}
		files[i].live = true
	}
	var linked []string
	for _, f := range files {
		if !f.live {
			// In the spare already: its folder is there too, as listed;
			// made, for pruneInPlace, once the lock is taken below.
			continue
		}
		_, file, err := s.prepare(f.clean)
		if err != nil {
			return false
		}
		if s.inPlace {
			s.touch(f.clean)
			if err := clearInPlace(file); err != nil {
				return false
			}
		}
		if err := os.Link(filepath.Join(s.out, filepath.FromSlash(f.clean)), file); err != nil {
			return false
		}
		linked = append(linked, f.clean)
	}
	var size int64
	s.mu.Lock()
	for _, f := range files {
		if !f.live {
			if dir := path.Dir(f.clean); !s.made[dir] {
				if err := s.mkdir(dir); err != nil {
					s.mu.Unlock()
					return false
				}
			}
		}
		if _, ok := s.names[f.clean]; !ok {
			s.names[f.clean] = KindFile
		}
		size += f.rec.Size
	}
	s.mu.Unlock()
	r.mu.Lock()
	for _, f := range files {
		r.next.Files[f.clean] = f.rec
	}
	r.linked += int64(len(files))
	// A link changes the file's change time: recorded again after the
	// swap (restamp).
	r.links = append(r.links, linked...)
	r.mu.Unlock()
	s.files.Add(int64(len(files)))
	s.bytes.Add(size)
	return true
}

// Keyed implements render.Keeper: it records key as the key of the files
// at paths, just written, in the manifest of the output being written.
func (s *Staging) Keyed(paths []string, key [sha256.Size]byte) {
	r := s.reuse
	if r == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range paths {
		clean, err := Clean(p)
		if err != nil {
			continue
		}
		if rec, ok := r.next.Files[clean]; ok {
			rec.Key = key
			r.next.Files[clean] = rec
		}
	}
}

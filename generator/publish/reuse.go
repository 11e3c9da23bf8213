package publish

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"syscall"
)

// A rebuild writes a whole new output, yet most of its files have the
// same bytes as in the output it replaces: creating a file costs this
// kind of machine far more than hashing it. So a Staging can record what
// it wrote (a Manifest: the SHA-256, size, modification time and inode of
// every file) and, given the manifest of the previous output, hard-link
// into the staging folder each previous file that has the bytes it is
// given, rather than writing them again.
//
// A previous file is linked only when it is still the one recorded (same
// size, modification time and inode) and its bytes, read back, are the
// bytes given: a file edited by hand since is written afresh, even when its
// modification time was set back (touch -d, cp -p, rsync -t). Reading a
// file back costs far less than creating one. A build with --no-cache
// reads, links and keeps no manifest. Linking never changes the previous output, so a build
// that fails or is killed still leaves it exactly as it was; once the new
// output is swapped in, the previous folder is kept as the spare
// (spare.go). When there is a spare, Record updates it in place instead,
// and links nothing: its files are kept on their bytes alone.

// Manifest describes the files of one output folder, by slash path.
type Manifest struct {
	Files map[string]FileRecord
	// Note is what the caller keeps of the build that wrote the output
	// (build's record; see Staging.Note), kept and read back with it.
	Note []byte
}

// FileRecord is what a Manifest knows of a file.
type FileRecord struct {
	Sum   [sha256.Size]byte
	Size  int64
	Mtime int64 // nanoseconds
	Ctime int64 // nanoseconds; a link or an unlink sets it too
	Ino   uint64
	// Key is the key of the render's job that wrote the file (see
	// Keep); zero when unknown.
	Key [sha256.Size]byte
}

// Matches reports whether fi is still the file recorded: same size,
// modification time, change time and inode. The system sets the change
// time on every write, and no user can set it back (short of setting the
// clock back), so a file edited in place does not match even when its
// modification time was restored.
func (r FileRecord) Matches(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && r.matchesStat(st)
}

// matchesStat is Matches of what lstat found.
func (r FileRecord) matchesStat(st *syscall.Stat_t) bool {
	return r.sameStat(st) && st.Ctim.Nano() == r.Ctime
}

// sameFile is Matches without the change time, which linking a file
// changes (an aborted build's links too).
func (r FileRecord) sameFile(fi os.FileInfo) bool {
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && r.sameStat(st)
}

func (r FileRecord) sameStat(st *syscall.Stat_t) bool {
	return st.Mode&syscall.S_IFMT == syscall.S_IFREG && st.Size == r.Size && st.Mtim.Nano() == r.Mtime && st.Ino == r.Ino
}

// lstat is syscall.Lstat, tried again when a signal interrupted it (as
// os.Lstat does).
func lstat(p string, st *syscall.Stat_t) error {
	for {
		if err := syscall.Lstat(p, st); err != syscall.EINTR {
			return err
		}
	}
}

// stamp is what a FileRecord keeps of fi besides its sum.
func stamp(fi os.FileInfo) FileRecord {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return stampStat(st)
	}
	return FileRecord{Size: fi.Size(), Mtime: fi.ModTime().UnixNano()}
}

// ReadManifest decodes a manifest written by Manifest.Bytes.
func ReadManifest(b []byte) (*Manifest, error) {
	bad := errors.New("publish: not a manifest")
	d := b
	uvarint := func() uint64 {
		n, k := binary.Uvarint(d)
		if k <= 0 {
			d = nil
			return 0
		}
		d = d[k:]
		return n
	}
	varint := func() int64 { // binary.Varint: the zigzag of a uvarint
		ux := uvarint()
		x := int64(ux >> 1)
		if ux&1 != 0 {
			x = ^x
		}
		return x
	}
	bytesOf := func(n uint64) []byte {
		if n > uint64(len(d)) {
			d = nil
			return nil
		}
		x := d[:n]
		d = d[n:]
		return x
	}
	var m Manifest
	if n := uvarint(); d != nil {
		m.Note = append([]byte{}, bytesOf(n)...)
	}
	count := uvarint()
	// An entry takes 69 bytes at least (two digests, five numbers, a
	// name's length): a count beyond that is damage.
	if d == nil || count > uint64(len(d))/69 {
		return nil, bad
	}
	m.Files = make(map[string]FileRecord, count)
	for range count {
		name := string(bytesOf(uvarint()))
		var r FileRecord
		copy(r.Sum[:], bytesOf(sha256.Size))
		r.Size, r.Mtime, r.Ctime = varint(), varint(), varint()
		r.Ino = uvarint()
		copy(r.Key[:], bytesOf(sha256.Size))
		if d == nil {
			return nil, bad
		}
		m.Files[name] = r
	}
	if len(d) != 0 {
		return nil, bad
	}
	return &m, nil
}

// Bytes encodes the manifest: the note (its length, uvarint, and bytes),
// the number of files, and for each its name (the same), sum, size, times
// (varints), inode (uvarint) and key.
func (m *Manifest) Bytes() []byte {
	b := make([]byte, 0, 16+len(m.Note)+len(m.Files)*120)
	b = binary.AppendUvarint(b, uint64(len(m.Note)))
	b = append(b, m.Note...)
	b = binary.AppendUvarint(b, uint64(len(m.Files)))
	for name, r := range m.Files {
		b = binary.AppendUvarint(b, uint64(len(name)))
		b = append(b, name...)
		b = append(b, r.Sum[:]...)
		b = binary.AppendVarint(b, r.Size)
		b = binary.AppendVarint(b, r.Mtime)
		b = binary.AppendVarint(b, r.Ctime)
		b = binary.AppendUvarint(b, r.Ino)
		b = append(b, r.Key[:]...)
	}
	return b
}

const manifestSuffix = ".loa-manifest"

// manifestMagic starts the file of a manifest; it changes with its format.
const manifestMagic = "loa manifest 2\n"

// manifestPath is the file of the manifest of the output folder out
// (absolute).
func manifestPath(out string) string {
	parent, base := filepath.Split(out)
	return filepath.Join(parent, "."+base+manifestSuffix)
}

// PreviousManifest returns the manifest that the last build into the
// folder out kept beside it, or nil when there is none that is whole (an
// older Loa kept it in the cache, which is not read). The caller holds the
// output's lock (LockOutput).
func PreviousManifest(out string) *Manifest {
	out, err := outPath(out)
	if err != nil {
		return nil
	}
	b, err := os.ReadFile(manifestPath(out))
	if err != nil || len(b) < len(manifestMagic)+sha256.Size || string(b[:len(manifestMagic)]) != manifestMagic {
		return nil
	}
	data := b[len(manifestMagic) : len(b)-sha256.Size]
	// A check sum against damage, not people: see the comment above.
	if sum := sha256.Sum256(data); !bytes.Equal(sum[:], b[len(b)-sha256.Size:]) {
		return nil
	}
	m, err := ReadManifest(data)
	if err != nil {
		return nil
	}
	return m
}

// writeManifest replaces the manifest beside out with m, atomically.
func writeManifest(out string, m *Manifest) error {
	return writeManifestFile(out, manifestFile(m))
}

// manifestFile is the file that keeps m.
func manifestFile(m *Manifest) []byte {
	data := m.Bytes()
	sum := sha256.Sum256(data)
	return append(append([]byte(manifestMagic), data...), sum[:]...)
}

// writeManifestFile replaces the manifest beside out with b (manifestFile),
// atomically.
func writeManifestFile(out string, b []byte) error {
	p := manifestPath(out)
	tmp := p + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, p); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// removeManifest removes the manifest beside out, if any.
func removeManifest(out string) error {
	if err := os.Remove(manifestPath(out)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// Note gives what the manifest of the output written keeps of the build
// besides its files (see Manifest.Note); without Record it is not kept.
// Call it before Commit.
func (s *Staging) Note(b []byte) {
	if s.reuse != nil {
		s.reuse.mu.Lock()
		s.reuse.next.Note = b
		s.reuse.mu.Unlock()
	}
}

// reuse is the recording state of a Staging.
type reuse struct {
	mu     sync.Mutex
	prev   *Manifest // of the output being replaced; nil for none
	next   *Manifest // of the staging folder
	linked int64
	links  []string // the files linked, whose change time the swap changes
}

// Record makes the Staging keep a manifest of what it writes (Manifest,
// after Commit) and, when prev is not nil, link the files of the previous
// output that prev describes and that have the bytes given to Put. Call
// it before the first Put.
func (s *Staging) Record(prev *Manifest) {
	files := 0
	if prev != nil {
		files = len(prev.Files)
	}
	s.reuse = &reuse{prev: prev, next: &Manifest{Files: make(map[string]FileRecord, files)}}
	// The output's tree record, for Commit (foreign), read meanwhile:
	// it is checked against the folders when they are listed.
	s.outRecord = make(chan *listing, 1)
	go func() { s.outRecord <- readTree(treePath(s.out)) }()
	s.useSpare()
}

// Manifest is the manifest of the output written, once Commit succeeded;
// nil without Record.
func (s *Staging) Manifest() *Manifest {
	if s.reuse == nil || !s.committed {
		return nil
	}
	return s.reuse.next
}

// Linked is how many files were linked from the previous output.
func (s *Staging) Linked() int64 {
	if s.reuse == nil {
		return 0
	}
	s.reuse.mu.Lock()
	defer s.reuse.mu.Unlock()
	return s.reuse.linked
}

// put writes or links the file clean (at path file in the staging folder)
// and records it.
func (s *Staging) put(clean, file string, data []byte) error {
	r := s.reuse
	sum := sha256.Sum256(data)
	r.mu.Lock()
	old, ok := FileRecord{}, false
	if r.prev != nil {
		old, ok = r.prev.Files[clean]
	}
	r.mu.Unlock()
	if ok && old.Sum == sum && old.Size == int64(len(data)) {
		live := filepath.Join(s.out, filepath.FromSlash(clean))
		if fi, err := os.Lstat(live); err == nil && old.sameFile(fi) && sameBytes(live, data) && os.Link(live, file) == nil {
			r.mu.Lock()
			old.Key = [sha256.Size]byte{} // Keyed sets the key of this build's job
			r.next.Files[clean] = old     // its Ctime is set again after the swap
			r.linked++
			r.links = append(r.links, clean)
			r.mu.Unlock()
			return nil
		}
	}
	var st syscall.Stat_t
	if err := writeNew(file, data, &st); err != nil {
		return err
	}
	r.written(clean, stampStat(&st), sum)
	return nil
}

// putInPlace writes the file clean at path file of the spare, or leaves
// it when it holds data already (see spare.go), and records it.
func (s *Staging) putInPlace(clean, file string, data []byte) error {
	r := s.reuse
	sum := sha256.Sum256(data)
	if fi, ok := keepInPlace(file, data); ok {
		rec := stamp(fi)
		rec.Sum = sum
		r.mu.Lock()
		r.next.Files[clean] = rec
		r.linked++
		r.mu.Unlock()
		return nil
	}
	if f := openOver(file); f != nil {
		// The folder's entries stay as they were: not touched.
		if err := f.Truncate(int64(len(data))); err != nil {
			f.Close()
			return err
		}
		return r.write(f, clean, data, sum)
	}
	s.touch(clean)
	f, err := createInPlace(file)
	if err != nil {
		return err
	}
	return r.write(f, clean, data, sum)
}

// sameBytes reports whether the file p holds exactly data.
func sameBytes(p string, data []byte) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, len(data)+1) // one more: a file that grew is caught
	n, err := io.ReadFull(f, buf)
	return n == len(data) && errors.Is(err, io.ErrUnexpectedEOF) && bytes.Equal(buf[:n], data) || len(data) == 0 && n == 0
}

// recordStream records a file written by Create once it is closed, with
// no sum (see streamed).
func (s *Staging) recordStream(clean string, f *os.File, size int64) {
	fi, err := f.Stat()
	if err != nil {
		return // not recorded: the next build writes it again
	}
	rec := stamp(fi)
	rec.Size = size
	s.reuse.mu.Lock()
	s.reuse.next.Files[clean] = rec
	s.reuse.mu.Unlock()
}

// restamp records the change times of the files linked, which the link
// and the removal of the previous output changed, once they are in place.
func (r *reuse) restamp(out string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, name := range r.links {
		rec := r.next.Files[name]
		fi, err := os.Lstat(filepath.Join(out, filepath.FromSlash(name)))
		if err != nil {
			delete(r.next.Files, name) // not recorded: the next build writes it again
			continue
		}
		now := stamp(fi)
		rec.Ctime, rec.Mtime, rec.Ino = now.Ctime, now.Mtime, now.Ino
		r.next.Files[name] = rec
	}
	r.links = nil
}

// write writes data, whose SHA-256 is sum, into f (a new file, or one of
// the spare written over and cut to len(data)), closes it and records it
// as clean.
func (r *reuse) write(f *os.File, clean string, data []byte, sum [sha256.Size]byte) error {
	_, err := f.Write(data)
	var fi os.FileInfo
	if err == nil {
		fi, err = f.Stat()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	r.written(clean, stamp(fi), sum)
	return nil
}

// written records the file clean, just written with bytes whose SHA-256
// is sum, as rec (its stamp) says it is.
func (r *reuse) written(clean string, rec FileRecord, sum [sha256.Size]byte) {
	rec.Sum = sum
	r.mu.Lock()
	r.next.Files[clean] = rec
	r.mu.Unlock()
}

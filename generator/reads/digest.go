package reads

import (
	"crypto/sha256"
	"encoding"
	"encoding/binary"
	"fmt"
	"math"
	"reflect"
	"sort"
	"sync"
	"unsafe"
)

// Key is a digest of what is read of a value.
type Key [sha256.Size]byte

// Memo keeps the digests of the values that shared pointers lead to, so
// that a value shared by many pages (a directive listed on 10,000 unit
// pages) is encoded once. Only the pointers given to Share are memoized:
// they must stay alive and unchanged while the Memo is used (make one per
// render), so that no address is reused for another value. Share every
// pointer before the first Digest; from then on the Memo is safe for
// concurrent use.
type Memo struct {
	shared map[unsafe.Pointer]*memoSlot // written by Share only
}

// memoSlot holds the digests of what one shared pointer leads to: one for
// each way it is read (its type, the Set, whole or not).
type memoSlot struct {
	mu      sync.Mutex
	entries []memoEntry
}

type memoEntry struct {
	k   memoKey
	sum Key
}

// Share marks each of ptrs (pointers) as shared: their digests are kept.
func (m *Memo) Share(ptrs ...any) {
	if m.shared == nil {
		m.shared = map[unsafe.Pointer]*memoSlot{}
	}
	for _, p := range ptrs {
		v := reflect.ValueOf(p)
		if v.Kind() == reflect.Pointer && !v.IsNil() {
			if m.shared[v.UnsafePointer()] == nil {
				m.shared[v.UnsafePointer()] = &memoSlot{}
			}
		}
	}
}

// slot is the slot of a shared pointer p; nil when p is not shared.
func (m *Memo) slot(p unsafe.Pointer) *memoSlot {
	if m == nil {
		return nil
	}
	return m.shared[p]
}

func (s *memoSlot) load(k memoKey) (Key, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.entries {
		if e.k == k {
			return e.sum, true
		}
	}
	return Key{}, false
}

func (s *memoSlot) store(k memoKey, sum Key) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.entries {
		if e.k == k {
			return
		}
	}
	s.entries = append(s.entries, memoEntry{k, sum})
}

type memoKey struct {
	p     unsafe.Pointer
	t     reflect.Type
	set   *Set // nil when read whole
	whole bool
}

// Digest returns the digest of what s reads of v, as the data of the
// template s was made for. ok is false when v holds something whose
// content cannot be encoded (a function, a channel): such a value has no
// key, and whatever it is for must be made afresh.
func (s *Set) Digest(v any, memo *Memo) (key Key, ok bool) {
	return digest(s, v, memo, Partial)
}

// All returns the digest of every exported field of v and of every
// value it leads to, as Digest with everything read.
func All(v any, memo *Memo) (key Key, ok bool) {
	return digest(nil, v, memo, Whole)
}

// encoders keeps encoders, with their buffers, between digests.
var encoders = sync.Pool{New: func() any { return new(encoder) }}

func digest(s *Set, v any, memo *Memo, mode Mode) (Key, bool) {
	e := encoders.Get().(*encoder)
	defer func() {
		*e = encoder{buf: e.buf[:0], bufs: e.bufs, stack: e.stack[:0], cyc: e.cyc[:0]}
		encoders.Put(e)
	}()
	e.set, e.memo = s, memo
	e.value(reflect.ValueOf(v), mode)
	if e.volatile {
		return Key{}, false
	}
	return sha256.Sum256(e.buf), true
}

type encoder struct {
	set      *Set
	memo     *Memo
	buf      []byte
	volatile bool
	// stack holds the pointers being encoded, outermost first, and cyc
	// whether each one's values hold a cycle. A value on a cycle (or
	// holding one) is encoded in the context it was reached from: a
	// pointer back to a value being encoded is written as how far up the
	// stack it is, and one to a value encoded earlier in this digest as
	// its place among those (seen). Such values are never memoized, so
	// that the digest of the same data is the same whatever order pages
	// come in; every other value's encoding depends on itself alone and
	// is memoized.
	stack []unsafe.Pointer
	cyc   []bool
	seen  map[memoKey]int
	// bufs[d] is the buffer of the value at depth d of stack, kept for
	// the next value at that depth.
	bufs [][]byte
}

func (e *encoder) tag(b byte) { e.buf = append(e.buf, b) }

func (e *encoder) uvarint(n uint64) { e.buf = binary.AppendUvarint(e.buf, n) }

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.buf = append(e.buf, s...)
}

var (
	binaryMarshaler = reflect.TypeFor[encoding.BinaryMarshaler]()
	stringer        = reflect.TypeFor[fmt.Stringer]()
)

// value encodes v, read as mode says (Partial: through e.set).
func (e *encoder) value(v reflect.Value, mode Mode) {
	if !v.IsValid() {
		e.tag(0)
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			e.tag(1)
		} else {
			e.tag(2)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		e.tag(3)
		e.buf = binary.AppendVarint(e.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		e.tag(4)
		e.uvarint(v.Uint())
	case reflect.Float32, reflect.Float64:
		e.tag(5)
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(v.Float()))
	case reflect.Complex64, reflect.Complex128:
		e.tag(6)
		c := v.Complex()
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(real(c)))
		e.buf = binary.LittleEndian.AppendUint64(e.buf, math.Float64bits(imag(c)))
	case reflect.String:
		e.tag(7)
		e.str(v.String())
	case reflect.Pointer:
		if v.IsNil() {
			e.tag(8)
			return
		}
		e.pointer(v, mode)
	case reflect.Interface:
		if v.IsNil() {
			e.tag(9)
			return
		}
		el := v.Elem()
		e.tag(10)
		e.str(el.Type().String())
		e.value(el, Whole)
	case reflect.Struct:
		e.structure(v, mode)
	case reflect.Slice:
		if v.IsNil() {
			e.tag(11)
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			e.tag(12)
			e.str(string(v.Bytes()))
			return
		}
		fallthrough
	case reflect.Array:
		e.tag(13)
		e.uvarint(uint64(v.Len()))
		for i := range v.Len() {
			e.value(v.Index(i), mode)
		}
	case reflect.Map:
		if v.IsNil() {
			e.tag(14)
			return
		}
		e.mapping(v, mode)
	default:
		// A function, a channel, an unsafe pointer: their content cannot
		// be encoded.
		e.tag(15)
		if !v.IsNil() {
			e.volatile = true
		}
	}
}

// pointer encodes what a pointer leads to, memoized.
func (e *encoder) pointer(v reflect.Value, mode Mode) {
	p := v.UnsafePointer()
	for i := len(e.stack) - 1; i >= 0; i-- {
		if e.stack[i] == p {
			e.tag(16)
			e.uvarint(uint64(len(e.stack) - i))
			for j := i; j < len(e.cyc); j++ {
				e.cyc[j] = true
			}
			return
		}
	}
	k := memoKey{p: p, t: v.Type(), whole: mode == Whole}
	if mode != Whole {
		k.set = e.set
	}
	// (e.seen is nil but for cycles: looking a memoKey up in a nil map
	// still walks its type.)
	if n, ok := e.seen[k]; e.seen != nil && ok {
		e.tag(23)
		e.uvarint(uint64(n))
		for j := range e.cyc {
			e.cyc[j] = true
		}
		return
	}
	slot := e.memo.slot(p)
	if slot != nil {
		if sum, ok := slot.load(k); ok {
			e.tag(17)
			e.buf = append(e.buf, sum[:]...)
			return
		}
	}
	// Encoded into a buffer of its own (one per depth, reused), and
	// stands in its parent's as the digest of its encoding: so a memoized
	// value and one encoded afresh read the same.
	outer := e.buf
	depth := len(e.stack)
	if len(e.bufs) <= depth {
		e.bufs = append(e.bufs, nil)
	}
	e.buf = e.bufs[depth][:0]
	e.stack = append(e.stack, p)
	e.cyc = append(e.cyc, false)
	e.value(v.Elem(), mode)
	cyclic := e.cyc[depth]
	e.stack, e.cyc = e.stack[:depth], e.cyc[:depth]
	sum := Key(sha256.Sum256(e.buf))
	e.bufs[depth] = e.buf
	e.buf = append(outer, 17)
	e.buf = append(e.buf, sum[:]...)
	switch {
	case cyclic:
		if depth > 0 {
			e.cyc[depth-1] = true
		}
		if e.seen == nil {
			e.seen = map[memoKey]int{}
		}
		e.seen[k] = len(e.seen)
	case slot != nil && !e.volatile:
		slot.store(k, sum)
	}
}

// structure encodes the fields of a struct that are read.
func (e *encoder) structure(v reflect.Value, mode Mode) {
	t := v.Type()
	switch opacity(t) {
	case marshals:
		if b, err := v.Interface().(encoding.BinaryMarshaler).MarshalBinary(); err == nil {
			e.tag(18)
			e.str(string(b))
			return
		}
	case prints:
		e.tag(19)
		e.str(v.Interface().(fmt.Stringer).String())
		return
	}
	e.tag(20)
	for _, f := range e.plan(t, mode) {
		e.uvarint(uint64(f.index))
		e.value(v.Field(f.index), f.mode)
	}
	e.tag(21)
}

// How a struct type is encoded: field by field, or, for a value that
// keeps its state to itself (time.Time), by what it says of itself.
const (
	byFields = iota
	marshals // encoding.BinaryMarshaler
	prints   // fmt.Stringer
)

var opacities sync.Map // reflect.Type -> int

// opacity tells how values of struct type t are encoded.
func opacity(t reflect.Type) int {
	if o, ok := opacities.Load(t); ok {
		return o.(int)
	}
	o := byFields
	if t.PkgPath() != modulePath && !hasExported(t) {
		switch {
		case t.Implements(binaryMarshaler):
			o = marshals
		case t.Implements(stringer):
			o = prints
		}
	}
	opacities.Store(t, o)
	return o
}

// modulePath is the path prefix of this module's packages, whose types
// are encoded field by field.
const modulePath = "github.com/loa-vn/loa"

func hasExported(t reflect.Type) bool {
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			return true
		}
	}
	return false
}

// mapping encodes a map's entries, in the order of their keys' encodings.
func (e *encoder) mapping(v reflect.Value, mode Mode) {
	type entry struct{ k, v []byte }
	entries := make([]entry, 0, v.Len())
	outer := e.buf
	it := v.MapRange()
	for it.Next() {
		e.buf = nil
		e.value(it.Key(), Whole)
		k := e.buf
		e.buf = nil
		e.value(it.Value(), mode)
		entries = append(entries, entry{k, e.buf})
	}
	sort.Slice(entries, func(i, j int) bool { return string(entries[i].k) < string(entries[j].k) })
	e.buf = append(outer, 22)
	e.uvarint(uint64(len(entries)))
	for _, en := range entries {
		e.buf = append(e.buf, en.k...)
		e.buf = append(e.buf, en.v...)
	}
}

// field is one field of a struct to encode, and how it is read.
type field struct {
	index int
	mode  Mode
}

// wholePlans holds the exported fields of each struct type.
var wholePlans sync.Map // reflect.Type -> []field

// plan lists the fields of t to encode.
func (e *encoder) plan(t reflect.Type, mode Mode) []field {
	if mode == Whole || e.set == nil {
		if p, ok := wholePlans.Load(t); ok {
			return p.([]field)
		}
		var fs []field
		for i := range t.NumField() {
			if t.Field(i).IsExported() {
				fs = append(fs, field{i, Whole})
			}
		}
		wholePlans.Store(t, fs)
		return fs
	}
	if p, ok := e.set.plans.Load(t); ok {
		return p.([]field)
	}
	var fs []field
	for i := range t.NumField() {
		if m := e.set.Field(t, i); m != Unread {
			fs = append(fs, field{i, m})
		}
	}
	e.set.plans.Store(t, fs)
	return fs
}

package load

import (
	"encoding/binary"
	"errors"
	"math"
	"reflect"
	"sync"
	"time"
)

// What is kept of a group, a directive or a page is encoded field by
// field, in the order of the Go types' fields, with nothing of the types
// themselves: gob would describe them in every kept file and compile a
// decoder for them on every one of a thousand files read, which was most
// of what reading the kept files cost. The types are this package's own,
// and the magic (keptMagic) changes when they do; a file of other types
// fails to decode or decodes to a value SaveKept would not have kept,
// since it keeps only what decodes back to the very value read.
//
// Values: a bool is a byte; an integer a varint; a float its 8 bytes; a
// string or a []byte its length (uvarint) and bytes; a slice 0 when nil,
// else its length + 1, then its elements; a pointer 0 when nil, else 1
// then what it points to; a time.Time its MarshalBinary, as a string; a
// struct its exported fields in order. Anything else (a map, an
// interface, a function, an unexported field that is set) cannot be
// kept.

var (
	errUnkeepable = errors.New("load: a value that cannot be kept")
	timeType      = reflect.TypeFor[time.Time]()
)

// structFields are the exported and the unexported fields of a struct
// type, by index.
type structFields struct{ exported, unexported []int }

var fieldsOf sync.Map // reflect.Type -> *structFields

// fields lists the fields of the struct type t, looked at once per type:
// reflect.Type.Field makes a StructField at every call, and a rebuild of
// a national site decodes the fields of 10,000 kept units and 1,000 kept
// directives.
func fields(t reflect.Type) *structFields {
	if f, ok := fieldsOf.Load(t); ok {
		return f.(*structFields)
	}
	f := &structFields{}
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			f.exported = append(f.exported, i)
		} else {
			f.unexported = append(f.unexported, i)
		}
	}
	fieldsOf.Store(t, f)
	return f
}

// appendValue appends the encoding of v to b.
func appendValue(b []byte, v reflect.Value) ([]byte, error) {
	switch v.Kind() {
	case reflect.Bool:
		if v.Bool() {
			return append(b, 1), nil
		}
		return append(b, 0), nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return binary.AppendVarint(b, v.Int()), nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return binary.AppendUvarint(b, v.Uint()), nil
	case reflect.Float32, reflect.Float64:
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(v.Float())), nil
	case reflect.String:
		return appendString(b, v.String()), nil
	case reflect.Slice:
		if v.IsNil() {
			return append(b, 0), nil
		}
		b = binary.AppendUvarint(b, uint64(v.Len())+1)
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return append(b, v.Bytes()...), nil
		}
		var err error
		for i := range v.Len() {
			if b, err = appendValue(b, v.Index(i)); err != nil {
				return nil, err
			}
		}
		return b, nil
	case reflect.Pointer:
		if v.IsNil() {
			return append(b, 0), nil
		}
		return appendValue(append(b, 1), v.Elem())
	case reflect.Struct:
		if v.Type() == timeType {
			t, err := v.Interface().(time.Time).MarshalBinary()
			if err != nil {
				return nil, err
			}
			return appendString(b, string(t)), nil
		}
		fs := fields(v.Type())
		for _, i := range fs.unexported {
			if !v.Field(i).IsZero() {
				return nil, errUnkeepable
			}
		}
		var err error
		for _, i := range fs.exported {
			if b, err = appendValue(b, v.Field(i)); err != nil {
				return nil, err
			}
		}
		return b, nil
	}
	return nil, errUnkeepable
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}

// value decodes into v (settable, zero) what appendValue encoded of a
// value of its type. It sets d.err when d does not hold one.
func (d *decoder) value(v reflect.Value) {
	if d.err != nil {
		return
	}
	switch v.Kind() {
	case reflect.Bool:
		if len(d.b) == 0 || d.b[0] > 1 {
			d.fail()
			return
		}
		v.SetBool(d.b[0] == 1)
		d.b = d.b[1:]
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n := d.num()
		if v.OverflowInt(n) {
			d.fail()
			return
		}
		v.SetInt(n)
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n := d.unum()
		if v.OverflowUint(n) {
			d.fail()
			return
		}
		v.SetUint(n)
	case reflect.Float32, reflect.Float64:
		if len(d.b) < 8 {
			d.fail()
			return
		}
		v.SetFloat(math.Float64frombits(binary.LittleEndian.Uint64(d.b)))
		d.b = d.b[8:]
	case reflect.String:
		v.SetString(d.str())
	case reflect.Slice:
		n := d.unum()
		if d.err != nil || n == 0 {
			return // nil
		}
		// Every element takes a byte at least: a length beyond what is
		// left is damage, not an allocation to make.
		if n--; n > uint64(len(d.b)) {
			d.fail()
			return
		}
		if v.Type().Elem().Kind() == reflect.Uint8 {
			v.SetBytes(append([]byte{}, d.b[:n]...))
			d.b = d.b[n:]
			return
		}
		s := reflect.MakeSlice(v.Type(), int(n), int(n))
		for i := range int(n) {
			d.value(s.Index(i))
		}
		v.Set(s)
	case reflect.Pointer:
		if len(d.b) == 0 || d.b[0] > 1 {
			d.fail()
			return
		}
		nonNil := d.b[0] == 1
		d.b = d.b[1:]
		if nonNil {
			p := reflect.New(v.Type().Elem())
			d.value(p.Elem())
			v.Set(p)
		}
	case reflect.Struct:
		if v.Type() == timeType {
			var t time.Time
			if err := t.UnmarshalBinary([]byte(d.str())); err != nil || d.err != nil {
				d.fail()
				return
			}
			v.Set(reflect.ValueOf(t))
			return
		}
		for _, i := range fields(v.Type()).exported {
			d.value(v.Field(i))
		}
	default:
		d.fail()
	}
}

func (d *decoder) fail() {
	d.err = errKept
	d.b = nil
}

package diag

import (
	"encoding/gob"
	"fmt"
	"reflect"
)

func init() {
	gob.Register(Text{})
	gob.Register(Pos{})
}

// Portable returns d with arguments that encoding/gob can carry (a build
// keeps its warnings in the cache to print them again): numbers, strings
// and booleans of any named type, Pos and Text as they are, anything else
// as its English text. A named type of a number (a count) must be
// registered with gob.Register by the package that uses it.
func (d Diagnostic) Portable() Diagnostic {
	d.Args = portableArgs(d.Args)
	return d
}

func portableArgs(args []any) []any {
	if len(args) == 0 {
		return nil
	}
	out := make([]any, len(args))
	for i, a := range args {
		switch x := a.(type) {
		case Text:
			out[i] = Text{Format: x.Format, Args: portableArgs(x.Args)}
		case Pos:
			out[i] = x
		default:
			switch reflect.ValueOf(a).Kind() {
			case reflect.Bool, reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
				reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
				out[i] = a
			default:
				out[i] = fmt.Sprint(a)
			}
		}
	}
	return out
}

// Package reads owns what a template can read of the data it is given: an
// analysis of a template's parse trees against the Go types of its data
// (Analyze), and a digest of a value that covers exactly what the analysis
// found read, and nothing else (Digest).
//
// A rebuild uses the two to tell, without executing a template, whether a
// page would come out the same: if every field the page's templates can
// read holds what it held in the build that wrote the page, and the
// templates themselves did not change, the page has the same bytes. The
// analysis is conservative: a value printed whole, passed to a function or
// to a method, or reached through an interface is read whole, every
// exported field of every value it leads to. What it may miss is only what
// a template cannot reach by name: unexported fields, which fmt prints as
// addresses (output that is never the same twice anyway).
package reads

import (
	"fmt"
	"reflect"
	"sort"
	"strings"
	"sync"
	"text/template/parse"
)

// Mode is how much of a value is read.
type Mode uint8

const (
	// Unread: the template never reaches the field.
	Unread Mode = iota
	// Partial: the value is read for its truth or its length, and through
	// the fields and elements that are read in turn.
	Partial
	// Whole: every exported field of the value and of every value it
	// leads to is read.
	Whole
)

// Set is what a template reads of the values of each type it reaches.
// Pointer types are counted as their element types: a field read through
// *T is a field of T read. A Set is safe for concurrent use once Analyze
// returned it.
type Set struct {
	types map[reflect.Type]*typeReads
	plans sync.Map // reflect.Type -> *plan (see digest.go)
}

type typeReads struct {
	whole  bool
	fields map[int]Mode // struct field index -> how it is read
}

// Whole reports whether every value of type t (or *t) is read whole.
func (s *Set) Whole(t reflect.Type) bool {
	tr := s.types[deref(t)]
	return tr != nil && tr.whole
}

// Field reports how field i of struct type t (or *t) is read.
func (s *Set) Field(t reflect.Type, i int) Mode {
	tr := s.types[deref(t)]
	if tr == nil {
		return Unread
	}
	if tr.whole {
		return Whole
	}
	return tr.fields[i]
}

func (s *Set) reads(t reflect.Type) *typeReads {
	t = deref(t)
	tr := s.types[t]
	if tr == nil {
		tr = &typeReads{fields: map[int]Mode{}}
		s.types[t] = tr
	}
	return tr
}

func deref(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

// Method describes a method that templates call and that renders a
// template with its receiver as data (a list item rendered once and shared):
// what it reads of the receiver is what that template reads.
type Method struct {
	Receiver reflect.Type // the method's receiver type, *T or T
	Name     string
	Template string // the template it executes with the receiver
}

// Input is what Analyze works on.
type Input struct {
	// Trees are the parse trees of every template that may be executed,
	// by name (html/template's Template.Tree of each template of the set,
	// before it was executed).
	Trees map[string]*parse.Tree
	// Funcs are the functions the templates may call, as given to
	// Template.Funcs; the built-in functions of text/template are known.
	Funcs map[string]any
	// Methods are the methods known to execute a template (see Method);
	// any other method call reads its receiver whole.
	Methods []Method
}

// Analyze returns what executing the template called entry with data of
// type data reads of that data.
func Analyze(in Input, entry string, data reflect.Type) *Set {
	a := &analyzer{in: in, set: &Set{types: map[reflect.Type]*typeReads{}}, done: map[visit]bool{}}
	a.funcs = map[string]reflect.Type{}
	for name, f := range in.Funcs {
		a.funcs[name] = reflect.TypeOf(f)
	}
	a.template(entry, value{typ: data}, 0)
	return a.set
}

// value is what the analysis knows of a value: its static type (nil when
// unknown: an interface, a map of any) and the fields it was read from,
// which reading it whole makes whole.
type value struct {
	typ     reflect.Type
	origins []slot
	// dict holds the values of a map made by the dict function of the
	// theme (dict "Unit" . "Many" true), by key: a template reading
	// .Unit.Name of it reads the Name of what was given.
	dict map[string]value
}

// describe is what a template analysed with v as its data depends on.
func (v value) describe(b *strings.Builder) {
	if v.typ != nil {
		b.WriteString(v.typ.String())
	}
	for _, o := range v.origins {
		fmt.Fprintf(b, "<%s.%d>", o.t.String(), o.i)
	}
	if v.dict != nil {
		keys := make([]string, 0, len(v.dict))
		for k := range v.dict {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("{")
		for _, k := range keys {
			fmt.Fprintf(b, "%q:", k)
			v.dict[k].describe(b)
			b.WriteString(",")
		}
		b.WriteString("}")
	}
}

type slot struct {
	t reflect.Type // a struct type
	i int
}

// visit is a template and what its data is (value.describe).
type visit struct {
	name string
	data string
}

type analyzer struct {
	in    Input
	set   *Set
	funcs map[string]reflect.Type
	done  map[visit]bool
}

// scope holds the variables of one template execution.
type scope struct {
	vars []variable
}

type variable struct {
	name string
	v    value
}

func (s *scope) lookup(name string) (value, bool) {
	for i := len(s.vars) - 1; i >= 0; i-- {
		if s.vars[i].name == name {
			return s.vars[i].v, true
		}
	}
	return value{}, false
}

// template analyses the template called name executed with dot: what it
// reads of dot is marked on the fields dot came from (its origins).
func (a *analyzer) template(name string, dot value, depth int) {
	var b strings.Builder
	dot.describe(&b)
	k := visit{name, b.String()}
	if a.done[k] {
		return
	}
	a.done[k] = true
	tree := a.in.Trees[name]
	if tree == nil || tree.Root == nil {
		return
	}
	if depth > maxDepth {
		// Templates calling each other without end, each with other data:
		// whatever they were given is read whole.
		(&walker{a: a}).whole(dot)
		return
	}
	s := &scope{vars: []variable{{"$", dot}}}
	w := &walker{a: a, depth: depth}
	w.list(tree.Root, dot, s)
}

// maxDepth is how deep templates are followed into the templates they call.
const maxDepth = 32

// walker walks one template execution.
type walker struct {
	a     *analyzer
	depth int
}

func (w *walker) list(l *parse.ListNode, dot value, s *scope) {
	if l == nil {
		return
	}
	for _, n := range l.Nodes {
		w.node(n, dot, s)
	}
}

func (w *walker) node(n parse.Node, dot value, s *scope) {
	switch n := n.(type) {
	case *parse.ActionNode:
		v := w.pipe(n.Pipe, dot, s)
		if len(n.Pipe.Decl) == 0 {
			w.whole(v) // printed
		}
	case *parse.IfNode:
		n0 := len(s.vars)
		w.partial(w.pipe(n.Pipe, dot, s))
		w.list(n.List, dot, s)
		s.vars = s.vars[:n0]
		w.list(n.ElseList, dot, s)
	case *parse.WithNode:
		n0 := len(s.vars)
		v := w.pipe(n.Pipe, dot, s)
		w.partial(v)
		w.list(n.List, v, s)
		s.vars = s.vars[:n0]
		w.list(n.ElseList, dot, s)
	case *parse.RangeNode:
		n0 := len(s.vars)
		decl := n.Pipe.Decl
		v := w.cmds(n.Pipe, dot, s)
		w.partial(v)
		key, elem := w.elems(v)
		switch len(decl) {
		case 1:
			s.vars = append(s.vars, variable{decl[0].Ident[0], elem})
		case 2:
			s.vars = append(s.vars, variable{decl[0].Ident[0], key}, variable{decl[1].Ident[0], elem})
		}
		w.list(n.List, elem, s)
		s.vars = s.vars[:n0]
		w.list(n.ElseList, dot, s)
	case *parse.TemplateNode:
		arg := value{}
		if n.Pipe != nil {
			arg = w.pipe(n.Pipe, dot, s)
		}
		w.a.template(n.Name, arg, w.depth+1)
	case *parse.ListNode:
		w.list(n, dot, s)
	}
	// Text, comments, break and continue read nothing.
}

// elems is what ranging over v gives: the key (or index) and the element.
func (w *walker) elems(v value) (key, elem value) {
	t := deref(v.typ)
	key.typ = reflect.TypeFor[int]()
	if t == nil || v.dict != nil {
		w.whole(v)
		return value{}, value{}
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		elem.typ = t.Elem()
	case reflect.Map:
		key.typ, elem.typ = t.Key(), t.Elem()
	case reflect.Chan:
		elem.typ = t.Elem()
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		elem.typ = t
		return key, elem
	default:
		// A function iterator or something else: all of it.
		w.whole(v)
		return value{}, value{}
	}
	if elem.typ.Kind() == reflect.Interface {
		w.whole(v)
		elem.typ = nil
	}
	elem.origins = v.origins
	return key, elem
}

// pipe evaluates a pipeline, declaring its variables in s.
func (w *walker) pipe(p *parse.PipeNode, dot value, s *scope) value {
	if p == nil {
		return value{}
	}
	v := w.cmds(p, dot, s)
	for _, d := range p.Decl {
		if p.IsAssign {
			// $x = ...: the variable may now hold either value.
			if old, ok := s.lookup(d.Ident[0]); ok {
				w.whole(old)
			}
			w.whole(v)
		}
		s.vars = append(s.vars, variable{d.Ident[0], v})
	}
	return v
}

// cmds evaluates the commands of a pipeline, each one's result passed to
// the next.
func (w *walker) cmds(p *parse.PipeNode, dot value, s *scope) value {
	var v value
	for i, c := range p.Cmds {
		var final *value
		if i > 0 {
			final = &v
		}
		v = w.command(c, dot, s, final)
	}
	return v
}

// command evaluates one command of a pipeline; final is the result of the
// command before it, passed as the last argument.
func (w *walker) command(c *parse.CommandNode, dot value, s *scope, final *value) value {
	if len(c.Args) == 0 {
		return value{}
	}
	args := func(from int) {
		for _, n := range c.Args[from:] {
			w.whole(w.arg(n, dot, s))
		}
		if final != nil {
			w.whole(*final)
		}
	}
	switch n := c.Args[0].(type) {
	case *parse.FieldNode:
		return w.fields(dot, n.Ident, func() { args(1) })
	case *parse.ChainNode:
		base := w.arg(n.Node, dot, s)
		return w.fields(base, n.Field, func() { args(1) })
	case *parse.VariableNode:
		v, ok := s.lookup(n.Ident[0])
		if !ok {
			args(1)
			return value{}
		}
		return w.fields(v, n.Ident[1:], func() { args(1) })
	case *parse.IdentifierNode:
		return w.call(n.Ident, c.Args[1:], dot, s, final)
	case *parse.DotNode:
		args(1)
		return dot
	case *parse.PipeNode:
		v := w.pipe(n, dot, s)
		args(1)
		return v
	default:
		// A constant.
		args(1)
		return value{}
	}
}

// arg evaluates a node given as an argument.
func (w *walker) arg(n parse.Node, dot value, s *scope) value {
	switch n := n.(type) {
	case *parse.DotNode:
		return dot
	case *parse.FieldNode:
		return w.fields(dot, n.Ident, func() {})
	case *parse.ChainNode:
		return w.fields(w.arg(n.Node, dot, s), n.Field, func() {})
	case *parse.VariableNode:
		v, ok := s.lookup(n.Ident[0])
		if !ok {
			return value{}
		}
		return w.fields(v, n.Ident[1:], func() {})
	case *parse.PipeNode:
		return w.pipe(n, dot, s)
	case *parse.IdentifierNode:
		return w.call(n.Ident, nil, dot, s, nil)
	}
	return value{} // constants
}

// call evaluates a call of the function name.
func (w *walker) call(name string, argNodes []parse.Node, dot value, s *scope, final *value) value {
	var args []value
	for _, n := range argNodes {
		args = append(args, w.arg(n, dot, s))
	}
	if final != nil {
		args = append(args, *final)
	}
	switch name {
	case "and", "or":
		// Truth of each, and the value of one of them.
		out := value{}
		for i, v := range args {
			w.partial(v)
			if i == 0 {
				out.typ = v.typ
			} else if v.typ != out.typ {
				out.typ = nil
			}
			out.origins = append(out.origins, v.origins...)
		}
		if out.typ == nil || out.dict != nil {
			for _, v := range args {
				w.whole(v)
			}
		}
		return out
	case "not", "len":
		for _, v := range args {
			w.partial(v)
		}
		return value{}
	case "index", "slice":
		if len(args) == 0 {
			return value{}
		}
		for _, v := range args[1:] {
			w.whole(v)
		}
		v := args[0]
		w.partial(v)
		if name == "slice" {
			return v
		}
		if v.dict != nil {
			w.whole(v)
			return value{}
		}
		t := deref(v.typ)
		out := value{origins: v.origins}
		for range args[1:] {
			if t == nil {
				break
			}
			switch t.Kind() {
			case reflect.Slice, reflect.Array, reflect.Map:
				t = t.Elem()
			default:
				t = nil
			}
			t = deref(t)
		}
		if t == nil || t.Kind() == reflect.Interface {
			w.whole(v)
			return value{}
		}
		out.typ = t
		return out
	}
	if name == "dict" && len(args)%2 == 0 {
		if d, ok := dictOf(argNodes, args); ok {
			return d
		}
	}
	for _, v := range args {
		w.whole(v)
	}
	if ft, ok := w.a.funcs[name]; ok && ft.Kind() == reflect.Func && ft.NumOut() > 0 {
		if out := ft.Out(0); out.Kind() != reflect.Interface {
			return value{typ: out}
		}
	}
	return value{}
}

// fields evaluates the field chain idents on v; callArgs reads the
// arguments of a method at the end of the chain.
func (w *walker) fields(v value, idents []string, callArgs func()) value {
	if len(idents) == 0 {
		callArgs()
		return v
	}
	for k, id := range idents {
		last := k == len(idents)-1
		if v.dict != nil {
			// A key of a dict: what was given under it, if anything.
			v = v.dict[id]
			if last {
				callArgs()
			}
			continue
		}
		t := v.typ
		if t == nil {
			// Unknown: a map of any, an interface. Whatever it holds was
			// read whole where it came from.
			w.whole(v)
			if last {
				callArgs()
			}
			return value{}
		}
		if m, ok := method(t, id); ok {
			if last {
				callArgs()
			}
			if tmpl, ok := w.a.renders(t, id); ok {
				w.a.template(tmpl, v, w.depth+1)
			} else {
				w.whole(v)
			}
			v = value{}
			if m.Type.NumOut() > 0 && m.Type.Out(0).Kind() != reflect.Interface {
				v.typ = m.Type.Out(0)
			}
			continue
		}
		st := deref(t)
		switch st.Kind() {
		case reflect.Map:
			w.partial(v)
			v = value{typ: st.Elem(), origins: v.origins}
			if v.typ.Kind() == reflect.Interface {
				w.whole(v)
				v.typ = nil
			}
		case reflect.Struct:
			f, ok := st.FieldByName(id)
			if !ok || len(f.Index) != 1 {
				// Not there (an execution error) or promoted from an
				// embedded struct: all of it.
				w.whole(v)
				v = value{}
				continue
			}
			w.partial(v)
			tr := w.a.set.reads(st)
			if tr.fields[f.Index[0]] < Partial {
				tr.fields[f.Index[0]] = Partial
			}
			v = value{typ: f.Type, origins: []slot{{st, f.Index[0]}}}
			if f.Type.Kind() == reflect.Interface {
				w.whole(v)
				v.typ = nil
			}
		default:
			w.whole(v)
			v = value{}
		}
		if last {
			callArgs()
		}
	}
	return v
}

// method finds the method called name of values of type t, as
// text/template does: on the value or on its address.
func method(t reflect.Type, name string) (reflect.Method, bool) {
	if m, ok := t.MethodByName(name); ok {
		return m, true
	}
	if t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface {
		return reflect.PointerTo(t).MethodByName(name)
	}
	return reflect.Method{}, false
}

// renders gives the template a known method executes.
func (a *analyzer) renders(t reflect.Type, name string) (string, bool) {
	for _, m := range a.in.Methods {
		if (m.Receiver == t || deref(m.Receiver) == deref(t)) && m.Name == name {
			return m.Template, true
		}
	}
	return "", false
}

// partial marks v read for its truth or length: the fields it came from
// are read at least partially (they already are).
func (w *walker) partial(v value) {}

// whole marks v read whole.
func (w *walker) whole(v value) {
	for _, o := range v.origins {
		w.a.set.reads(o.t).fields[o.i] = Whole
	}
	for _, d := range v.dict {
		w.whole(d)
	}
	if len(v.origins) == 0 && v.dict == nil && v.typ != nil && !basic(v.typ) {
		w.a.set.reads(v.typ).whole = true
	}
}

// dictOf is the value of dict called with constant string keys; false
// when a key is not a constant.
func dictOf(nodes []parse.Node, args []value) (value, bool) {
	if len(nodes) != len(args) {
		return value{}, false // a key or value from a pipe before
	}
	d := value{typ: reflect.TypeFor[map[string]any](), dict: map[string]value{}}
	for i := 0; i < len(nodes); i += 2 {
		k, ok := nodes[i].(*parse.StringNode)
		if !ok {
			return value{}, false
		}
		v := args[i+1]
		if v.typ != nil && v.typ.Kind() == reflect.Interface {
			v.typ = nil
		}
		d.dict[k.Text] = v
	}
	return d, true
}

// basic reports whether values of t hold nothing but themselves.
func basic(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Bool, reflect.String,
		reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
		reflect.Float32, reflect.Float64, reflect.Complex64, reflect.Complex128:
		return true
	}
	return false
}

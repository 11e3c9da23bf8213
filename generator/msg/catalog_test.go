package msg

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// sinks are the functions whose argument at the index is a message's
// format: diag's Errorf, Warnf, Notef and Textf, and a Printer's Sprintf and
// Fprintf (fmt's functions of the same names are not). A function that
// passes its own parameter named format on to one of them is a sink too
// (load's errorf, markdown's fail...): messages()
// finds those.
var sinks = map[string]int{"Errorf": 1, "Warnf": 1, "Notef": 1, "Textf": 0, "Sprintf": 0, "Fprintf": 1}

// messageConst tells the package-level constants that are messages by
// their name, wherever they are used: intake's msgNotWhole, sumMatched...
// (parseCount returns one of them, which the walk cannot follow).
func messageConst(name string) bool {
	for _, p := range []string{"msg", "sum"} {
		if strings.HasPrefix(name, p) && len(name) > len(p) && name[len(p)] >= 'A' && name[len(p)] <= 'Z' {
			return true
		}
	}
	return false
}

// followed are the calls whose format is not a constant, and why that is
// right: diag formats the formats it was given.
var followed = map[string]bool{
	"diag/diag.go":     true,
	"cmd_flags.go":     true, // package flag's errors: msgFlag constants
	"intake/intake.go": true, // parseCount's message: a msg constant
}

// sourceMsg is one format string found in the code.
type sourceMsg struct {
	format string
	at     string
}

// messages walks the Go sources of the generator (tests and test helpers
// aside) and returns every constant format string passed to a sink, and
// the places where a format is not a constant the walk can follow.
func messages(t *testing.T) (found []sourceMsg, unresolved, direct []string) {
	t.Helper()
	fset := token.NewFileSet()
	type pkg struct {
		name   string
		files  []*ast.File
		consts map[string]ast.Expr
	}
	var pkgs []*pkg
	byName := map[string]*pkg{}
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if name := d.Name(); name == "testdata" || name == "internal" || name == "qrtest" || name == "node_modules" {
			return filepath.SkipDir
		}
		ps, err := parser.ParseDir(fset, path, func(fi fs.FileInfo) bool {
			return !strings.HasSuffix(fi.Name(), "_test.go")
		}, 0)
		if err != nil {
			return err
		}
		for _, p := range ps {
			k := &pkg{name: p.Name, consts: map[string]ast.Expr{}}
			for _, f := range p.Files {
				k.files = append(k.files, f)
				for _, decl := range f.Decls {
					if g, ok := decl.(*ast.GenDecl); ok && g.Tok == token.CONST {
						for _, spec := range g.Specs {
							vs := spec.(*ast.ValueSpec)
							for i, n := range vs.Names {
								if i < len(vs.Values) {
									k.consts[n.Name] = vs.Values[i]
								}
							}
						}
					}
				}
			}
			for name, v := range k.consts {
				if messageConst(name) {
					if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
						s, _ := strconv.Unquote(lit.Value)
						at := fset.Position(lit.Pos())
						found = append(found, sourceMsg{s, filepath.ToSlash(at.Filename) + ":" + strconv.Itoa(at.Line)})
					}
				}
			}
			pkgs = append(pkgs, k)
			byName[p.Name] = k
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	isFmt := func(call *ast.CallExpr) bool {
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if id, ok := sel.X.(*ast.Ident); ok && id.Name == "fmt" {
				return true
			}
		}
		return false
	}
	callName := func(call *ast.CallExpr) string {
		switch f := call.Fun.(type) {
		case *ast.Ident:
			return f.Name
		case *ast.SelectorExpr:
			return f.Sel.Name
		}
		return ""
	}
	sinkIndex := func(call *ast.CallExpr) (int, bool) {
		if isFmt(call) {
			return 0, false
		}
		i, ok := sinks[callName(call)]
		return i, ok && i < len(call.Args)
	}

	// Wrappers: functions passing their parameter "format" to a sink.
	for changed := true; changed; {
		changed = false
		for _, k := range pkgs {
			for _, f := range k.files {
				for _, decl := range f.Decls {
					fd, ok := decl.(*ast.FuncDecl)
					if !ok || fd.Body == nil {
						continue
					}
					if _, known := sinks[fd.Name.Name]; known {
						continue
					}
					idx, n := -1, 0
					for _, field := range fd.Type.Params.List {
						for _, name := range field.Names {
							if name.Name == "format" {
								idx = n
							}
							n++
						}
						if len(field.Names) == 0 {
							n++
						}
					}
					if idx < 0 {
						continue
					}
					ast.Inspect(fd.Body, func(node ast.Node) bool {
						call, ok := node.(*ast.CallExpr)
						if !ok {
							return true
						}
						if i, ok := sinkIndex(call); ok {
							if id, ok := call.Args[i].(*ast.Ident); ok && id.Name == "format" {
								sinks[fd.Name.Name] = idx
								changed = true
								return false
							}
						}
						return true
					})
				}
			}
		}
	}

	for _, k := range pkgs {
		for _, f := range k.files {
			for _, decl := range f.Decls {
				fd, ok := decl.(*ast.FuncDecl)
				if !ok || fd.Body == nil {
					continue
				}
				// The values assigned to each local variable, for a
				// format chosen among constants (msg := msgNotWhole).
				assigned := map[string][]ast.Expr{}
				ast.Inspect(fd.Body, func(node ast.Node) bool {
					switch s := node.(type) {
					case *ast.AssignStmt:
						if len(s.Lhs) == len(s.Rhs) {
							for i, l := range s.Lhs {
								if id, ok := l.(*ast.Ident); ok {
									assigned[id.Name] = append(assigned[id.Name], s.Rhs[i])
								}
							}
						}
					case *ast.ValueSpec:
						for i, n := range s.Names {
							if i < len(s.Values) {
								assigned[n.Name] = append(assigned[n.Name], s.Values[i])
							}
						}
					}
					return true
				})
				var resolve func(e ast.Expr, depth int) ([]string, bool)
				resolve = func(e ast.Expr, depth int) ([]string, bool) {
					if depth > 8 {
						return nil, false
					}
					switch x := e.(type) {
					case *ast.BasicLit:
						if x.Kind == token.STRING {
							s, err := strconv.Unquote(x.Value)
							return []string{s}, err == nil
						}
					case *ast.ParenExpr:
						return resolve(x.X, depth+1)
					case *ast.BinaryExpr:
						if x.Op == token.ADD {
							a, ok1 := resolve(x.X, depth+1)
							b, ok2 := resolve(x.Y, depth+1)
							if ok1 && ok2 && len(a) == 1 && len(b) == 1 {
								return []string{a[0] + b[0]}, true
							}
						}
					case *ast.Ident:
						if vals, ok := assigned[x.Name]; ok {
							var out []string
							for _, v := range vals {
								s, ok := resolve(v, depth+1)
								if !ok {
									return nil, false
								}
								out = append(out, s...)
							}
							return out, true
						}
						if c, ok := k.consts[x.Name]; ok {
							return resolve(c, depth+1)
						}
					case *ast.SelectorExpr:
						if id, ok := x.X.(*ast.Ident); ok {
							if other, ok := byName[id.Name]; ok {
								if c, ok := other.consts[x.Sel.Name]; ok {
									return resolve(c, depth+1)
								}
							}
						}
					}
					return nil, false
				}
				ast.Inspect(fd.Body, func(node ast.Node) bool {
					call, ok := node.(*ast.CallExpr)
					if !ok {
						return true
					}
					if name := callName(call); k.name == "main" && isFmt(call) && (strings.HasPrefix(name, "Print") || strings.HasPrefix(name, "Fprint")) {
						// The command line prints through say, never
						// English text with fmt.
						for _, a := range call.Args {
							if lit, ok := a.(*ast.BasicLit); ok && lit.Kind == token.STRING {
								if v, _ := strconv.Unquote(lit.Value); !wordless(v) {
									at := fset.Position(lit.Pos())
									direct = append(direct, filepath.ToSlash(at.Filename)+":"+strconv.Itoa(at.Line))
								}
							}
						}
					}
					i, ok := sinkIndex(call)
					if !ok {
						return true
					}
					at := fset.Position(call.Args[i].Pos())
					where := filepath.ToSlash(at.Filename) + ":" + strconv.Itoa(at.Line)
					if id, ok := call.Args[i].(*ast.Ident); ok && id.Name == "format" {
						return true // a wrapper's parameter
					}
					formats, ok := resolve(call.Args[i], 0)
					if !ok {
						if rel, _ := filepath.Rel("..", at.Filename); !followed[filepath.ToSlash(rel)] {
							unresolved = append(unresolved, where)
						}
						return true
					}
					for _, s := range formats {
						found = append(found, sourceMsg{s, where})
					}
					return true
				})
			}
		}
	}
	return found, unresolved, direct
}

var verb = regexp.MustCompile(`%[-+# 0]*(\[\d+\])?[\d.*]*(\[\d+\])?[a-zA-Z%]`)

// wordless reports whether a format has no words to translate ("%s%v").
func wordless(format string) bool {
	for _, r := range verb.ReplaceAllString(format, "") {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' {
			return false
		}
	}
	return true
}

// TestEveryMessageHasVietnamese is the catalog's completeness test: every
// format string the code passes to a message function has its Vietnamese
// in vi.go. A failure names each missing message and where it is made: add
// one line to viMessages for each.
func TestEveryMessageHasVietnamese(t *testing.T) {
	found, unresolved, direct := messages(t)
	if len(found) < 100 {
		t.Fatalf("only %d messages found: the walk of the sources is broken", len(found))
	}
	used := map[string]bool{}
	var missing []string
	for _, m := range found {
		used[m.format] = true
		if wordless(m.format) {
			continue
		}
		if _, ok := viMessages[m.format]; !ok {
			missing = append(missing, m.at+": "+strconv.Quote(m.format))
		}
	}
	sort.Strings(missing)
	missing = compact(missing)
	for _, m := range missing {
		t.Errorf("no Vietnamese for %s", m)
	}
	for _, at := range unresolved {
		t.Errorf("%s: the format is not a constant: pass a constant format and arguments, so that the message can be translated", at)
	}
	for _, at := range direct {
		t.Errorf("%s: the command line prints English with fmt: print with say(w, format, args...), so that the message is in the catalog", at)
	}
	for en := range viMessages {
		if !used[en] {
			t.Errorf("vi.go has a message no code prints any more: %q", en)
		}
	}
}

func compact(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// TestVietnameseKeepsTheArguments checks each translation against its
// English: the same arguments with the same verbs (a %d must not become a
// %s, nor an argument be forgotten), in NFC.
func TestVietnameseKeepsTheArguments(t *testing.T) {
	for en, v := range viMessages {
		if a, b := verbs(en), verbs(v); !reflect.DeepEqual(a, b) {
			t.Errorf("%q\n  -> %q\n  arguments %v, want %v", en, v, b, a)
		}
		if !norm.NFC.IsNormalString(v) {
			t.Errorf("%q is not in NFC", v)
		}
		if strings.TrimSpace(v) == "" {
			t.Errorf("%q has an empty translation", en)
		}
	}
}

// verbs maps each argument index of a format to its verb, following fmt's
// rules for explicit indexes.
func verbs(format string) map[int]rune {
	out := map[int]rune{}
	arg := 0
	for i := 0; i < len(format); i++ {
		if format[i] != '%' {
			continue
		}
		i++
		for i < len(format) && strings.IndexByte("+-# 0", format[i]) >= 0 {
			i++
		}
		index := func() {
			if i < len(format) && format[i] == '[' {
				j := strings.IndexByte(format[i:], ']')
				if j > 0 {
					if n, err := strconv.Atoi(format[i+1 : i+j]); err == nil {
						arg = n - 1
					}
					i += j + 1
				}
			}
		}
		index()
		for i < len(format) && (format[i] >= '0' && format[i] <= '9' || format[i] == '.' || format[i] == '*') {
			i++
		}
		index()
		if i >= len(format) {
			break
		}
		if format[i] == '%' {
			continue
		}
		out[arg] = rune(format[i])
		arg++
	}
	return out
}

func TestPrinter(t *testing.T) {
	vi, en := New(Vi), New(En)
	if got := vi.Sprintf("warning: %s", "x"); got != "cảnh báo: x" {
		t.Errorf("vi: %q", got)
	}
	if got := en.Sprintf("warning: %s", "x"); got != "warning: x" {
		t.Errorf("en: %q", got)
	}
	// Numbers are not regrouped by x/text: a year stays a year; a Count
	// is grouped in Vietnamese only.
	if got := vi.Sprintf("%d %v %d", 2023, Count(70872), Count(70872)); got != "2023 70.872 70.872" {
		t.Errorf("vi numbers: %q", got)
	}
	if got := en.Sprintf("%d %d %5.1f", 2023, Count(70872), 12.25); got != "2023 70872  12.2" {
		t.Errorf("en numbers: %q", got)
	}
	if got := Choose("", "en-US"); got != En {
		t.Errorf("Choose site en-US: %v", got)
	}
	if got := Choose("vi", "en"); got != Vi {
		t.Errorf("Choose flag over site: %v", got)
	}
	if got := Choose("", "fr"); got != Vi {
		t.Errorf("Choose default: %v", got)
	}
}

// Package diag owns positioned problems: a Diagnostic is one error or
// warning at file:line:col (or at file:Sheet!B7 in a spreadsheet), and a List collects every problem of a build so
// that all of them can be reported at once, sorted by file and line.
//
// A Diagnostic keeps its English format and its arguments, not only the
// text: Localize formats it again for a reader of another language, with a
// Printer that package msg provides (msg owns the catalog). The English
// format strings are the catalog's keys.
//
// diag imports nothing of Loa; every other package may import it.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Severity tells whether a problem fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is printed but does not fail the build.
	Warning
	// Note is printed to explain other problems (how many were left out
	// as consequences of one); it is neither an error nor a warning.
	Note
)

// Pos is a position in a source file. Line and Col count from 1; zero
// means unknown.
//
// In a spreadsheet, Sheet names the sheet, Line is the row and Col the
// column (1 for A), and the position reads as Excel writes a cell:
// file:Sheet!B7.
type Pos struct {
	File  string
	Sheet string
	Line  int
	Col   int
}

// String formats the position as file:line:col, leaving out what is
// unknown; a cell of a spreadsheet as file:Sheet!B7.
func (p Pos) String() string {
	switch {
	case p.Sheet != "" && p.Line > 0 && p.Col > 0:
		return p.File + ":" + p.Sheet + "!" + ColumnName(p.Col) + strconv.Itoa(p.Line)
	case p.Sheet != "":
		return p.File + ":" + p.Sheet
	case p.Line > 0 && p.Col > 0:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	case p.Line > 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return p.File
	}
}

// ColumnName returns the letters of spreadsheet column n (1 for A, 27 for
// AA), or "" when n < 1.
func ColumnName(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('A' + (n-1)%26)}, b...)
	}
	return string(b)
}

// Diagnostic is one problem found in the site's sources.
type Diagnostic struct {
	Pos
	Severity Severity
	// Msg is the message in English.
	Msg string
	// Format and Args are what Msg was formatted from; Localize formats
	// them again in the reader's language. A Diagnostic made without
	// Format reads as Msg in every language.
	Format string
	Args   []any
}

// String formats the diagnostic in English as "file:line:col: message", with
// "warning: " or "note: " before the message of a warning or a note, and
// without the position when the problem has none (it concerns the site as
// a whole).
func (d Diagnostic) String() string {
	msg := d.Msg
	switch d.Severity {
	case Warning:
		msg = "warning: " + msg
	case Note:
		msg = "note: " + msg
	}
	if d.File == "" {
		return msg
	}
	return d.Pos.String() + ": " + msg
}

// Localize formats the diagnostic as String does, in p's language: the
// position stays file:line:col so that editors can jump to it.
func (d Diagnostic) Localize(p Printer) string {
	msg := d.Text(p)
	switch d.Severity {
	case Warning:
		msg = p.Sprintf("warning: %s", msg)
	case Note:
		msg = p.Sprintf("note: %s", msg)
	}
	if d.File == "" {
		return msg
	}
	return d.Pos.String() + ": " + msg
}

// Text is the message alone, without position, in p's language.
func (d Diagnostic) Text(p Printer) string {
	if d.Format == "" {
		return d.Msg
	}
	return p.Sprintf(d.Format, d.Args...)
}

// Printer formats a message in one language: it looks format up in its
// catalog and formats args as fmt does, each Localizer argument in its
// language. Package msg provides one.
type Printer interface {
	Sprintf(format string, args ...any) string
}

// A Localizer is an argument that reads differently in each language,
// such as a hint made with Textf.
type Localizer interface {
	Localize(p Printer) string
}

// Text is a message that is not yet in a language: its English format and
// its arguments. It is an argument of another message (a hint), or an
// error: as a Stringer and an error it reads in English, as a Localizer in
// the printer's language. The zero Text reads as "".
type Text struct {
	Format string
	Args   []any
}

// Textf makes a Text. The format is a catalog key, like the formats of
// Errorf and Warnf; %w is read as %v, and Unwrap gives the errors among
// args.
func Textf(format string, args ...any) Text {
	return Text{Format: format, Args: args}
}

// String formats the text in English.
func (t Text) String() string {
	if t.Format == "" {
		return ""
	}
	return fmt.Sprintf(strings.ReplaceAll(t.Format, "%w", "%v"), t.Args...)
}

// Error is String: a Text can be returned as an error.
func (t Text) Error() string { return t.String() }

// Unwrap returns the errors among the arguments, for errors.Is and As.
func (t Text) Unwrap() []error {
	var errs []error
	for _, a := range t.Args {
		if err, ok := a.(error); ok {
			errs = append(errs, err)
		}
	}
	return errs
}

// Localize formats the text in p's language.
func (t Text) Localize(p Printer) string {
	if t.Format == "" {
		return ""
	}
	return p.Sprintf(strings.ReplaceAll(t.Format, "%w", "%v"), t.Args...)
}

// List collects diagnostics. The zero value is ready to use and safe for
// concurrent use.
type List struct {
	mu    sync.Mutex
	items []Diagnostic
}

// Add appends d.
func (l *List) Add(d Diagnostic) {
	l.mu.Lock()
	l.items = append(l.items, d)
	l.mu.Unlock()
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Error, Msg: fmt.Sprintf(format, args...), Format: format, Args: args})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Warning, Msg: fmt.Sprintf(format, args...), Format: format, Args: args})
}

// Notef records a note at pos.
func (l *List) Notef(pos Pos, format string, args ...any) {
	l.Add(Diagnostic{Pos: pos, Severity: Note, Msg: fmt.Sprintf(format, args...), Format: format, Args: args})
}

// Merge appends every diagnostic of other.
func (l *List) Merge(other *List) {
	if other == nil || l == other {
		return
	}
	for _, d := range other.All() {
		l.Add(d)
	}
}

// HasErrors reports whether any diagnostic is an error.
func (l *List) HasErrors() bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, d := range l.items {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Len returns the number of diagnostics.
func (l *List) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.items)
}

// All returns the diagnostics sorted by file, line and column, errors
// before warnings at the same place, without duplicates.
func (l *List) All() []Diagnostic {
	l.mu.Lock()
	out := append([]Diagnostic(nil), l.items...)
	l.mu.Unlock()
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Sheet != b.Sheet {
			return a.Sheet < b.Sheet
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Severity < b.Severity
	})
	dedup := out[:0]
	for i, d := range out {
		if i > 0 && d.Pos == out[i-1].Pos && d.Severity == out[i-1].Severity && d.Msg == out[i-1].Msg {
			continue
		}
		dedup = append(dedup, d)
	}
	return dedup
}

// Errors returns only the errors, sorted as All.
func (l *List) Errors() []Diagnostic { return l.filter(Error) }

// Warnings returns only the warnings, sorted as All.
func (l *List) Warnings() []Diagnostic { return l.filter(Warning) }

// Notes returns only the notes, sorted as All.
func (l *List) Notes() []Diagnostic { return l.filter(Note) }

func (l *List) filter(s Severity) []Diagnostic {
	var out []Diagnostic
	for _, d := range l.All() {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Err returns nil when the list holds no error, and otherwise an error whose
// text is every error, one per line.
func (l *List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	return &Errors{List: errs}
}

// Errors is the error returned by List.Err.
type Errors struct {
	List []Diagnostic
}

func (e *Errors) Error() string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.String())
	}
	return b.String()
}

// Localize is Error in p's language.
func (e *Errors) Localize(p Printer) string {
	var b strings.Builder
	for i, d := range e.List {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Localize(p))
	}
	return b.String()
}

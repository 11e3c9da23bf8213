package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/loa-vn/loa/generator/diag"
)

// nameRule is the directive name rule, written independently of the parser.
var nameRule = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9_-]*[A-Za-z0-9])?$`)

// keyRule is the attribute key rule.
var keyRule = regexp.MustCompile(`^[A-Za-z_:][A-Za-z0-9_.:-]*$`)

func FuzzParseDirective(f *testing.F) {
	for _, s := range []string{
		`::qr{unit="bac-son"}`, `:stat[reach]{name=reach}`, `:::note[Lưu ý]{#id .a.b c='d' e=f g}`,
		`::qr{unit="bac-son}`, `::qr{=x}`, `::-bad`, `::qr{a=1 a=2}`,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDirective(s)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("ParseDirective(%q) error %T, want *SyntaxError", s, err)
			}
			if se.Offset < 0 || se.Offset > len(s) || se.Msg.String() == "" {
				t.Fatalf("ParseDirective(%q) error %+v out of range", s, se)
			}
			return
		}
		if !nameRule.MatchString(d.Name) {
			t.Fatalf("ParseDirective(%q).Name = %q breaks the name rule", s, d.Name)
		}
		colons := len(s) - len(strings.TrimLeft(s, ":"))
		if want := map[bool]Kind{true: Text, false: Leaf}[colons == 1]; colons < 3 && d.Kind != want || colons >= 3 && d.Kind != Container {
			t.Fatalf("ParseDirective(%q).Kind = %v with %d colons", s, d.Kind, colons)
		}
		seen := map[string]bool{}
		for _, a := range d.Attrs {
			if !keyRule.MatchString(a.Key) || seen[a.Key] || a.Key == "id" || a.Key == "class" {
				t.Fatalf("ParseDirective(%q): bad or duplicate key %q", s, a.Key)
			}
			seen[a.Key] = true
			if a.Pos.Line != 1 || a.Pos.Col < 1 || a.Pos.Col > utf8.RuneCountInString(s) {
				t.Fatalf("ParseDirective(%q): key %q at %v", s, a.Key, a.Pos)
			}
		}
		for _, c := range d.Classes {
			if c == "" || len(strings.Fields(c)) != 1 {
				t.Fatalf("ParseDirective(%q): class %q", s, c)
			}
		}
		again, err := ParseDirective(d.String())
		if err != nil {
			t.Fatalf("ParseDirective(%q).String() = %q does not parse: %v", s, d.String(), err)
		}
		if !sameDirective(d, again) {
			t.Fatalf("ParseDirective(%q).String() = %q parses as %q", s, d.String(), again.String())
		}
	})
}

// acceptAll accepts every directive and renders it as escaped text.
var acceptAll = funcHandler{render: func(w io.Writer, d *Directive, entering bool) error {
	if !entering {
		_, err := io.WriteString(w, "</div>")
		return err
	}
	tag := "div"
	if d.Kind == Text {
		tag = "span"
	}
	_, err := fmt.Fprintf(w, "<%s>%s", tag, html.EscapeString(d.String()))
	if d.Kind != Container {
		_, err = fmt.Fprintf(w, "</%s>", tag)
	}
	return err
}}

func FuzzParse(f *testing.F) {
	f.Add([]byte("# Tiêu đề\n\n::qr{unit=\"bac-son\"}\n\nĐạt :stat[reach] lúc 08:30.\n"), false)
	f.Add([]byte(":::box\n- a\n- b\n:::\n"), true)
	f.Fuzz(func(t *testing.T, src []byte, unsafe bool) {
		var l diag.List
		doc := New(Options{Handler: acceptAll, Unsafe: unsafe}).Parse(src, "f.md", 3, &l)
		var out bytes.Buffer
		if err := doc.Render(&out); err != nil {
			t.Fatalf("Render: %v", err)
		}
		valid := utf8.Valid(src)
		if valid && !utf8.Valid(out.Bytes()) {
			t.Fatalf("invalid UTF-8 output %q for %q", out.Bytes(), src)
		}
		lines := bytes.Count(src, []byte("\n")) + 3
		for _, d := range l.All() {
			if d.Line < 3 || d.Line > lines || d.Col < 1 {
				t.Fatalf("diagnostic out of range: %v", d)
			}
		}
		for _, d := range doc.Directives() {
			if !nameRule.MatchString(d.Name) || d.Pos.Line < 3 || d.Pos.Line > lines || d.Pos.Col < 1 {
				t.Fatalf("directive %v at %v", d, d.Pos)
			}
		}
		for _, k := range doc.Links() {
			if k.Pos.Line < 3 || k.Pos.Line > lines || k.Pos.Col < 1 {
				t.Fatalf("link %v", k)
			}
		}
		s := doc.Summary(40)
		if utf8.RuneCountInString(s) > 40 || valid && !utf8.ValidString(s) {
			t.Fatalf("Summary(40) = %q", s)
		}
	})
}

package markdown

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// attr is an expected attribute: key, value and column.
type attr struct {
	key, value string
	col        int
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		in      string
		kind    Kind
		name    string
		label   string
		attrs   []attr
		id      string
		classes []string
	}{
		{in: "::qr", kind: Leaf, name: "qr"},
		{in: `::qr{unit="bac-son"}`, kind: Leaf, name: "qr", attrs: []attr{{"unit", "bac-son", 6}}},
		{in: `::qr{unit='bac-son'}`, kind: Leaf, name: "qr", attrs: []attr{{"unit", "bac-son", 6}}},
		{in: `::qr{unit=bac-son}`, kind: Leaf, name: "qr", attrs: []attr{{"unit", "bac-son", 6}}},
		{in: `::qr{hidden}`, kind: Leaf, name: "qr", attrs: []attr{{"hidden", "", 6}}},
		{in: `::qr{}`, kind: Leaf, name: "qr"},
		{in: `::qr[]`, kind: Leaf, name: "qr"},
		{in: `::qr{#main .a .b}`, kind: Leaf, name: "qr", id: "main", classes: []string{"a", "b"}},
		{in: `::qr{#main.a.b}`, kind: Leaf, name: "qr", id: "main", classes: []string{"a", "b"}},
		{in: `::qr{id=x class="a  b" .c}`, kind: Leaf, name: "qr", id: "x", classes: []string{"a", "b", "c"}},
		{in: "::qr{ a=\"1\"   b=2\tc }", kind: Leaf, name: "qr",
			attrs: []attr{{"a", "1", 7}, {"b", "2", 15}, {"c", "", 19}}},
		{in: `::qr{a = "1" b= 2}`, kind: Leaf, name: "qr", attrs: []attr{{"a", "1", 6}, {"b", "2", 14}}},
		{in: `::qr{x="it's" y='say "hi"'}`, kind: Leaf, name: "qr",
			attrs: []attr{{"x", "it's", 6}, {"y", `say "hi"`, 15}}},
		{in: `::qr{t="a &amp; b" u="&#x1EA1;&#97;" v="\*\\" w=a\*b x="&nosuch; \q"}`, kind: Leaf, name: "qr",
			attrs: []attr{{"t", "a & b", 6}, {"u", "ạa", 20}, {"v", `*\`, 38}, {"w", "a*b", 47}, {"x", `&nosuch; \q`, 54}}},
		{in: `::qr{data:x=1 a.b=2 _c=3 d-e=4}`, kind: Leaf, name: "qr",
			attrs: []attr{{"data:x", "1", 6}, {"a.b", "2", 15}, {"_c", "3", 21}, {"d-e", "4", 26}}},
		{in: `::qr{unit=a.b#c}`, kind: Leaf, name: "qr", attrs: []attr{{"unit", "a.b#c", 6}}},
		// Columns count runes: "::qr[Bắc Sơn]{" is 14 characters.
		{in: `::qr[Bắc Sơn]{t="Đông Hòa"}`, kind: Leaf, name: "qr", label: "Bắc Sơn",
			attrs: []attr{{"t", "Đông Hòa", 15}}},
		{in: "::qr  \t", kind: Leaf, name: "qr"},
		{in: "::qr{a=1}\r\n", kind: Leaf, name: "qr", attrs: []attr{{"a", "1", 6}}},
		{in: "::a-b_c1", kind: Leaf, name: "a-b_c1"},
		{in: "::youtube[Video [of] a \\] cat]{v=01ab}", kind: Leaf, name: "youtube", label: `Video [of] a \] cat`,
			attrs: []attr{{"v", "01ab", 32}}},
		{in: ":::note[Lưu ý]{.warn}", kind: Container, name: "note", label: "Lưu ý", classes: []string{"warn"}},
		{in: "::::outer", kind: Container, name: "outer"},
		{in: ":stat[reach]", kind: Text, name: "stat", label: "reach"},
		{in: ":stat{name=reach}", kind: Text, name: "stat", attrs: []attr{{"name", "reach", 7}}},
		{in: ":stat[]", kind: Text, name: "stat"},
	}
	for _, tt := range tests {
		d, err := ParseDirective(tt.in)
		if err != nil {
			t.Errorf("ParseDirective(%q): %v", tt.in, err)
			continue
		}
		var got []attr
		for _, a := range d.Attrs {
			if a.Pos.Line != 1 {
				t.Errorf("ParseDirective(%q): attribute %s on line %d, want 1", tt.in, a.Key, a.Pos.Line)
			}
			got = append(got, attr{a.Key, a.Value, a.Pos.Col})
		}
		if d.Kind != tt.kind || d.Name != tt.name || d.Label != tt.label || d.ID != tt.id ||
			!reflect.DeepEqual(got, tt.attrs) || !reflect.DeepEqual(d.Classes, tt.classes) {
			t.Errorf("ParseDirective(%q) =\n  %v %q [%q] %v #%q %q\nwant\n  %v %q [%q] %v #%q %q", tt.in,
				d.Kind, d.Name, d.Label, got, d.ID, d.Classes,
				tt.kind, tt.name, tt.label, tt.attrs, tt.id, tt.classes)
		}
		if d.Pos.Line != 1 || d.Pos.Col != 1 {
			t.Errorf("ParseDirective(%q).Pos = %v, want 1:1", tt.in, d.Pos)
		}
		// String writes the directive back in a form that parses the same.
		again, err := ParseDirective(d.String())
		if err != nil {
			t.Errorf("ParseDirective(%q.String() = %q): %v", tt.in, d.String(), err)
		} else if !sameDirective(d, again) {
			t.Errorf("ParseDirective(%q.String() = %q) = %q", tt.in, d.String(), again.String())
		}
	}
}

func TestParseDirectiveErrors(t *testing.T) {
	tests := []struct {
		in     string
		offset int
		msg    string
	}{
		{`::qr{unit="bac-son}`, 10, "unclosed quote"},
		{`::qr{unit='bac-son"}`, 10, "unclosed quote"},
		{`::qr{=x}`, 5, "attribute name"},
		{`::-bad`, 2, "expected a directive name"},
		{`::9lives`, 2, "expected a directive name"},
		{`::bad-`, 5, `cannot end with "-"`},
		{`::bad_{a=1}`, 5, `cannot end with "_"`},
		{`::qr{a=1 a=2}`, 9, `duplicate attribute "a"`},
		{`::qr{unit="x" size=2 unit="y"}`, 21, `duplicate attribute "unit"`},
		{`::qr{a=1`, 4, `unclosed "{"`},
		{`::qr{`, 4, `unclosed "{"`},
		{`::qr{a=`, 4, `unclosed "{"`},
		{"::qr{a=1\n}", 4, `unclosed "{"`},
		{`::qr[abc`, 4, `unclosed "["`},
		{`::qr[a[b]{x=1}`, 4, `unclosed "["`},
		{`::qr{a="1"b}`, 10, "after the quoted value"},
		{`::qr{a=<x>}`, 7, `"<" is not allowed`},
		{"::qr{a=x`}", 8, "is not allowed"},
		{`::qr{a=}`, 6, "missing value"},
		{`::qr{#}`, 5, `expected a name after "#"`},
		{`::qr{.}`, 5, `expected a name after "."`},
		{`::qr{#a"}`, 7, "is not allowed in an #id"},
		{`::qr{#a #b}`, 8, "at most one id"},
		{`::qr{#a id=b}`, 8, "at most one id"},
		{`::qr{"x"}`, 5, "unexpected character"},
		{`::qr{a=1 ?}`, 9, "unexpected character"},
		{`::qr trailing`, 5, "unexpected text after the directive"},
		{`::qr{a=1} x`, 10, "unexpected text after the directive"},
		{`:stat`, 5, "needs a [label] or {attributes}"},
		{`:stat x`, 5, "needs a [label] or {attributes}"},
		{`:stat[x] y`, 8, "unexpected text after the directive"},
		{`qr`, 0, `starts with ":"`},
		{``, 0, `starts with ":"`},
		{`:::`, 3, "expected a directive name"},
		{`::Bắc`, 3, "unexpected text after the directive"},
	}
	for _, tt := range tests {
		d, err := ParseDirective(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseDirective(%q) = %v, %v; want a *SyntaxError", tt.in, d, err)
			continue
		}
		if se.Offset != tt.offset || !strings.Contains(se.Msg.String(), tt.msg) {
			t.Errorf("ParseDirective(%q) error at %d %q, want at %d containing %q", tt.in, se.Offset, se.Msg, tt.offset, tt.msg)
		}
	}
}

func TestDirectiveAttr(t *testing.T) {
	d, err := ParseDirective(`::qr{unit="bac-son" empty}`)
	if err != nil {
		t.Fatal(err)
	}
	if v, ok := d.Attr("unit"); v != "bac-son" || !ok {
		t.Errorf(`Attr("unit") = %q, %v`, v, ok)
	}
	if v, ok := d.Attr("empty"); v != "" || !ok {
		t.Errorf(`Attr("empty") = %q, %v`, v, ok)
	}
	if v, ok := d.Attr("group"); v != "" || ok {
		t.Errorf(`Attr("group") = %q, %v`, v, ok)
	}
}

func TestDirectiveString(t *testing.T) {
	d := &Directive{Kind: Leaf, Name: "qr", ID: `a"b`, Classes: []string{"x.y", "z"},
		Attrs: []Attr{{Key: "unit", Value: "bac-son & \"co\" \\*"}}}
	want := `::qr{id="a&#34;b" class="x.y z" unit="bac-son &#38; &#34;co&#34; &#92;*"}`
	if got := d.String(); got != want {
		t.Errorf("String() = %s\nwant %s", got, want)
	}
	again, err := ParseDirective(want)
	if err != nil || !sameDirective(d, again) {
		t.Errorf("ParseDirective(%s) = %v, %v", want, again, err)
	}
}

// sameDirective compares two directives, positions aside.
func sameDirective(a, b *Directive) bool {
	if a.Kind != b.Kind || a.Name != b.Name || a.Label != b.Label || a.ID != b.ID ||
		len(a.Attrs) != len(b.Attrs) || len(a.Classes) != len(b.Classes) {
		return false
	}
	for i := range a.Attrs {
		if a.Attrs[i].Key != b.Attrs[i].Key || a.Attrs[i].Value != b.Attrs[i].Value {
			return false
		}
	}
	for i := range a.Classes {
		if a.Classes[i] != b.Classes[i] {
			return false
		}
	}
	return true
}

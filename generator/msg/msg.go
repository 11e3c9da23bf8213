// Package msg owns the messages' languages: the catalog of every message
// Loa prints (the English format strings are its keys, the Vietnamese
// strings live in vi.go), the choice of language for a command (--lang,
// else site.toml's language, else Vietnamese) and the Printer that formats
// a message in that language.
//
// Adding a message: write it in English where it is made (diag's Errorf,
// Warnf and Textf, or a Printer's Sprintf and Fprintf), then add one line
// to the map in vi.go; TestEveryMessageHasVietnamese names the ones that
// lack it.
package msg

import (
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/message/catalog"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/vi"
)

// Lang is a language Loa speaks.
type Lang string

const (
	// Vi is Vietnamese, the default.
	Vi Lang = "vi"
	// En is English, the language of the catalog's keys.
	En Lang = "en"
)

// Default is the language of a site that chooses none.
const Default = Vi

// Langs lists the languages, for --lang's description and errors.
var Langs = []Lang{En, Vi}

// Parse reads a --lang value or site.toml's language ("vi", "en",
// "en-US"...): ok is false when Loa has no messages in that language.
func Parse(s string) (Lang, bool) {
	tag, err := language.Parse(strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	base, _ := tag.Base()
	switch base.String() {
	case "vi":
		return Vi, true
	case "en":
		return En, true
	}
	return "", false
}

// Choose picks the language of a command: the --lang flag when given,
// else the site's language when Loa speaks it, else Default. flag must
// have been checked with Parse.
func Choose(flag, site string) Lang {
	if l, ok := Parse(flag); ok {
		return l
	}
	if l, ok := Parse(site); ok {
		return l
	}
	return Default
}

var cat = func() *catalog.Builder {
	b := catalog.NewBuilder(catalog.Fallback(language.English))
	for en, v := range viMessages {
		if err := b.SetString(language.Vietnamese, en, v); err != nil {
			panic(err)
		}
		// diag.Text formats %w as %v: its key is looked up so.
		if strings.Contains(en, "%w") {
			if err := b.SetString(language.Vietnamese, strings.ReplaceAll(en, "%w", "%v"), strings.ReplaceAll(v, "%w", "%v")); err != nil {
				panic(err)
			}
		}
	}
	return b
}()

// Printer formats messages in one language. It implements diag.Printer.
type Printer struct {
	lang Lang
	p    *message.Printer
}

// New returns a Printer for l.
func New(l Lang) *Printer {
	tag := language.English
	if l == Vi {
		tag = language.Vietnamese
	}
	return &Printer{lang: l, p: message.NewPrinter(tag, message.Catalog(cat))}
}

// Lang is the printer's language.
func (p *Printer) Lang() Lang { return p.lang }

// Sprintf looks format up in the catalog and formats args as fmt.Sprintf
// does (numbers are not regrouped: a year stays 2023), except that a
// diag.Localizer (a hint, a diag.Text, an error that knows its languages)
// is formatted in the printer's language and a Count is grouped the
// Vietnamese way in Vietnamese (70.872).
func (p *Printer) Sprintf(format string, args ...any) string {
	wrapped := make([]any, len(args))
	for i, a := range args {
		wrapped[i] = arg{a, p}
	}
	return p.p.Sprintf(format, wrapped...)
}

// Fprintf writes Sprintf's text to w.
func (p *Printer) Fprintf(w io.Writer, format string, args ...any) {
	io.WriteString(w, p.Sprintf(format, args...))
}

// Count is a number of things shown to a reader: 70.872 in Vietnamese,
// 70872 in English.
type Count int64

// arg formats one argument with fmt's rules, so that the x/text printer
// does not regroup its digits, and localizes what can be.
type arg struct {
	v any
	p *Printer
}

func (a arg) Format(f fmt.State, verb rune) {
	if verb == 'T' {
		fmt.Fprintf(f, "%T", a.v)
		return
	}
	v := a.v
	switch x := v.(type) {
	case diag.Localizer:
		v = x.Localize(a.p)
	case Count:
		if a.p.lang == Vi && (verb == 'd' || verb == 'v') {
			fmt.Fprintf(f, strings.Replace(fmt.FormatString(f, verb), string(verb), "s", 1), vi.Int(int64(x)))
			return
		}
		v = int64(x)
	}
	fmt.Fprintf(f, fmt.FormatString(f, verb), v)
}

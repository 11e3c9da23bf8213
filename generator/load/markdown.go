package load

import (
	"fmt"

	"github.com/loa-vn/loa/generator/vi"
)

// frontMatter splits a Markdown file into its front matter, decoded, and
// its body. need names the keys that make front matter required, or is ""
// when the file may go without. It returns ok false when the file cannot be
// read further: its front matter is missing while needed, not closed, or
// not TOML.
func frontMatter(f *source, text []byte, need string) (m map[string]any, body []byte, bodyLine int, ok bool) {
	fm, body, bodyLine, state := splitFrontMatter(text)
	switch state {
	case fmNone:
		if need != "" {
			f.diags.Errorf(f.start(), `missing front matter: the file must start with a line "+++", then its keys (%s), then a line "+++"`, need)
			return nil, nil, 0, false
		}
		return map[string]any{}, body, bodyLine, true
	case fmUnclosed:
		f.diags.Errorf(f.start(), `front matter is not closed: add a line "+++" after its last key`)
		return nil, nil, 0, false
	}
	f.line0 = 1
	m, ok = decodeTOML(f, fm)
	if !ok {
		return nil, nil, 0, false
	}
	return m, body, bodyLine, true
}

// checkFileSlug reports a file name (without extension) that is not a slug,
// or that Windows keeps for a device, suggesting the name the file should
// have.
func checkFileSlug(f *source, what, slug, ext string) {
	if dev, ok := windowsDevice(slug); ok {
		f.diags.Errorf(f.name(), "%s", reservedMessage(what, slug, dev, ext))
		return
	}
	if vi.IsSlug(slug) {
		return
	}
	fix := ""
	if s := vi.Slug(slug); s != "" {
		fix = fmt.Sprintf(": rename the file to %q", s+ext)
		if _, reserved := windowsDevice(s); reserved {
			fix = fmt.Sprintf(": rename the file to %q", s+"-1"+ext)
		}
	}
	f.diags.Errorf(f.name(), "the file name is the %s, and %q is not a slug%s", what, slug, fix)
}

// readDirective checks content/directives/<slug>.md, normalised into text.
func readDirective(f *source, slug string, text []byte) *Directive {
	m, body, bodyLine, ok := frontMatter(f, text, "kind, date, subject")
	if !ok {
		return nil
	}
	d := &Directive{Slug: slug, Body: body, BodyLine: bodyLine, File: f.rel, Pos: f.start()}
	top := &table{f: f, m: m, what: "front matter"}
	top.allow("kind", "number", "date", "subject", "to", "cc", "sign", "signer", "draft", "task")
	d.Kind = top.str("kind", true)
	d.Number = top.str("number", false)
	d.Date = top.date("date", true)
	d.Subject = top.str("subject", true)
	d.To = refs(top)
	d.CC, _ = top.strs("cc", false)
	d.Sign, _ = top.strs("sign", false)
	d.Signer = top.str("signer", false)
	d.Draft = top.boolean("draft")
	for _, t := range top.tables("task", "[[task]]") {
		t.allow("to", "text", "due")
		task := Task{Pos: t.headerAt()}
		if _, ok := t.get("to", true); ok {
			task.To = refs(t)
			if len(task.To) == 0 {
				t.errorf(t.valAt("to"), `to must name at least one group or unit, like to = ["phuong"]`)
			}
		}
		task.Text = t.str("text", true)
		task.Due = t.date("due", false)
		d.Tasks = append(d.Tasks, task)
	}
	checkPlaceholders(f, top, d)
	top.checkSpaces("subject", d.Subject)
	top.checkSpaces("signer", d.Signer)
	return d
}

// refs reads the array "to" of t: group and unit ids, each with the
// position of its element. Whether they exist is the model's business.
func refs(t *table) []Ref {
	ids, pos := t.strs("to", false)
	if len(ids) == 0 {
		return nil
	}
	out := make([]Ref, len(ids))
	for i, id := range ids {
		out[i] = Ref{ID: id, Pos: pos[i]}
	}
	return out
}

// reservedSlugs are the first segments of the generator's own URLs, which a
// free page must not take.
var reservedSlugs = map[string]string{
	"van-ban": "the directives",
	"don-vi":  "the units",
	"tien-do": "the progress page",
	"du-lieu": "the open data",
	"bao-cao": "the reports of every period",
	"static":  "the theme's files",
	"qr":      "the QR codes",
}

// readPage checks a free page content/<slug>.md or, with slug "", the home
// page content/_index.md.
func readPage(f *source, slug string, text []byte) *Page {
	home := slug == ""
	need := `title = "..."`
	if home {
		need = ""
	}
	m, body, bodyLine, ok := frontMatter(f, text, need)
	if !ok {
		return nil
	}
	p := &Page{Slug: slug, Body: body, BodyLine: bodyLine, File: f.rel, Pos: f.start()}
	top := &table{f: f, m: m, what: "front matter"}
	top.allow("title", "description", "weight", "draft")
	p.Title = top.str("title", !home)
	top.checkSpaces("title", p.Title)
	p.Description = top.str("description", false)
	p.Weight = top.small("weight")
	p.Draft = top.boolean("draft")
	return p
}

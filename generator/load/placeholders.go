package load

import (
	"bytes"
	"strings"

	"github.com/loa-vn/loa/generator/diag"
)

// The texts that `new directive` writes where the clerk must write the
// directive's own (package scaffold fills its template with them). A
// directive published with one of them left in would print "Họ và tên
// người ký" under the signature.
const (
	PlaceholderSubject = "Trích yếu nội dung văn bản"
	PlaceholderSigner  = "Họ và tên người ký"
	PlaceholderBody    = "Nội dung văn bản."
)

// checkPlaceholders warns of a directive to be published that still holds
// a placeholder of `new directive`. A draft may: it is being written.
func checkPlaceholders(f *source, top *table, d *Directive) {
	if d.Draft {
		return
	}
	if strings.TrimSpace(d.Subject) == PlaceholderSubject {
		f.diags.Warnf(top.valAt("subject"), "%s", placeholderMessage("subject", PlaceholderSubject))
	}
	if strings.TrimSpace(d.Signer) == PlaceholderSigner {
		f.diags.Warnf(top.valAt("signer"), "%s", placeholderMessage("signer", PlaceholderSigner))
	}
	if i := bytes.Index(d.Body, []byte(PlaceholderBody)); i >= 0 && strings.TrimSpace(string(d.Body)) == PlaceholderBody {
		line := d.BodyLine + bytes.Count(d.Body[:i], []byte("\n"))
		f.diags.Warnf(diag.Pos{File: f.rel, Line: line, Col: 1}, "%s", placeholderMessage("body", PlaceholderBody))
	}
}

func placeholderMessage(what, text string) diag.Text {
	if what == "body" {
		return diag.Textf("the directive's text is still %q, as `new directive` wrote it: write the directive's text", text)
	}
	return diag.Textf("%s is still %q, as `new directive` wrote it: write the directive's own %s", what, text, what)
}

// checkSpaces warns of a name with spaces at its start or end, which pass
// unseen in the file but show on pages and in sorting.
func (t *table) checkSpaces(k, s string) {
	if s == "" || strings.TrimSpace(s) == s {
		return
	}
	t.f.diags.Warnf(t.valAt(k), "%s", spacesMessage(k, s))
}

func spacesMessage(k, s string) diag.Text {
	return diag.Textf("%s %q has a space at its start or end: remove it (write %s = %q)", k, s, k, strings.TrimSpace(s))
}

package render

import (
	"bytes"
	"html/template"
)

// closingFormula is how the body of an administrative document ends
// (Nghị định 30/2020/NĐ-CP): "./." after its last sentence.
const closingFormula = "./."

// splitClosing splits the rendered body of a directive before its last
// paragraph when that paragraph ends with the closing formula, so that the
// page can put the tasks ("Phân công thực hiện") inside the body, before
// the closing sentence, the "Nơi nhận" and the signature. A body that
// ends otherwise is returned whole, with no closing.
func splitClosing(body template.HTML) (main, closing template.HTML) {
	b := bytes.TrimRight([]byte(body), " \t\n")
	if !bytes.HasSuffix(b, []byte(closingFormula+"</p>")) {
		return body, ""
	}
	// The paragraph ends the body, so it is not inside a list or a quote
	// (their closing tag would come last), and paragraphs do not nest.
	start := max(bytes.LastIndex(b, []byte("<p>")), bytes.LastIndex(b, []byte("<p ")))
	if start < 0 {
		return body, ""
	}
	return template.HTML(b[:start]), template.HTML(b[start:]) + "\n"
}

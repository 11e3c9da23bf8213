package load

import (
	"bytes"
	"github.com/loa-vn/loa/generator/diag"
	"regexp"
	"strconv"
	"strings"

	"github.com/loa-vn/loa/generator/vi"
)

// The TOML library's own messages ("expected a top-level item to end with
// a newline, comment, or EOF, but got ',' instead") are for programmers.
// parseMessage says instead what is wrong in the terms of the person who
// typed the line, and how to write it: it reads the line itself, since the
// mistakes clerks make (a thousands separator, a date written day first, a
// quote not closed) are seen better there than in the library's message.
// No text of the library reaches the message.

var (
	// 1,055 or 1.000.000 or 1 055: a whole number with thousands separators.
	thousandsRe = regexp.MustCompile(`^[0-9]{1,3}(?:([,. ])[0-9]{3})(?:[,. ][0-9]{3})*$`)
	// 0,65: a decimal comma.
	decimalCommaRe = regexp.MustCompile(`^[0-9]+,[0-9]+$`)
	// 13/11/2023, 20-11-2023, 13.11.2023: a date written day first.
	dayFirstRe = regexp.MustCompile(`^"?([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})"?$`)
	// 2023/11/13: a date with slashes.
	yearFirstRe = regexp.MustCompile(`^"?([0-9]{4})[/.]([0-9]{1,2})[/.]([0-9]{1,2})"?$`)
	alreadyRe   = regexp.MustCompile(`^Key '(.*)' (?:has already been defined|was already created)`)
	bareKeyRe   = regexp.MustCompile(`^bare keys cannot contain`)
)

// parseMessage is the message for a TOML syntax error at line (1-based, in
// text) whose library message is msg. line0 is added to the line numbers it
// names (front matter starts on the second line of its file).
func parseMessage(text []byte, line, line0 int, msg string) diag.Text {
	l := lineText(text, line)
	key, val, hasEq := splitLine(l)

	if m := alreadyRe.FindStringSubmatch(msg); m != nil {
		return duplicateMessage(text, line, line0, m[1])
	}
	if hasEq && val != "" {
		if s := valueMessage(key, val); s.Format != "" {
			return s
		}
	}
	switch {
	case strings.Contains(msg, "strings cannot contain newlines"),
		strings.HasPrefix(msg, `unexpected EOF; expected '"'`),
		strings.HasPrefix(msg, `unexpected EOF; expected "'"`):
		return diag.Textf(`a quote is not closed: the text on this line must end with " on the same line`)
	case strings.HasPrefix(msg, `unexpected EOF; expected '"""'`), strings.HasPrefix(msg, `unexpected EOF; expected "'''"`):
		return diag.Textf(`a text of several lines is not closed: end it with """ on a line of its own`)
	case strings.Contains(msg, "table name") || strings.Contains(msg, "table array name"):
		return diag.Textf("a table header is not written right: write it on one line, in brackets, like [units] or [[unit]]")
	case strings.Contains(msg, "array terminator"):
		return diag.Textf(`a list is not closed: end it with ], like to = ["phuong", "truong-hoc"]`)
	case strings.Contains(msg, "inline table terminator"):
		return diag.Textf("a table written on one line is not closed: end it with }")
	case bareKeyRe.MatchString(msg) || strings.HasPrefix(msg, "expected '.' or '='"):
		if k := strings.TrimSpace(strings.SplitN(l, "=", 2)[0]); hasEq && k != "" {
			if s := vi.Slug(k); s != "" && s != k {
				return diag.Textf("%q cannot be a key: keys are written with a-z, 0-9 and hyphens, like %s = ...", k, s)
			}
		}
		if !hasEq {
			return diag.Textf("this line is not of the form key = value: add the key and =, or start the line with # to make it a comment")
		}
		return diag.Textf("this key cannot be read: keys are written with a-z, 0-9 and hyphens, like bac-son = 1055")
	case strings.HasPrefix(msg, "expected value but found"):
		if hasEq && val != "" {
			return diag.Textf(`text goes in quotes: write %s = "%s"`, key, strings.Trim(val, `"'`))
		}
		return diag.Textf("a value is missing after =: write a number, a date, or a text in quotes")
	case strings.HasPrefix(msg, "unexpected EOF; expected value"):
		return diag.Textf("a value is missing after =: write a number, a date, or a text in quotes")
	case strings.HasPrefix(msg, "unexpected EOF; expected key separator"):
		return diag.Textf("this line is not of the form key = value: add = and the value")
	case strings.Contains(msg, "key name appears blank"):
		return diag.Textf("a key is missing before =: write it like bac-son = 1055")
	case strings.HasPrefix(msg, "unexpected EOF"):
		return diag.Textf("the file ends in the middle of a value: a quote or a bracket is not closed")
	case strings.Contains(msg, "control characters"):
		return diag.Textf("this line holds an invisible control character (often pasted from another program): retype the line")
	case strings.Contains(msg, "escape") || strings.Contains(msg, "hexadecimal digits"):
		return diag.Textf(`a backslash \ in a text starts an escape: write \\ for a backslash, or use a slash /`)
	case strings.HasPrefix(msg, "invalid datetime") || strings.Contains(msg, "datetime"):
		if hasEq && val != "" {
			return diag.Textf("%s is not a date that exists (check the month and the day): write dates as year-month-day, like 2023-11-13", val)
		}
		return diag.Textf("this is not a date that exists: write dates as year-month-day, like 2023-11-13")
	case strings.HasPrefix(msg, "Invalid integer") && strings.Contains(msg, "leading zero"):
		return diag.Textf("a number cannot start with 0: write it without the 0, or in quotes if it is a code or a phone number")
	case strings.HasPrefix(msg, "Invalid integer") || strings.HasPrefix(msg, "Invalid float") || strings.Contains(msg, "float"):
		return diag.Textf("this is not a number Loa can read: write whole numbers with digits only, like 1055, and decimals with a dot, like 0.65")
	case strings.HasPrefix(msg, "expected a top-level item to end"):
		return diag.Textf("something follows the value on this line: write one key = value a line, and start a comment with #")
	case strings.Contains(msg, "out of range"):
		return diag.Textf("this number is too large to be a count: check it")
	case strings.Contains(msg, "unexpected comma"):
		return diag.Textf("a comma is out of place: commas go only between the items of a list")
	}
	if hasEq {
		return diag.Textf(`this line cannot be read: write it as key = value, with text in quotes ("..."), numbers without separators (1055) and dates as 2023-11-13`)
	}
	return diag.Textf("this line cannot be read: a line holds a key = value, a table header like [units], or a comment starting with #")
}

// valueMessage is the message for a value written the way people write it
// on paper, or "".
func valueMessage(key, val string) diag.Text {
	if m := dayFirstRe.FindStringSubmatch(val); m != nil {
		return diag.Textf("dates are written year-month-day, without quotes: write %s = %s-%02s-%02s", key, m[3], m[2], m[1])
	}
	if m := yearFirstRe.FindStringSubmatch(val); m != nil {
		return diag.Textf("dates are written year-month-day with hyphens, without quotes: write %s = %s-%02s-%02s", key, m[1], m[2], m[3])
	}
	if thousandsRe.MatchString(val) {
		digits := strings.NewReplacer(",", "", ".", "", " ", "").Replace(val)
		return diag.Textf("write %s = %s, without a thousands separator", key, digits)
	}
	if decimalCommaRe.MatchString(val) {
		return diag.Textf("decimals are written with a dot: write %s = %s", key, strings.Replace(val, ",", ".", 1))
	}
	return diag.Text{}
}

// duplicateMessage names both lines of a key written twice; line is the
// second.
func duplicateMessage(text []byte, line, line0 int, key string) diag.Text {
	name := key
	if i := strings.LastIndexByte(key, '.'); i >= 0 {
		name = key[i+1:]
	}
	first := firstDefinition(text, line, name)
	if first == 0 {
		return diag.Textf("%s is written twice: keep only one of them", name)
	}
	return diag.Textf("%s is written twice, on line %d and on line %d: keep only one of them", name, first+line0, line+line0)
}

// firstDefinition returns the line before line (1-based) on which name is
// given a value (name = ...) or opens a table ([name], [x.name]) in the
// same table as line, or 0.
func firstDefinition(text []byte, line int, name string) int {
	lines := strings.Split(string(text), "\n")
	if line > len(lines) {
		return 0
	}
	isHeader := func(l string) (string, bool) {
		l = strings.TrimSpace(l)
		if !strings.HasPrefix(l, "[") || strings.HasPrefix(l, "[[") {
			return "", false
		}
		end := strings.IndexByte(l, ']')
		if end < 0 {
			return "", false
		}
		h := strings.TrimSpace(l[1:end])
		if i := strings.LastIndexByte(h, '.'); i >= 0 {
			h = h[i+1:]
		}
		return strings.Trim(h, `"`), true
	}
	if h, ok := isHeader(lines[line-1]); ok && h == name {
		for i := range line - 1 {
			if h2, ok := isHeader(lines[i]); ok && h2 == name {
				return i + 1
			}
		}
		// A table named like a key given a value before ([a] after a = 1).
		for i := range line - 1 {
			if k, _, ok := splitLine(lines[i]); ok && strings.Trim(k, `"'`) == name {
				return i + 1
			}
		}
		return 0
	}
	for i := line - 2; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if strings.HasPrefix(l, "[") {
			return 0 // the table of line starts here: the first is not in it
		}
		if k, _, ok := splitLine(lines[i]); ok && strings.Trim(k, `"'`) == name {
			return i + 1
		}
	}
	return 0
}

// lineText is line (1-based) of text, without its newline.
func lineText(text []byte, line int) string {
	for i := 1; i < line; i++ {
		nl := bytes.IndexByte(text, '\n')
		if nl < 0 {
			return ""
		}
		text = text[nl+1:]
	}
	if nl := bytes.IndexByte(text, '\n'); nl >= 0 {
		text = text[:nl]
	}
	return string(text)
}

// splitLine splits a line key = value # comment into its key and value,
// trimmed; the comment is dropped when it follows the value after a space.
func splitLine(l string) (key, val string, ok bool) {
	k, v, ok := strings.Cut(l, "=")
	if !ok {
		return "", "", false
	}
	v = strings.TrimSpace(v)
	if !strings.HasPrefix(v, `"`) && !strings.HasPrefix(v, "'") {
		if i := strings.Index(v, "#"); i >= 0 {
			v = strings.TrimSpace(v[:i])
		}
	}
	return strings.TrimSpace(k), v, true
}

// floatCount is the message for a count that TOML read as the decimal
// number v because it was typed with a dot as thousands separator
// (followers = 2.000 is the number 2), or "" when it was not typed so.
func (f *source) floatCount(label, path string, v float64) diag.Text {
	pos := f.pos.find(path, true)
	l := []rune(lineText(f.text, int(pos.line)))
	if int(pos.col) > len(l) {
		return diag.Text{}
	}
	typed, _, _ := strings.Cut(string(l[pos.col-1:]), "#")
	typed = strings.TrimSpace(typed)
	if !thousandsRe.MatchString(typed) || !strings.Contains(typed, ".") {
		return diag.Text{}
	}
	key := path
	if i := strings.LastIndexByte(path, '.'); i >= 0 {
		key = path[i+1:]
	}
	return diag.Textf("%s: %s reads as the number %s, since a dot starts decimals: write %s = %s, without a thousands separator",
		label, typed, strconvFloat(v), key, strings.ReplaceAll(typed, ".", ""))
}

func strconvFloat(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

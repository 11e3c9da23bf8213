package load

import (
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/ctrlchar"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/vi"
)

// table is a decoded TOML table being checked: each accessor reports a
// missing required key, a value of the wrong type or a negative number at
// its position and returns the zero value then.
type table struct {
	f    *source
	path string // "" for the top level
	// what names the table in messages: "[[unit]]", "[authority]", "front
	// matter"; "" for the top level of a .toml file.
	what string
	m    map[string]any
}

func (t *table) keyAt(k string) diag.Pos { return t.f.keyAt(joinKey(t.path, k)) }
func (t *table) valAt(k string) diag.Pos { return t.f.valAt(joinKey(t.path, k)) }

// headerAt is where the table starts: its header, or line 1 column 1.
func (t *table) headerAt() diag.Pos { return t.f.keyAt(t.path) }

func (t *table) in() diag.Text {
	if t.what == "" {
		return diag.Text{}
	}
	return diag.Textf(" in %s", t.what)
}

func (t *table) errorf(pos diag.Pos, format string, args ...any) {
	t.f.diags.Errorf(pos, format, args...)
}

// allow reports every key of the table that is not one of known.
func (t *table) allow(known ...string) {
	keys := make([]string, 0, len(t.m))
	for k := range t.m {
		if !slices.Contains(known, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		t.errorf(t.keyAt(k), "unknown key %q%s%s", k, t.in(), diag.Hint(k, known))
	}
}

func (t *table) missing(k string) {
	t.errorf(t.headerAt(), "missing required key %q%s", k, t.in())
}

// get returns the value of k, reporting it missing when required.
func (t *table) get(k string, required bool) (any, bool) {
	v, ok := t.m[k]
	if !ok && required {
		t.missing(k)
	}
	return v, ok
}

// describe names the TOML type of v for messages.
func describe(v any) diag.Text {
	switch v := v.(type) {
	case string:
		return diag.Textf("a string")
	case int64:
		return diag.Textf("a whole number")
	case float64:
		return diag.Textf("the number %s", strconv.FormatFloat(v, 'g', -1, 64))
	case bool:
		return diag.Textf("%t", v)
	case time.Time:
		return diag.Textf("a date or time")
	case []any:
		return diag.Textf("an array")
	case []map[string]any:
		return diag.Textf("an array of tables")
	case map[string]any:
		return diag.Textf("a table")
	}
	return diag.Textf("%T", v)
}

// str returns the string k. A required string must not be blank either.
func (t *table) str(k string, required bool) string {
	v, ok := t.get(k, required)
	if !ok {
		return ""
	}
	s, isStr := v.(string)
	if !isStr {
		t.errorf(t.keyAt(k), "%s must be a string, not %s", k, describe(v))
		return ""
	}
	s = t.clean(k, t.valAt(k), s)
	if required && strings.TrimSpace(s) == "" {
		t.errorf(t.valAt(k), "%s must not be empty", k)
	}
	return s
}

// clean returns the string value of key k, found at pos, as the rest of
// the generator may use it: the raw text of the file was cleaned by
// normalize, but TOML's escapes write any character, so a control or
// direction character ("\u0007", "\u202e") is removed here with a warning,
// and a line break written "\r\n" or "\r" becomes "\n" as in the text of
// every file.
func (t *table) clean(k string, pos diag.Pos, s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	i := ctrlchar.Index(s)
	if i < 0 {
		return s
	}
	seen := map[rune]bool{}
	for _, r := range s[i:] {
		if ctrlchar.Forbidden(r) && !seen[r] {
			seen[r] = true
			t.f.diags.Warnf(pos, "%s", removedMsg(k, r))
		}
	}
	return ctrlchar.Strip(s)
}

// count returns the whole number k, which must not be negative.
func (t *table) count(k string, required bool) (int64, bool) {
	v, ok := t.get(k, required)
	if !ok {
		return 0, false
	}
	return t.countValue(k, joinKey(t.path, k), v)
}

// countValue checks that v, the value at path, is a whole number that is not
// negative; label names it in messages.
func (t *table) countValue(label, path string, v any) (int64, bool) {
	n, isInt := v.(int64)
	if fl, isFloat := v.(float64); isFloat {
		if msg := t.f.floatCount(label, path, fl); msg.Format != "" {
			t.errorf(t.f.valAt(path), "%s", msg)
			return 0, false
		}
	}
	if !isInt {
		t.errorf(t.f.keyAt(path), "%s must be a whole number, not %s", label, describe(v))
		return 0, false
	}
	if n < 0 {
		t.errorf(t.f.valAt(path), "%s must not be negative (got %d)", label, n)
		return 0, false
	}
	if n > MaxCount {
		t.errorf(t.f.valAt(path), "%s", tooLarge(label, n))
		return 0, false
	}
	return n, true
}

// MaxCount is the largest count (followers, a target, an audience) a site
// may hold, 2^53-1: the largest whole number that the readers of the open
// data (JavaScript, spreadsheets) keep exactly. The model checks that the
// totals it makes stay within it too, so that no sum overflows.
const MaxCount = 1<<53 - 1

// tooLarge is the message for a count above MaxCount.
func tooLarge(label string, n int64) diag.Text {
	return diag.Textf("%s is too large (got %d): a count can be at most %d", label, n, int64(MaxCount))
}

// small returns the whole number k as an int, for order and weight.
func (t *table) small(k string) int {
	n, ok := t.count(k, false)
	if !ok {
		return 0
	}
	if n > math.MaxInt32 {
		t.errorf(t.valAt(k), "%s is too large (got %d)", k, n)
		return 0
	}
	return int(n)
}

// number returns the number k, written as an integer or a float.
func (t *table) number(k string, required bool) (float64, bool) {
	v, ok := t.get(k, required)
	if !ok {
		return 0, false
	}
	switch v := v.(type) {
	case float64:
		return v, true
	case int64:
		return float64(v), true
	}
	t.errorf(t.keyAt(k), "%s must be a number, not %s", k, describe(v))
	return 0, false
}

func (t *table) boolean(k string) bool {
	v, ok := t.get(k, false)
	if !ok {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		t.errorf(t.keyAt(k), "%s must be true or false, not %s", k, describe(v))
	}
	return b
}

// date returns the TOML local date k (2023-10-11, without quotes) as
// midnight UTC.
func (t *table) date(k string, required bool) time.Time {
	v, ok := t.get(k, required)
	if !ok {
		return time.Time{}
	}
	switch d := v.(type) {
	case time.Time:
		// BurntSushi/toml gives a local date (no time, no offset) this
		// location.
		if d.Location().String() == "date-local" {
			y, m, day := d.Date()
			return time.Date(y, m, day, 0, 0, 0, 0, time.UTC)
		}
		t.errorf(t.valAt(k), "%s must be a date without a time, like 2023-10-11", k)
	case string:
		// Decap CMS writes the dates it edits as strings: a date in
		// quotes is the same date.
		if isoDate.MatchString(d) {
			if day, err := time.Parse(dateLayout, d); err == nil {
				return day
			}
		}
		t.errorf(t.valAt(k), "%s must be a date like 2023-10-11 (year-month-day), not %q", k, d)
	default:
		t.errorf(t.keyAt(k), "%s must be a date like 2023-10-11, not %s", k, describe(v))
	}
	return time.Time{}
}

var isoDate = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)

// strs returns the array of strings k and the position of each element.
func (t *table) strs(k string, required bool) ([]string, []diag.Pos) {
	v, ok := t.get(k, required)
	if !ok {
		return nil, nil
	}
	arr, isArr := v.([]any)
	if !isArr {
		t.errorf(t.keyAt(k), `%s must be an array of strings, like ["a", "b"], not %s`, k, describe(v))
		return nil, nil
	}
	path := joinKey(t.path, k)
	out := make([]string, 0, len(arr))
	pos := make([]diag.Pos, 0, len(arr))
	for i, e := range arr {
		s, isStr := e.(string)
		elem := indexPath(path, i)
		if !isStr {
			t.errorf(t.f.valAt(elem), "each element of %s must be a string, not %s", k, describe(e))
			continue
		}
		p := t.f.valAt(elem)
		out = append(out, t.clean(k, p, s))
		pos = append(pos, p)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, pos
}

// sub returns the table k, or an empty table when it is absent.
func (t *table) sub(k, what string) (*table, bool) {
	path := joinKey(t.path, k)
	st := &table{f: t.f, path: path, what: what, m: map[string]any{}}
	v, ok := t.m[k]
	if !ok {
		return st, false
	}
	m, isMap := v.(map[string]any)
	if !isMap {
		t.errorf(t.keyAt(k), "%s must be a table, written [%s], not %s", k, path, describe(v))
		return st, false
	}
	st.m = m
	return st, true
}

// tables returns the array of tables k ([[k]]).
func (t *table) tables(k, what string) []*table {
	v, ok := t.m[k]
	if !ok {
		return nil
	}
	path := joinKey(t.path, k)
	var ms []map[string]any
	switch v := v.(type) {
	case []map[string]any:
		ms = v
	case []any: // an inline array of inline tables
		for i, e := range v {
			m, isMap := e.(map[string]any)
			if !isMap {
				t.errorf(t.f.valAt(indexPath(path, i)), "each element of %s must be a table, not %s", k, describe(e))
				continue
			}
			ms = append(ms, m)
		}
	default:
		t.errorf(t.keyAt(k), "%s must be an array of tables, written [[%s]], not %s", k, path, describe(v))
		return nil
	}
	out := make([]*table, len(ms))
	for i, m := range ms {
		out[i] = &table{f: t.f, path: indexPath(path, i), what: what, m: m}
	}
	return out
}

// slugProblem returns the message for a name that should be a slug, with
// the slug of it as the suggested fix, or the zero Text when s is a slug.
func slugProblem(what diag.Text, s string) diag.Text {
	if vi.IsSlug(s) {
		return diag.Text{}
	}
	if fix := vi.Slug(s); fix != "" {
		return diag.Textf("%s %q is not a slug (did you mean %q?)", what, s, fix)
	}
	return diag.Textf("%s %q is not a slug: use only a-z, 0-9 and single hyphens", what, s)
}

// nameProblem is slugProblem for a name that becomes a folder or a file of
// the site or of its output (a unit id or alias: don-vi/<id>/; a theme): it
// must also be a name that Windows can check out.
func nameProblem(what diag.Text, s string) diag.Text {
	if dev, ok := windowsDevice(s); ok {
		return reservedMessage(what, s, dev, "")
	}
	return slugProblem(what, s)
}

// windowsDevice reports whether name is one that Windows keeps for a
// device, in any case and whatever follows a first '.' ("nul.md" is NUL):
// such a file or folder cannot be made there, so a site's repository with
// one cannot be checked out on Windows. It returns the device's name.
func windowsDevice(name string) (string, bool) {
	base, _, _ := strings.Cut(name, ".")
	base = strings.ToUpper(strings.TrimRight(base, " "))
	switch base {
	case "CON", "PRN", "AUX", "NUL":
		return base, true
	}
	if len(base) == 4 && (strings.HasPrefix(base, "COM") || strings.HasPrefix(base, "LPT")) && base[3] >= '1' && base[3] <= '9' {
		return base, true
	}
	return "", false
}

// reservedMessage is the message for a name that Windows keeps for the
// device dev; ext is the extension of a file name, "" for an id.
func reservedMessage(what diag.Text, s, dev, ext string) diag.Text {
	fix := strings.ToLower(strings.TrimRight(strings.SplitN(s, ".", 2)[0], " ")) + "-1" + ext
	if ext != "" {
		return diag.Textf("the file name is the %s, and %q is a name Windows keeps for a device (%s): "+
			"the site could not be checked out on Windows; rename the file, like %q", what, s, dev, fix)
	}
	return diag.Textf("%s %q is a name Windows keeps for a device (%s): its folder could not be made on Windows; "+
		"choose another, like %q", what, s, dev, fix)
}

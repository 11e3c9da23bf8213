package load

import (
	"errors"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// Every TOML syntax error gets a message of Loa's, never the library's
// words, and the mistakes clerks make get the fix written out.
func TestParseMessages(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"[units]\nbac-son = 1,055\n", "write bac-son = 1055, without a thousands separator"},
		{"[units]\nbac-son = 1 055\n", "write bac-son = 1055, without a thousands separator"},
		{"followers = 1.000.000\n", "write followers = 1000000, without a thousands separator"},
		{"share = 0,65\n", "decimals are written with a dot: write share = 0.65"},
		{"date = 13/11/2023\n", "dates are written year-month-day, without quotes: write date = 2023-11-13"},
		{"due = 20-11-2023\n", "dates are written year-month-day, without quotes: write due = 2023-11-20"},
		{"due = 2023/11/20\n", "dates are written year-month-day with hyphens, without quotes: write due = 2023-11-20"},
		{"date = 2023-13-01\n", "2023-13-01 is not a date that exists (check the month and the day)"},
		{"a = 1\nb = 2\na = 3\n", "a is written twice, on line 1 and on line 3: keep only one of them"},
		{"[units]\na = 1\n\n[units]\nb = 2\n", "units is written twice, on line 1 and on line 4: keep only one of them"},
		{"[[unit]]\nid = \"a\"\nname = \"A\"\nname = \"B\"\n", "name is written twice, on line 3 and on line 4: keep only one of them"},
		{"a = 1\n[a]\nb = 1\n", "a is written twice, on line 1 and on line 2: keep only one of them"},
		{"[a]\nb = 1\n[a.b]\n", "b is written twice, on line 2 and on line 3: keep only one of them"},
		{"b = 9999999999999999999999\n", "this number is too large to be a count"},
		{"name = \"UBND\nx = 1\n", `a quote is not closed: the text on this line must end with " on the same line`},
		{"name = UBND phường\n", `text goes in quotes: write name = "UBND phường"`},
		{"[units\n", "a table header is not written right"},
		{"to = [\"a\", \"b\"\n", "a list is not closed: end it with ]"},
		{"[units]\nBắc Sơn = 4\n", `"Bắc Sơn" cannot be a key: keys are written with a-z, 0-9 and hyphens, like bac-son = ...`},
		{"id = 01\n", "a number cannot start with 0"},
		{"name = \"a\" x\n", "something follows the value on this line"},
		{"just some words\n", "this line is not of the form key = value"},
		{"a = \"x\\q\"\n", `a backslash \ in a text starts an escape`},
	} {
		var m map[string]any
		_, err := toml.Decode(c.in, &m)
		var pe toml.ParseError
		if !errors.As(err, &pe) {
			t.Errorf("%q: no syntax error (%v)", c.in, err)
			continue
		}
		line, _ := errorPos([]byte(c.in), pe.Position, pe.Message) // as decodeTOML
		got := parseMessage([]byte(c.in), line, 0, pe.Message).String()
		if !strings.Contains(got, c.want) {
			t.Errorf("%q: got\n\t%s\nwant it to contain\n\t%s", c.in, got, c.want)
		}
		if strings.Contains(got, pe.Message) || strings.Contains(got, "expected") || strings.Contains(got, "bare key") {
			t.Errorf("%q: the library's words reach the clerk: %s", c.in, got)
		}
	}
}

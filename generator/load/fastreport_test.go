package load

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/loa-vn/loa/generator/diag"
)

var reportDay = time.Date(2023, 11, 4, 0, 0, 0, 0, time.UTC)

// slowReport reads text the full way: BurntSushi/toml, positions, checks.
func slowReport(text string) (*Report, []diag.Diagnostic) {
	var diags diag.List
	f := &source{rel: "content/reports/2023-11-04.toml", diags: &diags}
	m, ok := decodeTOML(f, []byte(text))
	if !ok {
		return nil, diags.All()
	}
	return readReport(f, reportDay, m), diags.All()
}

// sameAsSlow checks the promise of fastReport: when it accepts a text, the
// full path reads the same report and reports nothing.
func sameAsSlow(t *testing.T, text string) (fast bool) {
	t.Helper()
	var diags diag.List
	f := &source{rel: "content/reports/2023-11-04.toml", diags: &diags}
	got, ok := fastReport(f, reportDay, []byte(text))
	if diags.Len() != 0 {
		t.Errorf("fastReport reported %v for %q", diags.All(), text)
	}
	if !ok {
		return false
	}
	want, problems := slowReport(text)
	if len(problems) != 0 {
		t.Errorf("fastReport accepted %q, which the full path reports: %v", text, problems)
		return true
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("fastReport(%q)\n got %+v\nwant %+v", text, got, want)
	}
	return true
}

const typicalReport = `followers = 330
source = "Văn phòng HĐND và UBND quận"
note = ""

[units]
bac-son = 41
dong-hoa = 18
`

func TestFastReportAccepts(t *testing.T) {
	var big strings.Builder
	big.WriteString("# Báo cáo tuần\nfollowers = 454365 # tổng\nsource = \"Văn phòng Ban Chỉ đạo\"\n\n[units]\n")
	for i := range 3000 {
		fmt.Fprintf(&big, "don-vi-%d = %d\n", i+1, i*7%1000)
	}
	for _, text := range []string{
		typicalReport,
		"followers = 0",
		"followers=12\n[units]\n",
		"followers = 1\n[units]", // the file ends with the header: no final line break
		"followers = 12\n\n[units] # các đơn vị\n\n# a comment\n  bac-son\t=\t0   # chưa có\n\tdong-hoa = 9\n",
		"\n\n# nothing yet\nnote = \"tab\there, quotes 'single' and # not a comment\"\nfollowers = 1\n",
		"source = \"\"\nfollowers = 9007199254740991\n",
		"[units]\nfollowers = 3\n", // not this one: followers is a unit here
		big.String(),
	} {
		if !sameAsSlow(t, text) && !strings.HasPrefix(text, "[units]") {
			t.Errorf("fastReport declined %q", text)
		}
	}
}

// TestFastReportDeclines lists texts that the full path must read, most of
// them because they have an error to report with its position.
func TestFastReportDeclines(t *testing.T) {
	for _, text := range []string{
		"",
		"# only a comment\n",
		"[units]\nbac-son = 1\n",                             // no followers
		"followers = 1\nfollowers = 2\n",                     // duplicate
		"followers = 1\n[units]\na = 1\na = 2\n",             // duplicate unit
		"followers = 1\n[units]\n[units]\n",                  // table twice
		"followers = -1\n",                                   // negative
		"followers = +1\n",                                   // sign
		"followers = 1_000\n",                                // underscore
		"followers = 012\n",                                  // leading zero
		"followers = 1.5\n",                                  // float
		"followers = 1e3\n",                                  // float
		"followers = 0x1F\n",                                 // hex
		"followers = 9999999999999999999999\n",               // overflow
		"followers = 9007199254740992\n",                     // above MaxCount
		"followers = \"12\"\n",                               // string
		"followers = 12 garbage\n",                           // syntax
		"followers = \n",                                     // no value
		"followers 12\n",                                     // no '='
		"followers = 1\nsource = 'literal'\n",                // literal string
		"followers = 1\nsource = \"a\\tb\"\n",                // escape
		"followers = 1\nsource = \"\"\"multi\"\"\"\n",        // multi-line string
		"followers = 1\nsource = \"open\n",                   // unclosed
		"followers = 1\nsource = \"a\" \"b\"\n",              // two strings
		"followers = 1\nsource = 12\n",                       // not a string
		"followers = 1\nextra = 1\n",                         // unknown key
		"followers = 1\nunits = {}\n",                        // inline table
		"followers = 1\nunits.bac-son = 1\n",                 // dotted key
		"followers = 1\n\"quoted\" = 1\n",                    // quoted key
		"followers = 1\n[units]\nBac-Son = 1\n",              // not a slug
		"followers = 1\n[units]\nbac_son = 1\n",              // not a slug
		"followers = 1\n[units]\nbac--son = 1\n",             // not a slug
		"followers = 1\n[units]\nbac-son = -4\n",             // negative
		"followers = 1\n[ units ]\nbac-son = 4\n",            // spaced header
		"followers = 1\n[units.more]\n",                      // sub-table
		"followers = 1\n[[units]]\n",                         // array of tables
		"followers = 1\n[other]\n",                           // unknown table
		"followers = 1\n[units] x\n",                         // junk after header
		"followers = 1\n[units\n",                            // unclosed header
		"followers = 1 # bell \x07\n",                        // control character
		"followers = 1\r\n",                                  // CR (normalised away before)
		"bắc-sơn = 1\nfollowers = 1\n",                       // non-ASCII key
		"followers = 1\n[units]\nbac-son = 1\nbac-son.x = 2", // dotted
	} {
		if sameAsSlow(t, text) {
			t.Errorf("fastReport accepted %q", text)
		}
	}
}

// TestFastReportPositions checks that a unit's position is its key's,
// columns counted in characters, as the full path gives them.
func TestFastReportPositions(t *testing.T) {
	text := "followers = 1\n\n[units]\n\t  bac-son = 1\n# x\ndong-hoa=2\n"
	var diags diag.List
	f := &source{rel: "r.toml", diags: &diags}
	r, ok := fastReport(f, reportDay, []byte(text))
	if !ok {
		t.Fatal("declined")
	}
	got := fmt.Sprint(r.PosOf(r.Units[0]), " ", r.PosOf(r.Units[1]))
	if got != "r.toml:4:4 r.toml:6:1" {
		t.Errorf("positions %s", got)
	}
	sameAsSlow(t, text)
}

func FuzzFastReport(f *testing.F) {
	f.Add(typicalReport)
	f.Add("followers = 12\n[units]\na = 1 # x\n")
	f.Add("note = \"x\"\nfollowers = 0\n")
	f.Fuzz(func(t *testing.T, text string) {
		if !utf8.ValidString(text) || strings.ContainsRune(text, '\r') || strings.HasPrefix(text, "\uFEFF") {
			return // normalize refuses or removes them before either path
		}
		sameAsSlow(t, text)
	})
}

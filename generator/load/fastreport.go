package load

import (
	"bytes"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/ctrlchar"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/vi"
)

// fastReport reads a report written the way reports are written: a few
// top-level lines (followers, source, note) and a [units] table of
// "id = count" lines, with blank lines and comments. A national campaign
// has a hundred reports of ten thousand lines each, and decoding them
// through BurntSushi/toml into a map, then scanning them again for
// positions, was most of the time of load.
//
// It accepts only a file that has nothing the full path would report: when
// it returns ok, readReport(decodeTOML(text)) would give the same Report
// and no diagnostic (a test and a fuzz test compare them). Anything else
// (another key, a quoted or dotted key, an escape, a sign, an underscore or
// a leading zero in a number, a duplicate, a bad id, a missing followers)
// gives false, and the caller takes the full path, which reports it with
// its position.
func fastReport(f *source, date time.Time, text []byte) (*Report, bool) {
	if bytes.IndexByte(text, '\r') >= 0 || ctrlchar.IndexBytes(text) >= 0 {
		return nil, false // the full path reports control and direction characters
	}
	// The ids are substrings of one copy of the text: one allocation for
	// the file rather than one for each of its ten thousand ids.
	src := string(text)
	r := &Report{Date: date, File: f.rel, Pos: f.start()}
	var (
		inUnits, hasUnits, hasFollowers, hasSource, hasNote bool
		seen                                                map[string]bool
	)
	line := 0
	for i := 0; i < len(src); {
		line++
		end := i
		for end < len(src) && src[end] != '\n' {
			end++
		}
		l := src[i:end]
		i = end + 1

		j := skipSpace(l, 0)
		switch {
		case j == len(l) || l[j] == '#':
			continue // blank, or only a comment
		case l[j] == '[':
			const header = "[units]"
			if inUnits || len(l) < j+len(header) || l[j:j+len(header)] != header || !restIsEmpty(l, j+len(header)) {
				return nil, false
			}
			inUnits, hasUnits = true, true
			// About one unit a line from here: sized once, never grown.
			// (i is past the end when "[units]" ends the file.)
			lines := strings.Count(src[min(i, len(src)):], "\n") + 1
			seen = make(map[string]bool, lines)
			r.Units = make([]UnitCount, 0, lines)
			continue
		}
		k := j
		for k < len(l) && isBareKeyChar(l[k]) {
			k++
		}
		key := l[j:k]
		k = skipSpace(l, k)
		if key == "" || k == len(l) || l[k] != '=' {
			return nil, false
		}
		k = skipSpace(l, k+1)
		if inUnits {
			n, ok := fastCount(l, k)
			if !ok || !vi.IsSlug(key) || seen[key] {
				return nil, false
			}
			seen[key] = true
			r.Units = append(r.Units, countAt(key, n, line+f.line0, j+1))
			continue
		}
		var ok bool
		switch key {
		case "followers":
			if hasFollowers {
				return nil, false
			}
			hasFollowers = true
			r.Followers, ok = fastCount(l, k)
			r.FollowersPos = diag.Pos{File: f.rel, Line: line + f.line0, Col: k + 1}
		case "source":
			if hasSource {
				return nil, false
			}
			hasSource = true
			r.Source, ok = fastString(l, k)
		case "note":
			if hasNote {
				return nil, false
			}
			hasNote = true
			r.Note, ok = fastString(l, k)
		}
		if !ok {
			return nil, false // another key, or a value the full path must read
		}
	}
	if !hasFollowers {
		return nil, false
	}
	if !hasUnits {
		r.Units = []UnitCount{}
	}
	return r, true
}

// skipSpace returns the index of the first byte of l at or after i that is
// not a space or a tab.
func skipSpace(l string, i int) int {
	for i < len(l) && (l[i] == ' ' || l[i] == '\t') {
		i++
	}
	return i
}

// restIsEmpty reports whether l holds only spaces, tabs and a comment from i.
func restIsEmpty(l string, i int) bool {
	if i > len(l) {
		return false
	}
	i = skipSpace(l, i)
	return i == len(l) || l[i] == '#'
}

func isBareKeyChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
}

// fastCount reads the rest of l from i as a TOML decimal integer that is
// not negative, written without sign, underscores or leading zeros, and
// at most MaxCount.
func fastCount(l string, i int) (int64, bool) {
	start := i
	var n int64
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		n = n*10 + int64(l[i]-'0')
		i++
	}
	digits := i - start
	if digits == 0 || digits > 18 || n > MaxCount || (digits > 1 && l[start] == '0') || !restIsEmpty(l, i) {
		return 0, false
	}
	return n, true
}

// fastString reads the rest of l from i as a TOML basic string without
// escapes. (Control characters were refused for the whole file.)
func fastString(l string, i int) (string, bool) {
	if i >= len(l) || l[i] != '"' || (len(l) >= i+3 && l[i:i+3] == `"""`) {
		return "", false
	}
	start := i + 1
	for i = start; i < len(l) && l[i] != '"'; i++ {
		if l[i] == '\\' {
			return "", false
		}
	}
	if i == len(l) || !restIsEmpty(l, i+1) {
		return "", false
	}
	return l[start:i], true
}

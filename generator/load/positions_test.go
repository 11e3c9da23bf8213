package load

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
)

// at returns "line:col" of the key (or, with a "=" prefix, the value) of
// path in p, or "-" when path was not recorded.
func at(p positions, path string, val bool) string {
	kp, ok := p[path]
	if !ok {
		return "-"
	}
	l := kp.key
	if val {
		l = kp.val
	}
	return fmt.Sprintf("%d:%d", l.line, l.col)
}

func TestScanPositions(t *testing.T) {
	const src = `# a comment with [brackets] and key = "value"
title = "Cùng quan tâm # not a comment" # a comment
base_url = 'https://x.vn/#frag'
"quoted.key" = 1
'lit "key"' = 2
a.b . c = 3
multi = """
first = "not a key"
[not.a.table]
""" # after
lit = '''
x = 1 '''
tricky = """a""""
after_tricky = 1
arr = [
  "phuong", # comment, with a comma
  'phong-x',
  [1, 2],
  { x = 1, y = "}" },
]
to = ["phuong", "phong-x"]
dt = 1979-05-27 07:32:00Z
neg = -1_000

[authority]
name = "Ủy ban"
header = ["ỦY BAN NHÂN DÂN", "QUẬN KIẾN AN"]

[[unit]]
id = "a"

[[unit]]
  id = "b"   # indented
  inline = {target = 5, "x.y" = 6}

[unit.extra]
k = 1

[[unit.sub]]
k = 2

[[unit.sub]]
k = 3

[ "quoted header" . part ]
z = 0
`
	// The scanner runs only on TOML that BurntSushi accepts; make sure
	// this one is.
	var m map[string]any
	if _, err := toml.Decode(src, &m); err != nil {
		t.Fatalf("test source is not TOML: %v", err)
	}
	p, _, _ := scanPositions([]byte(src))
	cases := []struct {
		path string
		val  bool
		want string
	}{
		{"title", false, "2:1"},
		{"title", true, "2:9"},
		{"base_url", true, "3:12"},
		{`"quoted.key"`, false, "4:1"},
		{`"lit \"key\""`, false, "5:1"},
		{"a", false, "6:1"},
		{"a.b", false, "6:3"},
		{"a.b.c", false, "6:7"},
		{"a.b.c", true, "6:11"},
		{"multi", true, "7:9"},
		{"first", false, "-"},
		{"not", false, "-"},
		{"lit", true, "11:7"},
		{"x", false, "-"},
		{"tricky", false, "13:1"},
		{"after_tricky", false, "14:1"},
		{"arr", true, "15:7"},
		{"arr[0]", true, "16:3"},
		{"arr[1]", true, "17:3"},
		{"arr[2]", true, "18:3"},
		{"arr[2][1]", true, "18:7"},
		{"arr[3]", true, "19:3"},
		{"arr[3].x", false, "19:5"},
		{"arr[3].y", true, "19:16"},
		{"arr[4]", false, "-"},
		{"to[0]", true, "21:7"},
		{"to[1]", true, "21:17"},
		{"dt", true, "22:6"},
		{"neg", true, "23:7"},
		{"authority", false, "25:1"},
		{"authority.name", true, "26:8"},
		{"authority.header[1]", true, "27:30"}, // columns count runes, not bytes
		{"unit[0]", false, "29:1"},
		{"unit[0].id", true, "30:6"},
		{"unit[1]", false, "32:1"},
		{"unit[1].id", false, "33:3"},
		{"unit[1].id", true, "33:8"},
		{"unit[1].inline.target", false, "34:13"},
		{`unit[1].inline."x.y"`, true, "34:33"},
		{"unit[1].extra", false, "36:1"},
		{"unit[1].extra.k", false, "37:1"},
		{"unit[1].sub[0]", false, "39:1"},
		{"unit[1].sub[0].k", false, "40:1"},
		{"unit[1].sub[1].k", false, "43:1"},
		{"quoted header", false, "45:3"},
		{"quoted header.part", false, "45:1"},
		{"quoted header.part.z", false, "46:1"},
	}
	for _, c := range cases {
		if got := at(p, c.path, c.val); got != c.want {
			t.Errorf("%s (value %v) at %s, want %s", c.path, c.val, got, c.want)
		}
	}
}

func TestPositionsFallBackToParent(t *testing.T) {
	p, _, _ := scanPositions([]byte("[campaign]\nname = \"x\"\n\n[[unit]]\nid = \"a\"\n"))
	cases := []struct {
		path string
		want lc
	}{
		{"campaign.name", lc{2, 1}},       // present
		{"campaign", lc{1, 1}},            // a header
		{"unit[0]", lc{4, 1}},             // the header of the first [[unit]]
		{"unit[0].id", lc{5, 1}},          // present
		{"campaign.follow_url", lc{1, 1}}, // absent key: its table's header
		{"unit[0].target", lc{4, 1}},      // absent key in [[unit]]
		{"unit[0].aliases[3]", lc{4, 1}},  // absent element of an absent key
		{"unit[0].x.y[0].z", lc{4, 1}},    // several absent levels
		{"campaign.name[0]", lc{2, 1}},    // through a value
		{`unit[0]."a.b"[2]`, lc{4, 1}},    // index after a quoted segment
		{`unit[0]."[x]".y`, lc{4, 1}},     // brackets inside quotes are no index
		{`campaign."q\".r".s`, lc{1, 1}},  // escaped quote inside quotes
		{"audience.share", lc{1, 1}},      // absent table: line 1
		{"unit[7].id", lc{1, 1}},          // no such [[unit]]
		{"nothing", lc{1, 1}},             // absent top-level key
		{"", lc{1, 1}},                    // the top level
	}
	for _, c := range cases {
		if got := p.find(c.path, false); got != c.want {
			t.Errorf("find(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

func TestJoinAndParentPath(t *testing.T) {
	cases := []struct{ parent, key, path string }{
		{"", "title", "title"},
		{"campaign", "follow_url", "campaign.follow_url"},
		{"unit[2]", "target", "unit[2].target"},
		{"units", "bac-son", "units.bac-son"},
		{"", "a.b", `"a.b"`},
		{"x", `say "hi"`, `x."say \"hi\""`},
		{"x", "[y]", `x."[y]"`},
		{"x", "", `x.""`},
		{"x", "Đồng Hòa", "x.Đồng Hòa"},
	}
	for _, c := range cases {
		got := joinKey(c.parent, c.key)
		if got != c.path {
			t.Errorf("joinKey(%q, %q) = %q, want %q", c.parent, c.key, got, c.path)
		}
		if p := parentPath(got); p != c.parent {
			t.Errorf("parentPath(%q) = %q, want %q", got, p, c.parent)
		}
	}
	if p := parentPath(indexPath("unit[1].to", 3)); p != "unit[1].to" {
		t.Errorf("parentPath of an element = %q", p)
	}
}

// TestScanKeysMatchDecoder checks, on a corpus of TOML, that every key the
// decoder sees is found by the scanner under the same path.
func TestScanKeysMatchDecoder(t *testing.T) {
	srcs := []string{
		"a = 1\nb.c = 2\n[d]\ne = 3\n[[f]]\ng = 4\n[[f]]\nh = 5\n[f.i]\nj = 6\n",
		"\"k\\u0065y\" = 1\n'x.y' = 2\n[\"a b\".c]\nd = 3\n",
		"t = {a = 1, b = {c = 2}}\nu = [{x = 1}, {y = 2}]\n",
		"s = \"\"\"\n[fake]\nk = 1\n\"\"\"\nreal = 1\n",
		"s = '''\n'' x = 1 ''\n'''\nreal = 1\n",
		"[units]\nbac-son = 41\ndong-hoa = 18 # đã báo cáo\n\"quán-toan\" = 3\n",
	}
	for _, src := range srcs {
		var m map[string]any
		md, err := toml.Decode(src, &m)
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		p, _, _ := scanPositions([]byte(src))
		for _, k := range md.Keys() {
			path := ""
			for _, seg := range k {
				path = joinKey(path, seg)
			}
			// MetaData does not index arrays of tables: accept any index.
			if _, ok := p[path]; ok {
				continue
			}
			found := false
			for q := range p {
				if stripIndexes(q) == path {
					found = true
					break
				}
			}
			if !found {
				t.Errorf("%q: key %q (path %s) not found; have %v", src, k, path, p)
			}
		}
	}
}

func stripIndexes(path string) string {
	var b strings.Builder
	depth := 0
	for _, r := range path {
		switch {
		case r == '[':
			depth++
		case r == ']':
			depth--
		case depth == 0:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// TestScanNeverHangs feeds the scanner broken and random input: it must end
// and not panic.
func TestScanNeverHangs(t *testing.T) {
	inputs := []string{
		"", "[", "[[", "[[a", "a", "a =", "a = [", "a = {", "a = \"", "a = '''", `a = """`,
		"= 1", "]]]", "a = [1,,2", "a = {b", "a = {b =", "'", "\"", "\"\\", "a.\n", "a = \"\\u12",
		"[a.\"b", "a = 1 2 3 ]]] }}}", "\x00\xff", "a = [[[[[[[[", "{}{}{}", "#",
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []byte("ab=[]{}\"'.,#\n \\1-")
	for range 2000 {
		n := rng.IntN(40)
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		inputs = append(inputs, string(b))
	}
	for _, in := range inputs {
		scanPositions([]byte(in)) // must return
	}
}

package load

import (
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/diag"
)

// Names that Windows keeps for devices (CON, NUL, AUX, PRN, COM1-COM9,
// LPT1-LPT9, in any case, an extension after them too) cannot be files or
// folders there: a site that has one as a file name, or as an id that
// becomes a folder of the output, could not be checked out on Windows.
func TestWindowsReservedNames(t *testing.T) {
	unit := func(id string) string {
		return "name = \"UBND các phường\"\n\n[[unit]]\nid = \"" + id + "\"\nname = \"Thôn Con\"\n"
	}
	directive := "+++\nkind = \"Công văn\"\ndate = 2024-03-01\nsubject = \"Về việc\"\n+++\nNội dung.\n"
	page := "+++\ntitle = \"Trang\"\n+++\nNội dung.\n"
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"unit id", map[string]string{"content/units/phuong.toml": unit("con")},
			`content/units/phuong.toml:4:6: id "con" is a name Windows keeps for a device (CON): its folder could not be made on Windows; choose another, like "con-1"`},
		{"unit id com7", map[string]string{"content/units/phuong.toml": unit("com7")},
			`content/units/phuong.toml:4:6: id "com7" is a name Windows keeps for a device (COM7): its folder could not be made on Windows; choose another, like "com7-1"`},
		{"unit id in capitals", map[string]string{"content/units/phuong.toml": unit("LPT1")},
			`content/units/phuong.toml:4:6: id "LPT1" is a name Windows keeps for a device (LPT1): its folder could not be made on Windows; choose another, like "lpt1-1"`},
		{"alias", map[string]string{"content/units/phuong.toml": phuongToml + "aliases = [\"aux\"]\n"},
			`content/units/phuong.toml:6:12: alias "aux" is a name Windows keeps for a device (AUX): its folder could not be made on Windows; choose another, like "aux-1"`},
		{"group file", map[string]string{"content/units/phuong.toml": absent, "content/units/nul.toml": phuongToml},
			`content/units/nul.toml: the file name is the group id, and "nul" is a name Windows keeps for a device (NUL): the site could not be checked out on Windows; rename the file, like "nul-1.toml"`},
		{"group file in capitals", map[string]string{"content/units/phuong.toml": absent, "content/units/Prn.toml": phuongToml},
			`content/units/Prn.toml: the file name is the group id, and "Prn" is a name Windows keeps for a device (PRN): the site could not be checked out on Windows; rename the file, like "prn-1.toml"`},
		{"directive", map[string]string{"content/directives/com1.md": directive},
			`content/directives/com1.md: the file name is the directive's slug, and "com1" is a name Windows keeps for a device (COM1): the site could not be checked out on Windows; rename the file, like "com1-1.md"`},
		{"directive with a second extension", map[string]string{"content/directives/con.cu.md": directive},
			`content/directives/con.cu.md: the file name is the directive's slug, and "con.cu" is a name Windows keeps for a device (CON): the site could not be checked out on Windows; rename the file, like "con-1.md"`},
		{"page", map[string]string{"content/lpt9.md": page},
			`content/lpt9.md: the file name is the page's slug, and "lpt9" is a name Windows keeps for a device (LPT9): the site could not be checked out on Windows; rename the file, like "lpt9-1.md"`},
		{"page whose slug would be reserved", map[string]string{"content/Aux.md": page},
			`content/Aux.md: the file name is the page's slug, and "Aux" is a name Windows keeps for a device (AUX): the site could not be checked out on Windows; rename the file, like "aux-1.md"`},
		{"theme", map[string]string{"site.toml": strings.Replace(siteToml, "\n\n[authority]", "\ntheme = \"con\"\n\n[authority]", 1)},
			`site.toml:3:9: theme "con" is a name Windows keeps for a device (CON): its folder could not be made on Windows; choose another, like "con-1"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := readSite(t, writeSite(t, tc.files))
			if !slices.Contains(got, tc.want) {
				t.Errorf("diagnostics:\n%s\nwant among them:\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
	// Names that only look like them are fine.
	for _, id := range []string{"com", "com10", "con-cuong", "console", "nul1", "lpt", "auxi"} {
		_, got := readSite(t, writeSite(t, map[string]string{"content/units/phuong.toml": unit(id)}))
		for _, d := range got {
			if strings.Contains(d, "Windows") {
				t.Errorf("%q: %s", id, d)
			}
		}
	}
}

// deepArray is "note = [[[…]]]" n deep; deepInline "note = {a={a=…1}}".
func deepArray(n int) string {
	return "note = " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n"
}

func deepInline(n int) string {
	return "note = " + strings.Repeat("{a=", n) + "1" + strings.Repeat("}", n) + "\n"
}

const nestingMsg = ": nested too deep: arrays, inline tables and dotted keys may be nested 32 deep at most (a site needs 3)"

// TOML nested deeper than MaxNesting is an error at the place where it
// gets too deep, in a report, a unit file, site.toml or front matter. It
// used to take time and memory quadratic in the depth (2.4 GB for an
// 80 KB report), in the positions kept per element and in the TOML
// library itself.
func TestDeepTOML(t *testing.T) {
	directive := func(to string) string {
		return "+++\nkind = \"Công văn\"\ndate = 2024-03-01\nsubject = \"Về việc\"\nto = " + to + "\n+++\nNội dung.\n"
	}
	// The 33rd bracket is the one too deep: "note = " is 7 columns.
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"arrays in a report", map[string]string{"content/reports/2024-01-05.toml": "followers = 1\n" + deepArray(40000)},
			"content/reports/2024-01-05.toml:2:40" + nestingMsg},
		{"a million arrays", map[string]string{"content/reports/2024-01-05.toml": "followers = 1\n" + deepArray(1000000)},
			"content/reports/2024-01-05.toml:2:40" + nestingMsg},
		{"inline tables in a report", map[string]string{"content/reports/2024-01-05.toml": "followers = 1\n" + deepInline(20000)},
			"content/reports/2024-01-05.toml:2:" + strconv.Itoa(8+3*32) + nestingMsg},
		{"arrays in a unit file", map[string]string{"content/units/phuong.toml": phuongToml + "aliases = " + strings.Repeat("[", 50000) + "\n"},
			"content/units/phuong.toml:6:" + strconv.Itoa(11+31) + nestingMsg},
		{"a dotted key in a unit file", map[string]string{"content/units/phuong.toml": phuongToml + strings.Repeat("a.", 40000) + "a = 1\n"},
			"content/units/phuong.toml:6:1" + nestingMsg},
		{"a table header in site.toml", map[string]string{"site.toml": siteToml + "[" + strings.Repeat("a.", 40000) + "a]\n"},
			"site.toml:10:1" + nestingMsg},
		{"front matter of a directive", map[string]string{"content/directives/cv.md": directive(strings.Repeat("[", 30000) + strings.Repeat("]", 30000))},
			"content/directives/cv.md:5:" + strconv.Itoa(6+32) + nestingMsg},
		{"inline tables in front matter", map[string]string{"content/directives/cv.md": directive(strings.Repeat("{a=", 20000))},
			"content/directives/cv.md:5:" + strconv.Itoa(6+3*32) + nestingMsg},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, got := readSite(t, writeSite(t, tc.files))
			if !slices.Contains(got, tc.want) {
				t.Errorf("diagnostics:\n%.2000s\nwant among them:\n%s", strings.Join(got, "\n"), tc.want)
			}
		})
	}
	// As deep as allowed is read, and reported for what it is.
	_, got := readSite(t, writeSite(t, map[string]string{"content/reports/2024-01-05.toml": "followers = 1\n" + deepArray(32)}))
	if want := []string{`content/reports/2024-01-05.toml:2:1: note must be a string, not an array`}; !slices.Equal(got, want) {
		t.Errorf("32 deep: %q, want %q", got, want)
	}
	_, got = readSite(t, writeSite(t, map[string]string{"content/reports/2024-01-05.toml": "followers = 1\n" + deepInline(31)}))
	if want := []string{`content/reports/2024-01-05.toml:2:1: note must be a string, not a table`}; !slices.Equal(got, want) {
		t.Errorf("31 inline tables deep: %q, want %q", got, want)
	}
}

// Reading a deeply nested file costs memory linear in its size, whatever
// the depth: measured on the reading of one file.
func TestDeepTOMLMemory(t *testing.T) {
	for _, text := range []string{deepArray(40000), deepInline(20000), strings.Repeat("a.", 40000) + "a = 1\n"} {
		src := []byte(text)
		read := func() {
			var diags diag.List
			f := &source{rel: "content/reports/2024-01-05.toml", diags: &diags}
			if _, ok := decodeTOML(f, src); ok || !diags.HasErrors() {
				t.Fatalf("%.20s…: read without error", text)
			}
		}
		if allocs := testing.AllocsPerRun(3, read); allocs > 500 {
			t.Errorf("%.20s… (%d bytes): %.0f allocations, want at most 500", text, len(src), allocs)
		}
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		read()
		runtime.ReadMemStats(&after)
		if n := after.TotalAlloc - before.TotalAlloc; n > uint64(4*len(src)+1<<20) {
			t.Errorf("%.20s… (%d bytes): %d bytes allocated, want at most 4 × the file + 1 MB", text, len(src), n)
		}
	}
}

package load

import (
	"slices"
	"strings"
	"testing"
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

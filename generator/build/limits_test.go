package build_test

import (
	"slices"
	"strings"
	"testing"
)

// Two counts of 2^63-1 made a group's total wrap round to a negative
// number, shown as it was. A count above 2^53-1 (the largest whole
// number the open data's readers keep exactly), or a total of the site
// above it, is an error at the line of the count; a count above the
// unit's audience, or followers above population_14plus, a warning.
func TestCountsThatDoNotFit(t *testing.T) {
	site := brokenSite(t, map[string]string{
		"content/reports/2024-03-01.toml": "followers = 7000\n[units]\n" +
			"thon-dong = 9007199254740991\n" + // fits, alone
			"thon-tay = 9007199254740991\n" + // the total of the site does not
			"thon-nam = 9223372036854775807\n", // a count does not
	})
	errs, warns := check(t, site)
	want := []string{
		`content/reports/2024-03-01.toml:4:1: thon-tay: the latest counts of the units add up to more than 9007199254740991, the largest total a site can hold: check this count`,
		`content/reports/2024-03-01.toml:5:12: the count of "thon-nam" is too large (got 9223372036854775807): a count can be at most 9007199254740991`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	for _, w := range []string{
		`content/reports/2024-03-01.toml:1:13: warning: followers (7.000) is more than the population aged 14 and over (population_14plus = 6.000 in site.toml)`,
		`content/reports/2024-03-01.toml:1:1: warning: the units' counts add up to more than the 7.000 followers of the report`,
	} {
		if !slices.Contains(warns, w) {
			t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(warns, "\n"), w)
		}
	}
}

func TestTargetsThatDoNotFit(t *testing.T) {
	site := brokenSite(t, map[string]string{
		"content/units/hoi.toml": "name = \"Các hội\"\norder = 2\n\n[[unit]]\nid = \"hoi-phu-nu\"\nname = \"Hội Phụ nữ\"\n" +
			"target = 9007199254740991\n\n[[unit]]\nid = \"doan-thanh-nien\"\nname = \"Đoàn Thanh niên\"\n" +
			"target = 9007199254740992\naudience = 50\n",
		"content/reports/2024-03-01.toml": "followers = 500\n[units]\ndoan-thanh-nien = 60\n",
	})
	errs, warns := check(t, site)
	want := []string{
		`content/units/hoi.toml:7:10: hoi-phu-nu: the targets of the units add up to more than 9007199254740991, the largest total a site can hold: check this target`,
		`content/units/hoi.toml:12:10: target is too large (got 9007199254740992): a count can be at most 9007199254740991`,
	}
	if !slices.Equal(errs, want) {
		t.Errorf("errors:\n%s\nwant:\n%s", strings.Join(errs, "\n"), strings.Join(want, "\n"))
	}
	w := `content/reports/2024-03-01.toml:3:1: warning: doan-thanh-nien: the count 60 is more than the unit's audience (50, at content/units/hoi.toml:9:1)`
	if !slices.Contains(warns, w) {
		t.Errorf("warnings:\n%s\nwant among them:\n%s", strings.Join(warns, "\n"), w)
	}
}

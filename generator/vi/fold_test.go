package vi

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestFoldNameEqual(t *testing.T) {
	same := [][2]string{
		{"UBND phường Đồng Hòa", "UBND phường Đồng Hoà"},
		{"Thủy Sơn", "Thuỷ Sơn"},
		{"Thủy Sơn", norm.NFD.String("Thuỷ Sơn")},
		{"Trường THCS Trần Phú", "  trường   thcs\ttrần\u00a0phú "},
		{"ĐỒNG HÒA", "đồng hoà"},
		{"Khỏe", "Khoẻ"},
		{"Quý", "Qúy"},
		{"Hòa,", "Hoà,"},
	}
	for _, p := range same {
		if a, b := FoldName(p[0]), FoldName(p[1]); a != b {
			t.Errorf("FoldName(%q) = %q, FoldName(%q) = %q: want equal", p[0], a, p[1], b)
		}
	}
	if got := FoldName("Hòa"); got != "hoà" {
		t.Errorf("FoldName(Hòa) = %q, want %q", got, "hoà")
	}
	if got := FoldName(" a  b "); got != "a b" {
		t.Errorf("FoldName spaces = %q", got)
	}
}

func TestFoldNameDifferent(t *testing.T) {
	differ := [][2]string{
		{"Hòa", "Hóa"},
		{"Sơn", "Son"},
		{"Đồng", "Dong"},
		{"Bắc Sơn", "Bắc Sơn 2"},
		{"Tân", "Tấn"},
	}
	for _, p := range differ {
		if FoldName(p[0]) == FoldName(p[1]) {
			t.Errorf("FoldName(%q) == FoldName(%q) = %q: want different", p[0], p[1], FoldName(p[0]))
		}
	}
}

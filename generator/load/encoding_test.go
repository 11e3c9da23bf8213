package load

import "testing"

// Text that is UTF-8 is never given another encoding's name, whatever it
// holds; bytes that match no encoding are left to the plain message.
func TestEncodingNameNoFalseAlarm(t *testing.T) {
	for _, s := range []string{
		"name = \"UBND phường Đồng Hòa\"\n",
		"note = \"Số liệu ước tính; Trường Mầm non Văn Đẩu chưa báo cáo.\"\n",
		"a = 1\x00\nb = 2\n",            // one NUL: a control character, reported by TOML
		"name = \"Ph\xf0\xb0\xfbng\"\n", // neither TCVN3 nor Windows-1258 letters
	} {
		if got := encodingName([]byte(s)); got != "" {
			t.Errorf("%q: named %q", s, got)
		}
	}
	for s, want := range map[string]string{
		"\xff\xfen\x00a\x00m\x00e\x00":                "UTF-16 (Notepad calls it \"Unicode\")",
		"n\x00a\x00m\x00e\x00 \x00=\x00":              "UTF-16 (Notepad calls it \"Unicode\")",
		"name = \"Ph\xad\xeang \xa7\xe5ng H\xdfa\"\n": tcvn3,
		"name = \"UBND c\xe1c ph\xf0\xf4\xf2ng\"\n":   "Windows-1258",
	} {
		if got := encodingName([]byte(s)); got != want {
			t.Errorf("%q: named %q, want %q", s, got, want)
		}
	}
}

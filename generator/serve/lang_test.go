package serve

import (
	"strings"
	"testing"
)

// TestErrorPageInTheSiteLanguage: the error page and the log speak the
// site's language (Vietnamese when site.toml says none), follow
// site.toml's language when it changes, and keep file:line:col.
func TestErrorPageInTheSiteLanguage(t *testing.T) {
	p := startPreviewIn(t, "", "testdata/site")
	good := p.read("content/units/phuong.toml")
	p.write("content/units/phuong.toml", strings.Replace(good, "target = 500", `target = "abc"`, 1))
	body := p.waitPage("", 500, "Trang có 1 lỗi")
	for _, want := range []string{
		`<html lang="vi">`,
		"<title>1 lỗi · Loa</title>",
		"Sửa các tệp dưới đây rồi lưu lại: trang này sẽ tự tải lại.",
		"content/units/phuong.toml:6:1: target phải là số nguyên, không phải một chuỗi chữ",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the Vietnamese error page lacks %q:\n%s", want, body)
		}
	}
	waitFor(t, "the log in Vietnamese", func() bool {
		return strings.Contains(p.log.String(), "content/units/phuong.toml:6:1: target phải là số nguyên") && strings.Contains(p.log.String(), "1 lỗi")
	})

	site := p.read("site.toml")
	p.write("site.toml", "language = \"en\"\n"+site)
	body = p.waitPage("", 500, "The site has 1 error")
	for _, want := range []string{
		`<html lang="en">`,
		"Fix the files below and save: this page reloads by itself.",
		"content/units/phuong.toml:6:1: target must be a whole number, not a string",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("the English error page lacks %q:\n%s", want, body)
		}
	}
}

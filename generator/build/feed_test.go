package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/feeds"
	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// TestFeedSummariesFromTheRender: the feed a build writes takes its
// summaries from the render's parses of the bodies; it must be byte for
// byte the feed made by parsing each body again (feeds.Feed without
// them), text directives in a first paragraph included (their label, not
// their figure: the feed is made of the bodies alone).
func TestFeedSummariesFromTheRender(t *testing.T) {
	dir := exampleCopy(t)
	sitetest.Write(t, dir, map[string]string{"content/directives/thong-bao-so-lieu.md": `+++
kind = "Thông báo"
number = "12/TB-UBND"
date = 2023-11-06
subject = "Số liệu quan tâm tài khoản"
to = ["phuong"]
sign = ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
signer = "Nguyễn Văn A"
+++

Đến nay đã có :stat[followers] người quan tâm, đạt **:stat[reach]** &amp; hơn
thế nữa; xem [trang tiến độ](/tien-do/).

Đoạn thứ hai.
`})
	out := buildSite(t, dir)
	got, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(feeds.FeedPath)))
	if err != nil {
		t.Fatal(err)
	}
	var diags diag.List
	c := build.Model(build.Options{Site: dir}, &diags)
	if want := feeds.Feed(c, nil); string(got) != string(want) {
		t.Errorf("the feed built differs from the feed of the bodies parsed again:\n%s\nwant\n%s", got, want)
	}
	if !strings.Contains(string(got), "<summary>Đến nay đã có followers người quan tâm, đạt reach &amp; hơn thế nữa; xem trang tiến độ.</summary>") {
		t.Errorf("the new directive's summary is not its first paragraph, directives as labels:\n%s", got)
	}
}

package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/internal/sitetest"
)

// brokenExampleSite is a copy of the example site whose first report
// misspells bac-son, a mistake a clerk makes.
func brokenExampleSite(t *testing.T) (dir, report string) {
	t.Helper()
	dir = exampleSite(t)
	report = filepath.Join(dir, "content", "reports", "2023-10-13.toml")
	b, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	broken := strings.Replace(string(b), "\nbac-son = 4\n", "\nbac-sn = 4\n", 1)
	if broken == string(b) {
		t.Fatal("the example report no longer lists bac-son = 4")
	}
	if err := os.WriteFile(report, []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir, report
}

// setLanguage replaces site.toml's language line.
func setLanguage(t *testing.T, dir, lang string) {
	t.Helper()
	p := filepath.Join(dir, "site.toml")
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`(?m)^language = .*$`)
	if !re.Match(b) {
		t.Fatal("the example site.toml has no language line")
	}
	os.WriteFile(p, re.ReplaceAll(b, []byte(`language = "`+lang+`"`)), 0o644)
}

// TestMessagesInTheSiteLanguage checks the same broken site in
// Vietnamese (the example site's language), with --lang en, and with
// site.toml's language = "en" (and --lang vi over it). The position stays
// file:line:col: in every language.
func TestMessagesInTheSiteLanguage(t *testing.T) {
	dir, _ := brokenExampleSite(t)
	const (
		pos = "content/reports/2023-10-13.toml:10:1: "
		vi  = pos + `không tìm thấy đơn vị "bac-sn" (có phải là "bac-son"?)`
		en  = pos + `unknown unit "bac-sn" (did you mean "bac-son"?)`
	)
	check := func(want, summary string, args ...string) {
		t.Helper()
		code, out, errs := runRaw(args...)
		if code != 1 || !strings.Contains(errs, want) || !strings.Contains(errs, summary) {
			t.Errorf("loa %v: exit %d\n%s%s\nwant %q and %q", args, code, out, errs, want, summary)
		}
	}
	for _, cmd := range []string{"check", "build"} {
		check(vi, "loa: 1 lỗi, chưa xuất bản gì", cmd, "-s", dir)
		check(en, "loa: 1 error(s), nothing published", cmd, "-s", dir, "--lang", "en")
		check(en, "loa: 1 error(s), nothing published", "--lang=en", cmd, "-s", dir)
	}
	setLanguage(t, dir, "en")
	check(en, "loa: 1 error(s), nothing published", "check", "-s", dir)
	check(vi, "loa: 1 lỗi, chưa xuất bản gì", "check", "-s", dir, "--lang", "vi")

	// A clean site's summary, its numbers written the Vietnamese way.
	setLanguage(t, dir, "vi")
	if code, out, errs := runRaw("check", "-s", "build/testdata/xa-thu"); code != 0 || out != "kiểm tra xong: không có lỗi, 2 cảnh báo\n" ||
		!strings.Contains(errs, ": cảnh báo: ") {
		t.Errorf("check xa-thu: exit %d\n%s%s", code, out, errs)
	}
	if code, out, errs := runRaw("build", "-s", "build/testdata/xa-thu", "-o", filepath.Join(t.TempDir(), "p"), "--no-cache"); code != 0 ||
		!regexp.MustCompile(`^đã dựng \d+ tệp \(\d+,\d MB\) vào .* trong .*, 2 cảnh báo\n`).MatchString(out) {
		t.Errorf("build xa-thu: exit %d\n%s%s", code, out, errs)
	}
	if code, _, errs := runRaw("check", "-s", dir, "--lang", "fr"); code != 2 || !strings.Contains(errs, `loa: --lang "fr": Loa chỉ có en (tiếng Anh) và vi (tiếng Việt)`) {
		t.Errorf("--lang fr: exit %d\n%s", code, errs)
	}
}

// TestHelpInBothLanguages reads --help, a command's -h and a flag error in
// Vietnamese and in English.
func TestHelpInBothLanguages(t *testing.T) {
	dir := exampleSite(t) // language = "vi"
	for _, c := range []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"--help"}, 0, []string{"Cách dùng:\n  go run ./generator <lệnh> [tham số]", "Các lệnh:", "Mã thoát: 0 thành công"}},
		{[]string{"--lang", "en", "--help"}, 0, []string{"Usage:\n  go run ./generator <command> [flags]", "Exit status: 0 success"}},
		{[]string{"build", "-h"}, 0, []string{"Cách dùng: go run ./generator build [-s DIR]", "thư mục trang DIR: thư mục chứa site.toml (mặc định \".\")", "-lang language"}},
		{[]string{"build", "-h", "--lang", "en"}, 0, []string{"Usage: go run ./generator build [-s DIR]", "the site DIR: the folder holding site.toml (default \".\")"}},
		{[]string{"build", "-s", dir, "--nope"}, 2, []string{"loa build: không có tham số -nope\nCách dùng: go run ./generator build"}},
		{[]string{"build", "-s", dir, "--nope", "--lang", "en"}, 2, []string{"loa build: flag provided but not defined: -nope\nUsage: go run ./generator build"}},
		{[]string{"report", "import", "-s", dir, "--date", "2023-11-11", "--followers", "-1", "x.csv"}, 2, []string{`loa report import: giá trị "-1" của -followers không hợp lệ: một số nguyên người quan tâm, từ 0 trở lên`}},
		{[]string{"new", "--help"}, 0, []string{"Cách dùng:\n  go run ./generator new report", "Không lệnh nào ghi đè tệp đã có."}},
		{[]string{"report", "--help", "--lang", "en"}, 0, []string{"Usage:\n  go run ./generator report form"}},
		{[]string{"frob"}, 2, []string{`loa: không có lệnh "frob"`, "Cách dùng:"}},
	} {
		code, out, errs := runRaw(c.args...)
		for _, w := range c.want {
			if code != c.code || !strings.Contains(out+errs, w) {
				t.Errorf("loa %v: exit %d, want %d; output lacks %q:\n%s%s", c.args, code, c.code, w, out, errs)
			}
		}
	}
}

// TestProgramName: the usage names the program as it was run.
func TestProgramName(t *testing.T) {
	for arg0, want := range map[string]string{
		"/tmp/go-build2914/b001/exe/generator": "go run ./generator",
		"/usr/local/bin/loa":                   "loa",
		"./loa":                                "loa",
		`C:\Users\a\loa.exe`:                   `C:\Users\a\loa.exe`, // on Linux a backslash is a letter
	} {
		if got := progName(arg0); got != want && !(strings.Contains(arg0, `\`) && got == filepath.Base(arg0)) {
			t.Errorf("progName(%q) = %q, want %q", arg0, got, want)
		}
	}
}

// runRaw runs loa with args as given (no --lang added).
func runRaw(args ...string) (int, string, string) {
	var out, errs strings.Builder
	code := run(args, &out, &errs)
	return code, out.String(), errs.String()
}

// TestReportSummaryInVietnamese: report form and report import speak the
// site's language, counts written the Vietnamese way.
func TestReportSummaryInVietnamese(t *testing.T) {
	dir := exampleSite(t)
	tmp := t.TempDir()
	code, out, errs := runRaw("report", "form", "-s", dir, "--date", "2023-11-11", "--group", "phuong", "-o", filepath.Join(tmp, "mau.xlsx"))
	if code != 0 || !strings.Contains(out, ": 10 đơn vị, cần điền và gửi lại cho báo cáo ngày 2023-11-11\n") {
		t.Errorf("report form: exit %d\n%s%s", code, out, errs)
	}
	csv := filepath.Join(tmp, "bac-son.csv")
	os.WriteFile(csv, []byte("Đơn vị,Kỳ này\nUBND phường Bắc Sơn,50\n"), 0o644)
	code, out, errs = runRaw("report", "import", "-s", dir, "--date", "2023-11-11", "--followers", "1.420", "--dry-run", csv)
	for _, want := range []string{
		"báo cáo ngày 11/11/2023: content/reports/2023-11-11.toml (mới)\n",
		"người quan tâm: 1.420 (báo cáo trước,",
		"1 đơn vị khớp trong 1 tệp:\n",
		"đơn vị chưa báo cáo:\n",
		"chạy thử: không ghi gì\n",
	} {
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("report import: exit %d, output lacks %q\n%s%s", code, want, out, errs)
		}
	}
}

// TestUpToDateWarningsInEitherLanguage: a build with nothing to do prints
// the warnings of the last build again, kept in the cache with their
// arguments, in the language of this run.
func TestUpToDateWarningsInEitherLanguage(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, "build/testdata/xa-thu", dir)
	out := filepath.Join(t.TempDir(), "public")
	code, first, errs := runRaw("build", "-s", dir, "-o", out)
	if code != 0 || !strings.HasPrefix(first, "đã dựng ") {
		t.Fatalf("first build: exit %d\n%s%s", code, first, errs)
	}
	warnings := errs
	code, second, errs := runRaw("build", "-s", dir, "-o", out)
	if code != 0 || !strings.HasPrefix(second, "đã là bản mới nhất: ") || errs != warnings {
		t.Errorf("second build: exit %d\n%s%s\nwant the warnings\n%s", code, second, errs, warnings)
	}
	code, third, errs := runRaw("build", "-s", dir, "-o", out, "--lang", "en")
	if code != 0 || !strings.HasPrefix(third, "up to date: ") || !strings.Contains(errs, ": warning: ") || strings.Contains(errs, "cảnh báo") {
		t.Errorf("build --lang en: exit %d\n%s%s", code, third, errs)
	}
}

// TestMainMessagesInVietnamese: messages that came with main's checks
// (base URLs, notes, drafts) follow the site's language like the rest: a
// refused --base-url, and a build's note on its drafts, in Vietnamese
// unless --lang en.
func TestMainMessagesInVietnamese(t *testing.T) {
	dir := t.TempDir()
	sitetest.Copy(t, "build/testdata/xa-thu", dir)
	out := filepath.Join(t.TempDir(), "public")
	code, _, errs := runRaw("build", "-s", dir, "-o", out, "--base-url", "https://user@h.example.vn/")
	want := `loa build: --base-url không được chứa tên đăng nhập hay mật khẩu (giá trị hiện tại "https://user@h.example.vn/"): chúng sẽ bị in vào mọi mã QR và liên kết; hãy ghi "https://h.example.vn/"`
	if code != 2 || !strings.Contains(errs, want) {
		t.Errorf("--base-url with a user: exit %d, want 2 and %q in\n%s", code, want, errs)
	}
	code, _, errs = runRaw("build", "-s", dir, "-o", out)
	want = "ghi chú: 1 bản nháp chưa được dựng (1 văn bản chỉ đạo, có draft = true): dùng --drafts để dựng cả bản nháp"
	if code != 0 || !strings.Contains(errs, want) || strings.Contains(errs, "note:") {
		t.Errorf("build: exit %d, want %q in\n%s", code, want, errs)
	}
	code, _, errs = runRaw("build", "-s", dir, "-o", out, "--lang", "en")
	want = "note: 1 draft was not built (1 directive, marked draft = true): --drafts builds them too"
	if code != 0 || !strings.Contains(errs, want) {
		t.Errorf("build --lang en: exit %d, want %q in\n%s", code, want, errs)
	}
}

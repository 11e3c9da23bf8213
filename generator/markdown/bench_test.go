package markdown

import (
	"io"
	"strings"
	"testing"
	"unicode"
)

// benchDoc is a Vietnamese directive of about 600 words with headings,
// lists, a table and three directives.
var benchDoc = `# Kế hoạch tăng cường tuyên truyền trang Zalo OA của quận

Thực hiện chỉ đạo của Ủy ban nhân dân thành phố về chuyển đổi số, Ủy ban nhân dân quận Kiến An ban hành kế hoạch tăng cường tuyên truyền, hướng dẫn người dân quan tâm trang Zalo Official Account của quận, với các nội dung cụ thể như sau.

## I. Mục đích, yêu cầu

1. Nâng cao nhận thức của cán bộ, công chức, viên chức và người dân về vai trò của trang thông tin chính thức trên nền tảng Zalo trong việc cung cấp thông tin, tiếp nhận phản ánh, kiến nghị.
2. Phấn đấu đến hết năm có ít nhất tám mươi hai nghìn năm trăm người quan tâm trang, bảo đảm mỗi hộ gia đình có ít nhất một thành viên theo dõi.
3. Việc triển khai phải thực chất, hiệu quả, tránh hình thức; kết quả được tổng hợp, báo cáo định kỳ hằng tuần.

Đến nay, chiến dịch đã đạt :stat[tỷ lệ]{name="reach"} số người dân có điện thoại thông minh trên địa bàn.

## II. Nhiệm vụ cụ thể

### 1. Các phòng, ban chuyên môn

- Phổ biến đến toàn thể cán bộ, công chức, người lao động của đơn vị cài đặt ứng dụng và quan tâm trang.
- Cung cấp thông tin thuộc lĩnh vực quản lý để đăng tải trên trang, bảo đảm chính xác, kịp thời.

### 2. Ủy ban nhân dân các phường

- Chỉ đạo Tổ công nghệ số cộng đồng đến từng hộ gia đình hướng dẫn người dân theo dõi trang.
- In và niêm yết mã QR tại bộ phận một cửa, nhà văn hóa tổ dân phố và các điểm sinh hoạt cộng đồng.
- Tổng hợp số người quan tâm theo từng tổ dân phố, báo cáo về Văn phòng trước mười sáu giờ thứ Sáu hằng tuần.

::qr{unit="bac-son"}

### 3. Các trường học trên địa bàn

- Thông báo đến phụ huynh học sinh qua các nhóm lớp, đề nghị phụ huynh quan tâm trang để nhận thông tin về tuyển sinh, lịch nghỉ học và các thông báo khẩn.
- Giáo viên chủ nhiệm hướng dẫn trực tiếp trong các buổi họp phụ huynh đầu năm học.

## III. Tiến độ thực hiện

Bảng dưới đây tổng hợp số liệu của một số đơn vị tại kỳ báo cáo gần nhất. Số liệu được cập nhật tự động sau mỗi lần các đơn vị gửi báo cáo.

| Đơn vị | Chỉ tiêu | Đã đạt | Tỷ lệ |
| --- | ---: | ---: | ---: |
| UBND phường Bắc Sơn | 8.200 | 41 | 0,5% |
| UBND phường Đồng Hòa | 7.600 | 18 | 0,2% |
| UBND phường Nam Sơn | 6.900 | 25 | 0,4% |
| UBND phường Trần Thành Ngọ | 5.400 | 12 | 0,2% |
| Trường THCS Trần Phú | 1.200 | 96 | 8,0% |

::progress{group="phuong"}

Các đơn vị có tỷ lệ thấp cần rà soát nguyên nhân, đề xuất giải pháp và báo cáo bằng văn bản. Những khó khăn, vướng mắc vượt thẩm quyền được tổng hợp, báo cáo Chủ tịch Ủy ban nhân dân quận xem xét, chỉ đạo.

## IV. Tổ chức thực hiện

Văn phòng Hội đồng nhân dân và Ủy ban nhân dân quận là cơ quan thường trực, có trách nhiệm theo dõi, đôn đốc các đơn vị triển khai kế hoạch; phối hợp với Trung tâm Văn hóa, Thông tin và Thể thao quận xây dựng nội dung tuyên truyền phù hợp với từng nhóm đối tượng.

Xem thêm [hướng dẫn chi tiết](/huong-dan/) và [số liệu mở](/du-lieu/tien-do.json).

Yêu cầu Thủ trưởng các cơ quan, đơn vị, Chủ tịch Ủy ban nhân dân các phường nghiêm túc triển khai thực hiện, bảo đảm đúng tiến độ, đạt hiệu quả cao; coi đây là một trong những tiêu chí đánh giá mức độ hoàn thành nhiệm vụ năm của tập thể và cá nhân người đứng đầu.
`

func TestBenchDoc(t *testing.T) {
	words := 0
	for _, w := range strings.Fields(benchDoc) {
		if strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			words++
		}
	}
	if n := words; n < 550 || n > 650 {
		t.Errorf("benchmark document has %d words, want about 600", n)
	}
	h := &fakeHandler{}
	out, doc, diags := convert(t, Options{Handler: h}, benchDoc)
	if diags.Len() != 0 || len(doc.Directives()) != 3 || !strings.Contains(out, "<table>") {
		t.Errorf("diagnostics %v, directives %v", diagStrings(diags), doc.Directives())
	}
}

func BenchmarkParseRender(b *testing.B) {
	c := New(Options{Handler: acceptAll})
	src := []byte(benchDoc)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		doc := c.Parse(src, "van-ban.md", 12, nil)
		if err := doc.Render(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

// upTo repeats s until the text is about n bytes.
func upTo(s string, n int) string { return strings.Repeat(s, max(1, n/len(s))) }

// BenchmarkDeepMarkdown parses texts of 1 MB nested as deep as they go:
// refused ones (deeper than MaxNesting) and the deepest allowed, which
// goldmark parses whole. Issue 11 asks for under 2 s for any of them.
func BenchmarkDeepMarkdown(b *testing.B) {
	const size = 1 << 20
	list := deepList(1000)
	for _, c := range []struct{ name, text string }{
		{"refused/quotes", strings.Repeat(">", size)},
		{"refused/list", list + upTo("văn bản\n", size-len(list))},
		{"refused/dashes", upTo("- ", size)},
		{"allowed/quotes", upTo(strings.Repeat("> ", MaxNesting)+"trích dẫn\n", size)},
		{"allowed/list", upTo(deepList(MaxNesting)+"\n", size)},
		{"allowed/quotes-and-lists", upTo(strings.Repeat("> - ", MaxNesting/2)+"mục\n", size)},
	} {
		b.Run(c.name, func(b *testing.B) {
			src := []byte(c.text)
			conv := New(Options{})
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				conv.Parse(src, "content/trang.md", 1, nil)
			}
		})
	}
}

// pathologicalInline are texts of about 1 MB made to cost goldmark's
// inline parser the most: runs of delimiters, links and code that never
// close, in one paragraph or in many.
func pathologicalInline(size int) []struct{ name, text string } {
	return []struct{ name, text string }{
		{"star-underscore", upTo("*a_", size)},
		{"link-open", upTo("[a](", size)},
		{"brackets", strings.Repeat("[", size)},
		{"close-brackets", strings.Repeat("]", size)},
		{"bracket-pairs", upTo("[a]", size)},
		{"image-open", upTo("![a", size)},
		{"stars", strings.Repeat("*", size)},
		{"star-a", upTo("*a ", size)},
		{"underscores", upTo("_a ", size)},
		{"tildes", upTo("~a ", size)},
		{"tilde-pairs", upTo("~~a ", size)},
		{"backticks", upTo("`a ``b ", size)},
		{"backtick-runs", upTo("`", size)},
		{"autolinks", upTo("<a ", size)},
		{"autolink-open", upTo("<http://a ", size)},
		{"entities", upTo("&a ", size)},
		{"entities-ok", upTo("&amp; ", size)},
		{"raw-html-open", upTo("<a href=\"", size)},
		{"directive-open", upTo(":a[", size)},
		{"directive-attrs", upTo(":a{", size)},
		{"pipes", strings.Repeat("|", size)},
		{"table-cells", "| a |\n| - |\n" + upTo("|"+strings.Repeat(" a |", 200)+"\n", size)},
		{"wide-table", "|" + strings.Repeat(" a |", size/4) + "\n|" + strings.Repeat(" - |", size/4) + "\n"},
		{"allowed/star-underscore", upTo(strings.Repeat("*a_", MaxInlineMarks/2)+"\n\n", size)},
		{"allowed/links", upTo(strings.Repeat("[a](", MaxInlineMarks/2)+"\n\n", size)},
		{"allowed/directives-long-line", strings.Repeat(":a[", MaxInlineMarks) + upTo(" văn bản", size)},
		{"allowed/links-long-line", strings.Repeat("[a](", MaxInlineMarks/2) + upTo(" văn bản", size)},
		{"allowed/star-underscore-long-line", strings.Repeat("*a_", MaxInlineMarks/2) + upTo(" văn bản", size)},
		{"allowed/table-rows", "| a | b |\n| - | - |\n" + upTo("| "+strings.Repeat("*a_", MaxInlineMarks/2)+" | b |\n", size)},
		{"delimiters-1000", upTo(strings.Repeat("*a_ ", 250)+"\n\n", size)},
		{"links-1000", upTo(strings.Repeat("[a](", 250)+"\n\n", size)},
		{"emphasis-1000", upTo(strings.Repeat("**a** ", 170)+"\n\n", size)},
		{"ref-defs", upTo("[a]: /b\n", size)},
		{"ref-uses", "[a]: /b\n\n" + upTo("[a] ", size)},
	}
}

// BenchmarkPathologicalInline parses and renders each text of
// pathologicalInline. Issue 11 asks for under 2 s for any of them.
func BenchmarkPathologicalInline(b *testing.B) {
	for _, c := range pathologicalInline(1 << 20) {
		b.Run(c.name, func(b *testing.B) {
			src := []byte(c.text)
			conv := New(Options{Handler: acceptAll})
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				doc := conv.Parse(src, "content/trang.md", 1, nil)
				if err := doc.Render(io.Discard); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

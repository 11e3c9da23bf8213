package synth

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/generator/vi"
)

// Syllables of place names, with their diacritics (NFC as typed).
var places = strings.Fields(`An Bắc Bình Cát Châu Chiến Đại Điền Định Đông Đồng Đức Giang Hà
Hải Hạnh Hiệp Hòa Hồng Hưng Hương Hữu Khánh Kim Lạc Lâm Lập Liên Linh Lộc Long Lợi Lương
Minh Mỹ Nam Nghĩa Ngọc Nhân Nhơn Phong Phú Phúc Phước Quang Quảng Quế Sơn Tân Tây Thạch
Thái Thanh Thạnh Thành Thắng Thịnh Thọ Thới Thuận Thủy Tiến Toàn Trà Trung Trường Tường
Văn Vân Việt Vinh Vĩnh Xuân Yên Ân Bảo Cẩm Diễn Dương Gia Hậu Khê Lĩnh Mường Ninh Quỳnh`)

// placeName draws a two-syllable name, now and then three.
func placeName(r *rand.Rand) string {
	n := 2
	if r.IntN(8) == 0 {
		n = 3
	}
	parts := make([]string, n)
	for i := range parts {
		parts[i] = places[r.IntN(len(places))]
	}
	return strings.Join(parts, " ")
}

var (
	familyNames = strings.Fields("Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi Đỗ Hồ Ngô Dương Lý Phan Trịnh")
	middleNames = strings.Fields("Văn Thị Đức Minh Thanh Quốc Hữu Ngọc Xuân Thu Hoài Công")
	givenNames  = strings.Fields("An Bình Cường Dũng Giang Hà Hải Hùng Hương Lan Long Mai Nam Phong Quân Sơn Thảo Trung Tuấn Vy Yến Khoa Đạt")
)

func personName(r *rand.Rand) string {
	return pick(r, familyNames) + " " + pick(r, middleNames) + " " + pick(r, givenNames)
}

// Words of administrative Vietnamese; a word here may have several
// syllables, and each syllable counts as a word of the body.
var vocabulary = strings.Split(`tuyên truyền|vận động|người dân|cán bộ|công chức|viên chức|đoàn viên|thanh niên|hội viên|quan tâm|theo dõi|trang Zalo OA|mã QR|chuyển đổi số|dịch vụ công trực tuyến|thủ tục hành chính|bộ phận một cửa|tổ công nghệ số cộng đồng|địa bàn|kịp thời|hiệu quả|thông tin|chính quyền|ứng dụng|điện thoại thông minh|tài khoản định danh điện tử|kết quả|thực hiện|triển khai|đôn đốc|kiểm tra|tổng hợp|báo cáo|định kỳ|hằng tuần|chỉ tiêu|nhiệm vụ|giải pháp|phối hợp|chủ động|nghiêm túc|đầy đủ|trách nhiệm|người đứng đầu|cơ quan|đơn vị|địa phương|tổ dân phố|thôn|bản|khu dân cư|nhà văn hóa|áp phích|hướng dẫn|hỗ trợ|cài đặt|sử dụng|tiện ích|phản ánh|kiến nghị|tăng cường|nâng cao|bảo đảm|rộng rãi|toàn thể|kế hoạch|chương trình|Đề án 06|giai đoạn|tiến độ|tỷ lệ|so với|còn thấp|đạt|vượt|chưa đạt|yêu cầu|đề nghị|giao|trước|trong|và|của|tới|các|để|với|theo|đến|những|đã|sẽ|cần|phải|được|cho|trên|về|tại|từ|doanh nghiệp|hộ gia đình|học sinh|phụ huynh|giáo viên|trường học|trạm y tế|ngân hàng|bưu điện|người cao tuổi|chợ|điểm sinh hoạt cộng đồng|Mặt trận Tổ quốc|Hội Liên hiệp Phụ nữ|Hội Nông dân|Hội Cựu chiến binh|tin nhắn|thông báo|văn bản|lịch tiếp công dân|cảnh báo|thiên tai|mùa mưa bão|an toàn|lừa đảo trực tuyến|đường dây nóng|khen thưởng|nhắc nhở|kiểm điểm|cuối năm|quý|tháng|năm 2024|năm 2025`, "|")

func pick(r *rand.Rand, words []string) string { return words[r.IntN(len(words))] }

// writer writes Markdown, counting the words of the body.
type writer struct {
	r     *rand.Rand
	b     *bytes.Buffer
	words int
}

// phrase writes n or a few more words drawn from the vocabulary.
func (w *writer) phrase(n int) string {
	var s strings.Builder
	for k := 0; k < n; {
		if s.Len() > 0 {
			s.WriteByte(' ')
		}
		v := pick(w.r, vocabulary)
		s.WriteString(v)
		k += strings.Count(v, " ") + 1
	}
	return s.String()
}

func capitalize(s string) string {
	c, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(c)) + s[size:]
}

func (w *writer) text(s string) {
	w.b.WriteString(s)
	w.words += len(strings.Fields(s))
}

// sentence writes one sentence, sometimes with a comma or a bold phrase.
func (w *writer) sentence() {
	s := capitalize(w.phrase(8 + w.r.IntN(14)))
	if w.r.IntN(3) == 0 {
		s += ", " + w.phrase(3+w.r.IntN(6))
	}
	if w.r.IntN(5) == 0 {
		s += " **" + w.phrase(2) + "**"
	}
	w.text(s + ".")
}

func (w *writer) paragraph() {
	for i, n := 0, 2+w.r.IntN(3); i < n; i++ {
		if i > 0 {
			w.b.WriteByte(' ')
		}
		w.sentence()
	}
	w.b.WriteString("\n\n")
}

func (w *writer) heading(level int, s string) {
	w.b.WriteString(strings.Repeat("#", level) + " ")
	w.text(s)
	w.b.WriteString("\n\n")
}

func (w *writer) list(ordered bool) {
	for i, n := 0, 3+w.r.IntN(3); i < n; i++ {
		if ordered {
			fmt.Fprintf(w.b, "%d. ", i+1)
		} else {
			w.b.WriteString("- ")
		}
		w.text(capitalize(w.phrase(6+w.r.IntN(12))) + ";")
		w.b.WriteByte('\n')
	}
	w.b.WriteByte('\n')
}

// table writes a GFM table of results, one row per name.
func (w *writer) table(names []string) {
	w.text("| STT | Đơn vị | Chỉ tiêu | Đã thực hiện | Tỷ lệ |")
	w.b.WriteString("\n| ---: | --- | ---: | ---: | ---: |\n")
	for i, name := range names {
		target := int64(1+w.r.IntN(120)) * 100
		done := target * int64(w.r.IntN(1200)) / 1000
		w.text(fmt.Sprintf("| %d | %s | %s | %s | %s |", i+1, name, vi.Int(target), vi.Int(done),
			vi.Percent(float64(done)/float64(target), 1)))
		w.b.WriteByte('\n')
	}
	w.b.WriteByte('\n')
}

// body writes about words words in the shape of an administrative plan:
// sections with headings, lists and a table of results; live lines (the
// site's Markdown directives, each alone on its line) go after the table.
func (w *writer) body(words int, names []string, live []string) {
	w.paragraph()
	w.heading(2, "I. Mục đích, yêu cầu")
	w.paragraph()
	w.list(false)
	w.heading(2, "II. Nội dung thực hiện")
	w.list(true)
	w.paragraph()
	w.heading(3, "Kết quả đến nay")
	w.table(names)
	for _, l := range live {
		w.b.WriteString(l + "\n\n")
	}
	w.heading(2, "III. Tổ chức thực hiện")
	for w.words < words {
		w.paragraph()
	}
}

var kinds = []struct{ kind, number, prefix string }{
	{"Công văn", "UBND-VP", "Về việc"},
	{"Kế hoạch", "KH-BCĐ", "Triển khai"},
	{"Thông báo", "TB-BCĐ", "Kết luận về"},
}

// directive returns the slug and the text of directive i.
func (m *model) directive(i int) (string, []byte) {
	r := newRand(m.cfg.Seed, streamDirectives, i)
	k := kinds[i%len(kinds)]
	slug := fmt.Sprintf("%s-%04d", vi.Slug(k.kind), i+1)
	// Spread over the campaign, about one a day.
	date := Start.AddDate(0, 0, i*max(7*m.cfg.Reports, 1)/max(m.cfg.Directives, 1))
	var b bytes.Buffer
	w := &writer{r: r, b: &b}

	b.WriteString("+++\n")
	fmt.Fprintf(&b, "kind = %s\nnumber = \"%d/%s\"\ndate = %s\n", quote(k.kind), 100+i, k.number, date.Format(time.DateOnly))
	fmt.Fprintf(&b, "subject = %s\n", quote(k.prefix+" "+w.phrase(6+r.IntN(6))))
	// A task goes to recipients of the directive (load warns otherwise):
	// the directive's "to" takes in the groups of its tasks' recipients.
	// The draws are those of the "to" and the tasks, in that order.
	to := m.refIDs(r, false)
	signer := personName(r)
	var tasks bytes.Buffer
	for range 1 + r.IntN(3) {
		ids := m.refIDs(r, true)
		for _, id := range ids {
			to = appendNew(to, m.groupOf(id))
		}
		fmt.Fprintf(&tasks, "\n[[task]]\nto = %s\ntext = %s\n", array(ids), quote(capitalize(w.phrase(10+r.IntN(15)))+"."))
		if r.IntN(2) == 0 {
			fmt.Fprintf(&tasks, "due = %s\n", date.AddDate(0, 0, 14+r.IntN(60)).Format(time.DateOnly))
		}
	}
	fmt.Fprintf(&b, "to = %s\n", array(to))
	b.WriteString("cc = [\"Các thành viên Ban Chỉ đạo\", \"Lưu: VT\"]\n")
	b.WriteString("sign = [\"TM. BAN CHỈ ĐẠO\", \"KT. TRƯỞNG BAN\", \"PHÓ TRƯỞNG BAN\"]\n")
	fmt.Fprintf(&b, "signer = %s\n", quote(signer))
	b.Write(tasks.Bytes())
	b.WriteString("+++\n\n")

	w.words = 0
	w.body(m.cfg.Words, m.rowNames(r), m.live(r, i))
	return slug, append(bytes.TrimRight(b.Bytes(), "\n"), '\n')
}

// refIDs draws the recipients of a directive or a task: group ids, and
// for tasks now and then a unit id.
func (m *model) refIDs(r *rand.Rand, units bool) []string {
	var ids []string
	for range 1 + r.IntN(min(4, len(m.groups))) {
		ids = appendNew(ids, m.groups[r.IntN(len(m.groups))].id)
	}
	if units && r.IntN(3) == 0 {
		ids = appendNew(ids, m.units[r.IntN(len(m.units))].id)
	}
	return ids
}

// groupOf returns the id of the group of the unit id, or id itself when
// it is a group's.
func (m *model) groupOf(id string) string {
	for _, g := range m.groups {
		for _, u := range g.units {
			if u.id == id {
				return g.id
			}
		}
	}
	return id
}

// array writes ids as a TOML array of strings.
func array(ids []string) string {
	q := make([]string, len(ids))
	for i, id := range ids {
		q[i] = quote(id)
	}
	return "[" + strings.Join(q, ", ") + "]"
}

func appendNew(ids []string, id string) []string {
	for _, x := range ids {
		if x == id {
			return ids
		}
	}
	return append(ids, id)
}

func (m *model) rowNames(r *rand.Rand) []string {
	names := make([]string, 4+r.IntN(3))
	for i := range names {
		names[i] = m.groups[r.IntN(len(m.groups))].name
	}
	return names
}

// live returns the Markdown directives of directive i: about one directive
// in ten has some, so that Markdown dominates the cost as on real sites.
func (m *model) live(r *rand.Rand, i int) []string {
	if i%10 != 0 {
		return nil
	}
	g := m.groups[min(2, len(m.groups)-1)].id // "tinh-03" when there are three groups
	all := []string{
		`::stat{name="followers"}`,
		fmt.Sprintf(`::progress{group=%q}`, g),
		fmt.Sprintf(`::qr{unit=%q}`, m.units[r.IntN(len(m.units))].id),
		`::chart`,
		fmt.Sprintf(`::chart{unit=%q}`, m.units[r.IntN(len(m.units))].id),
		`::stat{name="reach"}`,
	}
	start := r.IntN(len(all))
	out := make([]string, 1+r.IntN(3))
	for k := range out {
		out[k] = all[(start+k)%len(all)]
	}
	return out
}

type page struct {
	name, title, description string
	weight                   int
	live                     []string
}

func (m *model) pages() []page {
	g := m.groups[0].id
	return []page{
		{name: "_index.md", title: "Cùng quan tâm Zalo OA của chính quyền các cấp",
			description: "Chiến dịch toàn quốc: văn bản chỉ đạo, mã QR của từng đơn vị và tiến độ.",
			live:        []string{`::stat{name="followers"}`, `::stat{name="reach"}`, `::stat{name="reported"}`, `::progress`}},
		{name: "huong-dan.md", title: "Hướng dẫn quan tâm trang Zalo OA", weight: 1,
			description: "Các bước quét mã QR hoặc tìm kiếm để quan tâm trang.",
			live:        []string{`::qr`, fmt.Sprintf(`::units{group=%q}`, g)}},
		{name: "gioi-thieu.md", title: "Giới thiệu chiến dịch", weight: 2,
			live: []string{`::stat{name="target"}`, `::stat{name="units"}`, `::chart`}},
		{name: "lien-he.md", title: "Liên hệ", weight: 3},
	}
}

func (p page) text(m *model, i int) []byte {
	var b bytes.Buffer
	w := &writer{r: newRand(m.cfg.Seed, streamPages, i), b: &b}
	fmt.Fprintf(&b, "+++\ntitle = %s\n", quote(p.title))
	if p.description != "" {
		fmt.Fprintf(&b, "description = %s\n", quote(p.description))
	}
	if p.weight > 0 {
		fmt.Fprintf(&b, "weight = %d\n", p.weight)
	}
	b.WriteString("+++\n\n")
	w.paragraph()
	for _, l := range p.live {
		b.WriteString(l + "\n\n")
	}
	w.heading(2, "Các bước thực hiện")
	w.list(true)
	w.paragraph()
	return append(bytes.TrimRight(b.Bytes(), "\n"), '\n')
}

package cms

import (
	"slices"

	"github.com/loa-vn/loa/generator/campaign"
)

// field is one field of a Decap collection (see Decap's widget
// documentation: string, text, number, boolean, datetime, select, list,
// object, markdown). Empty members are left out of config.yml.
type field struct {
	Label     string   `json:"label"`
	Name      string   `json:"name"`
	Widget    string   `json:"widget"`
	Required  *bool    `json:"required,omitempty"`
	Hint      string   `json:"hint,omitempty"`
	Pattern   []string `json:"pattern,omitempty"`
	Options   []option `json:"options,omitempty"`
	Multiple  bool     `json:"multiple,omitempty"`
	ValueType string   `json:"value_type,omitempty"`
	Min       *int     `json:"min,omitempty"`
	Default   any      `json:"default,omitempty"`
	// datetime: stored as YYYY-MM-DD, picked as a date without a time.
	Format     string `json:"format,omitempty"`
	DateFormat string `json:"date_format,omitempty"`
	TimeFormat any    `json:"time_format,omitempty"`
	// list and object
	Field         *field  `json:"field,omitempty"`
	Fields        []field `json:"fields,omitempty"`
	Summary       string  `json:"summary,omitempty"`
	LabelSingular string  `json:"label_singular,omitempty"`
	Collapsed     *bool   `json:"collapsed,omitempty"`
	// markdown
	Modes []string `json:"modes,omitempty"`
}

type option struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// collection is one Decap collection: a folder of entries or a list of
// files.
type collection struct {
	Name                 string   `json:"name"`
	Label                string   `json:"label"`
	LabelSingular        string   `json:"label_singular,omitempty"`
	Description          string   `json:"description,omitempty"`
	Folder               string   `json:"folder,omitempty"`
	Extension            string   `json:"extension,omitempty"`
	Format               string   `json:"format,omitempty"`
	FrontmatterDelimiter string   `json:"frontmatter_delimiter,omitempty"`
	Create               bool     `json:"create,omitempty"`
	Delete               *bool    `json:"delete,omitempty"`
	Slug                 string   `json:"slug,omitempty"`
	IdentifierField      string   `json:"identifier_field,omitempty"`
	Summary              string   `json:"summary,omitempty"`
	SortableFields       []string `json:"sortable_fields,omitempty"`
	Fields               []field  `json:"fields,omitempty"`
	Files                []file   `json:"files,omitempty"`
}

type file struct {
	Name                 string  `json:"name"`
	Label                string  `json:"label"`
	File                 string  `json:"file"`
	Format               string  `json:"format,omitempty"`
	FrontmatterDelimiter string  `json:"frontmatter_delimiter,omitempty"`
	Fields               []field `json:"fields"`
}

var (
	no   = false
	zero = 0
)

func optional(f field) field { f.Required = &no; return f }

func date(label, name string) field {
	return field{Label: label, Name: name, Widget: "datetime", Format: "YYYY-MM-DD", DateFormat: "YYYY-MM-DD", TimeFormat: false}
}

func count(label, name string) field {
	return field{Label: label, Name: name, Widget: "number", ValueType: "int", Min: &zero}
}

func strings(label, name, singular string) field {
	return optional(field{Label: label, Name: name, Widget: "list", LabelSingular: singular, Field: &field{Label: singular, Name: "line", Widget: "string"}})
}

// body is the Markdown body, edited as text: Decap's rich text editor
// would rewrite the directives (::stat, :::note) of Loa's Markdown.
func body() field {
	return field{Label: "Nội dung", Name: "body", Widget: "markdown", Modes: []string{"raw"}, Required: &no}
}

// kinds are the usual kinds of documents, and every kind the site's
// directives use.
func kinds(c *campaign.Campaign) []option {
	list := []string{"Công văn", "Kế hoạch", "Thông báo", "Chỉ thị", "Quyết định", "Báo cáo"}
	for _, d := range c.Directives {
		if d.Kind != "" && !slices.Contains(list, d.Kind) {
			list = append(list, d.Kind)
		}
	}
	out := make([]option, len(list))
	for i, k := range list {
		out[i] = option{Label: k, Value: k}
	}
	return out
}

// recipients are the groups and then their units, labelled by name: the
// ids that a directive's to may name.
func recipients(c *campaign.Campaign) []option {
	var out []option
	for _, g := range c.Groups {
		out = append(out, option{Label: g.Name + " (cả khối)", Value: g.ID})
	}
	for _, g := range c.Groups {
		for _, u := range g.Units {
			out = append(out, option{Label: u.Name, Value: u.ID})
		}
	}
	return out
}

func collections(c *campaign.Campaign) []collection {
	return []collection{reports(c), directives(c), pages(), home(), units(c)}
}

func directives(c *campaign.Campaign) collection {
	to := recipients(c)
	return collection{
		Name: "directives", Label: "Văn bản chỉ đạo", LabelSingular: "văn bản",
		Folder: "content/directives", Extension: "md", Format: "toml-frontmatter", FrontmatterDelimiter: "+++",
		Create: true, Slug: "{{slug}}", IdentifierField: "subject",
		Summary: "{{fields.kind}} {{fields.number}} ({{fields.date}}): {{fields.subject}}", SortableFields: []string{"date", "subject"},
		Fields: []field{
			{Label: "Loại văn bản", Name: "kind", Widget: "select", Options: kinds(c)},
			optional(field{Label: "Số, ký hiệu", Name: "number", Widget: "string", Hint: "Ví dụ: 3143/UBND-VP"}),
			date("Ngày ban hành", "date"),
			{Label: "Trích yếu", Name: "subject", Widget: "string"},
			{Label: "Kính gửi", Name: "to", Widget: "select", Multiple: true, Options: to},
			strings("Nơi nhận (ngoài Kính gửi)", "cc", "nơi nhận"),
			strings("Chức vụ ký (từng dòng)", "sign", "dòng"),
			optional(field{Label: "Người ký", Name: "signer", Widget: "string"}),
			optional(field{Label: "Bản nháp (chưa đăng)", Name: "draft", Widget: "boolean", Default: false}),
			optional(field{Label: "Nhiệm vụ", Name: "task", Widget: "list", LabelSingular: "nhiệm vụ", Summary: "{{fields.text}}", Fields: []field{
				{Label: "Giao cho", Name: "to", Widget: "select", Multiple: true, Options: to},
				{Label: "Nội dung nhiệm vụ", Name: "text", Widget: "text"},
				optional(date("Hạn hoàn thành", "due")),
			}}),
			body(),
		},
	}
}

func pageFields(titleRequired bool) []field {
	title := field{Label: "Tiêu đề", Name: "title", Widget: "string"}
	if !titleRequired {
		title = optional(title)
	}
	return []field{
		title,
		optional(field{Label: "Mô tả ngắn (cho máy tìm kiếm)", Name: "description", Widget: "text"}),
		optional(field{Label: "Thứ tự trong menu", Name: "weight", Widget: "number", ValueType: "int"}),
		optional(field{Label: "Bản nháp (chưa đăng)", Name: "draft", Widget: "boolean", Default: false}),
		body(),
	}
}

func pages() collection {
	return collection{
		Name: "pages", Label: "Trang", LabelSingular: "trang",
		Description: "Các trang nội dung (content/*.md). Trang _index là phần giới thiệu của trang chủ.",
		Folder:      "content", Extension: "md", Format: "toml-frontmatter", FrontmatterDelimiter: "+++",
		Create: true, Slug: "{{slug}}", IdentifierField: "title",
		Fields: pageFields(true),
	}
}

func home() collection {
	return collection{
		Name: "home", Label: "Trang chủ", Delete: &no,
		Files: []file{{Name: "index", Label: "Giới thiệu trên trang chủ", File: "content/_index.md",
			Format: "toml-frontmatter", FrontmatterDelimiter: "+++", Fields: pageFields(false)}},
	}
}

func units(c *campaign.Campaign) collection {
	unit := []field{
		{Label: "Mã (id)", Name: "id", Widget: "string", Pattern: []string{"^[a-z0-9]+(-[a-z0-9]+)*$", "Chỉ chữ thường không dấu, số và dấu gạch ngang, ví dụ: bac-son"}},
		{Label: "Tên đơn vị", Name: "name", Widget: "string"},
		optional(field{Label: "Tên ngắn", Name: "short", Widget: "string"}),
		optional(count("Chỉ tiêu (người)", "target")),
		optional(count("Dân số từ 14 tuổi", "audience")),
		strings("Tên gọi khác (alias)", "aliases", "tên gọi"),
		optional(date("Ngừng tham gia từ ngày", "retired")),
		optional(field{Label: "Sáp nhập vào (mã đơn vị tiếp nhận)", Name: "merged_into", Widget: "string"}),
	}
	col := collection{Name: "units", Label: "Đơn vị", Delete: &no}
	for _, g := range c.Groups {
		col.Files = append(col.Files, file{
			Name: g.ID, Label: g.Name, File: "content/units/" + g.ID + ".toml", Format: "toml",
			Fields: []field{
				{Label: "Tên khối", Name: "name", Widget: "string"},
				optional(field{Label: "Thứ tự", Name: "order", Widget: "number", ValueType: "int"}),
				{Label: "Các đơn vị", Name: "unit", Widget: "list", LabelSingular: "đơn vị", Summary: "{{fields.name}}", Collapsed: &yes, Fields: unit},
			},
		})
	}
	return col
}

var yes = true

// reports: one file per date, named from the date field. The units
// table is one object, whose fields follow the groups in order: Decap
// cannot group fields on screen without nesting them in the file.
func reports(c *campaign.Campaign) collection {
	var counts []field
	for _, g := range c.Groups {
		for _, u := range g.Units {
			counts = append(counts, optional(field{Label: u.Name + " · " + g.Name, Name: u.ID, Widget: "number", ValueType: "int", Min: &zero}))
		}
	}
	return collection{
		Name: "reports", Label: "Báo cáo số liệu", LabelSingular: "báo cáo",
		Folder: "content/reports", Extension: "toml", Format: "toml",
		Create: true, Slug: "{{slug}}", IdentifierField: "date",
		Summary: "{{filename}}: {{fields.followers}} người quan tâm", SortableFields: []string{"date"},
		Fields: []field{
			date("Ngày số liệu", "date"),
			count("Tổng số người quan tâm trang", "followers"),
			optional(field{Label: "Nguồn số liệu", Name: "source", Widget: "string"}),
			optional(field{Label: "Ghi chú", Name: "note", Widget: "text"}),
			optional(field{Label: "Số người quan tâm theo đơn vị (cộng dồn)", Name: "units", Widget: "object", Collapsed: &no,
				Hint: "Để trống đơn vị chưa báo cáo: trang không tính là 0.", Fields: counts}),
		},
	}
}

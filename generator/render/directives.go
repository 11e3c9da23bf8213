package render

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"time"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/markdown"
	"github.com/loa-vn/loa/generator/vi"
)

// handler gives the Markdown directives of CONTENT.md their meaning: it
// checks them against the campaign and renders them with the theme's
// partials (partials/directive-<name>.html). It only reads the renderer's
// views, so it is safe for concurrent use.
type handler struct {
	r *renderer
}

// directiveSpec says what a directive accepts.
type directiveSpec struct {
	attrs     []string // known attributes, sorted
	required  string   // an attribute that must be given, "" for none
	container bool     // written :::name ... ::: (else a leaf ::name)
	text      bool     // may also be written inline, :name[...]
}

var specs = map[string]directiveSpec{
	"progress": {attrs: []string{"at", "group"}},
	"qr":       {attrs: []string{"unit"}},
	"units":    {attrs: []string{"group"}, required: "group"},
	"chart":    {attrs: []string{"at", "unit"}},
	"stat":     {attrs: []string{"at", "name"}, text: true},
	"note":     {container: true},
}

// datedDirectives are the directives that show the figures of a date: the
// directive's own, or the one of their "at" attribute.
var datedDirectives = map[string]bool{"progress": true, "chart": true, "stat": true}

// statNames are the figures ::stat knows, sorted.
var statNames = []string{"followers", "reach", "reported", "target", "units"}

func directiveNames() []string {
	names := make([]string, 0, len(specs))
	for n := range specs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Check implements markdown.Handler.
func (h *handler) Check(d *markdown.Directive) error {
	spec, ok := specs[d.Name]
	if !ok {
		return fmt.Errorf("unknown directive %q%s", d.Name, diag.Hint(d.Name, directiveNames()))
	}
	switch {
	case spec.container && d.Kind != markdown.Container:
		return fmt.Errorf("%s wraps text: open it with a line \":::%s\" and close it with a line \":::\"", d.Name, d.Name)
	case !spec.container && d.Kind == markdown.Container:
		return fmt.Errorf("%s is not a container: write \"::%s\" alone on its line", d.Name, d.Name)
	case d.Kind == markdown.Text && !spec.text:
		return fmt.Errorf("%s must stand alone on its line, written \"::%s\"", d.Name, d.Name)
	}
	for _, a := range d.Attrs {
		if !contains(spec.attrs, a.Key) {
			msg := "unknown attribute" + diag.Hint(a.Key, spec.attrs)
			if len(spec.attrs) == 0 {
				msg = "unknown attribute: " + d.Name + " takes none"
			}
			return &markdown.AttrError{Key: a.Key, Msg: msg}
		}
	}
	if spec.required != "" {
		if _, ok := d.Attr(spec.required); !ok {
			return fmt.Errorf("missing attribute %q: write ::%s{%s=\"...\"}", spec.required, d.Name, spec.required)
		}
	}
	c := h.r.c
	// While a unit file is unread (load reported it), an unknown id may
	// be in it: not reported.
	unsure := c.UnitFilesUnread()
	if id, ok := d.Attr("group"); ok {
		if _, found := c.Group(id); !found && !unsure {
			return &markdown.AttrError{Key: "group", Msg: fmt.Sprintf("no group %q%s", id, diag.Hint(id, h.groupIDs()))}
		}
	}
	if id, ok := d.Attr("unit"); ok {
		if _, found := c.Unit(id); !found && !unsure {
			return &markdown.AttrError{Key: "unit", Msg: fmt.Sprintf("no unit %q%s", id, diag.Hint(id, h.unitIDs()))}
		}
	}
	if at, ok := d.Attr("at"); ok && at != "latest" {
		if _, err := time.Parse(time.DateOnly, at); err != nil {
			return &markdown.AttrError{Key: "at", Msg: fmt.Sprintf("%q is not a date: write at=\"YYYY-MM-DD\" (the figures of the latest report on or before that day) or at=\"latest\"", at)}
		}
	}
	if d.Name == "stat" {
		name, fromAttr := statName(d)
		switch {
		case name == "":
			return fmt.Errorf("missing the figure's name: write ::stat{name=\"reach\"} or :stat[reach] (one of %s)", quoteList(statNames))
		case !contains(statNames, name) && fromAttr:
			return &markdown.AttrError{Key: "name", Msg: fmt.Sprintf("no figure %q%s; the figures are %s", name, diag.Hint(name, statNames), quoteList(statNames))}
		case !contains(statNames, name):
			return fmt.Errorf("no figure %q%s; the figures are %s", name, diag.Hint(name, statNames), quoteList(statNames))
		}
	}
	return nil
}

// statName is the figure a stat directive asks for: its name attribute,
// or else its label (:stat[reach]).
func statName(d *markdown.Directive) (name string, fromAttr bool) {
	if v, ok := d.Attr("name"); ok {
		return v, true
	}
	return d.Label, false
}

// Render implements markdown.Handler.
func (h *handler) Render(w io.Writer, d *markdown.Directive, entering bool) error {
	v, c := h.r.v, h.r.c
	// The figures of the directive's date (see dated.go); nil: the latest.
	var at *dated
	if t, ok := h.asOf(d); ok && datedDirectives[d.Name] {
		at = h.r.datedAt(t)
	}
	var data any
	switch d.Name {
	case "progress":
		var tables []*Table
		figures := v.figures
		id, one := d.Attr("group")
		switch {
		case at != nil && one:
			for k, g := range c.Groups {
				if g.ID == id {
					tables = []*Table{at.table(c, k, g)}
				}
			}
			figures = at.figures
		case at != nil:
			tables, figures = at.tables(c, v.split()), at.figures
		case one:
			g, _ := c.Group(id)
			tables = []*Table{v.tableOf[g.ID]}
		default:
			tables = v.progressTables()
		}
		data = DirectiveProgress{Tables: tables, Figures: figures}
	case "qr":
		q := *v.accountQR
		q.Caption = "Mở Zalo, quét mã này rồi bấm “Quan tâm” để theo dõi trang “" + c.Info.Channel + "”."
		if id, ok := d.Attr("unit"); ok {
			u, _ := c.Unit(id)
			uv := v.unitOf[u]
			q = QRView{
				Src:     uv.QRSVG,
				PNG:     uv.QRPNG,
				Alt:     "Mã QR để quan tâm " + c.Info.Channel + " từ " + uv.Name,
				Caption: "Mã QR của " + uv.Name + ": quét bằng Zalo để mở trang của đơn vị, rồi bấm “Quan tâm”.",
			}
		}
		if d.Label != "" {
			q.Caption = d.Label
		}
		data = q
	case "units":
		id, _ := d.Attr("group")
		g, _ := c.Group(id)
		data = v.groupOf[g.ID]
	case "chart":
		cv, figures := *v.chart, v.figures
		if at != nil {
			cv, figures = *at.chart, at.figures
		}
		if id, ok := d.Attr("unit"); ok {
			u, _ := c.Unit(id)
			cv = *unitChart(u)
			if at != nil {
				cv = *unitChartAt(c, u, at.index)
			}
		}
		cv.Title = asOfTitle(cv.Title, figures)
		// Unique in the page: a directive is the only one on its line.
		cv.ID = "bieu-do-" + strconv.Itoa(d.Pos.Line) + "-" + strconv.Itoa(d.Pos.Col)
		if d.Label != "" {
			cv.Title = d.Label
		}
		data = cv
	case "stat":
		name, _ := statName(d)
		f := v.figures
		if at != nil {
			f = at.figures
		}
		s := stat(name, f)
		s.Inline = d.Kind == markdown.Text
		data = s
	case "note":
		data = NoteView{Entering: entering, Label: d.Label}
	default:
		return fmt.Errorf("directive %q has no renderer", d.Name)
	}
	return h.r.th.Execute(w, "partials/directive-"+d.Name+".html", data)
}

// stat is one headline figure, formatted.
func stat(name string, f Figures) StatView {
	s := StatView{Name: name}
	switch name {
	case "followers":
		s.Label = "người quan tâm trang Zalo OA"
		if f.HasReport {
			s.Value = vi.Int(f.Followers)
			s.Note = "(số liệu ngày " + vi.ShortDate(f.Latest) + ")"
		} else {
			s.Value, s.Label = "Chưa có", "báo cáo số người quan tâm"
		}
	case "reach":
		s.Label = "số người dân dùng điện thoại thông minh đã quan tâm trang"
		if f.HasReach {
			s.Value = vi.Percent(f.Reach, 1)
			if f.HasReport {
				s.Note = "(số liệu ngày " + vi.ShortDate(f.Latest) + ")"
			}
		} else {
			s.Value = vi.NotANumber
			s.Note = "(chưa có số liệu)"
		}
	case "target":
		s.Label = "người quan tâm là chỉ tiêu của chiến dịch"
		if f.Target > 0 {
			s.Value = vi.Int(f.Target)
		} else {
			s.Value, s.Label = "Chưa đặt", "chỉ tiêu"
		}
	case "units":
		s.Value = vi.Int(int64(f.Units))
		s.Label = "cơ quan, đơn vị tham gia"
	case "reported":
		s.Value = vi.Int(int64(f.Reported))
		s.Label = "đơn vị có số liệu trong kỳ báo cáo gần nhất"
		s.Note = "(trên tổng số " + vi.Int(int64(f.Units)) + " đơn vị)"
		if f.HasReport {
			s.Label = "đơn vị có số liệu trong kỳ báo cáo ngày " + vi.ShortDate(f.Latest)
		} else {
			s.Value, s.Label, s.Note = "Chưa có", "kỳ báo cáo nào", ""
		}
	}
	return s
}

func (h *handler) groupIDs() []string {
	ids := make([]string, 0, len(h.r.c.Groups))
	for _, g := range h.r.c.Groups {
		ids = append(ids, g.ID)
	}
	return ids
}

func (h *handler) unitIDs() []string {
	var ids []string
	for _, u := range h.r.c.All {
		ids = append(ids, u.ID)
		ids = append(ids, u.Aliases...)
	}
	return ids
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += ", "
		}
		out += strconv.Quote(s)
	}
	return out
}

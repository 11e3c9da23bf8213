// Package reportform owns the workbook the office sends to units before a
// reporting date: one sheet with a title naming the campaign and the date,
// a header row (Mã đơn vị, Đơn vị, Nhóm, Chỉ tiêu, Kỳ trước, Kỳ này) and a
// row per unit in the site's order, each with its count as of the last
// report. Units fill in Kỳ này, a whole number of at least 0 by data
// validation; the sheet is protected (without a password) so that only
// those cells can be changed, and the ids stay as they were.
//
// The workbook is written with github.com/xuri/excelize/v2. Its texts are
// for the units, in Vietnamese, and are all in this file.
package reportform

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/vi"
)

// The header cells of the form, in order. Package intake finds its columns
// by these names.
const (
	ColID       = "Mã đơn vị"
	ColName     = "Đơn vị"
	ColGroup    = "Nhóm"
	ColTarget   = "Chỉ tiêu"
	ColPrevious = "Kỳ trước"
	ColCount    = "Kỳ này"
)

// Header is the header row of the form.
var Header = []string{ColID, ColName, ColGroup, ColTarget, ColPrevious, ColCount}

// SheetName is the name of the form's sheet.
const SheetName = "Báo cáo"

// HeaderRow is the row of the header (1-based); the units follow it.
const HeaderRow = 4

// The texts of the form.
const (
	titleDate   = "Số liệu báo cáo %s" // vi.LongDate of the report date
	instruction = "Ghi vào cột «Kỳ này» số người quan tâm trang Zalo OA do đơn vị vận động được, cộng dồn đến ngày báo cáo (số nguyên, không âm), rồi gửi lại tệp này. Không sửa các cột khác."
	errorTitle  = "Số không hợp lệ"
	errorText   = "Nhập số người quan tâm cộng dồn: một số nguyên, không âm (ví dụ 1234)."
	inputTitle  = "Kỳ này"
	inputText   = "Số người quan tâm cộng dồn đến ngày báo cáo."
)

// Row is one unit's row of the form.
type Row struct {
	Unit *campaign.Unit
	// Previous is the unit's count in the latest report dated before the
	// form's date that lists it; HasPrevious is false when none does.
	Previous    int64
	HasPrevious bool
}

// Rows lists the units of group (every group when nil) in the site's
// order, each with its count as of the last report before date. A unit
// retired before date is left out: a report of that date may not list it.
func Rows(c *campaign.Campaign, date time.Time, group *campaign.Group) []Row {
	var out []Row
	for _, g := range c.Groups {
		if group != nil && g != group {
			continue
		}
		for _, u := range g.All {
			if !u.CountsAt(date) {
				continue
			}
			r := Row{Unit: u}
			for _, p := range u.History {
				if !p.Date.Before(date) {
					break
				}
				r.Previous, r.HasPrevious = p.Count, true
			}
			out = append(out, r)
		}
	}
	return out
}

// New makes the form for the report dated date, for the units of group
// (every group when nil).
func New(c *campaign.Campaign, date time.Time, group *campaign.Group) (*excelize.File, error) {
	rows := Rows(c, date, group)
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", SheetName); err != nil {
		return nil, err
	}
	s := SheetName
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	title := c.Info.Name
	if group != nil {
		title += " — " + group.Name
	}
	last := fmt.Sprintf("F%d", HeaderRow+max(len(rows), 1))
	steps := []func() error{
		func() error { return f.SetCellStr(s, "A1", title) },
		func() error { return f.SetCellStr(s, "A2", fmt.Sprintf(titleDate, vi.LongDate(date))) },
		func() error { return f.SetCellStr(s, "A3", instruction) },
		func() error { return f.MergeCell(s, "A1", "F1") },
		func() error { return f.MergeCell(s, "A2", "F2") },
		func() error { return f.MergeCell(s, "A3", "F3") },
		func() error { return f.SetCellStyle(s, "A1", "A1", st.title) },
		func() error { return f.SetCellStyle(s, "A2", "A2", st.subtitle) },
		func() error { return f.SetCellStyle(s, "A3", "A3", st.note) },
		func() error { return f.SetRowHeight(s, 3, 45) },
		func() error { return f.SetSheetRow(s, fmt.Sprintf("A%d", HeaderRow), &Header) },
		func() error {
			return f.SetCellStyle(s, fmt.Sprintf("A%d", HeaderRow), fmt.Sprintf("F%d", HeaderRow), st.header)
		},
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, err
		}
	}
	for i, r := range rows {
		n := HeaderRow + 1 + i
		u := r.Unit
		cells := []any{u.ID, u.Name, u.Group.Name, nil, nil}
		if u.Target > 0 {
			cells[3] = u.Target
		}
		if r.HasPrevious {
			cells[4] = r.Previous
		}
		if err := f.SetSheetRow(s, fmt.Sprintf("A%d", n), &cells); err != nil {
			return nil, err
		}
	}
	if len(rows) > 0 {
		first, end := HeaderRow+1, HeaderRow+len(rows)
		for _, span := range []struct {
			from, to string
			style    int
		}{
			{"A", "C", st.text},
			{"D", "E", st.number},
			{"F", "F", st.input},
		} {
			if err := f.SetCellStyle(s, fmt.Sprintf("%s%d", span.from, first), fmt.Sprintf("%s%d", span.to, end), span.style); err != nil {
				return nil, err
			}
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("F%d:%s", first, last)
		if err := dv.SetRange(0, 0, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorGreaterThanOrEqual); err != nil {
			return nil, err
		}
		dv.Formula2 = ""
		dv.SetError(excelize.DataValidationErrorStyleStop, errorTitle, errorText)
		dv.SetInput(inputTitle, inputText)
		if err := f.AddDataValidation(s, dv); err != nil {
			return nil, err
		}
	}
	for col, width := range map[string]float64{"A": 22, "B": 40, "C": 24, "D": 11, "E": 11, "F": 11} {
		if err := f.SetColWidth(s, col, col, width); err != nil {
			return nil, err
		}
	}
	if err := f.SetPanes(s, &excelize.Panes{
		Freeze: true, YSplit: HeaderRow, TopLeftCell: fmt.Sprintf("A%d", HeaderRow+1), ActivePane: "bottomLeft",
	}); err != nil {
		return nil, err
	}
	// Locked cells stay selectable (to copy a name), columns and rows can
	// be widened; nothing else but Kỳ này can change.
	if err := f.ProtectSheet(s, &excelize.SheetProtectionOptions{
		SelectLockedCells:   true,
		SelectUnlockedCells: true,
		FormatColumns:       true,
		FormatRows:          true,
	}); err != nil {
		return nil, err
	}
	return f, nil
}

type styles struct{ title, subtitle, note, header, text, number, input int }

func newStyles(f *excelize.File) (styles, error) {
	border := []excelize.Border{
		{Type: "left", Color: "999999", Style: 1}, {Type: "right", Color: "999999", Style: 1},
		{Type: "top", Color: "999999", Style: 1}, {Type: "bottom", Color: "999999", Style: 1},
	}
	defs := []*excelize.Style{
		{Font: &excelize.Font{Bold: true, Size: 14}},
		{Font: &excelize.Font{Italic: true}},
		{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}},
		{Font: &excelize.Font{Bold: true}, Border: border, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDDDDD"}},
			Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center", WrapText: true}},
		{Border: border},
		{Border: border, NumFmt: 3}, // #,##0: 1.234 in a Vietnamese locale
		{Border: border, NumFmt: 3, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF6CC"}},
			Protection: &excelize.Protection{Locked: false}},
	}
	ids := make([]int, len(defs))
	for i, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return styles{}, err
		}
		ids[i] = id
	}
	return styles{ids[0], ids[1], ids[2], ids[3], ids[4], ids[5], ids[6]}, nil
}

// Write writes the form to path, replacing no file: it fails when path
// exists. The workbook is written to a temporary file beside path and
// renamed, so path is never left half written.
func Write(path string, f *excelize.File) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("%s already exists: it is left as it is (give another -o, or remove it first)", path)
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return err
	}
	return writeFile(path, b.Bytes())
}

// writeFile writes data to path through a temporary file in the same
// folder, renamed over path once it is whole.
func writeFile(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".loa-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		os.Remove(name)
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Chmod(name, 0o644); err != nil {
		os.Remove(name)
		return err
	}
	if err := os.Rename(name, path); err != nil {
		os.Remove(name)
		return err
	}
	return nil
}

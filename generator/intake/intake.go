// Package intake owns reading the counts units send back: their copies of
// the report form (package reportform), and sheets they made themselves,
// as .xlsx workbooks or CSV files. It finds the header row, matches each
// row to a unit by id or by name (whatever the Unicode form, case, spaces
// and tone-mark placement, short names and aliases included), reads the
// counts as Vietnamese writes numbers, and reports every problem at the
// cell it is in (file:Sheet!F7, or file:line:col in a CSV).
//
// A Plan then sets what it read against the site: the report of that
// date, new or existing, with each unit's change since its previous count,
// and writes content/reports/<date>.toml atomically, in the layout of
// package scaffold.
package intake

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/reportform"
	"github.com/loa-vn/loa/generator/vi"
)

// headerRows is how far down a sheet the header row is looked for.
const headerRows = 20

// defaultColumn is the header of the count column.
const defaultColumn = reportform.ColCount

// Options changes how sheets are read.
type Options struct {
	// Column is the header of the count column; "" means Kỳ này.
	Column string
}

// Entry is one unit's count, read from a sheet.
type Entry struct {
	Unit  *campaign.Unit
	Count int64
	Pos   diag.Pos // the count's cell
}

// header is where a table's columns are (-1 for a column it lacks).
type header struct {
	row                    int
	id, name, group, count int
}

var (
	foldID    = vi.FoldName(reportform.ColID)
	foldGroup = vi.FoldName(reportform.ColGroup)
	foldNames = []string{vi.FoldName(reportform.ColName), vi.FoldName("Tên đơn vị")}
	// skipPrefix starts the unit cell of a total row, which is skipped
	// unless it is the name of a unit.
	skipPrefix = []string{vi.FoldName("Tổng"), vi.FoldName("Cộng")}
)

// findHeader finds the header row among the first rows of t: the first
// with a unit column and the count column (column, or else Kỳ này, so that
// forms and a unit's own sheets can be imported together).
func findHeader(t *table, column string) (header, bool) {
	count, form := vi.FoldName(column), vi.FoldName(defaultColumn)
	for r := 0; r < min(len(t.rows), headerRows); r++ {
		h := header{row: r, id: -1, name: -1, group: -1, count: -1}
		formCount := -1
		for c, cell := range t.rows[r] {
			switch k := vi.FoldName(cell); {
			case k == "":
			case k == count && h.count < 0:
				h.count = c
			case k == form && formCount < 0:
				formCount = c
			case k == foldID && h.id < 0:
				h.id = c
			case (k == foldNames[0] || k == foldNames[1]) && h.name < 0:
				h.name = c
			case k == foldGroup && h.group < 0:
				h.group = c
			}
		}
		if h.count < 0 {
			h.count = formCount
		}
		if (h.id >= 0 || h.name >= 0) && h.count >= 0 {
			return h, true
		}
	}
	return header{}, false
}

// noHeader reports a table without a header row, with a hint when a row
// has a unit column but another name for the count column.
func noHeader(t *table, column string, diags *diag.List) {
	count := vi.FoldName(column)
	for r := 0; r < min(len(t.rows), headerRows); r++ {
		unit := false
		var cells, folded []string
		for _, cell := range t.rows[r] {
			k := vi.FoldName(cell)
			if k == "" {
				continue
			}
			unit = unit || k == foldID || k == foldNames[0] || k == foldNames[1]
			cells = append(cells, strconv.Quote(strings.TrimSpace(cell)))
			folded = append(folded, k)
		}
		if unit {
			var hint diag.Text
			if n := diag.Nearest(count, folded); n != "" {
				for i, k := range folded {
					if k == n {
						hint = diag.Textf(" (did you mean %s?)", cells[i])
					}
				}
			}
			diags.Errorf(t.pos(r, 0), msgNoCountColumn, column, hint, strings.Join(cells, ", "))
			return
		}
	}
	var hint diag.Text
	if column == defaultColumn {
		hint = diag.Textf(", or the header that --column names")
	}
	diags.Errorf(diag.Pos{File: t.file, Sheet: t.sheet}, msgNoHeader, headerRows,
		reportform.ColID, reportform.ColName, "Tên đơn vị", column, hint)
}

// Read reads the counts of files (.xlsx and .csv), matched to the units of
// c. Every problem goes to diags; the entries are those read without one,
// each unit once, in the order of the files and their rows.
func Read(c *campaign.Campaign, files []string, opts Options, diags *diag.List) []Entry {
	column := opts.Column
	if column == "" {
		column = defaultColumn
	}
	ix := newIndex(c)
	seen := map[*campaign.Unit]int{} // index in out
	var out []Entry
	for _, path := range files {
		var headless []*table
		found := false
		readFile(path, column, diags, func(t *table) {
			h, ok := findHeader(t, column)
			if !ok {
				headless = append(headless, t)
				return
			}
			found = true
			for r := h.row + 1; r < len(t.rows); r++ {
				e, ok := readRow(t, h, r, ix, diags)
				if !ok {
					continue
				}
				if i, dup := seen[e.Unit]; dup {
					if first := out[i]; first.Count != e.Count {
						diags.Errorf(e.Pos, msgTwice, e.Unit.ID, e.Unit.Name, vi.Int(e.Count), vi.Int(first.Count), first.Pos)
					}
					continue
				}
				seen[e.Unit] = len(out)
				out = append(out, e)
			}
		})
		// A workbook may hold other sheets (notes, a chart): only a file
		// none of whose sheets has a header is a problem.
		if !found && len(headless) > 0 {
			noHeader(headless[0], column, diags)
		}
	}
	return out
}

// readRow reads row r of t; ok is false for a row skipped or in error.
func readRow(t *table, h header, r int, ix *index, diags *diag.List) (Entry, bool) {
	id := strings.TrimFunc(t.cell(r, h.id), unicode.IsSpace)
	name := strings.TrimFunc(t.cell(r, h.name), unicode.IsSpace)
	if id == "" && name == "" {
		return Entry{}, false // blank, or a note below the table
	}
	var key string // the folded name, when the row names its unit
	if id == "" {
		key = vi.FoldName(name)
		if isTotal(key) && len(ix.byKey[key]) == 0 {
			return Entry{}, false // a total: Tổng, Tổng cộng, Cộng
		}
	}
	raw := t.cell(r, h.count)
	if strings.TrimFunc(raw, unicode.IsSpace) == "" {
		return Entry{}, false // the unit did not report in this file
	}
	kind := textCell
	if !isDigits(strings.TrimSpace(raw)) {
		// Digits read the same in a number cell and in a text cell; only
		// the others ("1.234", "1E3") need the cell's kind, which costs
		// excelize a parse of the whole sheet.
		kind = t.kind(r, h.count)
	}
	n, msg, ok := parseCount(kind, raw)
	if !ok {
		diags.Errorf(t.pos(r, h.count), msg, strings.TrimSpace(raw))
	}
	var u *campaign.Unit
	if id != "" {
		u = ix.byID(id, t.pos(r, h.id), diags)
	} else {
		u = ix.byName(name, key, t.cell(r, h.group), t.pos(r, h.name), diags)
	}
	if u == nil || !ok {
		return Entry{}, false
	}
	return Entry{Unit: u, Count: n, Pos: t.pos(r, h.count)}, true
}

// isTotal reports whether the folded unit cell k starts a total row.
func isTotal(k string) bool {
	for _, p := range skipPrefix {
		if strings.HasPrefix(k, p) {
			return true
		}
	}
	return false
}

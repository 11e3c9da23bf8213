package intake

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/loa-vn/loa/generator/diag"
)

// cellKind tells how a cell holds its value.
type cellKind int

const (
	textCell cellKind = iota
	numberCell
	otherCell // a boolean or an error value (#VALUE!)
)

// table is one sheet of a workbook, or a CSV file, as rows of cells.
type table struct {
	file, sheet string
	rows        [][]string
	// kind tells the kind of a non-empty cell (row and column from 0).
	kind func(r, c int) cellKind
	// pos places a cell (row and column from 0).
	pos func(r, c int) diag.Pos
}

func (t *table) cell(r, c int) string {
	if c < 0 || r >= len(t.rows) || c >= len(t.rows[r]) {
		return ""
	}
	return t.rows[r][c]
}

// readFile reads the tables of one file, every sheet of an .xlsx or the
// one table of a .csv, and hands each to each while the file is open.
// column is the header of the count column, which finds the separator of
// a CSV file.
func readFile(path, column string, diags *diag.List, each func(*table)) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".xlsx", ".xlsm":
		readWorkbook(path, diags, each)
	case ".csv":
		if t := readCSV(path, column, diags); t != nil {
			each(t)
		}
	case ".xls", ".ods", ".numbers":
		diags.Errorf(diag.Pos{File: path}, msgOldFormat)
	default:
		diags.Errorf(diag.Pos{File: path}, msgUnknownFormat)
	}
}

func readWorkbook(path string, diags *diag.List, each func(*table)) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		diags.Errorf(diag.Pos{File: path}, msgNotWorkbook, unwrapPath(err))
		return
	}
	defer f.Close()
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			diags.Errorf(diag.Pos{File: path, Sheet: sheet}, msgNotWorkbook, err)
			continue
		}
		t := &table{file: path, sheet: sheet, rows: rows}
		// Only the count cells are asked for their kind.
		t.kind = func(r, c int) cellKind {
			name, _ := excelize.CoordinatesToCellName(c+1, r+1)
			ct, err := f.GetCellType(sheet, name)
			switch {
			case err != nil:
				return textCell
			case ct == excelize.CellTypeUnset || ct == excelize.CellTypeNumber:
				return numberCell
			case ct == excelize.CellTypeBool || ct == excelize.CellTypeError:
				return otherCell
			}
			return textCell
		}
		t.pos = func(r, c int) diag.Pos { return diag.Pos{File: path, Sheet: sheet, Line: r + 1, Col: c + 1} }
		each(t)
	}
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// readCSV reads a CSV file as spreadsheet programs save it: UTF-8 with or
// without a byte-order mark, fields separated by commas or semicolons.
func readCSV(path, column string, diags *diag.List) *table {
	data, err := os.ReadFile(path)
	if err != nil {
		diags.Errorf(diag.Pos{File: path}, msgCannotRead, unwrapPath(err))
		return nil
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		line := 1 + bytes.Count(data[:firstInvalid(data)], []byte("\n"))
		diags.Errorf(diag.Pos{File: path, Line: line}, msgNotUTF8)
		return nil
	}
	// The separator is the one with which a header row is found; a
	// semicolon first, as Excel saves CSV where the decimal mark is a
	// comma (Vietnamese settings).
	sep := ','
	for _, try := range []rune{';', ','} {
		if head, err := parseCSV(path, data, try, headerRows); err == nil {
			if _, ok := findHeader(head, column); ok {
				sep = try
				break
			}
		}
	}
	t, err := parseCSV(path, data, sep, -1)
	if err != nil {
		diags.Errorf(csvErrPos(path, err), msgBadCSV, err)
		return nil
	}
	return t
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n == 1 {
			return i
		}
		i += n
	}
	return len(b)
}

func csvErrPos(path string, err error) diag.Pos {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return diag.Pos{File: path, Line: pe.Line, Col: pe.Column}
	}
	return diag.Pos{File: path}
}

// parseCSV parses data with the separator sep, at most limit records
// (every record when limit < 0). Positions are lines and columns in
// characters, as an editor shows them.
func parseCSV(path string, data []byte, sep rune, limit int) (*table, error) {
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sep
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = false
	var starts []int // byte offset of each line
	starts = append(starts, 0)
	for i, c := range data {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	type at struct{ line, col int }
	var rows [][]string
	var places [][]at
	for limit < 0 || len(rows) < limit {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		p := make([]at, len(rec))
		for i := range rec {
			line, col := r.FieldPos(i)
			// col counts bytes from 1: count the characters before it.
			if line-1 < len(starts) {
				s := starts[line-1]
				end := min(s+col-1, len(data))
				col = utf8.RuneCount(data[s:end]) + 1
			}
			p[i] = at{line, col}
		}
		rows = append(rows, rec)
		places = append(places, p)
	}
	t := &table{file: path, rows: rows}
	t.kind = func(r, c int) cellKind { return textCell }
	t.pos = func(r, c int) diag.Pos {
		if r < len(places) && c < len(places[r]) {
			return diag.Pos{File: path, Line: places[r][c].line, Col: places[r][c].col}
		}
		if r < len(places) && len(places[r]) > 0 {
			return diag.Pos{File: path, Line: places[r][0].line}
		}
		return diag.Pos{File: path}
	}
	return t, nil
}

package markdown

import "github.com/loa-vn/loa/generator/diag"

// MaxInlineMarks is how many of the characters that open or close inline
// formatting (* _ ~ [ ] {) one paragraph, list item, heading or table row
// may hold outside code. goldmark pairs them by scanning back over every
// earlier one, so its work grows with their square within a paragraph
// ("*a_" repeated over 64 KB took 10 s, "[a](" 3 s), and a letter needs a
// few dozen at most. Characters escaped with a backslash are text and are
// not counted.
const MaxInlineMarks = 200

// tooManyMarks finds the first paragraph of src that holds more than
// MaxInlineMarks inline marks and returns the byte offset of the mark that
// goes beyond. It is a cheap scan, without parsing: a paragraph ends at a
// blank line, and a list item, a heading and every row of a table start a
// new one, as they do for goldmark; fenced code blocks and code spans
// closed on their line are not counted.
func tooManyMarks(src []byte) (offset int, many bool) {
	count := 0
	table := false    // the lines since the last blank one are a table
	var fence byte    // '`' or '~' inside a fenced code block
	fenceLen := 0     // length of the fence that opened it
	prevBlank := true // the previous line was blank
	var runs []int    // start and length of each backtick run of a line
	for start := 0; start < len(src); {
		end := start
		for end < len(src) && src[end] != '\n' {
			end++
		}
		line := src[start:end]
		next := end + 1
		// The content of the line after block quote markers and indentation.
		i := 0
		for i < len(line) && (line[i] == ' ' || line[i] == '\t' || line[i] == '>') {
			i++
		}
		body := line[i:]
		if f, n := fenceOf(body); fence != 0 {
			if f == fence && n >= fenceLen && isBlankBytes(body[n:]) {
				fence = 0
			}
			start = next
			continue
		} else if n > 0 {
			fence, fenceLen = f, n
			count, prevBlank = 0, true
			start = next
			continue
		}
		if isBlankBytes(body) {
			count, table, prevBlank = 0, false, true
			start = next
			continue
		}
		if !prevBlank && !table && isDelimiterRow(body) {
			table = true // the row above was the table's head
		}
		if table || body[0] == '#' || startsItem(body) {
			count = 0
		}
		prevBlank = false
		// Backtick runs, to skip the code spans that close on this line.
		runs = runs[:0]
		for j := i; j < len(line); {
			if line[j] != '`' {
				j++
				continue
			}
			k := j
			for k < len(line) && line[k] == '`' {
				k++
			}
			runs = append(runs, j, k-j)
			j = k
		}
		r := 0
		for j := i; j < len(line); j++ {
			c := line[j]
			switch c {
			case '\\':
				j++ // an escaped character is text
			case '`':
				// A run of n backticks opens a code span that a later run
				// of n closes; without one it is text.
				n := runs[r+1]
				closer := -1
				for q := r + 2; q < len(runs); q += 2 {
					if runs[q+1] == n {
						closer = q
						break
					}
				}
				if closer < 0 {
					j += n - 1
					r += 2
					continue
				}
				j = runs[closer] + n - 1
				r = closer + 2
			case '*', '_', '~', '[', ']', '{':
				count++
				if count > MaxInlineMarks {
					return start + j, true
				}
			}
		}
		start = next
	}
	return 0, false
}

// fenceOf returns the fence character and length if line opens or closes a
// fenced code block (three or more "`" or "~"), or 0, 0.
func fenceOf(line []byte) (byte, int) {
	if len(line) < 3 || line[0] != '`' && line[0] != '~' {
		return 0, 0
	}
	n := 0
	for n < len(line) && line[n] == line[0] {
		n++
	}
	if n < 3 {
		return 0, 0
	}
	return line[0], n
}

// isDelimiterRow reports whether line is the delimiter row of a table:
// only "|", "-", ":" and blanks, with at least one "-".
func isDelimiterRow(line []byte) bool {
	dash := false
	for _, c := range line {
		switch c {
		case '-':
			dash = true
		case '|', ':', ' ', '\t', '\r':
		default:
			return false
		}
	}
	return dash
}

// startsItem reports whether line starts with a list marker.
func startsItem(line []byte) bool {
	if (line[0] == '-' || line[0] == '*' || line[0] == '+') && afterMarker(line, 1) {
		return true
	}
	j := 0
	for j < len(line) && j < 9 && '0' <= line[j] && line[j] <= '9' {
		j++
	}
	return j > 0 && j < len(line) && (line[j] == '.' || line[j] == ')') && afterMarker(line, j+1)
}

func isBlankBytes(b []byte) bool {
	for _, c := range b {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// inlineMessage is the error for a paragraph with more than MaxInlineMarks
// inline marks.
func inlineMessage() diag.Text {
	return diag.Textf("too much formatting in one paragraph: a paragraph, list item or table row may hold "+
		"%d of the characters * _ ~ [ ] { at most; "+
		"split it with a blank line, or put a backslash before each of those characters that is not formatting (\\*)", MaxInlineMarks)
}

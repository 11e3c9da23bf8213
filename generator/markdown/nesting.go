package markdown

import "github.com/loa-vn/loa/generator/diag"

// MaxNesting is how deep block quotes and lists may be nested in a
// Markdown text. goldmark's work grows with the depth on every line (a
// line of 100 KB of ">" took 13 s, a list 2,000 deep 27 s), and no page
// of a site needs more than a few levels.
const MaxNesting = 16

// tooDeep finds the first line of src that may open containers nested
// deeper than MaxNesting and returns the byte offset of the marker that
// goes beyond. It is a cheap scan of the start of each line, without
// parsing: a line opens containers only with markers ("> ", "- ", "1. ")
// at its start, and a list it stays in needs at least two columns of
// indentation for each level, so the markers of the line plus half its
// columns of indentation before the last of them bound the depth the line
// can reach (the blank right after a marker is the marker's). A line without a marker opens nothing, so text indented
// deep (code) is never refused.
func tooDeep(src []byte) (offset int, deep bool) {
	for start := 0; start < len(src); {
		markers, cols := 0, 0
		i := start
		for i < len(src) && src[i] != '\n' {
			c, at := src[i], i
			switch {
			case c == ' ':
				cols++
				i++
				continue
			case c == '\t':
				cols += 4 - cols%4
				i++
				continue
			case c == '>':
				i++
			case (c == '-' || c == '*' || c == '+') && afterMarker(src, i+1):
				i++
			case '0' <= c && c <= '9':
				j := i
				for j < len(src) && j-i < 9 && '0' <= src[j] && src[j] <= '9' {
					j++
				}
				if j == len(src) || (src[j] != '.' && src[j] != ')') || !afterMarker(src, j+1) {
					goto next
				}
				i = j + 1
			default:
				goto next
			}
			markers++
			if markers+cols/2 > MaxNesting {
				return at, true
			}
			if i < len(src) && src[i] == ' ' {
				i++ // the blank after a marker belongs to it
			}
		}
	next:
		for i < len(src) && src[i] != '\n' {
			i++
		}
		start = i + 1
	}
	return 0, false
}

// afterMarker reports whether the byte at i may follow a list marker: a
// blank or the end of the line.
func afterMarker(src []byte, i int) bool {
	return i >= len(src) || src[i] == ' ' || src[i] == '\t' || src[i] == '\n'
}

// nestingMessage is the error for a text nested deeper than MaxNesting.
func nestingMessage() diag.Text {
	return diag.Textf("nested too deep: block quotes (>) and lists may be nested %d deep at most", MaxNesting)
}

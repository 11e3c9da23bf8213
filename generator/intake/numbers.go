package intake

import (
	"math"
	"strconv"
	"strings"
	"unicode"
)

// maxCount is the largest count taken: more than the followers any
// account has, and exactly representable in a float64.
const maxCount = 1 << 50

// parseCount reads a count. A number cell is read as it is and must be a
// whole number of at least 0. A text cell is read as Vietnamese writes
// numbers: digits, with or without '.' between groups of three ("1.234" is
// 1234, "12.345" is 12345). "1,5", "1.5", negatives and other text are
// errors; the message to show is returned with ok false.
func parseCount(kind cellKind, s string) (n int64, msg string, ok bool) {
	s = strings.TrimFunc(s, unicode.IsSpace)
	switch kind {
	case otherCell:
		return 0, msgOddCell, false
	case numberCell:
		f, err := strconv.ParseFloat(s, 64)
		switch {
		case err != nil:
			return 0, msgNotNumber, false
		case f < 0:
			return 0, msgNegative, false
		case f != math.Trunc(f):
			return 0, msgNotWhole, false
		case f > maxCount:
			return 0, msgTooLarge, false
		}
		return int64(f), "", true
	}
	if s == "" {
		return 0, msgNotNumber, false
	}
	if s[0] == '-' || strings.HasPrefix(s, "−") {
		if rest := strings.TrimLeft(s, "-−"); rest != "" && isDigits(strings.ReplaceAll(strings.ReplaceAll(rest, ".", ""), ",", "")) {
			return 0, msgNegative, false
		}
		return 0, msgNotNumber, false
	}
	digits := s
	if strings.Contains(s, ".") {
		groups := strings.Split(s, ".")
		valid := len(groups[0]) >= 1 && len(groups[0]) <= 3
		for _, g := range groups[1:] {
			valid = valid && len(g) == 3
		}
		if !valid || !isDigits(strings.Join(groups, "")) {
			if isDigits(strings.NewReplacer(".", "", ",", "").Replace(s)) {
				return 0, msgNotWhole, false
			}
			return 0, msgNotNumber, false
		}
		digits = strings.Join(groups, "")
	}
	if !isDigits(digits) {
		if isDigits(strings.ReplaceAll(digits, ",", "")) {
			return 0, msgNotWhole, false
		}
		return 0, msgNotNumber, false
	}
	v, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || v > maxCount {
		return 0, msgTooLarge, false
	}
	return v, "", true
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

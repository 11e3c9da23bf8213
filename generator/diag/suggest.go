package diag

// Nearest returns the candidate closest to word by edit distance, for hints
// such as `unknown key "taget" (did you mean "target"?)`. It returns "" when
// no candidate is close enough to be a plausible typo: at most a third of the
// longer word's characters may differ, and at least one.
func Nearest(word string, candidates []string) string {
	best, bestDist := Closest(word, candidates)
	if bestDist < 0 {
		return ""
	}
	limit := max(len([]rune(word)), len([]rune(best)))/3 + 1
	if bestDist > limit {
		return ""
	}
	return best
}

// Hint formats Nearest's answer as ` (did you mean "x"?)`, or the zero
// Text, which reads as "", when there is no plausible candidate. Pass it to
// a message's %s.
func Hint(word string, candidates []string) Text {
	if n := Nearest(word, candidates); n != "" && n != word {
		return Textf(" (did you mean %q?)", n)
	}
	return Text{}
}

// distance is the Damerau-Levenshtein (optimal string alignment) distance.
func distance(a, b []rune) int {
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}

// Closest returns the candidate closest to word by edit distance, however
// far, and that distance; ties go to the candidate that sorts first. It
// returns "", -1 without candidates. Use it where the nearest of a known
// list is worth naming even when it is not a plausible typo (the unit a
// misspelt name in a sheet most resembles); use Nearest for hints.
func Closest(word string, candidates []string) (string, int) {
	best, bestDist := "", -1
	w := []rune(word)
	for _, c := range candidates {
		d := distance(w, []rune(c))
		if bestDist < 0 || d < bestDist || (d == bestDist && c < best) {
			best, bestDist = c, d
		}
	}
	return best, bestDist
}

package markdown

import (
	"bytes"
	"regexp"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/util"

	"github.com/loa-vn/loa/generator/ctrlchar"
)

// charRef matches an HTML character reference: numeric or named.
var charRef = regexp.MustCompile(`&(?:#[xX][0-9a-fA-F]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{1,31});`)

// warnForbiddenRefs warns at every character reference in the text of root
// that writes a character of package ctrlchar ("&#x202E;", "&#7;",
// "&rlm;"): safeWriter leaves it out of the page, and the writer of the
// page should know. References in code are text, and are not looked at.
func (s *parseState) warnForbiddenRefs(root ast.Node) {
	if s.diags == nil || bytes.IndexByte(s.src, '&') < 0 {
		return
	}
	_ = ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.CodeSpan:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			if n.IsRaw() {
				return ast.WalkContinue, nil
			}
			v := n.Segment.Value(s.src)
			if bytes.IndexByte(v, '&') < 0 {
				return ast.WalkContinue, nil
			}
			for _, m := range charRef.FindAllIndex(v, -1) {
				if escaped(v, m[0]) {
					continue // "\&#7;" is the text "&#7;"
				}
				ref := v[m[0]:m[1]]
				out := util.ResolveEntityNames(util.ResolveNumericReferences(ref))
				if bytes.Equal(out, ref) {
					continue // not a reference CommonMark knows
				}
				if r, _ := utf8.DecodeRune(out); ctrlchar.Forbidden(r) {
					s.diags.Warnf(s.pos(n.Segment.Start+m[0]), "the character reference %s writes %s, which is left out of the page: delete it", ref, ctrlchar.Name(r))
				}
			}
		}
		return ast.WalkContinue, nil
	})
}

// escaped reports whether the byte at i of v follows an odd number of
// backslashes.
func escaped(v []byte, i int) bool {
	n := 0
	for i > 0 && v[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}

// Package htmlq lets tests look at generated pages as a browser would:
// parsed into a tree, queried by tag, class and attribute, read as text.
// It is for tests only.
package htmlq

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
)

// Node is a parsed element.
type Node = html.Node

// Parse parses a page.
func Parse(page []byte) (*Node, error) { return html.Parse(bytes.NewReader(page)) }

// Attr returns the value of n's attribute key, "" when absent.
func Attr(n *Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// HasClass reports whether n carries class.
func HasClass(n *Node, class string) bool {
	for _, c := range strings.Fields(Attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// All returns the elements below n (n included) for which match is true, in
// document order.
func All(n *Node, match func(*Node) bool) []*Node {
	var out []*Node
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// First returns the first element All would, or nil.
func First(n *Node, match func(*Node) bool) *Node {
	if all := All(n, match); len(all) > 0 {
		return all[0]
	}
	return nil
}

// Tag matches elements by tag name.
func Tag(tag string) func(*Node) bool {
	return func(n *Node) bool { return n.Data == tag }
}

// Class matches elements carrying class.
func Class(class string) func(*Node) bool {
	return func(n *Node) bool { return HasClass(n, class) }
}

// AttrIs matches elements whose attribute key equals val.
func AttrIs(key, val string) func(*Node) bool {
	return func(n *Node) bool { return Attr(n, key) == val }
}

// Text is the text content of n with runs of white space collapsed to one
// space and trimmed.
func Text(n *Node) string {
	var b strings.Builder
	var walk func(*Node)
	walk = func(n *Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.Data == "script" || n.Data == "style") {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

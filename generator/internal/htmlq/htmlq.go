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

// block elements are read apart from their neighbours; inline ones are not.
var block = map[string]bool{}

func init() {
	for _, tag := range strings.Fields(`address article aside blockquote br caption dd div dl dt
		figcaption figure footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section
		table tbody td tfoot th thead tr ul`) {
		block[tag] = true
	}
}

// Text is the text content of n as it reads: block elements apart, inline
// elements joined to their neighbours, runs of white space collapsed to one
// space, trimmed (like textContent, styles and scripts included).
func Text(n *Node) string {
	var b strings.Builder
	var walk func(*Node)
	walk = func(n *Node) {
		switch n.Type {
		case html.TextNode:
			b.WriteString(n.Data)
			return
		case html.ElementNode:
			if block[n.Data] {
				b.WriteByte(' ')
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if n.Type == html.ElementNode && block[n.Data] {
			b.WriteByte(' ')
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

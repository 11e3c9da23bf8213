package render

import (
	"bytes"
	"testing"

	"golang.org/x/net/html"

	"github.com/loa-vn/loa/generator/internal/htmlq"
)

// Helpers to look at rendered pages as a browser would: parsed, never as
// strings.

func parse(t *testing.T, page []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("page does not parse: %v", err)
	}
	return doc
}

func attr(n *html.Node, key string) string { return htmlq.Attr(n, key) }

func hasClass(n *html.Node, class string) bool { return htmlq.HasClass(n, class) }

// findAll returns every element below n (n included) for which match is true.
func findAll(n *html.Node, match func(*html.Node) bool) []*html.Node {
	return htmlq.All(n, match)
}

func byTag(tag string) func(*html.Node) bool { return htmlq.Tag(tag) }

func byClass(class string) func(*html.Node) bool { return htmlq.Class(class) }

func first(t *testing.T, n *html.Node, what string, match func(*html.Node) bool) *html.Node {
	t.Helper()
	all := findAll(n, match)
	if len(all) == 0 {
		t.Fatalf("no %s in the page", what)
	}
	return all[0]
}

// text is the text content of n with whitespace collapsed, as read aloud.
func text(n *html.Node) string { return htmlq.Text(n) }

func texts(nodes []*html.Node) []string {
	out := make([]string, len(nodes))
	for i, n := range nodes {
		out[i] = text(n)
	}
	return out
}

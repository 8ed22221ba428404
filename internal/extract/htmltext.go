package extract

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// blockAtoms are the elements that start a new paragraph in nodeText.
var blockAtoms = map[atom.Atom]bool{
	atom.Address: true, atom.Article: true, atom.Aside: true, atom.Blockquote: true,
	atom.Br: true, atom.Caption: true, atom.Dd: true, atom.Details: true, atom.Div: true,
	atom.Dl: true, atom.Dt: true, atom.Figcaption: true, atom.Figure: true,
	atom.Footer: true, atom.Form: true, atom.H1: true, atom.H2: true, atom.H3: true,
	atom.H4: true, atom.H5: true, atom.H6: true, atom.Header: true, atom.Hr: true,
	atom.Li: true, atom.Main: true, atom.Nav: true, atom.Ol: true, atom.P: true,
	atom.Pre: true, atom.Section: true, atom.Summary: true, atom.Table: true,
	atom.Tbody: true, atom.Thead: true, atom.Tfoot: true, atom.Tr: true, atom.Ul: true,
}

// cellAtoms are table cells: kept on their row's line, apart from each other.
var cellAtoms = map[atom.Atom]bool{atom.Td: true, atom.Th: true}

// nodeParagraphs renders the text of n as paragraphs: every block element
// and <br> ends one. Inline elements join their text as a browser would.
// The paragraphs are cleaned (see cleanLine) and none is empty.
func nodeParagraphs(n *html.Node) []string {
	if n == nil {
		return nil
	}
	var paras []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			if p := cleanLine(cur.String()); p != "" {
				paras = append(paras, p)
			}
			cur.Reset()
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		switch n.Type {
		case html.TextNode:
			cur.WriteString(n.Data)
			return
		case html.ElementNode:
			switch elementAtom(n) {
			case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
				return
			}
		}
		a := elementAtom(n)
		block := n.Type == html.ElementNode && (blockAtoms[a] || !isKnownInline(a))
		cell := n.Type == html.ElementNode && cellAtoms[a]
		if block {
			flush()
		} else if cell {
			cur.WriteByte(' ')
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
		if block {
			flush()
		} else if cell {
			cur.WriteByte(' ')
		}
	}
	walk(n)
	flush()
	return paras
}

// elementAtom returns the atom of an element's tag. Elements built in code
// (as trafilatura builds its output) may carry only the tag name.
func elementAtom(n *html.Node) atom.Atom {
	if n.DataAtom != 0 || n.Type != html.ElementNode {
		return n.DataAtom
	}
	return atom.Lookup([]byte(n.Data))
}

// isKnownInline reports whether a is an HTML element that does not break a
// line. Elements HTML does not know (trafilatura's own "head", "list",
// "item" among them) count as blocks, which can only add a break.
func isKnownInline(a atom.Atom) bool {
	switch a {
	case atom.A, atom.Abbr, atom.B, atom.Bdi, atom.Bdo, atom.Cite, atom.Code,
		atom.Data, atom.Del, atom.Dfn, atom.Em, atom.Font, atom.I, atom.Img,
		atom.Ins, atom.Kbd, atom.Mark, atom.Q, atom.S, atom.Samp, atom.Small,
		atom.Span, atom.Strong, atom.Sub, atom.Sup, atom.Time, atom.U, atom.Var,
		atom.Wbr, atom.Label, atom.Strike, atom.Big, atom.Tt, atom.Body, atom.Html,
		atom.Td, atom.Th:
		return true
	}
	return false
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

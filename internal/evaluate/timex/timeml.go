package timex

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Expr is one TIMEX3 of a document: its span in the document's plain
// text, and its attributes.
type Expr struct {
	Start, End int
	Text       string
	Type       string
	Value      string
}

// Document is a TimeML document reduced to what scoring needs.
type Document struct {
	Name string
	DCT  time.Time // the document creation time: the reference date
	Text string    // the content of <TEXT> with tags removed and entities decoded
	Gold []Expr    // the TIMEX3s of Text, in order
}

// ReadDir reads every *.tml file of dir, sorted by name.
func ReadDir(dir string) ([]Document, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.tml"))
	if err != nil {
		return nil, fmt.Errorf("read timeml %s: %w", dir, err)
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("read timeml %s: no .tml files", dir)
	}
	sort.Strings(paths)
	docs := make([]Document, 0, len(paths))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("read timeml: %w", err)
		}
		d, err := Parse(filepath.Base(p), data)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Parse reads a TimeML document: the value of the TIMEX3 in <DCT> and the
// inline TIMEX3s of <TEXT>. The DCT's own TIMEX3 is not part of the text
// and is not scored.
func Parse(name string, data []byte) (Document, error) {
	d := Document{Name: name}
	dct, ok := section(data, "DCT")
	if !ok {
		return d, fmt.Errorf("parse timeml %s: no <DCT>", name)
	}
	v := attr(string(dct), "value")
	if len(v) < 10 {
		return d, fmt.Errorf("parse timeml %s: DCT value %q", name, v)
	}
	t, err := time.Parse("2006-01-02", v[:10])
	if err != nil {
		return d, fmt.Errorf("parse timeml %s: DCT: %w", name, err)
	}
	d.DCT = t
	body, ok := section(data, "TEXT")
	if !ok {
		return d, fmt.Errorf("parse timeml %s: no <TEXT>", name)
	}
	var b strings.Builder
	var open *Expr
	for i := 0; i < len(body); {
		c := body[i]
		switch c {
		case '<':
			j := bytes.IndexByte(body[i:], '>')
			if j < 0 {
				return d, fmt.Errorf("parse timeml %s: unclosed tag at byte %d of <TEXT>", name, i)
			}
			tag := string(body[i+1 : i+j])
			i += j + 1
			switch {
			case strings.HasPrefix(tag, "TIMEX3"):
				if open != nil {
					return d, fmt.Errorf("parse timeml %s: nested TIMEX3 at byte %d of <TEXT>", name, i)
				}
				open = &Expr{Start: b.Len(), Type: attr(tag, "type"), Value: attr(tag, "value")}
			case tag == "/TIMEX3":
				if open == nil {
					return d, fmt.Errorf("parse timeml %s: stray </TIMEX3>", name)
				}
				open.End = b.Len()
				d.Gold = append(d.Gold, *open)
				open = nil
			}
		case '&':
			j := bytes.IndexByte(body[i:], ';')
			if j > 0 && j < 10 {
				if r, ok := entities[string(body[i+1:i+j])]; ok {
					b.WriteString(r)
					i += j + 1
					continue
				}
			}
			b.WriteByte(c)
			i++
		default:
			b.WriteByte(c)
			i++
		}
	}
	d.Text = b.String()
	for k := range d.Gold {
		d.Gold[k].Text = d.Text[d.Gold[k].Start:d.Gold[k].End]
	}
	return d, nil
}

var entities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'"}

// section returns the content between <name> and </name>.
func section(data []byte, name string) ([]byte, bool) {
	open := []byte("<" + name + ">")
	i := bytes.Index(data, open)
	if i < 0 {
		return nil, false
	}
	rest := data[i+len(open):]
	j := bytes.Index(rest, []byte("</"+name+">"))
	if j < 0 {
		return nil, false
	}
	return rest[:j], true
}

// attr returns the value of attribute name in a tag's text.
func attr(tag, name string) string {
	for i := 0; ; {
		k := strings.Index(tag[i:], name+`="`)
		if k < 0 {
			return ""
		}
		k += i
		if k == 0 || tag[k-1] == ' ' || tag[k-1] == '\t' || tag[k-1] == '\n' {
			rest := tag[k+len(name)+2:]
			if e := strings.IndexByte(rest, '"'); e >= 0 {
				return rest[:e]
			}
			return ""
		}
		i = k + 1
	}
}

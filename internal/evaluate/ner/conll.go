// Package ner evaluates Storyline's named-entity tagger on CoNLL-format
// files with the scoring of the CoNLL shared task's conlleval script: an
// entity counts as found only when its type and both of its boundaries
// match the gold standard.
package ner

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strings"
)

// Sentence is one tokenised sentence with its gold tags (IOB1 or IOB2).
type Sentence struct {
	Tokens []string
	Tags   []string
}

// Document is a run of sentences between -DOCSTART- lines.
type Document struct {
	Sentences []Sentence
}

// ReadFile reads a CoNLL file; see Read.
func ReadFile(file string) ([]Document, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("read conll %s: %w", file, err)
	}
	defer f.Close()
	docs, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("read conll %s: %w", file, err)
	}
	return docs, nil
}

// Read reads CoNLL data: one token a line, whitespace-separated columns of
// which the first is the token and the last the entity tag, blank lines
// between sentences and "-DOCSTART-" lines between documents. Text before
// the first -DOCSTART- forms a document of its own.
func Read(r io.Reader) ([]Document, error) {
	var (
		docs []Document
		doc  Document
		sent Sentence
	)
	endSentence := func() {
		if len(sent.Tokens) > 0 {
			doc.Sentences = append(doc.Sentences, sent)
			sent = Sentence{}
		}
	}
	endDocument := func() {
		endSentence()
		if len(doc.Sentences) > 0 {
			docs = append(docs, doc)
			doc = Document{}
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) == 0:
			endSentence()
		case fields[0] == "-DOCSTART-":
			endDocument()
		case len(fields) < 2:
			return nil, fmt.Errorf("line %d: want a token and a tag, got %q", n, sc.Text())
		default:
			tag := fields[len(fields)-1]
			if !validTag(tag) {
				return nil, fmt.Errorf("line %d: bad tag %q", n, tag)
			}
			sent.Tokens = append(sent.Tokens, fields[0])
			sent.Tags = append(sent.Tags, tag)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	endDocument()
	return docs, nil
}

func validTag(tag string) bool {
	if tag == "O" {
		return true
	}
	return len(tag) > 2 && tag[1] == '-' && strings.IndexByte("BIESLU", tag[0]) >= 0
}

// Chunk is an entity found in a tag sequence: tokens [Start, End) of Type.
type Chunk struct {
	Type       string
	Start, End int
}

// Chunks converts a tag sequence to entities the way conlleval does, so it
// reads IOB1 (I- starts an entity unless it continues one of the same type),
// IOB2 and also IOBES/BILOU tags. Malformed tags count as O.
func Chunks(tags []string) []Chunk {
	var out []Chunk
	open := -1
	var openType string
	prevPrefix, prevType := byte('O'), ""
	for i, tag := range tags {
		prefix, typ := split(tag)
		if open >= 0 && endsBefore(prevPrefix, prevType, prefix, typ) {
			out = append(out, Chunk{openType, open, i})
			open = -1
		}
		if prefix != 'O' && (open < 0 || startsAt(prevPrefix, prevType, prefix, typ)) {
			if open >= 0 {
				out = append(out, Chunk{openType, open, i})
			}
			open, openType = i, typ
		}
		prevPrefix, prevType = prefix, typ
	}
	if open >= 0 {
		out = append(out, Chunk{openType, open, len(tags)})
	}
	return out
}

func split(tag string) (prefix byte, typ string) {
	if !validTag(tag) || tag == "O" {
		return 'O', ""
	}
	p := tag[0]
	switch p {
	case 'S', 'U':
		p = 'S'
	case 'L':
		p = 'E'
	}
	return p, tag[2:]
}

// endsBefore reports whether an entity open at the previous token ends
// before this one.
func endsBefore(prevPrefix byte, prevType string, prefix byte, typ string) bool {
	switch {
	case prevPrefix == 'E' || prevPrefix == 'S':
		return true
	case prefix == 'O' || prefix == 'B' || prefix == 'S':
		return true
	}
	return prevType != typ
}

// startsAt reports whether an entity starts at this token.
func startsAt(prevPrefix byte, prevType string, prefix byte, typ string) bool {
	switch {
	case prefix == 'O':
		return false
	case prefix == 'B' || prefix == 'S':
		return true
	case prevPrefix == 'O' || prevPrefix == 'E' || prevPrefix == 'S':
		return true
	}
	return prevType != typ
}

package ner

import (
	"bufio"
	"embed"
	"fmt"
	"strings"
)

//go:embed gazetteer/*.txt
var gazetteerFS embed.FS

// Gazetteer types, as bits of lexicon.gaz values.
const (
	gazLOC = iota
	gazORG
	gazPER
	gazMISC
	numGaz
)

// Token flags: what the lexicons know about a single word.
const (
	flagCommon   = 1 << iota // a lower-case English word (WordNet)
	flagFirst                // a first name
	flagName                 // a given name or surname
	flagRole                 // a title or role (Minister, Mr)
	flagRoleMod              // a role modifier (Deputy, Interior)
	flagOrgWord              // marks organisations (Bank, Party)
	flagLocWord              // marks places (River, Province)
	flagMonth                // a month or weekday name
	flagOrgAfter             // follows an organisation's name (television, spokesman)
	flagOrgHead              // heads "of" and an organisation's name (head, chief)
	numFlags     = iota
)

// flagOrgWorld marks organisations in names of other languages (Partido,
// Tehreek, Sena). It is read by the corrections only: features take the
// flags below numFlags, so the model never sees it.
const flagOrgWorld = 1 << 16

// lexicon holds the embedded word lists in the form the features use.
type lexicon struct {
	words  map[uint64]uint32 // normalised word hash -> flags
	gaz    map[uint64]uint8  // normalised token-sequence hash -> gazetteer type bits
	maxLen int               // longest gazetteer entry in tokens
}

// loadLexicon parses the embedded lists. It takes some tens of
// milliseconds and is done once per Load.
func loadLexicon() (*lexicon, error) {
	lx := &lexicon{words: make(map[uint64]uint32, 130000), gaz: make(map[uint64]uint8, 45000)}
	var buf []byte
	addWord := func(w string, flag uint32) {
		buf = normWord(buf[:0], w)
		lx.words[hashBytes(buf)] |= flag
	}
	wordLists := []struct {
		file string
		flag uint32
	}{
		{"common.txt", flagCommon},
		{"first.txt", flagFirst},
		{"names.txt", flagName},
		{"orgwords.txt", flagOrgWord},
		{"orgwords-world.txt", flagOrgWorld},
		{"locwords.txt", flagLocWord},
	}
	for _, l := range wordLists {
		err := eachLine(l.file, func(line string) {
			if !strings.Contains(line, " ") {
				addWord(line, l.flag)
			}
		})
		if err != nil {
			return nil, err
		}
	}
	err := eachLine("roles.txt", func(line string) {
		if w, ok := strings.CutSuffix(line, " +"); ok {
			addWord(w, flagRoleMod)
		} else {
			addWord(line, flagRole)
		}
	})
	if err != nil {
		return nil, err
	}
	err = eachLine("orgcues.txt", func(line string) {
		if w, ok := strings.CutSuffix(line, " >"); ok {
			addWord(w, flagOrgAfter)
		} else if w, ok := strings.CutSuffix(line, " <"); ok {
			addWord(w, flagOrgHead)
		}
	})
	if err != nil {
		return nil, err
	}
	months := []string{
		"january", "february", "march", "april", "may", "june", "july", "august", "september",
		"october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
		"friday", "saturday", "sunday",
	}
	for _, m := range months {
		addWord(m, flagMonth)
	}
	gazFiles := []struct {
		file string
		typ  int
	}{
		{"loc.txt", gazLOC}, {"org.txt", gazORG}, {"per.txt", gazPER}, {"misc.txt", gazMISC},
	}
	var toks [][]token
	for _, g := range gazFiles {
		err := eachLine(g.file, func(line string) {
			toks = sentences(line, toks)
			if len(toks) != 1 {
				return
			}
			n := len(toks[0])
			if n > 6 {
				return
			}
			h := uint64(0)
			for _, t := range toks[0] {
				buf = normWord(buf[:0], t.text)
				h = mix(h, hashBytes(buf))
			}
			lx.gaz[h] |= 1 << g.typ
			if n > lx.maxLen {
				lx.maxLen = n
			}
		})
		if err != nil {
			return nil, err
		}
	}
	return lx, nil
}

// eachLine calls fn with each non-blank line of an embedded list that is
// not a # comment.
func eachLine(file string, fn func(string)) error {
	f, err := gazetteerFS.Open("gazetteer/" + file)
	if err != nil {
		return fmt.Errorf("load gazetteer %s: %w", file, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		fn(line)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("load gazetteer %s: %w", file, err)
	}
	return nil
}

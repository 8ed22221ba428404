package compare

import "strings"

// pair is an original sentence and the copy's version of it.
type pair struct {
	o, k   *doc
	os, ks *sentence
}

// A hunk is a run of words that differ: os.toks[o0:o1] in the original
// became ks.toks[k0:k1] in the copy. One side may be empty.
type hunk struct {
	o0, o1, k0, k1 int
}

// compare diffs the pair and types each hunk.
func (p *pair) compare() ([]Change, Row) {
	ot, kt := p.os.toks, p.ks.toks
	row := Row{Original: p.os.text(p.o), Copy: p.ks.text(p.k)}
	var changes []Change
	hunks := merge(diff(ot, kt), ot)
	kpos := 0 // next copy token to put in a segment
	keep := func(upTo int) {
		if upTo > kpos {
			row.Segments = append(row.Segments, Segment{Op: Kept, Text: p.k.text[kt[kpos].start:segEnd(kt, upTo, p.ks)]})
			kpos = upTo
		}
	}
	for _, h := range hunks {
		typ := p.classify(h)
		keep(h.k0)
		orig, cp := spanText(p.o.text, ot[h.o0:h.o1]), spanText(p.k.text, kt[h.k0:h.k1])
		if orig != "" {
			row.Segments = append(row.Segments, Segment{Op: Dropped, Text: orig, Type: typ})
		}
		if h.k1 > h.k0 {
			row.Segments = append(row.Segments, Segment{Op: Inserted, Text: p.k.text[kt[h.k0].start:segEnd(kt, h.k1, p.ks)], Type: typ})
			kpos = h.k1
		}
		row.Segments[len(row.Segments)-1].Last = true
		changes = append(changes, Change{Type: typ, Original: orig, Copy: cp,
			OriginalSentence: row.Original, CopySentence: row.Copy})
	}
	keep(len(kt))
	changes = append(changes, p.swappedBeside(hunks, changes)...)
	return mergeWording(changes), row
}

// swappedBeside finds names of the copy's put in place of a pronoun or
// another name before the same word, which the diff may have matched
// elsewhere instead: in "talk to our government ... told Turkey's TRT"
// against "talk to Turkey's government", the diff may keep "Turkey's" and
// drop "government", and the swap of "our" for "Turkey's" would go unseen.
//
// Only words the diff dropped count as swapped: a word both texts keep in
// place is no swap.
func (p *pair) swappedBeside(hunks []hunk, found []Change) []Change {
	ot, kt := p.os.toks, p.ks.toks
	dropped := func(i int) bool {
		for _, h := range hunks {
			if i >= h.o0 && i < h.o1 {
				return true
			}
		}
		return false
	}
	var out []Change
	for j := 0; j < len(kt); j++ {
		c := kt[j]
		if !c.name {
			continue
		}
		end := j + 1
		if end < len(kt) && kt[end].lower == "'s" {
			end++
		}
		if end >= len(kt) || !kt[end].content() {
			continue
		}
		cp := spanText(p.k.text, kt[j:end])
		if reported(found, cp) || reported(out, cp) {
			continue
		}
		for i := 1; i < len(ot); i++ {
			if ot[i].key != kt[end].key {
				continue
			}
			b := i - 1
			if b > 0 && ot[b].lower == "'s" {
				b--
			}
			o := ot[b]
			swapped := pronouns[o.lower] && !personalPronouns[o.lower] && !p.ks.keys[o.key] ||
				o.name && o.key != c.key && !p.ks.keys[o.key]
			if swapped && dropped(b) && !(b > 0 && ot[b-1].key == c.key) {
				out = append(out, Change{Type: Entity, Original: spanText(p.o.text, ot[b:i]), Copy: cp,
					OriginalSentence: p.os.text(p.o), CopySentence: p.ks.text(p.k)})
				break
			}
		}
	}
	return out
}

// reported reports whether a change of fact already names the words w.
func reported(cs []Change, w string) bool {
	for _, c := range cs {
		if c.Fact() && strings.Contains(c.Copy, w) {
			return true
		}
	}
	return false
}

// segEnd is where a segment ending before token i ends: at the next
// token's start, so that spaces and punctuation stay with the words before
// them, or at the sentence's end.
func segEnd(toks []token, i int, s *sentence) int {
	if i < len(toks) {
		return toks[i].start
	}
	return s.span.End
}

// mergeWording keeps one wording change a sentence pair: the many small
// rewordings of a paraphrase are one fact-free change, not many.
func mergeWording(cs []Change) []Change {
	out := cs[:0]
	var w *Change
	for _, c := range cs {
		if c.Type != Wording {
			out = append(out, c)
			continue
		}
		if w == nil {
			out = append(out, c)
			w = &out[len(out)-1]
			continue
		}
		w.Original = join(w.Original, c.Original)
		w.Copy = join(w.Copy, c.Copy)
	}
	return out
}

func join(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + " … " + b
}

// merge joins hunks that only function words keep apart: "the" and "of"
// matched inside two passages that say different things do not make them
// several swaps of words.
func merge(hs []hunk, ot []token) []hunk {
	if len(hs) < 2 {
		return hs
	}
	out := hs[:1]
	for _, h := range hs[1:] {
		last := &out[len(out)-1]
		if !hasContent(ot[last.o1:h.o0]) {
			last.o1, last.k1 = h.o1, h.k1
			continue
		}
		out = append(out, h)
	}
	return out
}

// diff returns the hunks of a longest common subsequence of the two token
// sequences' keys.
func diff(a, b []token) []hunk {
	n, m := len(a), len(b)
	// lcs[i][j] is the LCS length of a[i:] and b[j:], in one slice.
	w := m + 1
	lcs := make([]int32, (n+1)*w)
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			if a[i].key == b[j].key {
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			} else {
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	var out []hunk
	i, j := 0, 0
	cur := hunk{-1, -1, -1, -1}
	flush := func() {
		if cur.o0 >= 0 {
			out = append(out, cur)
			cur = hunk{-1, -1, -1, -1}
		}
	}
	open := func() {
		if cur.o0 < 0 {
			cur = hunk{i, i, j, j}
		}
	}
	for i < n || j < m {
		switch {
		case i < n && j < m && a[i].key == b[j].key:
			flush()
			i++
			j++
		case j < m && (i == n || lcs[i*w+j+1] >= lcs[(i+1)*w+j]):
			open()
			j++
			cur.k1 = j
		default:
			open()
			i++
			cur.o1 = i
		}
	}
	flush()
	return out
}

// maxSwap is the most content words a side of a hunk has for the hunk to
// be a swap of words rather than a passage said otherwise.
const maxSwap = 4

// classify types a hunk. The checks run from the most specific fact to the
// least; what none of them finds is wording.
func (p *pair) classify(h hunk) Type {
	O, C := p.os.toks[h.o0:h.o1], p.ks.toks[h.k0:h.k1]
	unexplained := p.unexplained(C)
	if plainCount(O) > maxSwap || plainCount(C) > maxSwap {
		// Not a word swapped but a passage said otherwise: what the copy
		// says that the original does not is an added claim.
		if unexplained >= 2 {
			return Added
		}
		return Wording
	}
	if p.os.negs != p.ks.negs && countNeg(O) != countNeg(C) &&
		(len(C) > 0 && len(O) > 0 || contentCount(O)+contentCount(C) <= 1) {
		return Negation
	}
	if t := p.numbers(O, C); t != "" {
		return t
	}
	if t := p.classes(O, C); t != "" {
		return p.attributed(h, t)
	}
	if p.opposite(O, C) {
		return Antonym
	}
	if p.newName(O, C) || p.lostName(O, C) {
		return p.attributed(h, Entity)
	}
	if unexplained > 0 && quoted(O) && quoted(C) {
		return Quote
	}
	if unexplained > 0 && !hasContent(O) || unexplained-contentCount(O) >= 2 {
		return Added
	}
	return Wording
}

func countNeg(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.neg {
			n++
		}
	}
	return n
}

func hasContent(ts []token) bool {
	for _, t := range ts {
		if t.content() {
			return true
		}
	}
	return false
}

func contentCount(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.content() {
			n++
		}
	}
	return n
}

// plainCount counts the content words that are not names: a long name is
// still one thing swapped.
func plainCount(ts []token) int {
	n := 0
	for _, t := range ts {
		if t.content() && !t.name {
			n++
		}
	}
	return n
}

func quoted(ts []token) bool {
	for _, t := range ts {
		if t.quoted {
			return true
		}
	}
	return false
}

// numbers finds a number of the copy's that the original sentence does not
// have, or a number of the original's replaced by other words: a date when
// it reads as one (a year, or inside a temporal expression), else a number.
func (p *pair) numbers(O, C []token) Type {
	typ := func(t *token) Type {
		if t.timex || t.year() {
			return Date
		}
		return Number
	}
	for i := range C {
		if C[i].number && !p.os.keys[C[i].key] {
			return typ(&C[i])
		}
	}
	if !hasContent(C) {
		return "" // a number left out, not changed
	}
	for i := range O {
		if O[i].number && !p.ks.keys[O[i].key] {
			return typ(&O[i])
		}
	}
	return ""
}

// classes finds a member of a closed class in the copy's words where the
// original's held another member of the same class.
func (p *pair) classes(O, C []token) Type {
	for _, c := range C {
		if !c.content() || p.os.keys[c.key] {
			continue
		}
		for _, o := range O {
			if !o.content() || p.ks.keys[o.key] {
				continue
			}
			if k, ok := classOf(c); ok {
				if k2, ok := classOf(o); ok && k == k2 {
					return classes[k].kind
				}
			}
		}
	}
	return ""
}

// classOf returns the index in classes of t's closed class.
func classOf(t token) (int, bool) {
	if k, ok := classIndex[t.lower]; ok {
		return k, true
	}
	k, ok := classIndex[t.stem]
	return k, ok
}

// opposite reports whether a word of the copy's is an antonym of, or of
// the opposite polarity to, a word of the original's it replaced.
func (p *pair) opposite(O, C []token) bool {
	for _, c := range C {
		if !c.content() || p.os.keys[c.key] {
			continue
		}
		for _, o := range O {
			if p.ks.keys[o.key] {
				continue
			}
			if antonyms[[2]string{o.lower, c.lower}] || antonyms[[2]string{o.stem, c.stem}] {
				return true
			}
			if po, pc := polarity[o.lower], polarity[c.lower]; po*pc < 0 {
				return true
			}
		}
	}
	return false
}

// newName reports whether the copy's words hold a name the original's do
// not, in place of other words (a name swapped, a pronoun made a name) or
// added where the original sentence has it nowhere.
func (p *pair) newName(O, C []token) bool {
	inO := map[string]bool{}
	for _, o := range O {
		inO[o.key] = true
	}
	for _, c := range C {
		if !c.name || inO[c.key] {
			continue
		}
		if !p.os.keys[c.key] && !(personal(O) && p.o.keys[c.key]) {
			return true
		}
		for _, o := range O {
			if o.name || pronouns[o.lower] && !(personalPronouns[o.lower] && p.o.keys[c.key]) {
				return true
			}
		}
	}
	return false
}

// lostName reports whether a name of the original's words, which the
// copy's sentence does not have, gave way to other content words: "its RSV
// vaccine" to "its flu vaccine".
func (p *pair) lostName(O, C []token) bool {
	lost := false
	for _, o := range O {
		if o.name && !p.ks.keys[o.key] {
			lost = true
		}
	}
	if !lost {
		return false
	}
	for _, c := range C {
		if c.initial && !p.os.keys[c.key] {
			return true // a capitalised word in the name's place: "A. Will has"
		}
		if c.content() && !pronouns[c.lower] && !p.os.keys[c.key] && !p.sharesPrefix(c) {
			return true
		}
	}
	return false
}

// personal reports whether ts holds a personal pronoun, which a copy may
// replace with the name it stands for.
func personal(ts []token) bool {
	for _, t := range ts {
		if personalPronouns[t.lower] {
			return true
		}
	}
	return false
}

// attributed makes a name change beside a speech cue, or in a speaker the
// analyses found, a change of attribution.
func (p *pair) attributed(h hunk, t Type) Type {
	if t != Entity {
		return t
	}
	near := func(ts []token, a, b int) bool {
		for i := max(a-3, 0); i < min(b+3, len(ts)); i++ {
			if ts[i].speaker || cues[ts[i].lower] {
				return true
			}
		}
		return false
	}
	if near(p.os.toks, h.o0, h.o1) || near(p.ks.toks, h.k0, h.k1) {
		return Attribution
	}
	return t
}

// unexplained counts the copy's content words that the original sentence
// has in no form: not the same stem, nor a word sharing its first five
// letters ("clifftop", "cliff top").
func (p *pair) unexplained(C []token) int {
	n := 0
	for _, c := range C {
		if !c.content() || p.os.keys[c.key] || p.sharesPrefix(c) {
			continue
		}
		n++
	}
	return n
}

func (p *pair) sharesPrefix(c token) bool {
	const k = 5
	if len(c.lower) < k {
		return false
	}
	for _, o := range p.os.toks {
		if len(o.lower) >= k && strings.HasPrefix(o.lower, c.lower[:k]) {
			return true
		}
	}
	return false
}

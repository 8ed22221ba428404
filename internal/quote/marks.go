package quote

import "slices"

// region is a stretch of text within quote marks: from the opening mark to
// the closing one, both included. A quote continued over paragraphs in the
// news manner (an unclosed paragraph followed by one that opens again) is
// one region.
type region struct {
	open, close int // token indices of the first and last token
	start, end  int // byte offsets
}

// span is a half-open range of token indices.
type span struct{ a, b int }

// Side of a quote mark.
const (
	sideOpen = iota + 1
	sideClose
)

// side tells whether the quote mark at i opens or closes, from the spaces
// around it, falling back on its glyph; pending says whether a quote of the
// same kind is open.
func side(toks []token, i int, pending bool) int {
	t := &toks[i]
	attachedBefore := i > 0 && !t.space && !t.para
	var next *token
	if i+1 < len(toks) && !toks[i+1].space && !toks[i+1].para {
		next = &toks[i+1]
	}
	prevOpenish := !attachedBefore
	if attachedBefore {
		p := &toks[i-1]
		switch {
		case p.kind == kPunct && (p.r == '(' || p.r == '[' || p.r == '—' || p.r == '–' || p.r == '-' || p.r == '/' || p.r == ':' || p.r == ','):
			prevOpenish = true
		case p.kind == kQuote && (p.glyph == qOpenD || p.glyph == qOpenS):
			prevOpenish = true
		}
	}
	nextCloseish := next == nil
	if next != nil && next.kind == kPunct {
		switch next.r {
		case '.', ',', ';', ':', '!', '?', ')', ']', '—', '–', '…', '-':
			nextCloseish = true
		}
	}
	if next != nil && next.kind == kQuote && (next.glyph == qCloseD || next.glyph == qCloseS) {
		nextCloseish = true
	}
	canOpen := prevOpenish && next != nil && !nextCloseish
	canClose := attachedBefore && nextCloseish
	if attachedBefore && toks[i-1].kind == kPunct && (toks[i-1].r == ',' || toks[i-1].r == ':') && !nextCloseish {
		canClose = false
	}
	switch {
	case canOpen && !canClose:
		return sideOpen
	case canClose && !canOpen:
		return sideClose
	}
	switch t.glyph {
	case qOpenD, qOpenS:
		return sideOpen
	case qCloseD, qCloseS:
		return sideClose
	}
	if pending {
		return sideClose
	}
	return sideOpen
}

// pairQuotes finds the quote regions of a text and marks their tokens.
// Double quotes are paired first; single quotes only outside them.
func pairQuotes(toks []token, regions []region, marks []int) ([]region, []int) {
	marks = marks[:0]
	for i := range toks {
		if toks[i].kind == kQuote {
			marks = append(marks, i)
		}
	}
	if len(marks) == 0 {
		return regions, marks
	}
	// Straight and curly double quotes are paired apart, so that a
	// transcript in straight quotes may hold curly ones.
	regions = pairKind(toks, marks, regions, func(g uint8) bool { return g == qDouble })
	curly := len(regions)
	regions = pairKind(toks, marks, regions, func(g uint8) bool { return g == qOpenD || g == qCloseD })
	closeMixed(toks, regions[curly:])
	regions = outermost(regions)
	nd := len(regions)
	inDouble := func(i int) bool {
		for _, r := range regions[:nd] {
			if r.open <= i && i <= r.close {
				return true
			}
		}
		return false
	}
	regions = pairKind(toks, marks, regions, func(g uint8) bool {
		return g == qSingle || g == qOpenS || g == qCloseS
	})
	if len(regions) > nd {
		// Drop single-quote regions that overlap a double one, unless they
		// enclose it (a quote in single marks that quotes someone in turn).
		kept := regions[:nd]
		for _, r := range regions[nd:] {
			if inDouble(r.open) || inDouble(r.close) {
				continue
			}
			kept = append(kept, r)
		}
		regions = outermost(kept)
	}
	for ri, r := range regions {
		for k := r.open; k <= r.close; k++ {
			toks[k].region = int32(ri + 1)
		}
		regions[ri].start = toks[r.open].start
		regions[ri].end = toks[r.close].end
	}
	return regions, marks
}

// closeMixed ends each curly quote that found no curly closing mark (and
// so runs to its paragraph's end) at a straight closing mark inside it,
// as a text that mixes them writes it: “When removing him, it would be
// critical to do it slowly," said Lisa Boesky.
func closeMixed(toks []token, regions []region) {
	for ri := range regions {
		r := &regions[ri]
		if toks[r.close].kind == kQuote {
			continue
		}
		for k := r.open + 1; k <= r.close; k++ {
			if toks[k].kind == kQuote && toks[k].glyph == qDouble && side(toks, k, true) == sideClose {
				r.close = k
				break
			}
		}
	}
}

// outermost sorts regions and drops those that begin inside an earlier one.
func outermost(regions []region) []region {
	slices.SortFunc(regions, func(x, y region) int { return x.open - y.open })
	out := regions[:0]
	last := -1
	for _, r := range regions {
		if r.open <= last {
			continue
		}
		out = append(out, r)
		last = r.close
	}
	return out
}

// pairKind pairs the quote marks whose glyph satisfies kind, paragraph by
// paragraph, and appends the regions found.
func pairKind(toks []token, marks []int, regions []region, kind func(uint8) bool) []region {
	pending := -1
	// cur is a mark in the paragraph the pending quote has reached.
	cur := -1
	// fromParaStart says whether the pending quote opened, or opened
	// again, at the start of that paragraph: then a missing closing mark is
	// taken to fall at the paragraph's end.
	fromParaStart := false
	paraEnd := func(k int) int {
		for k+1 < len(toks) && toks[k+1].paraNo == toks[k].paraNo {
			k++
		}
		return k
	}
	for _, i := range marks {
		t := &toks[i]
		if !kind(t.glyph) {
			continue
		}
		if pending >= 0 && t.paraNo != toks[cur].paraNo {
			if t.para && t.paraNo == toks[cur].paraNo+1 && side(toks, i, false) == sideOpen {
				// The quote goes on in this paragraph.
				cur = i
				fromParaStart = true
				continue
			}
			if fromParaStart && t.paraNo == toks[cur].paraNo+1 && i > pending+1 && side(toks, i, true) == sideClose {
				// The quote goes on into the next paragraph without
				// opening again, and closes there: "“ I am so excited ...
				// second time. ¶ You know ... the charm, ” said DeGeneres."
				regions = append(regions, region{open: pending, close: i})
				pending = -1
				continue
			}
			if fromParaStart {
				regions = append(regions, region{open: pending, close: paraEnd(cur)})
			}
			pending = -1
		}
		switch side(toks, i, pending >= 0) {
		case sideOpen:
			if pending < 0 || t.glyph != qCloseD && t.glyph != qCloseS {
				pending, cur = i, i
				fromParaStart = t.para
			}
		case sideClose:
			if pending >= 0 && i > pending+1 {
				regions = append(regions, region{open: pending, close: i})
				pending = -1
			}
		}
	}
	if pending >= 0 && fromParaStart {
		if end := paraEnd(cur); end > pending {
			regions = append(regions, region{open: pending, close: end})
		}
	}
	return regions
}

// sentences splits tokens into sentences. A paragraph break always ends one.
func sentences(text string, toks []token, out []span) []span {
	out = out[:0]
	start := 0
	for i := 0; i < len(toks); i++ {
		if i > start && toks[i].para {
			out = append(out, span{start, i})
			start = i
		}
		t := &toks[i]
		end := false
		switch {
		case t.kind == kPunct && t.r == '.' && splitNumber(toks, i):
		case t.kind == kPunct && t.r == '.' && splitTime(text, toks, i) && i+1 < len(toks):
			n := &toks[i+1]
			end = n.kind == kWord && n.cap && n.lex.flags&wStarter != 0
		case t.kind == kPunct && (t.r == '.' || t.r == '!' || t.r == '?' || t.r == '…'):
			end = true
		case t.kind == kWord && t.abbrev && t.lex.flags&wTitle == 0 && i+1 < len(toks):
			n := &toks[i+1]
			end = n.kind == kWord && n.cap && n.lex.flags&wStarter != 0
		}
		if !end {
			continue
		}
		j := i + 1
		for j < len(toks) && !toks[j].para && !toks[j].space {
			n := &toks[j]
			if n.kind == kQuote || n.kind == kPunct && (n.r == ')' || n.r == ']' || n.r == '.' || n.r == '!' || n.r == '?' || n.r == '…') {
				j++
				continue
			}
			break
		}
		if j >= len(toks) {
			break
		}
		n := &toks[j]
		if j > i+1 && toks[j-1].kind == kQuote && attributionAt(toks, j) {
			i = j - 1 // `“... here?” Clinton said.`: the quote's own sentence goes on
			continue
		}
		if n.para || n.kind == kWord && (n.cap || n.digit) || n.kind == kQuote || n.kind == kPunct && (n.r == '(' || n.r == '[' || n.r == '—' || n.r == '―') {
			if !n.para {
				out = append(out, span{start, j})
				start = j
			}
			i = j - 1
		}
	}
	if start < len(toks) {
		out = append(out, span{start, len(toks)})
	}
	return out
}

// splitNumber reports whether the period at token i is the decimal point
// or calibre mark of a number that a tokenised text split with a space:
// "5. 9" for 5.9, "a. 38" for a .38.
func splitNumber(toks []token, i int) bool {
	if i == 0 || i+1 >= len(toks) || toks[i].space || !toks[i+1].digit || toks[i+1].kind != kWord {
		return false
	}
	p := &toks[i-1]
	return p.kind == kWord && (p.digit || p.end-p.start == 1 && !p.cap)
}

// splitTime reports whether the period at token i ends "a. m." or "p. m.",
// a time of day a tokenised text split with spaces, which then ends a
// sentence only as an abbreviation does.
func splitTime(text string, toks []token, i int) bool {
	if i < 3 || toks[i].space || toks[i-1].kind != kWord || toks[i-2].kind != kPunct || toks[i-2].r != '.' {
		return false
	}
	m, ap := text[toks[i-1].start:toks[i-1].end], text[toks[i-3].start:toks[i-3].end]
	return (m == "m" || m == "M") && (ap == "a" || ap == "p" || ap == "A" || ap == "P")
}

// attributionAt reports whether the tokens from j, after a quote that ends
// in a terminal mark, are the quote's short attribution: a name or a role
// and a cue, then nothing but an adjunct before the sentence's end, as in
// `“Why now?” Clinton said on Tuesday.`. A cue with a content of its own
// (`Smith said the vote was close.`) starts a sentence of its own.
func attributionAt(toks []token, j int) bool {
	if !toks[j].cap || toks[j].para {
		return false
	}
	k := j
	for k < len(toks) && k-j < 8 && toks[k].kind == kWord && toks[k].lex.flags&wCue == 0 && !toks[k].para {
		if !toks[k].cap && toks[k].lex.flags&(wTitle|wRole|wDet|wNamePart) == 0 {
			return false
		}
		k++
	}
	if k == j || k >= len(toks) || toks[k].kind != kWord || !toks[k].lex.invert {
		return false
	}
	for m := k + 1; m < len(toks) && m-k <= 6 && !toks[m].para; m++ {
		t := &toks[m]
		switch {
		case t.kind == kPunct && (t.r == '.' || t.r == ','):
			return true
		case t.kind != kWord || t.lex.flags&(wPrep|wTime|wDet) == 0 && !t.cap && !t.digit:
			return false
		}
	}
	return false
}

// units merges sentences that a quote region spans, so that a quote and its
// attribution are read together.
func units(toks []token, sents []span, out []span) []span {
	out = out[:0]
	for _, s := range sents {
		if len(out) > 0 && s.a > 0 && toks[s.a].region != 0 && toks[s.a].region == toks[s.a-1].region {
			out[len(out)-1].b = s.b
			continue
		}
		out = append(out, s)
	}
	return out
}

// nickname reports whether the quote closed at token k is a nickname
// inside a name, up to four words between capitalised words: Adam “Pacman”
// Jones, Salvatore "Sammy the Bull" Gravano.
func (d *doc) nickname(k int) bool {
	r := d.regions[d.toks[k].region-1]
	return r.close-r.open <= 5 && r.open > 0 && d.isNameWord(r.open-1) &&
		r.close+1 < len(d.toks) && d.toks[r.close+1].kind == kWord && d.toks[r.close+1].cap
}

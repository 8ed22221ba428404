package event

// counts returns the numbers of people a sentence says were killed,
// injured and arrested, -1 for each it does not give. When a sentence gives
// several counts of one kind the largest is kept ("killed 5 ... the death
// toll rose to 7").
func (d *doc) counts(sent span) (killed, injured, arrested int32) {
	killed, injured, arrested = -1, -1, -1
	for k := sent.a; k < sent.b; k++ {
		w := d.word(k)
		if w == nil || w.cas == 0 || d.toks[k].has(fTimex) {
			continue
		}
		v := int32(-1)
		cas := w.cas
		switch {
		case cas&cLives != 0:
			// "claimed the lives of five Chinese labourers and one local"
			if d.is(k-1, wDet) && d.is(k+1, wOf) {
				v = d.sumRight(sent, k+2)
				cas = cKill
			}
		case cas&cToll != 0:
			// "the death toll rose to 12"
			if k-1 >= sent.a && d.isWord(k-1, d.lx.death) {
				v = d.tollCount(sent, k+1)
				cas = cKill
			}
		default:
			if cas&cActive != 0 {
				v = d.sumRight(sent, k+1)
			} else if d.is(k+1, wOf) {
				v = d.sumRight(sent, k+2) // "the arrest of two diplomats"
			}
			if v < 0 {
				v = d.sumLeft(sent, k-1)
			}
			if cas&(cKill|cInjure) == cKill|cInjure && v > 0 {
				v = -1 // "casualties" may be dead or wounded: only "no casualties" counts
			}
			if v == 0 && d.isWord(k, d.lx.hurt) {
				cas |= cKill // "no one was hurt": no one was killed either
			}
		}
		if v < 0 {
			continue
		}
		if cas&cKill != 0 {
			killed = max(killed, v)
		}
		if cas&cInjure != 0 {
			injured = max(injured, v)
		}
		if cas&cArrest != 0 {
			arrested = max(arrested, v)
		}
	}
	return killed, injured, arrested
}

// tollCount reads the count of a death toll from token k on: "of 12",
// "rose to at least 31", "from Monday's bombing in Tarsk rose to 31".
func (d *doc) tollCount(sent span, k int) int32 {
	skip := func(x int) int {
		for n := 0; n < 6 && x < sent.b && d.is(x, wTollVerb|wQual) && d.toks[x].num < 0; n++ {
			x++
		}
		return x
	}
	if v := d.number(sent, skip(k)); v >= 0 {
		return v
	}
	for x := k; x < sent.b && x < k+10; x++ {
		if d.is(x, wBarrier) {
			break
		}
		if d.is(x, wTollVerb) && !d.is(x, wPrep|wQual) {
			return d.number(sent, skip(x))
		}
	}
	return -1
}

// number returns the count written at token k ("12", "twenty-five",
// "thirty five", "two hundred", "a dozen"), or -1.
func (d *doc) number(sent span, k int) int32 {
	v, _ := d.parseNumber(sent, k)
	return v
}

// parseNumber returns the count that starts at token k and the token after
// it; -1 when there is arg{}.
func (d *doc) parseNumber(sent span, k int) (int32, int) {
	if k >= sent.b {
		return -1, k
	}
	if d.is(k, wDet) && k+1 < sent.b && d.isWord(k+1, d.lx.dozen) {
		return 12, k + 2
	}
	t := &d.toks[k]
	if t.num < 0 || t.has(fTimex) {
		return -1, k
	}
	if x := k + 1; x < sent.b && d.toks[x].kind == kPunct && (d.toks[x].r == '-' || d.toks[x].r == '–') {
		return -1, k // "a 16 - year - old"
	}
	v, x := t.num, k+1
	if v >= 20 && v < 100 && v%10 == 0 && x < sent.b && d.toks[x].num > 0 && d.toks[x].num < 10 && d.is(x, wNumWord) {
		v += d.toks[x].num
		x++
	}
	if x < sent.b && d.is(x, wMult) && v < 1000 {
		if m := d.word(x).num; m > 0 {
			v *= m
			x++
		}
	}
	return v, x
}

// sumRight returns the count of the noun phrase list that starts at token
// k, after a verb: "killed at least five Chinese labourers and one local"
// is 6. It returns -1 when no count comes first.
func (d *doc) sumRight(sent span, k int) int32 {
	for n := 0; n < 4 && k < sent.b && d.is(k, wQual) && d.toks[k].num < 0; n++ {
		k++
	}
	total := int32(-1)
	for k < sent.b {
		v, x := d.parseNumber(sent, k)
		if v < 0 || d.is(x, wMeasure) {
			break // "arrested four times", "five buildings away"
		}
		total = max(total, 0) + v
		k = x
		nouns := 0
		for ; nouns < 4 && k < sent.b && d.npWord(k); nouns++ {
			k++
		}
		// "five labourers and one local", "two soldiers, three policemen"
		if k+1 < sent.b && (d.is(k, wAnd) || nouns > 0 && d.toks[k].kind == kPunct && d.toks[k].r == ',') {
			if v2, _ := d.parseNumber(sent, k+1); v2 >= 0 {
				k++
				continue
			}
		}
		break
	}
	return total
}

// sumLeft returns the count of the noun phrase list that ends at token k,
// before a participle or adjective: "five Chinese labourers and one local
// were killed" is 6, "no one was hurt" is 0. It returns -1 when there is
// no count.
func (d *doc) sumLeft(sent span, k int) int32 {
	k = d.skipBack(sent, k, wAux|wAdv|wBe|wModal|wWill)
	total := int32(-1)
	for {
		v, start := d.countBefore(sent, k)
		if v < 0 {
			return total
		}
		total = max(total, 0) + v
		if v == 0 {
			return total
		}
		c := start - 1
		if c-1 < sent.a || !(d.is(c, wAnd) || d.toks[c].kind == kPunct && d.toks[c].r == ',') {
			return total
		}
		k = c - 1
	}
}

// countBefore reads, from token k leftwards, a noun phrase ending in a
// count: "five Chinese labourers", "12", "no one", "nobody". It returns
// the count and its first token, or -1.
func (d *doc) countBefore(sent span, k int) (int32, int) {
	for n := 0; n < 5 && k >= sent.a; n++ {
		t := &d.toks[k]
		if d.is(k, wZero) {
			return 0, k
		}
		if d.is(k, wNeg) && (d.isWord(k, d.lx.no) || d.isWord(k, d.lx.without)) {
			return 0, k
		}
		if t.num >= 0 && !t.has(fTimex) {
			start := k
			if k-1 >= sent.a && d.toks[k-1].num >= 0 && d.is(k-1, wNumWord) {
				start = k - 1 // "thirty five"
			}
			if start-1 >= sent.a && d.is(start-1, wDet) && d.isWord(k, d.lx.dozen) {
				start--
			}
			if start-1 >= sent.a && d.isWord(start-1, d.lx.no) {
				return 0, start - 1 // "no one"
			}
			v, _ := d.parseNumber(sent, start)
			return v, start
		}
		if d.is(k, wVague) && !d.is(k, wQual) {
			return -1, k
		}
		if !d.npWord(k) && !d.is(k, wOf) && !(d.is(k, wPron) && d.is(k-1, wOf)) {
			return -1, k
		}
		k--
	}
	return -1, k
}

// npWord reports whether token k may stand in a noun phrase between a
// count and its verb: "five Chinese labourers", "12 security personnel".
func (d *doc) npWord(k int) bool {
	t := &d.toks[k]
	if t.kind != kWord || t.num >= 0 || t.has(fTimex) {
		return false
	}
	w := d.word(k)
	if w != nil && w.cas != 0 {
		return false
	}
	if t.ment >= 0 || d.capName(k) {
		return true
	}
	if w != nil {
		return w.cls&(wAgent|wPremod) != 0 && w.cls&(wPrep|wConj|wDet|wAux) == 0
	}
	return !t.has(fDigit)
}

package genre

// Signs a word may give, as bits of a sentence's signs.
const (
	signFirstSingular uint32 = 1 << iota
	signFirstPlural
	signSecond
	signPrescriptive
	signEvaluative
	signStance
	signAttributed
	signNumber
	signDay
	signInformal
)

// lexicon maps lower-cased words (with ’ written ') to the signs they
// give wherever they stand. Words that need their neighbour ("need to",
// "of course", "it is time") are in signOf.
type lexicon map[string]uint32

// newLexicon builds the word table from the lists below.
func newLexicon() lexicon {
	words := lexicon{}
	for sign, list := range map[uint32]string{
		signFirstSingular: `i me my mine myself i'm i've i'd i'll`,
		signFirstPlural:   `we our ours ourselves we're we've we'll we'd let's`,
		signSecond:        `you your yours yourself yourselves you're you've you'll you'd`,
		signPrescriptive:  `should shouldn't must mustn't ought`,
		signEvaluative: `absurd ridiculous shameful shameless disgraceful outrageous pathetic stupid
			idiotic foolish ignorant hypocrisy hypocritical hypocrite hypocrites insane silly laughable
			dishonest despicable disgusting appalling deplorable nonsense unwise sensible reckless
			irresponsible naive misguided terrible horrible awful wonderful brilliant incompetent
			vile evil cowardly courageous sadly unfortunately fortunately thankfully hopefully
			liar liars lies lying idiot idiots moron morons nasty pathetic disgrace shame sick
			pitiful absurdity outrage scandalous sham farce bizarre crazy lunatic mess`,
		signStance: `clearly obviously surely frankly simply merely truly undoubtedly arguably
			indeed perhaps apparently honestly certainly really actually`,
		signAttributed: `said says say told tells according stated announced spokesman spokeswoman spokesperson
			added reported confirmed statement interview explained noted testified tweeted wrote`,
		signInformal: `absolutely totally utterly completely extremely incredibly ridiculously so-called
			it's that's there's here's what's who's isn't aren't wasn't weren't don't doesn't didn't can't couldn't won't wouldn't
			shouldn't haven't hasn't hadn't they're they've they'll let's`,
		signDay: `monday tuesday wednesday thursday friday saturday sunday yesterday`,
	} {
		for _, w := range fields(list) {
			words[w] |= sign
		}
	}
	return words
}

// signOf returns the signs of word w (lower-cased) after prev.
func (words lexicon) signOf(w, prev []byte) uint32 {
	s := words[string(w)]
	switch string(w) {
	case "to":
		if p := string(prev); p == "need" || p == "needs" || p == "ought" {
			s |= signPrescriptive
		}
	case "course":
		if string(prev) == "of" {
			s |= signStance
		}
	case "time":
		if p := string(prev); p == "it's" || p == "is" {
			s |= signPrescriptive
		}
	}
	return s
}

func fields(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			if start >= 0 {
				out = append(out, s[start:i])
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

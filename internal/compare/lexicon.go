package compare

import "strings"

// The tables below are ours, written for this package and kept small: they
// name the words whose swap changes a fact however a sentence is phrased
// (negators, number words, antonyms, members of closed classes) and the
// function words that carry none. Words are lower case; antonyms and
// classes are matched by stem, so one form of a word covers its
// inflections.

// negators turn a statement into its denial. "n't" is split off its verb
// by the tokenizer.
var negators = set("not", "n't", "never", "no", "none", "nobody", "nothing", "neither", "nor",
	"cannot", "without", "nowhere")

// stopwords carry no fact of their own: a change of them alone is wording.
var stopwords = set(
	"a", "about", "above", "across", "after", "again", "against", "all", "also", "am", "an", "and",
	"any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
	"between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
	"during", "each", "even", "ever", "for", "from", "further", "had", "has",
	"have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
	"how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may",
	"me", "might", "most", "much", "must", "my", "myself",
	"now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
	"ourselves", "out", "over", "own", "per", "same", "she", "should", "so", "some",
	"such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
	"there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
	"up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which",
	"while", "who", "whom", "whose", "why", "will", "with", "within", "would",
	"yet", "you", "your", "yours", "yourself", "'s", "’s", "'", "mr", "mrs", "ms", "dr",
	"well", "still", "since", "though", "although", "whether", "actually", "really", "indeed",
	"currently", "recently", "already", "therefore", "thus", "instead", "rather", "quite",
	"toward", "towards", "onto", "via", "amid", "among", "amongst", "despite", "like",
	"get", "got", "make", "made", "take", "taken", "took", "put", "one", "ones",
	"thing", "things", "way", "part", "kind", "type", "sort", "lot", "many", "several",
	"more", "less", "few", "fewer", "various", "certain", "being", "become", "became",
	"whereas", "upon", "regarding", "concerning", "including", "following", "prior",
	"so-called", "namely", "especially", "particularly", "reportedly", "allegedly",
	"both", "either", "every", "anyone", "someone", "something", "anything", "everything",
)

// pronouns stand for a name; a name in their place names someone new.
var pronouns = set("he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us",
	"his", "its", "their", "our", "my", "your", "this", "that", "these", "those")

// personalPronouns stand for a person the text names elsewhere: a copy
// that puts the name in their place says who was meant.
var personalPronouns = set("he", "she", "him", "her", "his", "hers")

// cues introduce whose words a sentence reports: a name swapped beside one
// changes who said it.
var cues = set("said", "says", "say", "told", "tells", "according", "added", "stated",
	"announced", "claimed", "insisted", "wrote", "warned", "explained", "asked", "noted",
	"urged", "argued", "declared", "confirmed", "denied", "tweeted", "posted", "suggested")

// numberWords give the value of spelt-out numbers; ordinals are kept apart
// (see ordinals) so that "one" and "first" differ.
var numberWords = map[string]float64{
	"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
	"eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
	"fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
	"nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
	"seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1e3,
	"million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12, "dozens": 24,
	"hundreds": 200, "thousands": 2e3, "millions": 2e6, "billions": 2e9, "half": 0.5,
	"twice": 2, "single": 1, "double": 2, "triple": 3, "pair": 2, "couple": 2,
}

var ordinals = map[string]float64{
	"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
	"eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "twentieth": 20,
	"hundredth": 100, "last": -1,
}

// unitSuffixes scale a number written with its unit: "$5bn", "10m", "3k".
var unitSuffixes = map[string]float64{
	"bn": 1e9, "b": 1e9, "billion": 1e9, "mn": 1e6, "m": 1e6, "mln": 1e6, "million": 1e6,
	"k": 1e3, "tn": 1e12, "trn": 1e12, "%": 1, "pc": 1, "th": 1, "st": 1, "nd": 1, "rd": 1,
	"s": 1, "km": 1, "kg": 1, "mph": 1, "ft": 1, "cm": 1, "mm": 1, "lb": 1, "lbs": 1,
}

// classes are closed sets whose members exclude each other: swapping one
// member for another changes a fact as a name swap does. The class decides
// the change's type.
var classes = []struct {
	kind    Type
	members []string
}{
	{Date, words("january february march april may june july august september october november december " +
		"monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow tonight " +
		"morning afternoon evening night spring summer autumn fall winter weekend")},
	{Number, words("second minute hour day week month year decade century quarter " +
		"seconds minutes hours days weeks months years decades centuries quarters")},
	{Entity, words("red orange yellow green blue purple violet pink brown black white grey gray " +
		"gold silver")},
	{Entity, words("man woman men women boy girl boys girls male female husband wife son daughter " +
		"father mother brother sister uncle aunt grandson granddaughter grandfather grandmother " +
		"mr mrs ms gay lesbian bisexual transgender")},
	{Entity, words("north south east west northern southern eastern western northeast northwest " +
		"southeast southwest left right upper lower")},
	{Entity, words("president vice-president chairman chairwoman chair founder co-founder ceo cfo " +
		"director manager chief executive minister secretary governor mayor senator judge " +
		"prosecutor lawyer spokesman spokeswoman spokesperson commander general captain " +
		"officer employee owner investor shareholder king queen prince princess pope bishop " +
		"coach player captain teacher student doctor nurse")},
	{Entity, words("murder manslaughter homicide assault robbery theft fraud rape kidnapping " +
		"burglary arson bribery terrorism treason")},
	{Entity, words("gold silver bronze oil gas coal copper iron steel wheat rice corn")},
}

// classIndex maps a member of a class to the class's index in classes; a
// word in two classes is in the first.
var classIndex = func() map[string]int {
	m := map[string]int{}
	for i, c := range classes {
		for _, w := range c.members {
			if _, ok := m[w]; !ok {
				m[w] = i
			}
		}
	}
	return m
}()

// antonyms are pairs of words of opposite meaning.
var antonyms = pairs(
	"rose fell", "risen fallen", "rose dropped", "rose declined", "grew shrank", "gained lost",
	"increase decrease", "increase decline", "increase drop", "increase fall", "increase cut",
	"increase reduce", "increase reduction", "rise fall", "rise decline", "rise drop",
	"grow shrink", "growth decline", "gain loss", "gain lose", "up down", "higher lower",
	"more less", "more fewer", "most least", "high low", "raise lower", "raise cut",
	"boost cut", "expand shrink", "surge plunge", "soar plunge", "climb fall", "jump drop",
	"win lose", "won lost", "victory defeat", "winner loser", "success failure",
	"succeed fail", "pass fail", "accept reject", "approve reject", "approve veto",
	"allow ban", "allow forbid", "permit ban", "permit prohibit", "legal illegal",
	"support oppose", "back oppose", "support opposition", "agree disagree", "agree refuse",
	"confirm deny", "admit deny", "guilty innocent", "convicted acquitted", "convict acquit",
	"arrest release", "arrested released", "arrested freed", "arrest free", "open close",
	"open shut", "start end", "start stop", "begin end", "begin finish", "launch end",
	"join leave", "enter exit", "hire fire", "appoint dismiss", "appoint sack",
	"resign stay", "include exclude", "add remove", "buy sell", "bought sold", "import export",
	"borrow lend", "give take", "send receive", "attack defend", "peace war",
	"ceasefire war", "friend enemy", "ally enemy", "ally rival", "before after", "ahead behind",
	"ahead back", "forward back", "forward backward", "forwards backwards", "ahead backwards",
	"early late", "earlier later", "first last", "past future", "old new", "older newer",
	"young old", "younger older", "strong weak", "stronger weaker", "rich poor", "wealthy poor",
	"best worst", "better worse", "good bad", "positive negative", "safe dangerous", "safe unsafe",
	"alive dead", "live die", "survive die", "survived died", "born died", "public private",
	"full empty", "true false", "right wrong", "correct incorrect", "possible impossible",
	"likely unlikely", "certain uncertain", "known unknown", "major minor", "large small",
	"big small", "long short", "longer shorter", "heavy light", "hot cold", "warm cold",
	"wet dry", "fast slow", "quick slow", "easy hard", "easy difficult", "cheap expensive",
	"profit loss", "surplus deficit", "inside outside", "domestic foreign", "internal external",
	"majority minority", "maximum minimum", "always never", "all none", "everyone nobody",
	"love hate", "praise criticise", "praise criticize", "praise condemn", "welcome condemn",
	"reward punish", "legal unlawful", "help hurt", "help harm",
	"protect harm", "save destroy", "build destroy", "create destroy", "conflict peace",
)

// polarity marks words that say something went well (+1) or badly (-1):
// a swap of one for one of the other sign reverses what is reported.
var polarity = func() map[string]int {
	m := map[string]int{}
	for _, w := range words("good great successful success triumphant thriving flourishing " +
		"booming prosperous profitable healthy strong robust stable secure safe happy " +
		"celebrated praised popular improved improving recovering winning victorious " +
		"peaceful calm optimistic positive generous honest legal innocent welcome welcomed " +
		"support supported boost boosted rescue rescued celebrate peace peaceful " +
		"agreement resolution ceasefire truce") {
		m[w] = 1
	}
	for _, w := range words("bad poor troubled struggling failing failed ailing embattled " +
		"beleaguered distressed weak fragile unstable insecure dangerous unsafe unhappy " +
		"criticised criticized unpopular worsening declining collapsing losing defeated " +
		"violent hostile pessimistic negative corrupt dishonest illegal guilty condemned " +
		"sink sank undermine undermined harm harmed destroy destroyed hurt " +
		"war invasion attack conflict violence killing bombing crisis") {
		m[w] = -1
	}
	return m
}()

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

func words(s string) []string { return strings.Fields(s) }

// pairs turns "a b" lines into a symmetric relation.
func pairs(lines ...string) map[[2]string]bool {
	m := make(map[[2]string]bool, 2*len(lines))
	for _, l := range lines {
		f := strings.Fields(l)
		m[[2]string{f[0], f[1]}] = true
		m[[2]string{f[1], f[0]}] = true
	}
	return m
}

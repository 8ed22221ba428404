package dedup

// stopwords are English function words and reporting verbs, too common to
// say what a sentence is about. The list is ours, kept short on purpose:
// postings that grow too long are capped anyway (see Options.MaxPostings).
var stopwords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range []string{
		"a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
		"any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
		"between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
		"during", "each", "even", "ever", "few", "for", "from", "further", "had", "has",
		"have", "having", "he", "her", "here", "hers", "herself", "him", "himself", "his",
		"how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "may",
		"me", "might", "more", "most", "much", "must", "my", "myself", "no", "nor", "not",
		"now", "of", "off", "on", "once", "one", "only", "or", "other", "our", "ours",
		"ourselves", "out", "over", "own", "per", "same", "she", "should", "so", "some",
		"such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
		"there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
		"up", "upon", "us", "very", "was", "we", "were", "what", "when", "where", "which",
		"while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would",
		"yet", "you", "your", "yours", "yourself", "said", "says", "say", "told", "tell",
		"according", "mr", "mrs", "ms", "dont", "didnt", "doesnt", "isnt", "wasnt", "cant",
		"wont", "im", "its", "thats", "theres", "ive", "youre", "theyre", "well", "still",
		"since", "though", "although", "whether", "another", "many", "several", "new",
	} {
		m[w] = true
	}
	return m
}()

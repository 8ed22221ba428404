package genre

// The text model: a logistic regression over standardised rates
// ((rate - mean) / spread), fitted with an L2 penalty of 3 on the 40
// development articles of shared/data/opinion/semeval2019-genre-dev.jsonl
// (SemEval-2019 Task 4 by-article, Kiesel et al. 2019, CC BY 4.0; labelled
// news or opinion by reading them). Refit with
// go test ./internal/genre -run LeaveOneOut -refit, which prints this block.
// A positive score is opinion. In feature order: first person singular,
// first person plural, second person, prescriptive, judging words, stance
// adverbs, questions and exclamations, prescriptions or judgements with no
// source, attributed, quoted words, figures, weekdays.
var (
	bias    = 0.003
	weights = features{0.334, 0.420, 0.116, 0.223, 0.344, 0.118, 0.436, 0.417, -0.802, -0.423, -0.155, -0.432}
	means   = features{0.0311, 0.0528, 0.0516, 0.0213, 0.0260, 0.0355, 0.0527, 0.0357, 0.1774, 0.2024, 0.1459, 0.0595}
	spreads = features{0.0556, 0.0854, 0.0708, 0.0395, 0.0351, 0.0484, 0.0581, 0.0492, 0.1597, 0.1749, 0.1337, 0.0749}
)

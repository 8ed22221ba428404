package genre

// The text model. Each rate is measured in spreads from its mean over the
// 40 development articles of shared/data/opinion/semeval2019-genre-dev.jsonl
// (SemEval-2019 Task 4 by-article, Kiesel et al. 2019, CC BY 4.0; labelled
// news or opinion by reading them), and every sign counts the same: +1 for
// a sign of the author's own voice, -1 for a sign of reporting. A positive
// sum is opinion. Only the means and spreads come from the data (print
// them with go test ./internal/genre -run LeaveOneOut -refit): weights
// fitted by logistic regression on 40 articles did no better when each
// article was held out in turn (see TestLeaveOneOut), and equal weights
// do not learn the quirks of 40 articles.
//
// In feature order: first person singular, first person plural, second
// person, prescriptive, judging words, stance adverbs, questions and
// exclamations, prescriptions or judgements with no source, attributed,
// quoted words, figures, weekdays, contractions and intensifiers.
var (
	bias    = 0.0
	weights = features{1, 1, 1, 1, 1, 1, 1, 1, -1, -1, -1, -1, 1}
	means   = features{0.0311, 0.0528, 0.0516, 0.0213, 0.0260, 0.0355, 0.0527, 0.0333, 0.1914, 0.2024, 0.1459, 0.0595, 0.1079}
	spreads = features{0.0556, 0.0854, 0.0708, 0.0395, 0.0351, 0.0484, 0.0581, 0.0464, 0.1582, 0.1749, 0.1337, 0.0749, 0.1032}
)

package genre

// features are the classifier's inputs, each a rate or fraction.
type features [nFeatures]float64

const (
	fFirstSingular = iota
	fFirstPlural
	fSecond
	fPrescriptive
	fEvaluative
	fStance
	fQuestions
	fArgued
	fAttributed
	fQuoted
	fNumbers
	fDays
	fInformal
	nFeatures
)

var featureNames = [nFeatures]string{"first_singular", "first_plural", "second", "prescriptive", "evaluative", "stance", "questions", "argued", "attributed", "quoted", "numbers", "days", "informal"}

func (c counts) features() features {
	var f features
	n := float64(max(c.sentences, 1))
	f[fFirstSingular] = float64(c.firstSingular) / n
	f[fFirstPlural] = float64(c.firstPlural) / n
	f[fSecond] = float64(c.second) / n
	f[fPrescriptive] = float64(c.prescriptive) / n
	f[fEvaluative] = float64(c.evaluative) / n
	f[fStance] = float64(c.stance) / n
	f[fQuestions] = float64(c.questions+c.exclamations) / n
	f[fArgued] = float64(c.argued) / n
	f[fAttributed] = float64(c.attributed) / n
	f[fQuoted] = float64(c.quoted) / float64(max(c.words+c.quoted, 1))
	f[fNumbers] = float64(c.numbers) / n
	f[fDays] = float64(c.days) / n
	f[fInformal] = float64(c.informal) / n
	return f
}

package ner

import (
	"os"
	"strings"
	"testing"
)

// article is invented news text of the usual shape: some 20 sentences.
const article = `Foreign Minister Anna Kowalski arrived in Geneva on Monday for talks with officials of the World Bank and the International Monetary Fund.
The visit comes a week after the government in Warsaw said it would seek a loan of $4 billion to rebuild roads and bridges damaged by floods along the Vistula.
"We are not asking for charity, we are asking for partners," Kowalski told reporters at the airport.
Her deputy, Piotr Nowak, stayed behind to brief the parliamentary finance committee.
Opposition leader Jan Zielinski accused the government of hiding the true cost of the repairs.
The European Commission has already promised 300 million euros, according to a spokesman for the Commission in Brussels.
Analysts at Acme Capital said the request was larger than expected.
"The numbers do not add up yet," said Maria Lopez, an economist at the firm's London office.
Prime Minister Tomasz Brzeski defended the plan in a televised address on Sunday evening.
He said the floods had displaced more than 40,000 people in the south of the country.
The Red Cross said its teams were still working in Krakow and in smaller towns near the Czech border.
Germany and Austria have sent rescue crews, and the United Nations has offered logistical help.
In Berlin, Chancellor Friedrich Albrecht said his country would match any European contribution.
The International Monetary Fund did not comment on the talks.
A World Bank official, speaking on condition of anonymity, said a decision could come within weeks.
Shares in Polish construction companies rose sharply on the Warsaw Stock Exchange.
Nowak is expected to join the minister in Geneva on Wednesday.
The talks will continue on Thursday, when Kowalski meets the bank's president, David Okafor.
Okafor has previously backed emergency lending for countries hit by natural disasters.
The floods are the worst to hit the region since 1997, according to the national weather service.`

// BenchmarkTag tags a 20-sentence article; sentences/s is per core.
func BenchmarkTag(b *testing.B) {
	tg := loadTagger(b)
	n := len(sentences(article, nil))
	b.SetBytes(int64(len(article)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tg.Tag(article)
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkTagDocument tags the CoNLL-2003 dev set a document at a time.
func BenchmarkTagDocument(b *testing.B) {
	data, err := os.ReadFile("../../../shared/data/ner/conll/conll2003_dev.txt")
	if err != nil {
		b.Skip("CoNLL-2003 dev set not found beside the checkout (../shared/data/ner/conll)")
	}
	var docs [][][]string
	var doc [][]string
	var sent []string
	nsent := 0
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		switch {
		case len(f) == 0 || f[0] == "-DOCSTART-":
			if len(sent) > 0 {
				doc = append(doc, sent)
				nsent++
				sent = nil
			}
			if len(f) > 0 && len(doc) > 0 {
				docs = append(docs, doc)
				doc = nil
			}
		default:
			sent = append(sent, f[0])
		}
	}
	if len(sent) > 0 {
		doc = append(doc, sent)
		nsent++
	}
	if len(doc) > 0 {
		docs = append(docs, doc)
	}
	tg := loadTagger(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			tg.TagDocument(d)
		}
	}
	b.ReportMetric(float64(nsent*b.N)/b.Elapsed().Seconds(), "sentences/s")
}

func BenchmarkLoad(b *testing.B) {
	for i := 0; i < b.N; i++ {
		if _, err := Load(); err != nil {
			b.Fatal(err)
		}
	}
}

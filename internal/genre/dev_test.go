package genre

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"testing"
)

// devSet is the development set the weights were fitted on.
const devSet = "../../../shared/data/opinion/semeval2019-genre-dev.jsonl"

var refit = flag.Bool("refit", false, "print weights.go fitted on the development set")

type devRow struct {
	ID, Title, Text, Kind string
}

func loadDev(t *testing.T) []devRow {
	t.Helper()
	f, err := os.Open(devSet)
	if err != nil {
		t.Skipf("no development set: %v", err)
	}
	defer f.Close()
	var rows []devRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var r devRow
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, r)
	}
	return rows
}

// l2 is the ridge penalty of the logistic regression the shipped model is
// compared with, on standardised rates.
const l2 = 3

// TestLeaveOneOut estimates how the text model generalises: for each of
// the 40 development articles, the model made from the other 39 (their
// means and spreads, with the shipped signs) classifies it. A logistic
// regression fitted on the 39 is scored the same way, for comparison.
// Run with -refit to print weights.go's means and spreads from all 40.
func TestLeaveOneOut(t *testing.T) {
	rows := loadDev(t)
	words := newLexicon()
	X := make([]features, len(rows))
	y := make([]float64, len(rows))
	for i, r := range rows {
		X[i] = words.read(r.Text).features()
		if r.Kind == "opinion" {
			y[i] = 1
		}
	}
	correct, fitted := 0, 0
	for i := range rows {
		var tx []features
		var ty []float64
		for j := range rows {
			if j != i {
				tx, ty = append(tx, X[j]), append(ty, y[j])
			}
		}
		m := fit(tx, ty)
		if (m.score(X[i]) > 0) == (y[i] == 1) {
			fitted++
		}
		m.w, m.b = weights, bias
		if (m.score(X[i]) > 0) == (y[i] == 1) {
			correct++
		} else {
			t.Logf("held out, missed: %s (%s) %q", rows[i].ID, rows[i].Kind, rows[i].Title)
		}
	}
	acc := float64(correct) / float64(len(rows))
	t.Logf("leave-one-out accuracy on the development set: %d/%d = %.3f (a fitted logistic regression: %d/%d)", correct, len(rows), acc, fitted, len(rows))
	if acc < 0.85 {
		t.Errorf("leave-one-out accuracy %.3f, want at least 0.85", acc)
	}
	if *refit {
		m := fit(X, y)
		fmt.Printf("\tmeans   = features{")
		for k := range m.mean {
			fmt.Printf("%.4f, ", m.mean[k])
		}
		fmt.Printf("}\n\tspreads = features{")
		for k := range m.sd {
			fmt.Printf("%.4f, ", m.sd[k])
		}
		fmt.Printf("}\n")
	}
}

type model struct {
	w, mean, sd features
	b           float64
}

func (m model) score(x features) float64 {
	z := m.b
	for k := range x {
		z += m.w[k] * (x[k] - m.mean[k]) / m.sd[k]
	}
	return z
}

// fit fits a logistic regression with an L2 penalty on standardised
// features by gradient descent.
func fit(X []features, y []float64) model {
	var m model
	n := float64(len(X))
	for _, x := range X {
		for k := range x {
			m.mean[k] += x[k] / n
		}
	}
	for _, x := range X {
		for k := range x {
			m.sd[k] += (x[k] - m.mean[k]) * (x[k] - m.mean[k]) / n
		}
	}
	for k := range m.sd {
		m.sd[k] = math.Max(math.Sqrt(m.sd[k]), 1e-3)
	}
	for range 3000 {
		var gw features
		var gb float64
		for i, x := range X {
			d := 1/(1+math.Exp(-m.score(x))) - y[i]
			for k := range x {
				gw[k] += d * (x[k] - m.mean[k]) / m.sd[k]
			}
			gb += d
		}
		for k := range m.w {
			m.w[k] -= 0.5 * (gw[k] + l2*m.w[k]) / n
		}
		m.b -= 0.5 * gb / n
	}
	return m
}

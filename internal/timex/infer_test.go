package timex

import (
	"strings"
	"testing"
	"time"
)

func TestInfer(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		hint     Hint
		ok       bool
		from, to string // the inferred day must fall in [from, to]
		note     string // the note must mention this
	}{
		{
			name: "future full date and past weekday",
			text: "Ministers will open the summit on November 14, 2022. The host said on Tuesday that all delegations had arrived.",
			ok:   true, from: "2022-11-08", to: "2022-11-13", note: "November 14, 2022",
		},
		{
			name: "past full date",
			text: "Police said on September 30, 2021 that the road was closed.",
			ok:   true, from: "2021-09-30", to: "2021-10-07", note: "September 30, 2021",
		},
		{
			name: "yearless date with a related date",
			text: "The envoy will arrive on March 3. She said on Friday that talks were close.",
			hint: Hint{Near: date("2023-02-20")},
			ok:   true, from: "2023-02-24", to: "2023-03-02", note: "March 3",
		},
		{
			name: "yearless date alone",
			text: "The envoy will arrive on March 3.",
			ok:   false, note: "no year",
		},
		{
			name: "no dates",
			text: "The envoy will arrive soon, officials said.",
			ok:   false, note: "no dates",
		},
		{
			name: "conflicting dates",
			text: "The council will vote on 5 May 2020. The mayor resigned on 10 June 2020.",
			ok:   false, note: "conflicting",
		},
		{
			name: "yearless date and a fetch date",
			text: "Talks will resume on March 3.",
			hint: Hint{NotAfter: date("2023-02-27")},
			ok:   false, from: "2023-01-31", to: "2023-03-02", note: "fetch date",
		},
	}
	f := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inf, ok := f.Infer(tt.text, nil, tt.hint)
			if ok != tt.ok {
				t.Errorf("ok = %v, want %v (%+v)", ok, tt.ok, inf)
			}
			if tt.from != "" && (inf.Date.Before(date(tt.from)) || inf.Date.After(date(tt.to))) {
				t.Errorf("inferred %s, want %s..%s (%s)", inf.Date.Format("2006-01-02"), tt.from, tt.to, inf.Note)
			}
			if !strings.Contains(inf.Note, tt.note) {
				t.Errorf("note %q does not mention %q", inf.Note, tt.note)
			}
			if ok && (inf.Date.Before(inf.Earliest) || inf.Date.After(inf.Latest)) {
				t.Errorf("date %v outside its bounds %v..%v", inf.Date, inf.Earliest, inf.Latest)
			}
		})
	}
}

func TestInferPublishedFunc(t *testing.T) {
	d, note, ok := InferPublished("Police said on September 30, 2021 that the road was closed.", nil)
	if !ok || !d.Equal(time.Date(2021, 9, 30, 0, 0, 0, 0, time.UTC)) || note == "" {
		t.Errorf("InferPublished = %v %q %v, want 2021-09-30 with a note", d, note, ok)
	}
}

package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestChunks(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Chunk
	}{
		{"iob2", "B-PER I-PER O B-LOC", []Chunk{{"PER", 0, 2}, {"LOC", 3, 4}}},
		{"iob2 adjacent same type", "B-PER B-PER I-PER", []Chunk{{"PER", 0, 1}, {"PER", 1, 3}}},
		{"iob1 starts with I", "I-ORG I-ORG O I-LOC", []Chunk{{"ORG", 0, 2}, {"LOC", 3, 4}}},
		{"iob1 B splits same type", "I-PER B-PER", []Chunk{{"PER", 0, 1}, {"PER", 1, 2}}},
		{"type change without B", "I-ORG I-LOC", []Chunk{{"ORG", 0, 1}, {"LOC", 1, 2}}},
		{"entity at end", "O O B-MISC I-MISC", []Chunk{{"MISC", 2, 4}}},
		{"bilou", "U-PER B-ORG I-ORG L-ORG O", []Chunk{{"PER", 0, 1}, {"ORG", 1, 4}}},
		{"iobes", "S-LOC B-PER E-PER", []Chunk{{"LOC", 0, 1}, {"PER", 1, 3}}},
		{"malformed tag is O", "B-PER junk I-PER", []Chunk{{"PER", 0, 1}, {"PER", 2, 3}}},
		{"all O", "O O", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Chunks(strings.Fields(tt.tags))
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Chunks(%q) = %v, want %v", tt.tags, got, tt.want)
			}
		})
	}
}

// The fixture is invented text, not from any corpus.
const sample = `-DOCSTART- -X- -X- O

Marta NNP B-NP B-PER
Lind NNP I-NP I-PER
visited VBD B-VP O
Oslo NNP B-NP B-LOC
. . O O

-DOCSTART- -X- -X- O

Acme NNP B-NP I-ORG
rose VBD B-VP O

Nothing NN B-NP O
`

func TestRead(t *testing.T) {
	docs, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	want := []Document{
		{Sentences: []Sentence{{
			Tokens: []string{"Marta", "Lind", "visited", "Oslo", "."},
			Tags:   []string{"B-PER", "I-PER", "O", "B-LOC", "O"},
		}}},
		{Sentences: []Sentence{
			{Tokens: []string{"Acme", "rose"}, Tags: []string{"I-ORG", "O"}},
			{Tokens: []string{"Nothing"}, Tags: []string{"O"}},
		}},
	}
	if !reflect.DeepEqual(docs, want) {
		t.Errorf("Read = %+v\nwant %+v", docs, want)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct{ name, in string }{
		{"bad tag", "Oslo NNP B-NP X-LOC\n"},
		{"single column", "Oslo\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Read(strings.NewReader(tt.in)); err == nil {
				t.Errorf("Read(%q) succeeded, want an error", tt.in)
			}
		})
	}
}

func FuzzRead(f *testing.F) {
	f.Add(sample)
	f.Add("a b\n\nc I-PER\n-DOCSTART-\n")
	f.Fuzz(func(t *testing.T, in string) {
		docs, err := Read(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, d := range docs {
			if len(d.Sentences) == 0 {
				t.Fatal("empty document")
			}
			for _, s := range d.Sentences {
				if len(s.Tokens) == 0 || len(s.Tokens) != len(s.Tags) {
					t.Fatalf("sentence with %d tokens and %d tags", len(s.Tokens), len(s.Tags))
				}
				for _, ch := range Chunks(s.Tags) {
					if ch.Start < 0 || ch.End > len(s.Tags) || ch.Start >= ch.End {
						t.Fatalf("chunk %v out of range", ch)
					}
				}
			}
		}
	})
}

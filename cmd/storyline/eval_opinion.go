package main

import (
	"context"

	"github.com/storyline-news/storyline/internal/evaluate/opinion"
	"github.com/storyline-news/storyline/internal/genre"
)

// evalOpinion scores the news-or-opinion classifier on the JSON Lines file
// at path (title, text, kind, optional url).
func evalOpinion(ctx context.Context, path string) (opinion.Result, error) {
	return opinion.Run(ctx, path, genre.New())
}

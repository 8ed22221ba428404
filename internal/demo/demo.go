// Package demo holds Storyline's built-in sample corpus: a fictional story
// (a dispute over a dam between two fictional countries) told by fictional
// outlets in every input format Storyline reads. All of it was written for
// this project.
package demo

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

//go:embed corpus
var corpus embed.FS

// Corpus returns the sample files.
func Corpus() fs.FS {
	sub, err := fs.Sub(corpus, "corpus")
	if err != nil {
		panic(err) // the embedded tree always has corpus/
	}
	return sub
}

// WriteTo writes the sample files into dir, which must exist, so that they
// can be ingested like any user's folder.
func WriteTo(dir string) error {
	return fs.WalkDir(Corpus(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(Corpus(), path)
		if err != nil {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return fmt.Errorf("write sample %s: %w", dst, err)
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return fmt.Errorf("write sample %s: %w", dst, err)
		}
		return nil
	})
}

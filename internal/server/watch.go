package server

import (
	"context"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/source"
)

// Watcher ingests the files dropped into a folder. It polls rather than
// subscribing to file-system events: polling works the same on every
// system and on network shares, and a news folder changes slowly.
type Watcher struct {
	dir    string
	ingest IngestFunc
	every  time.Duration
	settle time.Duration
	log    *slog.Logger
	seen   map[string]fileSig // files ingested, by path
}

// fileSig is what tells a changed file from the one already ingested.
type fileSig struct {
	size  int64
	mtime time.Time
}

// WatchOptions tune a Watcher. The zero value is usable.
type WatchOptions struct {
	// Every is the time between two looks at the folder (default 3s).
	Every time.Duration
	// Settle is how long a file must go unmodified before it is read, so
	// that a file still being written is not read in half (default 2s).
	Settle time.Duration
	Log    *slog.Logger
}

// NewWatcher returns a watcher of dir that hands new and changed files to
// ingest.
func NewWatcher(dir string, ingest IngestFunc, opts WatchOptions) (*Watcher, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("watch %s: %w", dir, err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("watch %s: not a folder", dir)
	}
	w := &Watcher{dir: dir, ingest: ingest, every: opts.Every, settle: opts.Settle, log: opts.Log, seen: make(map[string]fileSig)}
	if w.every <= 0 {
		w.every = 3 * time.Second
	}
	if w.settle <= 0 {
		w.settle = 2 * time.Second
	}
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	return w, nil
}

// Run polls the folder until ctx is done. A failed poll (the store could
// not be written) is logged and tried again at the next one.
func (w *Watcher) Run(ctx context.Context) error {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		if _, err := w.Poll(ctx); err != nil && ctx.Err() == nil {
			w.log.Error("watch: ingest failed; will retry", "dir", w.dir, "err", err)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-t.C:
		}
	}
}

// Poll looks at the folder once and ingests the files that are new or
// changed since they were last ingested (by path, size and modification
// time) and have settled. It returns the number of files ingested.
func (w *Watcher) Poll(ctx context.Context) (int, error) {
	now := time.Now()
	var paths []string
	sigs := make(map[string]fileSig)
	err := filepath.WalkDir(w.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a file that vanished, or a folder we may not read
		}
		if path != w.dir && skipWatched(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return nil
		}
		sig := fileSig{fi.Size(), fi.ModTime()}
		if old, ok := w.seen[path]; ok && old == sig {
			return nil
		}
		if now.Sub(sig.mtime) < w.settle {
			return nil // still being written, perhaps: next time
		}
		paths = append(paths, path)
		sigs[path] = sig
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("watch %s: %w", w.dir, err)
	}
	if len(paths) == 0 {
		return 0, nil
	}
	slices.Sort(paths)
	sum, err := w.ingest(ctx, source.Read(ctx, paths, source.Options{}))
	if err != nil {
		return 0, fmt.Errorf("watch %s: %w", w.dir, err)
	}
	for p, sig := range sigs {
		w.seen[p] = sig
	}
	for _, p := range sum.Problems {
		w.log.Warn("watch: input failed", "problem", p.Error())
	}
	for _, p := range sum.Warnings {
		w.log.Warn("watch: input read with a warning", "warning", p.Error())
	}
	w.log.Info("watch: ingested", "files", len(paths), "read", sum.Read, "new", sum.New, "known", sum.Known, "failed", sum.Failed)
	return len(paths), nil
}

// skipWatched reports whether a name in the watched folder is not an input:
// hidden files and folders, and the temporary files of editors and
// downloads.
func skipWatched(name string) bool {
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") {
		return true
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".tmp", ".part", ".partial", ".crdownload", ".swp", ".download":
		return true
	}
	return false
}

package storedrows

import (
	"encoding/json"
	"fmt"

	"github.com/storyline-news/storyline/internal/news"
)

// ScanOutlets scans a story's ID and its stored outlet list, a JSON array
// of [outlet, articles] pairs, biggest first, as the grouping saves it.
func ScanOutlets(r Scanner) (id news.StoryID, counts []news.OutletCount, err error) {
	var list string
	if err := r.Scan(&id, &list); err != nil {
		return id, nil, err
	}
	var pairs [][2]any // [outlet, articles]
	if err := json.Unmarshal([]byte(list), &pairs); err != nil {
		return id, nil, fmt.Errorf("story %s: %w", id, err)
	}
	counts = make([]news.OutletCount, len(pairs))
	for i, p := range pairs {
		outlet, ok1 := p[0].(string)
		n, ok2 := p[1].(float64)
		if !ok1 || !ok2 {
			return id, nil, fmt.Errorf("story %s: bad entry %v", id, p)
		}
		counts[i] = news.OutletCount{Outlet: outlet, Articles: int(n)}
	}
	return id, counts, nil
}

// SetStories sets the stories of each storyline of lines to those that
// point to it, read from rows of (storyline, story) ordered by storyline
// and then as a storyline's stories come (earliest first): first the
// stories its stored body names, in the body's order, then the others.
func SetStories(lines []news.Storyline, rows Rows) error {
	stories := make(map[news.StorylineID][]news.StoryID, len(lines))
	err := Each(rows, func(r Rows) error {
		var l news.StorylineID
		var st news.StoryID
		if err := r.Scan(&l, &st); err != nil {
			return err
		}
		stories[l] = append(stories[l], st)
		return nil
	})
	if err != nil {
		return err
	}
	for i, l := range lines {
		lines[i].Stories = mergeStories(l.Stories, stories[l.ID])
	}
	return nil
}

// mergeStories returns the stories of named that are in live, in named's
// order, then the rest of live in its order.
func mergeStories(named, live []news.StoryID) []news.StoryID {
	on := make(map[news.StoryID]bool, len(live))
	for _, st := range live {
		on[st] = true
	}
	out := make([]news.StoryID, 0, len(live))
	for _, st := range named {
		if on[st] {
			out = append(out, st)
			delete(on, st)
		}
	}
	for _, st := range live {
		if on[st] {
			out = append(out, st)
		}
	}
	return out
}

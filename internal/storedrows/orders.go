package storedrows

import (
	"context"
	"strings"
	"sync"

	"github.com/storyline-news/storyline/internal/news"
)

// GroupOrders keeps the order of stories' copy groups, as a store's
// StoryGroups pages through them (the seqs of the groups' first
// articles), for one data version of the store: any write empties it.
// The zero value is empty and ready; it is safe for concurrent use.
type GroupOrders struct {
	mu      sync.Mutex
	version int64
	seqs    map[string][]int64 // story and outlet -> the groups' first articles, by seq
	held    int                // seqs held, at most maxGroupOrders
}

// maxGroupOrders bounds the articles whose place GroupOrders keeps: 8 MiB.
const maxGroupOrders = 1 << 20

// Order returns the order of story id's copy groups (of outlet, when set;
// outlets match without regard to case): the one kept for the store's
// current version, else the one read returns, which it then keeps. When
// version fails, read's order is returned and not kept.
func (o *GroupOrders) Order(ctx context.Context, version func(context.Context) (int64, error),
	id news.StoryID, outlet string, read func(context.Context) ([]int64, error)) ([]int64, error) {
	key := string(id) + "\x00" + strings.ToLower(outlet)
	v, verr := version(ctx)
	if verr == nil {
		if seqs, ok := o.kept(v, key); ok {
			return seqs, nil
		}
	}
	seqs, err := read(ctx)
	if err != nil {
		return nil, err
	}
	if seqs == nil {
		seqs = []int64{}
	}
	if verr == nil {
		o.keep(v, key, seqs)
	}
	return seqs, nil
}

// kept returns the seqs kept under key for version v, emptying what is
// kept when it was kept for another version.
func (o *GroupOrders) kept(v int64, key string) ([]int64, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	seqs, ok := o.seqs[key]
	if o.version != v {
		o.version, o.seqs, o.held, ok = v, nil, 0, false
	}
	return seqs, ok
}

// keep keeps seqs under key for version v, unless the store has changed
// since or they would pass maxGroupOrders.
func (o *GroupOrders) keep(v int64, key string, seqs []int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.version != v || len(seqs) > maxGroupOrders {
		return
	}
	if o.held+len(seqs) > maxGroupOrders {
		o.seqs, o.held = nil, 0
	}
	if o.seqs == nil {
		o.seqs = make(map[string][]int64)
	}
	if _, ok := o.seqs[key]; !ok {
		o.seqs[key] = seqs
		o.held += len(seqs)
	}
}

package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// defaultLockTTL is how long the grouping lock outlives its holder's last
// refresh: a worker that dies grouping blocks the others' groupings that
// long. The holder refreshes it every third of that.
const defaultLockTTL = 30 * time.Second

// lockKey is the grouping lock's key.
const lockKey = "group"

// lock is the grouping lock: a key in a bucket whose entries expire.
// The holder writes its name; a worker creates the key to take the lock,
// which fails while another holds it.
type lock struct {
	kv    jetstream.KeyValue
	owner string
	ttl   time.Duration
}

func (q *Queue) newLock(ctx context.Context, owner string) (*lock, error) {
	ttl := q.lockTTL
	if ttl == 0 {
		ttl = defaultLockTTL
	}
	kv, err := q.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      q.lockBucket(),
		Description: "Storyline: the worker grouping now",
		History:     1,
		TTL:         ttl,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("create bucket %s: %w", q.lockBucket(), err)
	}
	return &lock{kv: kv, owner: owner, ttl: ttl}, nil
}

// errLockLost reports a lock that another worker took, or that could not
// be refreshed, while its holder ran.
var errLockLost = errors.New("grouping lock lost")

// run runs f holding the lock, and reports whether it held it: when
// another worker holds the lock, run does nothing. f's context ends if
// the lock cannot be refreshed, so that a holder cut off from the server
// does not save a grouping another worker may be making.
func (l *lock) run(ctx context.Context, f func(context.Context) error) (bool, error) {
	rev, err := l.kv.Create(ctx, lockKey, []byte(l.owner))
	if errors.Is(err, jetstream.ErrKeyExists) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("take %s lock: %w", lockKey, err)
	}
	fctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	refreshed := make(chan uint64, 1)
	go func() { refreshed <- l.refresh(fctx, rev, cancel) }()
	err = f(fctx)
	cancel(nil)
	rev = <-refreshed
	if rerr := l.kv.Delete(context.WithoutCancel(ctx), lockKey, jetstream.LastRevision(rev)); rerr != nil && err == nil {
		err = fmt.Errorf("release %s lock: %w", lockKey, rerr)
	}
	if cause := context.Cause(fctx); errors.Is(cause, errLockLost) {
		err = cause
	}
	return true, err
}

// refresh rewrites the lock every third of its TTL until ctx is done, and
// returns the lock's last revision; it cancels ctx when it cannot.
func (l *lock) refresh(ctx context.Context, rev uint64, cancel context.CancelCauseFunc) uint64 {
	t := time.NewTicker(l.ttl / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return rev
		case <-t.C:
		}
		// Not under ctx: an update that reaches the server must be known,
		// or the release below would not match the lock's revision.
		uctx, ucancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		next, err := l.kv.Update(uctx, lockKey, []byte(l.owner), rev)
		ucancel()
		if err != nil {
			if ctx.Err() == nil {
				cancel(fmt.Errorf("%w: %w", errLockLost, err))
			}
			return rev
		}
		rev = next
	}
}

package queue

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/storyline-news/storyline/internal/source"
)

// Published counts what a Publish did.
type Published struct {
	Read       int     `json:"read"`       // items read, failed ones included
	Published  int     `json:"published"`  // items the stream took
	Duplicates int     `json:"duplicates"` // items the stream already had (duplicate window)
	Failed     int     `json:"failed"`     // items that could not be read or published
	Problems   []error `json:"-"`          // one per failed item, naming it
	Warnings   []error `json:"-"`          // the items' warnings (source.Item.Warnings)
}

// publishFor bounds how long one item is retried while the server does
// not answer (restarting, unreachable) before Publish gives up.
const publishFor = 2 * time.Minute

// Publish puts each item on the stream under its Identity. A bad input or
// an item too large for the server is counted as a problem and the rest
// go on; the error is for failures that stop the run: ctx cancelled, or
// the server not answering for publishFor. The count is valid up to that
// point. progress, when not nil, is called with the count after each
// item.
//
// A publish the server does not answer is sent again (the connection
// reconnects meanwhile): the message ID makes a repeat harmless.
func (q *Queue) Publish(ctx context.Context, items iter.Seq2[source.Item, error], progress func(Published)) (Published, error) {
	var sum Published
	for it, err := range items {
		if ctx.Err() != nil {
			break
		}
		if progress != nil && sum.Read > 0 {
			progress(sum)
		}
		sum.Read++
		if err != nil {
			sum.Failed++
			sum.Problems = append(sum.Problems, err)
			continue
		}
		for _, w := range it.Warnings {
			sum.Warnings = append(sum.Warnings, w)
		}
		dup, err := q.publish(ctx, it)
		switch {
		case errors.Is(err, errItem):
			sum.Failed++
			sum.Problems = append(sum.Problems, err)
		case err != nil:
			return sum, err
		case dup:
			sum.Duplicates++
		default:
			sum.Published++
		}
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("publish to %s: %w", q.opts.Stream, err)
	}
	return sum, nil
}

// errItem marks an item's own failure to publish.
var errItem = errors.New("cannot publish item")

// publish publishes one item, retrying with back-off while the server
// does not answer, and reports whether the stream had it already.
func (q *Queue) publish(ctx context.Context, it source.Item) (bool, error) {
	m, err := encode(q.itemSubject(), it)
	if err != nil {
		return false, fmt.Errorf("%w: %w", errItem, err)
	}
	if max := q.nc.MaxPayload(); max > 0 && int64(len(m.Data)) > max {
		return false, fmt.Errorf("%s: %w: %d bytes, more than the server's max_payload of %d", source.Quote(it.Origin), errItem, len(m.Data), max)
	}
	ack, err := q.publishRetry(ctx, m)
	if err != nil {
		return false, fmt.Errorf("%s: %w", source.Quote(it.Origin), err)
	}
	return ack.Duplicate, nil
}

// publishRetry publishes m, sending it again with back-off while the
// server does not answer, for at most publishFor.
func (q *Queue) publishRetry(ctx context.Context, m *nats.Msg) (*jetstream.PubAck, error) {
	give := time.Now().Add(publishFor)
	for try := 0; ; try++ {
		ack, err := q.publishOnce(ctx, m)
		if err == nil {
			return ack, nil
		}
		if ctx.Err() != nil || time.Now().After(give) || !transient(err) {
			return nil, fmt.Errorf("publish to %s: %w", m.Subject, err)
		}
		if err := sleep(ctx, backoff(try, 5*time.Second)); err != nil {
			return nil, fmt.Errorf("publish to %s: %w", m.Subject, err)
		}
	}
}

func (q *Queue) publishOnce(ctx context.Context, m *nats.Msg) (*jetstream.PubAck, error) {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	return q.js.PublishMsg(ctx, m)
}

// transient reports whether err may go away when tried again: the server
// restarting, a timeout, the connection being re-established.
func transient(err error) bool {
	for _, e := range []error{
		context.DeadlineExceeded, nats.ErrTimeout, nats.ErrNoResponders,
		jetstream.ErrNoStreamResponse, nats.ErrConnectionReconnecting,
		nats.ErrDisconnected,
	} {
		if errors.Is(err, e) {
			return true
		}
	}
	var apiErr *jetstream.APIError
	return errors.As(err, &apiErr) && apiErr.Code == 503
}

// backoff returns the wait before try (from 0): 100ms doubling, up to
// limit.
func backoff(try int, limit time.Duration) time.Duration {
	d := 100 * time.Millisecond << min(try, 16)
	return min(d, limit)
}

// sleep waits d, or until ctx is done.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

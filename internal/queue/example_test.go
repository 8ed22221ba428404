package queue_test

import (
	"context"
	"fmt"
	"log"

	"github.com/storyline-news/storyline/internal/queue"
	"github.com/storyline-news/storyline/internal/source"
)

// A publisher puts what it reads on the stream; the stream drops what it
// already has.
func ExampleQueue_Publish() {
	ctx := context.Background()
	q, err := queue.Connect(ctx, "nats://127.0.0.1:4222", queue.Options{})
	if err != nil {
		log.Fatal(err)
	}
	defer q.Close()
	sum, err := q.Publish(ctx, source.Read(ctx, []string{"news/"}, source.Options{}), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("published %d, duplicates %d, failed %d\n", sum.Published, sum.Duplicates, sum.Failed)
}

// A worker stores what it pulls through a Handler (storyline's pipeline)
// until ctx ends.
func ExampleQueue_Work() {
	ctx := context.Background()
	q, err := queue.Connect(ctx, "nats://127.0.0.1:4222", queue.Options{Tries: 5})
	if err != nil {
		log.Fatal(err)
	}
	defer q.Close()
	var h queue.Handler // the pipeline over the store
	if err := q.Work(ctx, h, queue.WorkOptions{Name: "worker-1", Batch: 64}); err != nil {
		log.Fatal(err)
	}
}

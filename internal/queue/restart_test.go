package queue

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"strconv"
	"testing"
	"time"
)

// natsServer runs a NATS server with JetStream of the test's own on a
// free port, storing in dir, until the test ends or stop is called.
type natsServer struct {
	t    *testing.T
	bin  string
	port int
	dir  string
	cmd  *exec.Cmd
}

func startServer(t *testing.T) *natsServer {
	bin, err := exec.LookPath("nats-server")
	if err != nil {
		if bin, err = exec.LookPath("/usr/sbin/nats-server"); err != nil {
			t.Skip("no nats-server binary to restart")
		}
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	s := &natsServer{t: t, bin: bin, port: port, dir: t.TempDir()}
	s.start()
	t.Cleanup(s.stop)
	return s
}

func (s *natsServer) url() string { return fmt.Sprintf("nats://127.0.0.1:%d", s.port) }

func (s *natsServer) start() {
	s.cmd = exec.Command(s.bin, "-a", "127.0.0.1", "-p", strconv.Itoa(s.port), "-js", "-sd", s.dir)
	if err := s.cmd.Start(); err != nil {
		s.t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", s.port))
		if err == nil {
			c.Close()
			return
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("nats-server on %d: %v", s.port, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// stop kills the server as a crash would.
func (s *natsServer) stop() {
	if s.cmd != nil {
		s.cmd.Process.Kill()
		s.cmd.Wait()
		s.cmd = nil
	}
}

// TestServerRestart kills the server under a publisher and a worker: the
// stream (file storage) keeps what it held, the publish in flight goes
// through once the server is back, and the worker stores everything.
func TestServerRestart(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a NATS server")
	}
	srv := startServer(t)
	ctx := context.Background()
	q, err := Connect(ctx, srv.url(), Options{Stream: "restart", AckWait: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer q.Close()
	list := items(6)
	if _, err := q.Publish(ctx, seq(list[:3]), nil); err != nil {
		t.Fatal(err)
	}
	srv.stop()
	published := make(chan Published, 1)
	go func() {
		sum, err := q.Publish(ctx, seq(list[3:]), nil)
		if err != nil {
			t.Error(err)
		}
		published <- sum
	}()
	srv.start()
	if sum := <-published; sum.Published != 3 {
		t.Errorf("published %+v across the restart, want 3", sum)
	}
	m := newMemStore()
	stop := work(t, q, m, WorkOptions{Name: "w"})
	drained(t, q, 0)
	srv.stop() // the worker must wait for the server, not fail
	srv.start()
	more := items(9)[6:]
	if _, err := q.Publish(ctx, seq(more), nil); err != nil {
		t.Fatal(err)
	}
	drained(t, q, 0)
	stop()
	if !m.once(append(list, more...)) {
		t.Errorf("stored %v, want every item once", m.stored)
	}
}

package server_test

import (
	"context"
	"encoding/json"
	"net"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/server"
)

// serve serves st with Serve on addr, as storyline serve does, until the
// test ends, and returns the address it listens on.
func serve(t *testing.T, st server.Store, addr string, opts server.Options) string {
	t.Helper()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen on %s: %v", addr, err)
	}
	s, err := server.New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Error(err)
		}
	})
	return ln.Addr().String()
}

// TestLoopbackHosts checks that a server on a loopback address answers
// only to loopback names and to the names it is told to allow: a web page
// that points a name of its own at 127.0.0.1 (DNS rebinding) is refused.
func TestLoopbackHosts(t *testing.T) {
	f := newFixture(t, server.Options{}, demoDir(t))
	addr := serve(t, f.st, "127.0.0.1:0", server.Options{AllowHosts: []string{"Newsroom.Example"}})
	_, port, _ := net.SplitHostPort(addr)
	for _, tc := range []struct {
		host string
		want int
	}{
		{addr, 200},
		{"127.0.0.1", 200},
		{"localhost:" + port, 200},
		{"LOCALHOST.", 200},
		{"storyline.localhost:" + port, 200},
		{"[::1]:" + port, 200},
		{"127.1.2.3", 200},
		{"newsroom.example:" + port, 200},
		{"evil.example", 421},
		{"evil.example:" + port, 421},
		{"127.0.0.1.evil.example", 421},
		{"localhost.evil.example", 421},
		{"newsroom.example.evil.example", 421},
		{"10.0.0.1", 421},
		{"", 421},
	} {
		for _, path := range []string{"/", "/api/stories", "/static/app.js"} {
			resp, body := rawGet(t, addr, path, tc.host)
			if resp.StatusCode != tc.want {
				t.Errorf("GET %s with Host %q: status %d, want %d", path, tc.host, resp.StatusCode, tc.want)
				continue
			}
			if tc.want != 421 {
				continue
			}
			if !strings.Contains(body, "--allow-host") || resp.Header.Get("Content-Security-Policy") == "" {
				t.Errorf("GET %s with Host %q: the refusal does not say how to allow a name, or lacks the security headers: %s", path, tc.host, clipBody([]byte(body)))
			}
			if strings.HasPrefix(path, "/api/") {
				var e struct{ Status int }
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Status != 421 {
					t.Errorf("GET %s with Host %q: not a JSON error: %s", path, tc.host, clipBody([]byte(body)))
				}
			}
		}
	}
}

// TestAnyHostBeyondLoopback checks that a server on an address other than
// loopback answers whatever Host a request gives: it is meant to be
// reached by names it cannot know.
func TestAnyHostBeyondLoopback(t *testing.T) {
	f := newFixture(t, server.Options{})
	addr := serve(t, f.st, "0.0.0.0:0", server.Options{})
	_, port, _ := net.SplitHostPort(addr)
	for _, host := range []string{"evil.example", "newsroom.example:" + port, "10.0.0.1"} {
		if resp, body := rawGet(t, "127.0.0.1:"+port, "/api/stories", host); resp.StatusCode != 200 {
			t.Errorf("Host %q: status %d: %s", host, resp.StatusCode, clipBody([]byte(body)))
		}
	}
}

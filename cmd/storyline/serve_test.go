package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/sqlite"
)

// TestServeAllowHost runs storyline serve on a loopback address as a user
// would, with --allow-host, and checks whom it answers: loopback names and
// the names allowed, not a name a web page could point at 127.0.0.1.
func TestServeAllowHost(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	st, err := sqlite.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	st.Close()

	ctx, cancel := context.WithCancel(t.Context())
	out, w := io.Pipe()
	done := make(chan int, 1)
	var stderr strings.Builder
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0",
			"--allow-host", "newsroom.example", "--allow-host", "Desk.Example:8080"}, strings.NewReader(""), w, &stderr)
		w.Close()
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve: exit %d: %s", code, stderr.String())
		}
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing: %s", stderr.String())
	}
	m := regexp.MustCompile(`http://([0-9.:]+)/`).FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("serve printed %q: no address", lines.Text())
	}
	go io.Copy(io.Discard, out)
	addr := m[1]

	for _, tc := range []struct {
		host string
		want int
	}{
		{addr, 200},
		{"localhost", 200},
		{"newsroom.example", 200},
		{"desk.example:443", 200},
		{"evil.example", 421},
	} {
		req, err := http.NewRequestWithContext(ctx, "GET", "http://"+addr+"/api/stories", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Host = tc.host
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("Host %q: status %d, want %d: %s", tc.host, resp.StatusCode, tc.want, body)
		}
		if tc.want == 421 && !strings.Contains(string(body), fmt.Sprintf("--allow-host %s", tc.host)) {
			t.Errorf("Host %q: the refusal does not say how to allow it: %s", tc.host, body)
		}
	}
	if code, _, errs := cli(t, "", "serve", "--db", db, "--allow-host", "a b"); code != 2 || !strings.Contains(errs, "host name") {
		t.Errorf("--allow-host 'a b': exit %d, %q; want a usage error", code, errs)
	}
}

package server_test

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/server"
)

// rawGet sends path to the server at addr exactly as written, which an
// HTTP client would clean or escape, with host as its Host header, and
// returns the response with its body.
func rawGet(t *testing.T, addr, path, host string) (*http.Response, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n", path, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestBadPaths sends paths no link makes: each is refused with 400 or 404,
// as JSON under /api/ and as a page elsewhere; never a server error, never
// a redirect elsewhere.
func TestBadPaths(t *testing.T) {
	f := newFixture(t, server.Options{}, demoDir(t))
	addr := f.srv.Listener.Addr().String()
	for _, path := range []string{
		"/static/%c0%ae%c0%ae/etc/passwd", // overlong "..": not UTF-8
		"/static/%ff",
		"/static/../etc/passwd",
		"/static/..%2fetc%2fpasswd",
		"/static/%2e%2e/style.css",
		"/static/.",
		"/static//app.js",
		"/static/app.js/",
		"/static/%00",
		"/%ff",
		"/stories/%ff",
		"/stories/%c0%ae",
		"/stories/..",
		"/stories/../etc/passwd",
		"/stories//x",
		"/stories/%2F",
		"/stories/" + strings.Repeat("a", 5000),
		"/entities/%ff%fe",
		"/articles/%00",
		"/storylines/%e2%82",
		"//articles",
		"/api/%ff",
		"/api/../etc/passwd",
		"/api/stories/%ff",
		"/api/stories/%2e%2e",
		"/api/articles/" + strings.Repeat("x", 300),
		"/api/stories?outlet=%ff",
		"/api/quotes?story=%c0%ae",
		"/search?q=%ff",
	} {
		resp, body := rawGet(t, addr, path, addr)
		if resp.StatusCode != 400 && resp.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", path, resp.StatusCode)
			continue
		}
		want := "text/html"
		if strings.HasPrefix(path, "/api/") {
			want = "application/json"
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, want) && !strings.HasPrefix(path, "/static/") {
			t.Errorf("GET %s: Content-Type %q, want %s", path, ct, want)
		}
		if strings.Contains(body, "goroutine") || strings.Contains(body, "internal error") {
			t.Errorf("GET %s: %s", path, clipBody([]byte(body)))
		}
	}
	// What a link makes still works.
	for _, path := range []string{"/", "/static/app.js", "/api/stories?outlet=Z%C3%BCrich+Post", "/search?q=caf%C3%A9"} {
		if resp, body := rawGet(t, addr, path, addr); resp.StatusCode != 200 {
			t.Errorf("GET %s: status %d: %s", path, resp.StatusCode, clipBody([]byte(body)))
		}
	}
}

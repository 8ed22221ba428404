package feeds

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/storyline-news/storyline/internal/source"
)

// ReadList reads a list of feeds: one URL a line; blank lines and lines
// that start with "#" are skipped, and so is the rest of a line after
// " #". name names the list in errors ("feeds.txt:3: ...").
func ReadList(name string, r io.Reader) ([]string, error) {
	var urls []string
	sc := bufio.NewScanner(r)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if i := strings.Index(line, " #"); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if err := CheckURL(line); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", source.Quote(name), n, err)
		}
		urls = append(urls, line)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", source.Quote(name), err)
	}
	if len(urls) == 0 {
		return nil, fmt.Errorf("%s: no feed URLs", source.Quote(name))
	}
	return urls, nil
}

package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/mattn/go-isatty"
)

// printJSON writes v as indented JSON.
func printJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// newTable returns a tab writer for aligned columns; call Flush when done.
func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
}

// printPage prints a page of a listing: with --json, v (the page's items
// and the total); else the items, as rows writes them, then how many of
// total the page shows, shown of them, named by noun.
func printPage(env *Env, v any, shown, total int, noun string, rows func(io.Writer)) error {
	if env.JSON {
		return printJSON(env.Stdout, v)
	}
	rows(env.Stdout)
	fmt.Fprintf(env.Stdout, "%d of %d %s\n", shown, total, noun)
	return nil
}

// tableRows returns the rows of a page (see printPage) as a table: the
// tab-separated header, then each item as row formats it.
func tableRows[T any](header string, items []T, row func(T) string) func(io.Writer) {
	return func(w io.Writer) {
		tw := newTable(w)
		fmt.Fprintln(tw, header)
		for _, it := range items {
			fmt.Fprintln(tw, row(it))
		}
		tw.Flush()
	}
}

// isTerminal reports whether w is a terminal (for colour and progress).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// day formats a date for listings; unknown dates print as "-".
func day(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	return t.Format("2006-01-02")
}

// oneLine returns a message for the terminal with every character that is
// not printable (a newline, a terminal escape, a right-to-left override)
// escaped as in a Go string, so that a name from the user's inputs that a
// message carries unquoted cannot forge or reorder a line. Names the
// message quoted already (source.Quote) are unchanged.
func oneLine(msg string) string {
	var b strings.Builder
	for i := 0; i < len(msg); {
		r, size := utf8.DecodeRuneInString(msg[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, msg[i])
		case strconv.IsPrint(r):
			b.WriteRune(r)
		default:
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return b.String()
}

// clip shortens s to at most n runes, marking the cut.
func clip(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// parseDay parses a date flag: 2006-01-02, 2006-01 or 2006. The second
// result is the end of the period it names (exclusive), so that --to 2021
// includes all of 2021.
func parseDay(s string) (time.Time, time.Time, error) {
	for _, f := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if t, err := time.Parse(f.layout, s); err == nil {
			return t, f.next(t), nil
		}
	}
	return time.Time{}, time.Time{}, fmt.Errorf("bad date %q: want YYYY-MM-DD, YYYY-MM or YYYY", s)
}

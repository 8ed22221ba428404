package extract

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// checkPage asserts the invariants every Page keeps, whatever the input.
func checkPage(t *testing.T, p Page) {
	t.Helper()
	if p.Published.IsZero() != (p.DateSource == news.DateUnknown) {
		t.Errorf("Published %v with DateSource %q", p.Published, p.DateSource)
	}
	if !p.Published.IsZero() && (p.Published.Year() < 1900 || p.Published.Year() > 2199) {
		t.Errorf("Published %v out of range", p.Published)
	}
	for name, s := range map[string]string{"Text": p.Text, "Title": p.Title} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
		if s != strings.TrimSpace(s) || strings.Contains(s, "\n\n\n") || strings.Contains(s, "  ") {
			t.Errorf("%s not normalised: %q", name, s)
		}
	}
	if strings.Contains(p.Title, "\n") {
		t.Errorf("Title has a line break: %q", p.Title)
	}
}

func FuzzText(f *testing.F) {
	f.Add(" date 2021-10-02 Prior to a visit, an official said the talks would go on.\n\nMore text.")
	f.Add("English News\n\n  • youtube\n  • facebook\n\nA headline without a stop\n\nThe body of the story is here. It goes on.\n\nAlso Read : another story")
	f.Add("Published: Saturday, 2nd October 2021 10:30 AM PKT\nBy Jane Doe | Wire\n\nISLAMABAD, Oct 2 (Reuters) - Talks began.")
	f.Add("KABUL, October 2, 2021: The city was quiet.\r\nPhoto: Reuters\r\n© 2021")
	f.Add("Date: 31/02/2021\n\x00\xff\xfe broken bytes\u0301 and e\u0301")
	f.Add("")
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Text(s)
		checkPage(t, p)
		if p.URL != "" {
			t.Errorf("Text set URL %q", p.URL)
		}
	})
}

func FuzzHTML(f *testing.F) {
	for name := range goldenPages {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b, goldenPages[name])
		}
	}
	f.Add([]byte(`<html><head><meta charset="windows-1252"></head><body>`+win1252Body+`</body></html>`), "https://example.org/a")
	f.Add([]byte("<html><body><p>short</p>"), "")
	f.Add([]byte("<table><tr><td><p>cell<br>text</td></tr></table><script>var x = '</p>';</script>"), "http://[::1]:80/x")
	f.Add([]byte("\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00"), "not a url")
	f.Fuzz(func(t *testing.T, data []byte, pageURL string) {
		p, err := HTML(data, pageURL)
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) {
				t.Errorf("error %v does not wrap news.ErrInvalid", err)
			}
			return
		}
		checkPage(t, p)
		if wordCount(p.Text) < minArticleWords {
			t.Errorf("article of %d words accepted: %q", wordCount(p.Text), p.Text)
		}
	})
}

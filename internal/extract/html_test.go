package extract

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"

	"github.com/storyline-news/storyline/internal/news"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// goldenPages are the fictional pages in testdata and the URL each is read
// from.
var goldenPages = map[string]string{
	"courier.html":     "https://www.lakeside-courier.example/news/2023/04/12/harbour-bridge-reopens?utm_source=feed",
	"gazette-fr.html":  "https://gazette-littoral.example/region/port-valmoure",
	"nodate-blog.html": "http://allotment-notes.blog.example/2019/beans.html",
}

// TestHTMLGolden compares the whole Page of each fictional page in testdata
// with its .golden.json file. Run with -update after a deliberate change.
func TestHTMLGolden(t *testing.T) {
	for name, pageURL := range goldenPages {
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			p, err := HTML(data, pageURL)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(p, "", "\t")
			if err != nil {
				t.Fatal(err)
			}
			golden := filepath.Join("testdata", strings.TrimSuffix(name, ".html")+".golden.json")
			if *update {
				if err := os.WriteFile(golden, append(got, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if diff := cmp.Diff(string(bytes.TrimSpace(want)), string(got)); diff != "" {
				t.Errorf("page differs from %s (-want +got):\n%s", golden, diff)
			}
		})
	}
}

// TestHTMLArticle checks, on a page with navigation, share buttons, a photo
// caption, related links and a footer, what a reader of the result would.
func TestHTMLArticle(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "courier.html"))
	if err != nil {
		t.Fatal(err)
	}
	p, err := HTML(data, goldenPages["courier.html"])
	if err != nil {
		t.Fatal(err)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Title", p.Title, "Harbour bridge reopens after storm repairs"},
		{"Outlet", p.Outlet, "The Lakeside Courier"},
		{"URL", p.URL, "https://www.lakeside-courier.example/news/2023/04/12/harbour-bridge-reopens"},
		{"Published", p.Published, day(2023, 4, 12)},
		{"Language", p.Language, "en"},
		{"Author", p.Author, "Mara Quillon"},
	}
	for _, c := range checks {
		if !cmp.Equal(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	if p.DateSource == news.DateUnknown {
		t.Errorf("DateSource unknown with a date")
	}
	paras := strings.Split(p.Text, "\n\n")
	if len(paras) != 6 {
		t.Errorf("got %d paragraphs, want 6:\n%s", len(paras), p.Text)
	}
	if !strings.HasPrefix(p.Text, "The Harbour Bridge in Port Elwin reopened") ||
		!strings.HasSuffix(p.Text, "finish testing the new cables in May.") {
		t.Errorf("text does not run from the first to the last paragraph:\n%s", p.Text)
	}
	for _, junk := range []string{"Sport", "Weather", "Subscribe", "Facebook", "Twitter", "Photo:", "Related stories",
		"Storm leaves thousands", "All rights reserved", "About us", "Tags:"} {
		if strings.Contains(p.Text, junk) {
			t.Errorf("boilerplate %q in text", junk)
		}
	}
}

func TestHTMLNoArticle(t *testing.T) {
	tests := map[string]string{
		"empty":          "",
		"empty document": "<html><head><title>Nothing</title></head><body></body></html>",
		"navigation only": `<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>` +
			`<li><a href="/sport">Sport</a></li></ul></nav><footer>© 2024 Example</footer></body></html>`,
		"cookie notice": "<html><body><p>Welcome to our site. Please accept cookies to continue.</p></body></html>",
		"binary":        "\x00\x01\x02\x89PNG\r\n\x1a\n\xff\xfe\xfd",
	}
	for name, in := range tests {
		t.Run(name, func(t *testing.T) {
			p, err := HTML([]byte(in), "https://example.com/x")
			if !errors.Is(err, ErrNoArticle) || !errors.Is(err, news.ErrInvalid) {
				t.Fatalf("err = %v, want ErrNoArticle wrapping news.ErrInvalid (page %+v)", err, p)
			}
			if !strings.Contains(err.Error(), "https://example.com/x") {
				t.Errorf("error %q does not name the page", err)
			}
		})
	}
}

// win1252Body is fictional article text in Windows-1252: é, ü, curly
// quotes, dashes and the euro sign are single bytes from 0x80 up.
const win1252Body = "<p>Caf\xe9 owners in Z\xfcrich said on Monday that the \x91new rules\x92 \x97 announced without warning \x97 " +
	"would cost each of them about \x802,000 a year in licence fees and extra staff.</p>" +
	"<p>The city council said the rules were needed because complaints about noise on summer evenings had doubled " +
	"since the terraces were allowed to stay open until midnight.</p>" +
	"<p>A spokesman for the caf\xe9 owners\x92 association said its members would ask the cantonal court to suspend the " +
	"rules until a public consultation had been held.</p>"

const win1252Want = "Café owners in Zürich said on Monday that the ‘new rules’ — announced without warning — would cost each of them about €2,000"

func TestHTMLCharset(t *testing.T) {
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	sjis := func(s string) []byte {
		b, err := japanese.ShiftJIS.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf8Page := strings.NewReplacer("\xe9", "é", "\xfc", "ü", "\x91", "‘", "\x92", "’", "\x97", "—", "\x80", "€").Replace(win1252Body)
	jaText := "東京の港で新しい橋が開通した。市によると、工事は二年かかり、費用は約十億円だった。住民は朝早くから橋を渡り、開通を祝った。市長は式典で、橋が地域の経済を助けると述べた。"
	tests := []struct {
		name string
		data []byte
		want string
	}{
		{"windows-1252 declared", []byte(`<html><head><meta charset="windows-1252"></head><body>` + win1252Body + `</body></html>`), win1252Want},
		{"iso-8859-1 declared", []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"></head><body>` + win1252Body + `</body></html>`), win1252Want},
		{"windows-1252 undeclared", []byte(`<html><body>` + win1252Body + `</body></html>`), win1252Want},
		{"declaration after 1024 bytes", []byte(`<html><head><!--` + strings.Repeat(" ", 1100) + `--><meta charset="windows-1252"></head><body>` + win1252Body + `</body></html>`), win1252Want},
		{"utf-8 page declared windows-1252", []byte(`<html><head><meta charset="windows-1252"></head><body>` + utf8Page + `</body></html>`), win1252Want},
		{"utf-8 with BOM", append([]byte("\xef\xbb\xbf"), `<html><body>`+utf8Page+`</body></html>`...), win1252Want},
		{"utf-16 with BOM", utf16(`<html><body>` + utf8Page + `</body></html>`), win1252Want},
		{"shift_jis declared", append([]byte(`<html><head><meta charset="shift_jis"></head><body><p>`), append(sjis(jaText), `</p><p>`+string(sjis(jaText+"港の周りの店も、観光客が戻ってくることを期待している。"))+`</p></body></html>`...)...), "東京の港で新しい橋が開通した。"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := HTML(tt.data, "https://example.org/cafe-rules")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(p.Text, tt.want) {
				t.Errorf("text = %q\nwant it to contain %q", p.Text, tt.want)
			}
		})
	}
}

func TestHTMLDates(t *testing.T) {
	page := func(head, body string) []byte {
		return []byte("<html><head>" + head + "</head><body><article>" + body +
			"<p>The river authority opened the new flood gates at Tamsworth on Tuesday, two years after the town was cut off by high water.</p>" +
			"<p>Engineers said the gates can hold back a surge a metre higher than the one that flooded the market square in the last big storm.</p>" +
			"<p>The gates will be tested again in the spring, when the snow melts in the hills above the town and the river rises.</p>" +
			"</article><footer>Copyright 2021 Tamsworth Gazette</footer></body></html>")
	}
	tests := []struct {
		name, url string
		data      []byte
		want      time.Time
		source    news.DateSource
	}{
		{"published meta", "https://example.org/gates",
			page(`<meta property="article:published_time" content="2021-10-02T08:00:00+05:00"><meta property="article:modified_time" content="2021-10-05T08:00:00Z">`, ""),
			day(2021, 10, 2), news.DateMetadata},
		{"date in URL", "https://example.org/2021/10/02/gates", page("", ""), day(2021, 10, 2), news.DateURL},
		{"copyright year only", "https://example.org/gates", page("", ""), time.Time{}, news.DateUnknown},
		{"year and month in URL only", "https://example.org/2021/10/gates", page("", ""), time.Time{}, news.DateUnknown},
		{"no date anywhere", "", []byte(strings.ReplaceAll(string(page("", "")), "Copyright 2021 ", "")), time.Time{}, news.DateUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := HTML(tt.data, tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if !p.Published.Equal(tt.want) || p.DateSource != tt.source {
				t.Errorf("Published = %v (%q), want %v (%q)", p.Published, p.DateSource, tt.want, tt.source)
			}
			if y, m, d := time.Now().Date(); p.Published.Equal(day(y, m, d)) {
				t.Errorf("Published is today's date")
			}
		})
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct {
		title, outlet, url, want string
	}{
		{"Bridge reopens after repairs | The Lakeside Courier", "The Lakeside Courier", "", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs - Lakeside Courier", "The Lakeside Courier", "", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs – BBC News", "BBC", "https://www.bbc.com/news/1", "Bridge reopens after repairs"},
		{"Lakeside Courier | Bridge reopens after repairs", "Lakeside Courier", "", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs | Local | Courier", "", "https://courier.example/x", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs - Remember 80/90 - Memorabilia anni 80/90", "Remember 80/90", "", "Bridge reopens after repairs"},
		{"Bridge reopens after repairs | Opinion", "Courier", "", "Bridge reopens after repairs"},
		{"Dawn raids continue in city - Police say more arrests", "Dawn", "https://www.dawn.com/news/1", "Dawn raids continue in city - Police say more arrests"},
		{"US - China talks resume in Geneva", "USA Today", "https://www.usatoday.com/x", "US - China talks resume in Geneva"},
		{"Talks resume", "Talks", "", "Talks resume"},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got := cleanTitle(tt.title, tt.outlet, tt.url); got != tt.want {
				t.Errorf("cleanTitle = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestOutletFromURL(t *testing.T) {
	tests := map[string]string{
		"https://www.dawn.com/news/1650352":        "dawn.com",
		"https://edition.cnn.com/2021/10/02/asia":  "cnn.com",
		"http://news.bbc.co.uk/2/hi/world":         "bbc.co.uk",
		"https://tribune.com.pk/story/2322763":     "tribune.com.pk",
		"HTTPS://WWW.Reuters.COM:443/world/":       "reuters.com",
		"timesofindia.indiatimes.com/world/x":      "indiatimes.com",
		"https://someone.blogspot.com/2021/10/x":   "someone.blogspot.com",
		"http://127.0.0.1:8080/article":            "127.0.0.1",
		"http://localhost/article":                 "localhost",
		"":                                         "",
		"not a url at all":                         "",
		"mailto:editor@example.com":                "",
		"https://www.example.co.uk./trailing-dot/": "example.co.uk",
	}
	for in, want := range tests {
		if got := OutletFromURL(in); got != want {
			t.Errorf("OutletFromURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"english", "The river authority opened the new flood gates on Tuesday, two years after the town was cut off by high water and the market square was ruined.", "en"},
		{"french", "Le port de pêche a rouvert jeudi matin, dix jours après la tempête qui avait arraché une partie de la digue nord et coulé trois chalutiers.", "fr"},
		{"german", "Der Hafen wurde am Donnerstag wieder geöffnet, zehn Tage nachdem der Sturm einen Teil der Mole zerstört und drei Fischerboote versenkt hatte.", "de"},
		{"urdu", "وزیر اعظم نے کہا کہ حکومت تمام گروپوں کے ساتھ بات چیت کے لیے تیار ہے اور ملک میں امن قائم کرنے کے لیے ہر ممکن قدم اٹھائے گی۔", "ur"},
		{"headline too short", "Gates open at last", ""},
		{"numbers only", strings.Repeat("2021 10 02 14:00 ", 10), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Language(tt.text); got != tt.want {
				t.Errorf("Language = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLanguageTag(t *testing.T) {
	for in, want := range map[string]string{"en-GB": "en", "FR": "fr", "pt_BR": "pt", "eng": "", "": "", "x-klingon": ""} {
		if got := languageTag(in); got != want {
			t.Errorf("languageTag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHTMLLanguageFromTag(t *testing.T) {
	// Too little text for whatlanggo: the lang attribute decides.
	p, err := HTML([]byte(`<html lang="nl-BE"><body><article><p>Brug weer open.</p><p>De brug is weer open na zes weken werk, zegt de gemeente.</p></article></body></html>`), "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Language != "nl" {
		t.Errorf("Language = %q, want nl (text %q)", p.Language, p.Text)
	}
}

package extract

import "testing"

// TestDecodeHTMLEvidence checks that one stray byte in a UTF-8 page does
// not make the whole page decode as Windows-1252, however few other
// non-ASCII characters it has, while a Windows-1252 page still decodes as
// Windows-1252.
func TestDecodeHTMLEvidence(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"utf-8 with a stray byte", "<p>Zürich café \xff São Paulo —</p>", "<p>Zürich café \uFFFD São Paulo —</p>"},
		{"utf-8 declared windows-1252 with a stray byte", `<meta charset="windows-1252"><p>Zürich café São Paulo — caf` + "\xe9</p>",
			`<meta charset="windows-1252"><p>Zürich café São Paulo — caf` + "\uFFFD</p>"},
		{"windows-1252", "<p>Z\xfcrich caf\xe9 S\xe3o Paulo \x97</p>", "<p>Zürich café São Paulo —</p>"},
		{"windows-1252 with one accidental utf-8 pair", "<p>Z\xfcrich caf\xe9 S\xe3o Paulo \x97 \xc3\xa9</p>", "<p>Zürich café São Paulo — Ã©</p>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeHTML([]byte(tt.in)); got != tt.want {
				t.Errorf("decodeHTML(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

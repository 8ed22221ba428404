package storedrows

import "encoding/json"

// MetaJSON is how an article's Meta is stored: a JSON object, NULL (nil)
// when it has none.
func MetaJSON(m map[string]string) *string {
	if len(m) == 0 {
		return nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	v := string(b)
	return &v
}

// ParseMeta reads a stored Meta (see MetaJSON): nil for "" or text that
// does not decode.
func ParseMeta(s string) map[string]string {
	if s == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}

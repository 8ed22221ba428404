package extract

import (
	"net"
	"net/url"
	"strings"

	"golang.org/x/net/publicsuffix"
)

// OutletFromURL returns the registrable host of an article URL, lower case
// and without "www.", as a stand-in for the outlet's name when the page does
// not name its publisher: "https://www.dawn.com/news/1" gives "dawn.com",
// "https://edition.cnn.com/x" gives "cnn.com", "https://news.bbc.co.uk/x"
// gives "bbc.co.uk". A URL without a scheme is read as http. It returns ""
// when raw has no host.
func OutletFromURL(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	if !strings.Contains(raw, "://") {
		// "mailto:x@y", "tel:123" have a scheme but no host; "host:8080/x"
		// has a port.
		if i := strings.IndexByte(raw, ':'); i >= 0 && (i+1 == len(raw) || raw[i+1] < '0' || raw[i+1] > '9') {
			return ""
		}
		raw = "http://" + strings.TrimPrefix(raw, "//")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if host == "" {
		return ""
	}
	if net.ParseIP(host) != nil || !strings.Contains(host, ".") {
		return host
	}
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		host = d
	}
	return strings.TrimPrefix(host, "www.")
}

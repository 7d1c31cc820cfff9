package store

import (
	"time"

	"golang.org/x/text/unicode/norm"
)

// timeFormat is how times are stored: UTC, fixed width, so that text order
// is time order.
const timeFormat = "2006-01-02T15:04:05.000000000Z"

// nfc normalizes text on its way into the database. Vietnamese typed on
// macOS or pasted from some PDFs arrives decomposed (NFD); stored NFC, the
// same word always compares, searches and measures the same.
func nfc(s string) string {
	if norm.NFC.IsNormalString(s) {
		return s
	}
	return norm.NFC.String(s)
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(timeFormat)
}

// parseTime reads a stored time: timeFormat, or RFC 3339 as older rows
// and bundles may hold it. A time that is neither reads as zero (no time
// recorded), which every comparison treats as the earliest.
func parseTime(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	if t, err := time.Parse(timeFormat, s); err == nil {
		return t
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t
	}
	return time.Time{}
}

// jsonList is ids as a JSON array, for json_each.
func jsonList(ids []string) string { return jsonOf(ids) }

// scanFunc is a scanner made of a function: it lets a scan helper read a
// row that has more columns after the ones it knows.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// scanWith is sc, reading more columns after the ones a helper reads.
func scanWith(sc scanner, more ...any) scanner {
	return scanFunc(func(dest ...any) error { return sc.Scan(append(dest, more...)...) })
}

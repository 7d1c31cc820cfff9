package model

import (
	"fmt"
	"strings"
	"time"
)

// Date is a calendar day with no time zone, as written on Vietnamese
// documents (dd/mm/yyyy). The zero Date means "not set".
type Date struct{ y, m, d int }

// NewDate returns the date; it does not check the day exists (use ParseDate
// for input).
func NewDate(y int, m time.Month, d int) Date { return Date{y, int(m), d} }

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date { return Date{t.Year(), int(t.Month()), t.Day()} }

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// Year, Month and Day return the parts.
func (d Date) Year() int { return d.y }

// Month returns the month.
func (d Date) Month() time.Month { return time.Month(d.m) }

// Day returns the day of the month.
func (d Date) Day() int { return d.d }

// Time returns midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.y, time.Month(d.m), d.d, 0, 0, 0, 0, time.UTC) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return DateOf(d.Time().AddDate(0, 0, n)) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.ISO() < e.ISO() }

// ISO formats as yyyy-mm-dd (storage and JSON); "" when unset.
func (d Date) ISO() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.y, d.m, d.d)
}

// VN formats as dd/mm/yyyy, the Vietnamese way; "" when unset.
func (d Date) VN() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%02d/%02d/%04d", d.d, d.m, d.y)
}

// String is VN.
func (d Date) String() string { return d.VN() }

// ParseDate reads dd/mm/yyyy (also d/m/yyyy, with - or . as separator) or
// yyyy-mm-dd, and rejects days that do not exist. An empty string gives the
// zero Date.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, nil
	}
	var parts []string
	if len(s) == 10 && s[4] == '-' {
		if s[7] != '-' {
			return Date{}, fmt.Errorf("%w date %q: want dd/mm/yyyy", ErrInvalid, s)
		}
		parts = []string{s[8:10], s[5:7], s[0:4]}
	} else {
		norm := strings.NewReplacer("-", "/", ".", "/").Replace(s)
		parts = strings.Split(norm, "/")
	}
	if len(parts) != 3 {
		return Date{}, fmt.Errorf("%w date %q: want dd/mm/yyyy", ErrInvalid, s)
	}
	// Every part must be plain ASCII digits: fmt.Sscanf would stop at the
	// first non-digit and silently read "2022-01-1x" as 1 January.
	d, okD := dateDigits(parts[0], 2)
	m, okM := dateDigits(parts[1], 2)
	y, okY := dateDigits(parts[2], 4)
	if !okD || !okM || !okY || len(parts[2]) != 4 {
		return Date{}, fmt.Errorf("%w date %q: want dd/mm/yyyy", ErrInvalid, s)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if y < 1900 || y > 2200 || t.Year() != y || int(t.Month()) != m || t.Day() != d {
		return Date{}, fmt.Errorf("%w date %q: no such day", ErrInvalid, s)
	}
	return Date{y, m, d}, nil
}

// dateDigits reads 1 to width ASCII digits.
func dateDigits(s string, width int) (int, bool) {
	if len(s) == 0 || len(s) > width {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// MarshalText implements encoding.TextMarshaler (ISO form).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.ISO()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

package model

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Points is a score in hundredths of a point. CCHC tables use halves and
// quarters (14,5 điểm; 0,25 điểm); keeping them as integers makes every sum
// exact, so a field's sub-scores add up to its maximum without float noise.
type Points int64

// PointsOf converts a float score (as written in a checklist file) to Points,
// rounding to the nearest hundredth.
func PointsOf(f float64) Points { return Points(math.Round(f * 100)) }

// Float returns the score as a float64.
func (p Points) Float() float64 { return float64(p) / 100 }

// String formats the score with a dot decimal separator and no trailing
// zeros ("14.5", "10", "0.25"), the form used in files and JSON.
func (p Points) String() string { return p.Format('.') }

// Format formats the score with the given decimal separator; Vietnamese
// documents write "14,5".
func (p Points) Format(sep byte) string {
	neg := p < 0
	if neg {
		p = -p
	}
	whole, frac := int64(p)/100, int64(p)%100
	s := strconv.FormatInt(whole, 10)
	if frac != 0 {
		f := fmt.Sprintf("%02d", frac)
		f = strings.TrimRight(f, "0")
		s += string(sep) + f
	}
	if neg {
		s = "-" + s
	}
	return s
}

// ParsePoints reads a score typed by a person or written in a file. It
// accepts a dot or a comma as the decimal separator ("14,5" and "14.5") and
// at most two decimals.
func ParsePoints(s string) (Points, error) {
	s = strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
	if s == "" {
		return 0, fmt.Errorf("empty score")
	}
	// Only plain decimals: strconv.ParseFloat would also take "1e-3",
	// "0x1p-2" or "1_0" and round them silently.
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= '0' && c <= '9' || c == '.' || i == 0 && (c == '+' || c == '-')) {
			return 0, fmt.Errorf("%q is not a number", s)
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 2 {
		return 0, fmt.Errorf("%q has more than two decimals", s)
	}
	if math.Abs(f) > 1e9 {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	return PointsOf(f), nil
}

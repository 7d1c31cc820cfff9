package model

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

func TestPointsOf(t *testing.T) {
	tests := []struct {
		in   float64
		want Points
	}{
		{14.5, 1450}, // 14.5 × 100
		{0.25, 25},   // a quarter point
		{0.5, 50},
		{10, 1000},
		{0, 0},
		{0.29, 29},   // 0.29×100 = 28.999999999999996 in float64; rounds to 29
		{1.1, 110},   // 1.1×100 = 110.00000000000001; rounds to 110
		{-0.5, -50},  // negative half
		{0.004, 0},   // below half a hundredth → 0
		{0.006, 1},   // above half a hundredth → 1
		{100, 10000}, // a whole checklist
	}
	for _, tt := range tests {
		if got := PointsOf(tt.in); got != tt.want {
			t.Errorf("PointsOf(%v) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestPointsFloat(t *testing.T) {
	tests := []struct {
		in   Points
		want float64
	}{
		{1450, 14.5},
		{25, 0.25},
		{-50, -0.5},
		{0, 0},
	}
	for _, tt := range tests {
		if got := tt.in.Float(); got != tt.want {
			t.Errorf("Points(%d).Float() = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestPointsFormat(t *testing.T) {
	tests := []struct {
		in    Points
		comma string // Format(',')
		dot   string // String()
	}{
		{1450, "14,5", "14.5"}, // 14 whole, 50 hundredths → trailing zero trimmed
		{1000, "10", "10"},     // no fraction, no separator
		{25, "0,25", "0.25"},
		{5, "0,05", "0.05"}, // leading zero of the fraction kept
		{105, "1,05", "1.05"},
		{110, "1,1", "1.1"},
		{0, "0", "0"},
		{-1450, "-14,5", "-14.5"},
		{-25, "-0,25", "-0.25"}, // whole part 0 must still carry the sign
		{-100, "-1", "-1"},
		{123456, "1234,56", "1234.56"},
	}
	for _, tt := range tests {
		if got := tt.in.Format(','); got != tt.comma {
			t.Errorf("Points(%d).Format(',') = %q, want %q", tt.in, got, tt.comma)
		}
		if got := tt.in.String(); got != tt.dot {
			t.Errorf("Points(%d).String() = %q, want %q", tt.in, got, tt.dot)
		}
	}
}

func TestParsePoints(t *testing.T) {
	tests := []struct {
		in      string
		want    Points
		wantErr bool
	}{
		{in: "14,5", want: 1450},
		{in: "14.5", want: 1450},
		{in: " 3 ", want: 300},
		{in: "\t0,25\n", want: 25},
		{in: "0", want: 0},
		{in: "10", want: 1000},
		{in: "1,05", want: 105},
		{in: "0.29", want: 29},
		{in: "-0,5", want: -50},
		{in: "+3", want: 300},
		{in: ".5", want: 50},
		{in: "5.", want: 500},
		{in: "1000000000", want: 100000000000}, // exactly the 1e9 limit
		{in: "", wantErr: true},
		{in: "   ", wantErr: true},
		{in: "abc", wantErr: true},
		{in: "1.234", wantErr: true}, // three decimals
		{in: "1,234", wantErr: true}, // three decimals, comma
		{in: "0,001", wantErr: true},
		{in: "NaN", wantErr: true},
		{in: "nan", wantErr: true},
		{in: "Inf", wantErr: true},
		{in: "-Inf", wantErr: true},
		{in: "1e20", wantErr: true},
		{in: "1e-3", wantErr: true},   // 0.001: would round silently to 0
		{in: "15e-2", wantErr: true},  // exponents are not how people write scores
		{in: "0x1p-2", wantErr: true}, // hex float
		{in: "1_0", wantErr: true},    // Go digit separator
		{in: "1.2.3", wantErr: true},
		{in: "1,2,3", wantErr: true},
		{in: "1 5", wantErr: true},
		{in: "--1", wantErr: true},
		{in: "1-", wantErr: true},
		{in: ".", wantErr: true},
		{in: "1000000000.01", wantErr: true}, // above 1e9
		{in: "-1000000001", wantErr: true},
		{in: "١٢", wantErr: true}, // Arabic-Indic digits
	}
	for _, tt := range tests {
		got, err := ParsePoints(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParsePoints(%q) = %d, want error", tt.in, got)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParsePoints(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParsePoints(%q) = %d, want %d", tt.in, got, tt.want)
		}
	}
}

func TestParsePointsRoundTrip(t *testing.T) {
	for _, p := range []Points{0, 1, 5, 25, 50, 75, 99, 100, 105, 1450, 10000, -25, -1450} {
		for _, sep := range []byte{'.', ','} {
			s := p.Format(sep)
			got, err := ParsePoints(s)
			if err != nil || got != p {
				t.Errorf("ParsePoints(%q) = %d, %v; want %d", s, got, err, p)
			}
		}
	}
}

func FuzzParsePoints(f *testing.F) {
	for _, s := range []string{"14,5", "14.5", " 3 ", "", "abc", "1.234", "NaN", "1e20", "-0,25", "1e-3", "0x1p-2", "1000000000", "+.5"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePoints(s)
		if err != nil {
			return
		}
		if p > 100000000000 || p < -100000000000 {
			t.Fatalf("ParsePoints(%q) = %d, outside ±1e9 points", s, p)
		}
		// Formatting and parsing again gives the same value.
		for _, sep := range []byte{'.', ','} {
			q, err := ParsePoints(p.Format(sep))
			if err != nil || q != p {
				t.Fatalf("ParsePoints(%q) = %d, but ParsePoints(%q) = %d, %v", s, p, p.Format(sep), q, err)
			}
		}
		// At most two decimals means nothing was rounded away.
		norm := strings.TrimSpace(strings.ReplaceAll(s, ",", "."))
		fl, err := strconv.ParseFloat(norm, 64)
		if err != nil {
			t.Fatalf("ParsePoints(%q) ok but ParseFloat(%q): %v", s, norm, err)
		}
		if p.Float() != fl && !(p == 0 && fl == 0) {
			t.Fatalf("ParsePoints(%q) = %v, but the input says %v", s, p.Float(), fl)
		}
		if math.IsNaN(p.Float()) {
			t.Fatalf("NaN from %q", s)
		}
	})
}

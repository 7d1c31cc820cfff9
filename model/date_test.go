package model

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	jan14 := NewDate(2022, time.January, 14)
	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{in: "14/01/2022", want: jan14},
		{in: "4/1/2022", want: NewDate(2022, time.January, 4)},
		{in: "04/01/2022", want: NewDate(2022, time.January, 4)},
		{in: "2022-01-14", want: jan14},
		{in: "14-01-2022", want: jan14},
		{in: "14.01.2022", want: jan14},
		{in: "14/1-2022", want: jan14}, // separators are interchangeable
		{in: "  14/01/2022\n", want: jan14},
		{in: "29/02/2024", want: NewDate(2024, time.February, 29)}, // 2024 is a leap year
		{in: "29/02/2000", want: NewDate(2000, time.February, 29)}, // divisible by 400
		{in: "31/12/2022", want: NewDate(2022, time.December, 31)},
		{in: "01/01/1900", want: NewDate(1900, time.January, 1)},   // lowest year accepted
		{in: "31/12/2200", want: NewDate(2200, time.December, 31)}, // highest year accepted
		{in: "", want: Date{}},
		{in: "   ", want: Date{}},
		{in: "31/02/2022", wantErr: true},
		{in: "29/02/2023", wantErr: true}, // 2023 is not a leap year
		{in: "29/02/1900", wantErr: true}, // divisible by 100, not 400
		{in: "31/04/2022", wantErr: true}, // April has 30 days
		{in: "00/01/2022", wantErr: true},
		{in: "14/00/2022", wantErr: true},
		{in: "14/13/2022", wantErr: true},
		{in: "32/01/2022", wantErr: true},
		{in: "2022-02-30", wantErr: true},
		{in: "2022-13-01", wantErr: true},
		{in: "14/01/22", wantErr: true}, // two-digit year
		{in: "14/01/02022", wantErr: true},
		{in: "31/12/1899", wantErr: true},
		{in: "01/01/2201", wantErr: true},
		{in: "hello", wantErr: true},
		{in: "14/01", wantErr: true},
		{in: "14/01/2022/", wantErr: true},
		{in: "14//2022", wantErr: true},
		{in: "014/01/2022", wantErr: true},
		{in: "14x/01/2022", wantErr: true},
		{in: "2022-01-1x", wantErr: true}, // must not read as 1 January
		{in: "2022-1-14x", wantErr: true},
		{in: "2022-+1-14", wantErr: true},
		{in: "2022-01/14", wantErr: true},
		{in: "+14/01/2022", wantErr: true},
		{in: "14/ 1/2022", wantErr: true},
		{in: "1 4/01/2022", wantErr: true},
		{in: "14/01/2022 10:00", wantErr: true},
		{in: "٣/01/2022", wantErr: true}, // Arabic-Indic digit
	}
	for _, tt := range tests {
		got, err := ParseDate(tt.in)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseDate(%q) = %v, want error", tt.in, got.ISO())
			} else if !errors.Is(err, ErrInvalid) {
				t.Errorf("ParseDate(%q) error %v does not wrap ErrInvalid", tt.in, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseDate(%q) error: %v", tt.in, err)
			continue
		}
		if got != tt.want {
			t.Errorf("ParseDate(%q) = %q, want %q", tt.in, got.ISO(), tt.want.ISO())
		}
	}
}

func TestDateFormats(t *testing.T) {
	tests := []struct {
		d        Date
		vn, iso  string
		zero     bool
		y, m, dd int
	}{
		{NewDate(2022, time.January, 14), "14/01/2022", "2022-01-14", false, 2022, 1, 14},
		{NewDate(2022, time.January, 4), "04/01/2022", "2022-01-04", false, 2022, 1, 4},
		{NewDate(2025, time.July, 1), "01/07/2025", "2025-07-01", false, 2025, 7, 1},
		{Date{}, "", "", true, 0, 0, 0},
	}
	for _, tt := range tests {
		if got := tt.d.VN(); got != tt.vn {
			t.Errorf("VN() = %q, want %q", got, tt.vn)
		}
		if got := tt.d.String(); got != tt.vn {
			t.Errorf("String() = %q, want %q", got, tt.vn)
		}
		if got := tt.d.ISO(); got != tt.iso {
			t.Errorf("ISO() = %q, want %q", got, tt.iso)
		}
		if got := tt.d.IsZero(); got != tt.zero {
			t.Errorf("%q IsZero() = %v, want %v", tt.iso, got, tt.zero)
		}
		if tt.d.Year() != tt.y || int(tt.d.Month()) != tt.m || tt.d.Day() != tt.dd {
			t.Errorf("%q parts = %d-%d-%d", tt.iso, tt.d.Year(), tt.d.Month(), tt.d.Day())
		}
		// Both forms read back to the same date (the zero date from "").
		for _, s := range []string{tt.vn, tt.iso} {
			got, err := ParseDate(s)
			if err != nil || got != tt.d {
				t.Errorf("ParseDate(%q) = %q, %v; want %q", s, got.ISO(), err, tt.iso)
			}
		}
	}
}

func TestDateOfAndTime(t *testing.T) {
	// 23:30 UTC on the 13th is 06:30 on the 14th in Hà Nội (UTC+7).
	hanoi := time.FixedZone("ICT", 7*3600)
	tm := time.Date(2022, time.January, 13, 23, 30, 0, 0, time.UTC).In(hanoi)
	if got, want := DateOf(tm), NewDate(2022, time.January, 14); got != want {
		t.Errorf("DateOf(%v) = %q, want %q", tm, got.ISO(), want.ISO())
	}
	if got := DateOf(tm.UTC()); got != NewDate(2022, time.January, 13) {
		t.Errorf("DateOf(UTC) = %q, want 2022-01-13", got.ISO())
	}
	want := time.Date(2022, time.January, 14, 0, 0, 0, 0, time.UTC)
	if got := NewDate(2022, time.January, 14).Time(); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Time() = %v, want %v", got, want)
	}
}

func TestDateAddDays(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return NewDate(y, m, day) }
	tests := []struct {
		from Date
		n    int
		want Date
	}{
		{d(2022, 1, 14), 0, d(2022, 1, 14)},
		{d(2022, 1, 14), 15, d(2022, 1, 29)},   // 14+15 = 29, same month
		{d(2022, 1, 31), 1, d(2022, 2, 1)},     // end of January
		{d(2022, 2, 28), 1, d(2022, 3, 1)},     // 2022 not leap
		{d(2024, 2, 28), 1, d(2024, 2, 29)},    // 2024 leap
		{d(2024, 2, 29), 1, d(2024, 3, 1)},     // leap day → 1 March
		{d(2022, 12, 31), 1, d(2023, 1, 1)},    // year boundary
		{d(2023, 1, 1), -1, d(2022, 12, 31)},   // backwards over the year
		{d(2022, 3, 1), -1, d(2022, 2, 28)},    // backwards over February
		{d(2024, 1, 1), 365, d(2024, 12, 31)},  // 366-day year: day 366 is 31/12
		{d(2023, 1, 1), 365, d(2024, 1, 1)},    // 365-day year
		{d(2022, 12, 20), 15, d(2023, 1, 4)},   // 20+15 = 35 = 31 + 4
		{d(2022, 1, 14), -14, d(2021, 12, 31)}, // 14-14 = day 0 = 31/12 of the year before
		{d(2022, 1, 14), 400, d(2023, 2, 18)},  // 2022-01-14 + 351 = 2022-12-31; +49 = 2023-02-18
		{d(2022, 10, 30), 2, d(2022, 11, 1)},   // 30 Oct + 2 → 1 Nov (Oct has 31 days)
		{d(2022, 11, 30), 31, d(2022, 12, 31)}, // 30 Nov + 31 → 31 Dec
		{d(2021, 2, 28), 366, d(2022, 3, 1)},   // 2021-02-28 + 365 = 2022-02-28; +1 = 2022-03-01
		{d(2020, 2, 29), 366, d(2021, 3, 1)},   // 2020-03-01 is +1; 2021-03-01 is +1+365 = +366
	}
	for _, tt := range tests {
		if got := tt.from.AddDays(tt.n); got != tt.want {
			t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from.ISO(), tt.n, got.ISO(), tt.want.ISO())
		}
	}
}

func TestDateBefore(t *testing.T) {
	d := func(y int, m time.Month, day int) Date { return NewDate(y, m, day) }
	tests := []struct {
		a, b Date
		want bool
	}{
		{d(2022, 1, 14), d(2022, 1, 15), true},
		{d(2022, 1, 15), d(2022, 1, 14), false},
		{d(2022, 1, 14), d(2022, 1, 14), false}, // not strictly before
		{d(2021, 12, 31), d(2022, 1, 1), true},  // across years
		{d(2022, 2, 1), d(2022, 10, 1), true},   // month 2 < 10 (zero padding matters)
		{d(2022, 10, 1), d(2022, 2, 1), false},
		{d(2022, 1, 9), d(2022, 1, 10), true}, // day 9 < 10
		{d(2022, 12, 31), d(2023, 1, 1), true},
	}
	for _, tt := range tests {
		if got := tt.a.Before(tt.b); got != tt.want {
			t.Errorf("%s.Before(%s) = %v, want %v", tt.a.ISO(), tt.b.ISO(), got, tt.want)
		}
	}
}

func TestDateText(t *testing.T) {
	b, err := NewDate(2022, time.January, 14).MarshalText()
	if err != nil || string(b) != "2022-01-14" {
		t.Errorf("MarshalText = %q, %v; want 2022-01-14", b, err)
	}
	b, err = Date{}.MarshalText()
	if err != nil || string(b) != "" {
		t.Errorf("zero MarshalText = %q, %v; want \"\"", b, err)
	}

	tests := []struct {
		in      string
		want    Date
		wantErr bool
	}{
		{in: "2022-01-14", want: NewDate(2022, time.January, 14)},
		{in: "14/01/2022", want: NewDate(2022, time.January, 14)},
		{in: "", want: Date{}},
		{in: "31/02/2022", wantErr: true},
		{in: "bad", wantErr: true},
	}
	for _, tt := range tests {
		d := NewDate(1999, time.December, 31) // a value to see overwritten or kept
		err := d.UnmarshalText([]byte(tt.in))
		if tt.wantErr {
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("UnmarshalText(%q) error = %v, want ErrInvalid", tt.in, err)
			}
			if d != NewDate(1999, time.December, 31) {
				t.Errorf("UnmarshalText(%q) failed but changed the date to %q", tt.in, d.ISO())
			}
			continue
		}
		if err != nil || d != tt.want {
			t.Errorf("UnmarshalText(%q) = %q, %v; want %q", tt.in, d.ISO(), err, tt.want.ISO())
		}
	}

	// Through JSON, as Inspection stores it.
	in := Inspection{ID: "x", Start: NewDate(2022, time.January, 14)}
	js, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(js), `"start":"2022-01-14"`) || !strings.Contains(string(js), `"end":""`) {
		t.Errorf("JSON = %s, want start 2022-01-14 and an empty end", js)
	}
	var out Inspection
	if err := json.Unmarshal(js, &out); err != nil {
		t.Fatal(err)
	}
	if out.Start != in.Start || !out.End.IsZero() {
		t.Errorf("round trip: start %q end %q", out.Start.ISO(), out.End.ISO())
	}
	if err := json.Unmarshal([]byte(`{"start":"30/02/2022"}`), &out); !errors.Is(err, ErrInvalid) {
		t.Errorf("JSON with 30/02/2022: error %v, want ErrInvalid", err)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"14/01/2022", "4/1/2022", "2022-01-14", "14-01-2022", "14.01.2022", "31/02/2022", "29/02/2024", "14/01/22", "hello", "", "2022-01-1x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !errors.Is(err, ErrInvalid) {
				t.Fatalf("ParseDate(%q) error %v does not wrap ErrInvalid", s, err)
			}
			return
		}
		if d.IsZero() {
			if strings.TrimSpace(s) != "" {
				t.Fatalf("ParseDate(%q) gave the zero date without error", s)
			}
			return
		}
		for _, form := range []string{d.VN(), d.ISO()} {
			e, err := ParseDate(form)
			if err != nil || e != d {
				t.Fatalf("ParseDate(%q) = %s but ParseDate(%q) = %s, %v", s, d.ISO(), form, e.ISO(), err)
			}
		}
		if d.Year() < 1900 || d.Year() > 2200 {
			t.Fatalf("ParseDate(%q) year %d out of range", s, d.Year())
		}
		if DateOf(d.Time()) != d {
			t.Fatalf("ParseDate(%q) = %v, which is not a real day", s, d)
		}
	})
}

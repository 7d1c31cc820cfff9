package bundle

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// TestSplitLine: the encoder's shape is split without a full decode; every
// other shape is left to json.Unmarshal, even when it means the same.
func TestSplitLine(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		line, t, v string
	}{
		{`{"t":"audit","v":{"id":"x"}}`, "audit", `{"id":"x"}`},
		{`{"t":"follow_up","v":{"a":[1,{"b":"}"}]}}`, "follow_up", `{"a":[1,{"b":"}"}]}`},
		{`{"t":"link","v":{}}`, "link", `{}`},
		{`{"t":"audit","v": {"id":"x"} }`, "audit", ` {"id":"x"} `},
		// Not split: the general path decides.
		{`{"t":"audit","v":{"id":"x"}}}`, "", ""},                  // more after the record
		{`{"t":"audit","v":{"id":"x"},"t":"unit"}`, "", ""},        // a second key t
		{`{"t":"audit","v":{"id":"x"},"x":1}`, "", ""},             // a key more
		{`{"v":{"id":"x"},"t":"audit"}`, "", ""},                   // another order
		{`{"t":"au\u0064it","v":{"id":"x"}}`, "", ""},              // an escape in the kind
		{`{"t":"Audit","v":{"id":"x"}}`, "", ""},                   // another letter case
		{`{"t":"","v":{"id":"x"}}`, "", ""},                        // no kind
		{`{"t":"audit","v":{"id":"x"}`, "", ""},                    // cut short
		{`{"t":"audit","v":{"id":"x}}`, "", ""},                    // not JSON
		{`{"t":"audit","v":1}`, "audit", "1"},                      // not a record: decoding the value says so
		{`{"t":"audit" ,"v":{"id":"x"}}`, "", ""},                  // a space
		{"{\"t\":\"audit\",\"v\":{\"id\":\"\xff\"}}", "audit", ""}, // invalid UTF-8 is still JSON to Go
	} {
		pl, ok := splitLine([]byte(c.line))
		if c.t == "" {
			if ok {
				t.Errorf("%s: split into %q %q, want it left to the general path", c.line, pl.T, pl.V)
			}
			continue
		}
		if !ok || pl.T != c.t || (c.v != "" && string(pl.V) != c.v) {
			t.Errorf("%s: %q %q %v, want %q %q", c.line, pl.T, pl.V, ok, c.t, c.v)
		}
	}
}

// FuzzSplitLine: whatever splitLine splits, json.Unmarshal reads as the
// same kind and value.
func FuzzSplitLine(f *testing.F) {
	for _, s := range []string{`{"t":"audit","v":{"id":"x","dev_seq":2}}`, `{"t":"link","v":{"a":"}\"{"}}`,
		`{"t":"statement","v":{"entries":[[1,2]]}}`, `{"t":"x","v":{}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, line []byte) {
		pl, ok := splitLine(line)
		if !ok {
			return
		}
		var want payloadLine
		if err := json.Unmarshal(line, &want); err != nil {
			t.Fatalf("split a line json.Unmarshal refuses: %v", err)
		}
		if pl.T != want.T || !bytes.Equal(bytes.TrimSpace(pl.V), want.V) {
			t.Fatalf("split into %q %q, json.Unmarshal reads %q %q", pl.T, pl.V, want.T, want.V)
		}
	})
}

// FuzzStrict: strict takes and refuses the records json.Decoder with
// DisallowUnknownFields does, with the same values, for each kind of
// record it reads.
func FuzzStrict(f *testing.F) {
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	for _, v := range []any{
		AuditEntry{ID: "a", Device: "d", DevSeq: 3, At: at, Actor: "Trần Thị B", Entity: "finding", New: `{"note":"\"}"}`, Sig: "s"},
		ChainLink{Device: "d", DevSeq: 1, PrevHash: "p", Hash: "h"},
		Statement{Device: "d", Seq: 2, Created: at, Entries: []Range{{1, 4}}},
		Alias{Kind: "unit", Alias: "a", Canonical: "b"},
		BlobChunk{SHA256: "x", Seq: 1, Data: []byte{0, 1, 2}},
		ReceivedRef{Device: "d", Seq: 1},
	} {
		b, err := json.Marshal(v)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	for _, s := range []string{`{"ID":"a"}`, `{"id":"a","extra":1}`, `{"i\u0064":"a"}`, `{"dev_seq":"x"}`, `[1]`, `{"id":"a","id":"b"}`,
		`{ "device" : "d" , "seq" : 1 }`, `{"data":"AAE=","seq":-1}`, `{"entries":[[1,2],[3]]}`} {
		f.Add([]byte(s))
	}
	kinds := []func() any{
		func() any { return new(AuditEntry) }, func() any { return new(ChainLink) }, func() any { return new(Statement) },
		func() any { return new(Alias) }, func() any { return new(BlobChunk) }, func() any { return new(ReceivedRef) },
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		if !json.Valid(raw) { // strict is handed one JSON value
			return
		}
		for _, k := range kinds {
			got, want := k(), k()
			gerr, werr := strict(raw, got), decoderStrict(raw, want)
			if (gerr == nil) != (werr == nil) {
				t.Fatalf("%T of %s: strict says %v, json.Decoder %v", got, raw, gerr, werr)
			}
			if gerr == nil && !reflect.DeepEqual(got, want) {
				t.Fatalf("%T of %s: strict reads %+v, json.Decoder %+v", got, raw, got, want)
			}
		}
	})
}

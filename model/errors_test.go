package model

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"testing"
)

func TestErrorCodes(t *testing.T) {
	withParams := NewError(EChainBroken, errors.New("hash mismatch"), "3f2a91c0", "5")
	cases := []struct {
		err  error
		want Code
	}{
		{nil, ""},
		{errors.New("boom"), EInternal},
		{fmt.Errorf("load: %w", ErrNotFound), ENotFound},
		{fmt.Errorf("import a.ktb: %w", withParams), EChainBroken},
		{fmt.Errorf("query: %w", context.DeadlineExceeded), ETimeout},
		{context.Canceled, ECanceled},
		{fmt.Errorf("read: %w", &os.PathError{Op: "open", Path: "/x/plan.yaml", Err: os.ErrNotExist}), EFileMissing},
		{&os.PathError{Op: "open", Path: "/x", Err: os.ErrPermission}, EPermission},
	}
	for _, c := range cases {
		if got := ErrorCode(c.err); got != c.want {
			t.Errorf("ErrorCode(%v) = %q, want %q", c.err, got, c.want)
		}
	}
	if got := ErrorParams(fmt.Errorf("x: %w", withParams)); !slices.Equal(got, []string{"3f2a91c0", "5"}) {
		t.Errorf("params %q", got)
	}
	if got := ErrorParams(&os.PathError{Op: "open", Path: "/x/plan.yaml", Err: os.ErrNotExist}); !slices.Equal(got, []string{"/x/plan.yaml"}) {
		t.Errorf("path params %q", got)
	}
	// A sentinel matches every error of its code, with or without params.
	if !errors.Is(NewError(ENotFound, nil, "unit STP"), ErrNotFound) {
		t.Error("an ENotFound with params is not ErrNotFound")
	}
	if errors.Is(NewError(EStale, nil), ErrNotFound) {
		t.Error("EStale matched ErrNotFound")
	}
	if errors.Is(ErrNotFound, withParams) {
		t.Error("a sentinel matched an error with params as target")
	}
	if !errors.Is(withParams, withParams.Err) {
		t.Error("the cause is not reachable")
	}
	seen := map[Code]bool{}
	for _, c := range Codes {
		if seen[c] {
			t.Errorf("code %s listed twice", c)
		}
		seen[c] = true
	}
}

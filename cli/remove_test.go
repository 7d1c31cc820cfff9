package cli

import (
	"context"
	"strings"
	"testing"

	"kiemtra/store"
)

// A unit added by mistake comes off its inspection, and an inspection
// created twice off the list, from the command line as with d in the app:
// each named in what is said, gone from the lists after, audited.
func TestRemoveUnitAndInspection(t *testing.T) {
	t.Parallel()
	db := laptop(t, "Lê Thu Trang", false) // the plan only: no findings yet
	id := firstInspection(t, db)
	r := mustRun(t, "--db", db, "unit", "remove", "stp", "--inspection", id[:8])
	if !strings.Contains(r.stdout, "Đã xoá đơn vị STP khỏi đợt kiểm tra") {
		t.Errorf("unit remove said %q", r.stdout)
	}
	units := mustRun(t, "--db", db, "unit", "list", "--inspection", id).stdout
	if strings.Contains(units, "STP\t") || !strings.Contains(units, "CAMGIANG\t") {
		t.Errorf("units of the inspection after STP's removal:\n%s", units)
	}
	if r := runCLI(t, nil, "--db", db, "unit", "remove", "STP", "--inspection", id); r.code != 1 ||
		!strings.Contains(r.stderr, "đơn vị STP không có trong đợt kiểm tra") {
		t.Errorf("STP removed again: %+v", r)
	}
	r = mustRun(t, "--db", db, "--lang", "en", "inspection", "remove", id[:8])
	if !strings.Contains(r.stdout, "removed") || !strings.Contains(r.stdout, id) {
		t.Errorf("inspection remove said %q", r.stdout)
	}
	if got := mustRun(t, "--db", db, "inspection", "list").stdout; strings.Contains(got, id) {
		t.Errorf("the inspection is still listed:\n%s", got)
	}
	if r := runCLI(t, nil, "--db", db, "inspection", "remove", id); r.code != 1 || !strings.Contains(r.stderr, "không có đợt kiểm tra") {
		t.Errorf("the inspection removed again: %+v", r)
	}
	if got := auditedRemovals(t, db); got != "assessment Lê Thu Trang|inspection Lê Thu Trang" {
		t.Errorf("removals audited: %q", got)
	}
}

// auditedRemovals lists the audit's removals, "entity actor", in order.
func auditedRemovals(t *testing.T, path string) string {
	t.Helper()
	db, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	var got string
	if err := db.SQL().QueryRow("SELECT coalesce(group_concat(entity || ' ' || actor, '|'), '') FROM (SELECT entity, actor FROM audit WHERE action = 'remove' ORDER BY rowid)").Scan(&got); err != nil {
		t.Fatal(err)
	}
	return got
}

// Neither goes while it holds findings: the reason names the unit or the
// inspection and how many findings, and nothing changes.
func TestRemoveRefusedWithFindings(t *testing.T) {
	t.Parallel()
	db := laptop(t, "Lê Thu Trang", true) // the demo: answered units
	id := firstInspection(t, db)
	before := mustRun(t, "--db", db, "unit", "list", "--inspection", id).stdout
	r := runCLI(t, nil, "--db", db, "unit", "remove", "CAMGIANG", "--inspection", id)
	if r.code != 1 || !strings.Contains(r.stderr, "đơn vị CAMGIANG đã có kết quả đánh giá trong đợt này") {
		t.Errorf("a unit with findings removed: %+v", r)
	}
	r = runCLI(t, nil, "--db", db, "inspection", "remove", id)
	if r.code != 1 || !strings.Contains(r.stderr, "đã có kết quả đánh giá") {
		t.Errorf("an inspection with findings removed: %+v", r)
	}
	if after := mustRun(t, "--db", db, "unit", "list", "--inspection", id).stdout; after != before {
		t.Errorf("a refused removal changed the units:\n%s\nwas\n%s", after, before)
	}
	for _, args := range [][]string{{"unit", "remove"}, {"unit", "remove", "A", "B"}, {"inspection", "remove"}} {
		if r := runCLI(t, nil, append([]string{"--db", db}, args...)...); r.code != 2 {
			t.Errorf("%v: exit %d, want 2 (usage): %q", args, r.code, r.stderr)
		}
	}
}

package store

import (
	"context"
	"testing"
)

func TestBuiltinsRecorded(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if ok, err := f.db.BuiltinsRecorded(ctx, "fp1"); err != nil || ok {
		t.Fatalf("nothing recorded yet: %v %v", ok, err)
	}
	if err := f.db.RecordBuiltins(ctx, "fp1"); err != nil {
		t.Fatal(err)
	}
	if ok, err := f.db.BuiltinsRecorded(ctx, "fp1"); err != nil || !ok {
		t.Fatalf("recorded: %v %v", ok, err)
	}
	if ok, _ := f.db.BuiltinsRecorded(ctx, "fp2"); ok {
		t.Error("other files reported as recorded")
	}
	// A built-in version gone from the database (deleted by hand) must be
	// recorded again.
	if _, err := f.db.sql.ExecContext(ctx, "DELETE FROM checklists WHERE builtin = 1 AND id NOT IN (SELECT checklist_id FROM assessments)"); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.sql.ExecContext(ctx, "UPDATE checklists SET builtin = 0"); err != nil {
		t.Fatal(err)
	}
	if ok, _ := f.db.BuiltinsRecorded(ctx, "fp1"); ok {
		t.Error("a database without its built-ins reported as holding them")
	}
}

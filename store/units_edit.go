package store

import (
	"context"

	"kiemtra/model"
)

// CorrectUnit is RenameUnit as the app asks it: the unit of code shown as
// name and kind from now on (its drafts too; a finalized record keeps the
// name it was signed with). The change is audited as a revision of the
// unit, which travels in bundles like any other. It returns the unit as
// held after the change.
func (db *DB) CorrectUnit(ctx context.Context, actor, code, name string, kind model.UnitKind) (model.Unit, error) {
	res, err := db.RenameUnit(ctx, actor, code, name, kind)
	return res.Unit, err
}

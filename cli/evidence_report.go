package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"kiemtra/model"
	"kiemtra/report"
	"kiemtra/store"
)

// thumbnails makes the small pictures of the image files the HTML record
// shows: each file read from the database (at most model.MaxEvidenceBytes)
// and scaled down, one at a time. A file that cannot be read as a picture
// is only listed; the first report.MaxThumbnails are kept.
func thumbnails(env *Env, db *store.DB, files []model.EvidenceFile) map[string][]byte {
	out := map[string][]byte{}
	for _, f := range files {
		if len(out) >= report.MaxThumbnails {
			break
		}
		if _, done := out[f.SHA256]; done || !f.Received || !model.IsImage(f.MediaType) {
			continue
		}
		var buf bytes.Buffer
		if err := db.WriteEvidence(env.Ctx, f.SHA256, f.Name, &buf); err != nil {
			env.Log.Warn("evidence picture", "file", f.Name, "err", err)
			continue
		}
		th, err := report.Thumbnail(&buf)
		if err != nil {
			env.Log.Warn("evidence picture", "file", f.Name, "err", err)
			continue
		}
		out[f.SHA256] = th
	}
	return out
}

// checkFilesDir refuses a --with-files path that exists and is not a
// folder, before the record is written.
func checkFilesDir(dir string) error {
	st, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case !st.IsDir():
		return model.NewError(model.ENotFolder, nil, dir)
	}
	return nil
}

// writeRecordFiles writes the files of one assessment's findings into dir
// (DIR/UNIT/ITEM/NAME, as evidence export does).
func writeRecordFiles(env *Env, db *store.DB, assessmentID, dir string) error {
	rows, err := db.Evidence(env.Ctx, store.EvidenceFilter{AssessmentID: assessmentID})
	if err != nil {
		return err
	}
	written, missing, err := ExportEvidence(env, db, rows, dir)
	if err != nil {
		return err
	}
	fmt.Fprintln(env.Stderr, env.T.TN("cli.evidence_export.done", written, written, dir))
	if missing > 0 {
		return env.Fail(nil, "cli.evidence_export.missing", missing)
	}
	return nil
}

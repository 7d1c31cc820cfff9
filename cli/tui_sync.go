package cli

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// TUISync gives the TUI the import of bundle files and the resolution of
// the conflicts they leave, over the store's sync API, in terms of model
// types (it satisfies ui.Importer; nothing imports ui). Messages are in
// the catalogue's language.
type TUISync struct {
	db *store.DB
	t  i18n.Catalog
}

// NewTUISync returns the TUI's import adapter for db in lang.
func NewTUISync(db *store.DB, lang i18n.Lang) *TUISync {
	return &TUISync{db: db, t: i18n.New(lang)}
}

// syncError is an error whose message is already in the user's language.
type syncError struct {
	msg string
	err error
}

func (e *syncError) Error() string { return e.msg }
func (e *syncError) Unwrap() error { return e.err }

// ImportPath imports the bundle at path, or every bundle in the folder at path
// (files are recognised by their content, not their name; receipts and
// other files beside them are skipped), in name order. A refused file is
// reported in its ImportedFile and changes nothing; the error is for
// problems with path itself or the database.
func (s *TUISync) ImportPath(ctx context.Context, path string) (model.ImportOutcome, error) {
	var out model.ImportOutcome
	path = expandHome(strings.TrimSpace(path))
	if path == "" {
		return out, &syncError{msg: s.t.T("ui.import.err.no_path")}
	}
	st, err := os.Stat(path)
	if err != nil {
		return out, &syncError{msg: s.t.T("ui.import.err.path", path, s.fileProblem(err)), err: err}
	}
	files := []string{path}
	if st.IsDir() {
		if files, err = bundlesIn(path); err != nil {
			return out, &syncError{msg: s.t.T("ui.import.err.path", path, s.fileProblem(err)), err: err}
		}
		if len(files) == 0 {
			return out, &syncError{msg: s.t.T("ui.import.err.no_bundles", path)}
		}
	}
	rep, err := s.db.Import(ctx, files, store.ImportOptions{})
	if err != nil {
		return out, &syncError{msg: s.t.T("ui.import.err.failed", Explain(s.t, err)), err: err}
	}
	out.Backup = rep.Backup
	for _, r := range rep.Results {
		f := model.ImportedFile{File: r.File, From: r.DeviceName, Replay: r.Replay, Accepted: r.Accepted,
			Present: r.Present, Conflicts: r.Conflicts, Warnings: r.Warnings}
		if f.From == "" {
			f.From = r.Device
		}
		if r.Err != nil {
			// The same words as kiemtra import (sync.go): "a2.ktb: …".
			f.Err = r.Err
		}
		out.Files = append(out.Files, f)
	}
	for _, g := range rep.Gaps {
		out.Gaps = append(out.Gaps, model.BundleGap{From: g.Name, Missing: g.Missing})
	}
	return out, nil
}

// bundlesIn lists the bundle files directly in dir, by name.
func bundlesIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		// A file that cannot be read is offered to Import, which then
		// reports it by name instead of skipping it silently.
		if ok, err := store.IsBundleFile(p); ok || err != nil {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

// expandHome replaces a leading ~ with the home folder (a path typed as
// in a shell).
func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") || strings.HasPrefix(p, `~\`) {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, p[1:])
		}
	}
	return p
}

func (s *TUISync) fileProblem(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return s.t.T("ui.import.err.not_found")
	case errors.Is(err, fs.ErrPermission):
		return s.t.T("ui.import.err.permission")
	}
	return err.Error()
}

// ConflictViews lists every open conflict, by unit and item, with this
// computer's value first when one of the two is.
func (s *TUISync) ConflictViews(ctx context.Context) ([]model.ConflictView, error) {
	cs, err := s.db.Conflicts(ctx, store.ConflictFilter{})
	if err != nil {
		return nil, err
	}
	self := s.db.Device()
	names := map[string]string{}
	name := func(dev string) string {
		if n, ok := names[dev]; ok {
			return n
		}
		n := s.db.DeviceName(ctx, dev)
		names[dev] = n
		return n
	}
	out := make([]model.ConflictView, 0, len(cs))
	for _, c := range cs {
		v := model.ConflictView{ID: c.ID, AssessmentID: c.AssessmentID, InspectionID: c.InspectionID,
			UnitCode: c.UnitCode, UnitName: c.UnitName, ItemCode: c.ItemCode, DetectedAt: c.DetectedAt,
			A: model.ConflictSide{Finding: c.Current, DeviceName: name(c.Current.Device), Local: c.Current.Device == self},
			B: model.ConflictSide{Finding: c.Other, DeviceName: name(c.Other.Device), Local: c.Other.Device == self}}
		if v.B.Local && !v.A.Local {
			v.A, v.B = v.B, v.A
		}
		if a, err := s.db.Assessment(ctx, c.AssessmentID); err == nil {
			v.Finalized = a.Status == model.StatusFinalized
			if cl, err := s.db.Checklist(ctx, a.ChecklistID, a.ChecklistVersion); err == nil {
				if it, ok := cl.Item(c.ItemCode); ok {
					v.ItemText = it.Text
				}
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// ResolveConflict settles a conflict with the chosen content, as actor.
func (s *TUISync) ResolveConflict(ctx context.Context, actor, conflictID string, chosen model.Content) (model.Finding, error) {
	return s.db.ResolveConflict(ctx, actor, conflictID, chosen)
}

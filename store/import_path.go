package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"kiemtra/internal/safefile"
	"kiemtra/model"
)

// ImportPath imports the bundle file at path, or every bundle in the
// folder at path, for the TUI, in model's terms. The path may be typed or
// dragged in: surrounding spaces and quotes, backslash-escaped spaces and
// a leading ~ are understood. A folder's bundles are recognised by their
// content, not their name (receipts and documents beside them are
// skipped, as are links, pipes and devices), and imported in name order.
// A refused file is reported in its model.ImportedFile (Err has the
// model code) and changes nothing; the error is for the path itself or
// the database.
func (db *DB) ImportPath(ctx context.Context, path string) (model.ImportOutcome, error) {
	var out model.ImportOutcome
	path = cleanPath(path)
	if path == "" {
		return out, model.NewError(model.ENoPath, nil)
	}
	st, err := os.Stat(path)
	if err != nil {
		return out, safefile.Wrap(path, err)
	}
	files := []string{path}
	if st.IsDir() {
		if files, err = bundlesIn(path); err != nil {
			return out, err
		}
		if len(files) == 0 {
			return out, model.NewError(model.ENoBundles, nil, path)
		}
	}
	rep, err := db.Import(ctx, files, ImportOptions{})
	if err != nil {
		return out, err
	}
	out.Backup = rep.Backup
	for _, r := range rep.Results {
		f := model.ImportedFile{File: r.File, From: r.DeviceName, Replay: r.Replay, Accepted: r.Accepted,
			Present: r.Present, Conflicts: r.Conflicts, Err: r.Err, Warnings: r.Warnings}
		if f.From == "" {
			f.From = r.Device
		}
		out.Files = append(out.Files, f)
	}
	for _, g := range rep.Gaps {
		out.Gaps = append(out.Gaps, model.BundleGap{From: g.Name, Missing: g.Missing})
	}
	return out, nil
}

// cleanPath undoes what typing or dragging a path into a terminal adds:
// surrounding spaces, quotes around it, backslash-escaped spaces (where
// the separator is /, so a backslash is not one), and a leading ~ for the
// home folder.
func cleanPath(s string) string {
	s = strings.TrimSpace(s)
	if len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"') {
		s = s[1 : len(s)-1]
	}
	if filepath.Separator == '/' {
		s = strings.ReplaceAll(s, `\ `, " ")
	}
	if s == "~" || strings.HasPrefix(s, "~/") || strings.HasPrefix(s, `~\`) {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, s[1:])
		}
	}
	return s
}

// bundlesIn lists the bundle files directly in dir, by name.
func bundlesIn(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("list bundles: %w", safefile.Wrap(dir, err))
	}
	var out []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		// A file that cannot be read is offered to Import, which then
		// reports it by name instead of skipping it silently.
		if ok, err := isBundleFile(p); ok || err != nil {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out, nil
}

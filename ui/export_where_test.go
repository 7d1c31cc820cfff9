package ui

import (
	"os"
	"path/filepath"
	"testing"

	"kiemtra/i18n"
	"kiemtra/report"
	"kiemtra/store"
)

// openedPaths records what the app asked the system to open.
type openedPaths struct{ paths *[]string }

func (o openedPaths) Open(path string) error {
	*o.paths = append(*o.paths, path)
	return nil
}

// newWhereApp is the App on db exporting into dir by default, into any
// folder the form names, and opening through o.
func newWhereApp(t *testing.T, db *store.DB, dir string, o Opener) App {
	t.Helper()
	deps := testDeps(t, db, i18n.VI)
	ex := testExporter(t, db, dir, i18n.VI).(*report.Exporter)
	deps.Exporter = ex
	deps.ExportIn = func(d string) Exporter { return ex.In(d) }
	deps.Opener = o
	return startApp(t, deps, 120, 40)
}

// TestExportWhereTheInspectorWants: from the checklist, x exports the
// unit's record into the folder typed in the form, then opens its folder
// as chosen; the next export, also after a restart, proposes the same
// folder and the same opening.
func TestExportWhereTheInspectorWants(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	def, chosen := t.TempDir(), filepath.Join(t.TempDir(), "Hồ sơ kiểm tra")
	var opened []string
	a := openDemoUnit(t, newWhereApp(t, db, def, openedPaths{&opened}), "STP")
	a = keys(t, a, "x")
	if !a.checklist.export.open || !a.typing() {
		t.Fatalf("x on the checklist: export form open %v, typing %v", a.checklist.export.open, a.typing())
	}
	requireContains(t, a, "Xuất tài liệu", "Biên bản kiểm tra Sở Tư pháp", "Thư mục lưu   "+def, "Sau khi xuất  ‹ không mở ›")
	// The folder: cleared and typed; then "open its folder".
	a = keys(t, a, "tab", "tab", "end", "ctrl+u", chosen, "tab", "right", "right", "enter")
	file := filepath.Join(chosen, "bien-ban-2022-STP.docx")
	if _, err := os.Stat(file); err != nil {
		t.Fatalf("not written where chosen: %v", err)
	}
	if entries, err := os.ReadDir(def); err != nil || len(entries) != 0 {
		t.Fatalf("the default folder got %v (%v)", entries, err)
	}
	if len(opened) != 1 || opened[0] != chosen {
		t.Fatalf("opened %q, want the folder %q", opened, chosen)
	}
	if a.checklist.export.open || a.screen != screenChecklist {
		t.Fatalf("after exporting: form open %v on %s", a.checklist.export.open, a.screen)
	}
	requireContains(t, a, "Đã xuất: "+file)
	for key, want := range map[string]string{settingExportDir: chosen, settingExportOpen: "folder"} {
		if got, err := db.Setting(t.Context(), key); err != nil || got != want {
			t.Fatalf("setting %s = %q (%v), want %q", key, got, err, want)
		}
	}
	// The summary's form proposes the same.
	a = keys(t, a, "s", "x")
	requireContains(t, a, "Thư mục lưu   "+chosen, "Sau khi xuất  ‹ mở thư mục chứa tệp ›")
	// After a restart too; "open the file" opens the file itself.
	var again []string
	b := newWhereApp(t, db, def, openedPaths{&again})
	if b.screen != screenChecklist {
		b = openDemoUnit(t, b, "STP")
	}
	b = keys(t, b, "x")
	requireContains(t, b, "Thư mục lưu   "+chosen, "Sau khi xuất  ‹ mở thư mục chứa tệp ›")
	b = keys(t, b, "tab", "tab", "tab", "left", "enter")
	second := filepath.Join(chosen, "bien-ban-2022-STP-2.docx")
	if len(again) != 1 || again[0] != second {
		t.Fatalf("opened %q, want the file %q", again, second)
	}
}

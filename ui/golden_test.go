package ui

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/exp/teatest"

	"kiemtra/i18n"
)

// TestGolden runs the real program (teatest) on a demo database and
// compares the final screen of each main view with testdata/TestGolden/*.
// Colours are pinned to ASCII in init (helpers_test.go); refresh with
// go test ./ui/ -run TestGolden -update.
func TestGolden(t *testing.T) {
	t.Parallel()
	type step struct {
		keys []tea.Msg
		wait string
	}
	k := func(s string) tea.Msg { return keyMsg(s) }
	views := []struct {
		name  string
		steps []step
	}{
		{"start", nil},
		{"checklist", []step{{[]tea.Msg{k("tab"), k("down"), k("down"), k("enter")}, "Lĩnh vực"}}},
		{"editor", []step{
			{[]tea.Msg{k("tab"), k("down"), k("down"), k("enter")}, "Lĩnh vực"},
			{[]tea.Msg{k("enter"), k("3"), runes("Kiểm tra vết nứt tường"), k("tab")}, "Tài liệu kiểm chứng đã xem"},
		}},
		{"search", []step{
			{[]tea.Msg{k("tab"), k("down"), k("down"), k("enter")}, "Lĩnh vực"},
			{[]tea.Msg{k("/"), runes("phieu xin loi")}, "kết quả"},
		}},
		{"summary", []step{
			{[]tea.Msg{k("tab"), k("enter")}, "Lĩnh vực"},
			{[]tea.Msg{k("s")}, "Điểm theo lĩnh vực"},
		}},
		{"export", []step{
			{[]tea.Msg{k("tab"), k("enter")}, "Lĩnh vực"},
			{[]tea.Msg{k("s")}, "Điểm theo lĩnh vực"},
			{[]tea.Msg{k("x")}, "Xuất tài liệu"},
		}},
		{"import", []step{{[]tea.Msg{k("i")}, "Nhập dữ liệu từ máy khác"}}},
		{"conflicts", []step{{[]tea.Msg{k("C")}, "Không còn xung đột nào."}}},
	}
	for _, size := range [][2]int{{80, 24}, {120, 40}} {
		for _, v := range views {
			t.Run(fmt.Sprintf("%s_%dx%d", v.name, size[0], size[1]), func(t *testing.T) {
				t.Parallel()
				db := openStore(t, true, "Nguyễn Thị Hương")
				deps := testDeps(t, db, i18n.VI)
				// A relative export folder keeps the form's text the same on
				// every machine; nothing is exported here.
				deps.Exporter = testExporter(t, db, "exports", i18n.VI)
				deps.Importer = testImporter(db, i18n.VI)
				app := New(deps)
				tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(size[0], size[1]))
				// The integrity check's word arrives on its own time: wait
				// for it too, so every golden has it where it is.
				teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
					return bytes.Contains(b, []byte("Sở Tư pháp")) && bytes.Contains(b, []byte("Đã kiểm tra tệp dữ liệu"))
				}, teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
				for _, s := range v.steps {
					for _, m := range s.keys {
						tm.Send(m)
					}
					waitFor(t, tm, s.wait)
				}
				// Quitting waits for the saves still on their way.
				tm.Send(tea.KeyMsg{Type: tea.KeyCtrlC})
				fm := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second))
				teatest.RequireEqualOutput(t, []byte(fm.View()))
			})
		}
	}
}

func waitFor(t *testing.T, tm *teatest.TestModel, s string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(s)) },
		teatest.WithDuration(10*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

package ui

import (
	"testing"

	"kiemtra/store"
)

// *store.DB must satisfy the interface ui declares.
var _ Store = (*store.DB)(nil)

func TestSettingKeyMatchesStore(t *testing.T) {
	if settingInspector != store.SettingInspector {
		t.Fatalf("ui reads setting %q, store writes %q", settingInspector, store.SettingInspector)
	}
}

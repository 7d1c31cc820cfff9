package ui

import (
	"testing"

	"kiemtra/store"
)

func TestSettingKeyMatchesStore(t *testing.T) {
	t.Parallel()
	if settingInspector != store.SettingInspector {
		t.Fatalf("ui reads setting %q, store writes %q", settingInspector, store.SettingInspector)
	}
}

package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestEvidenceAddListExportRemove(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	dir := t.TempDir()
	if r := runCLI(t, nil, "--db", db, "config", "set", "inspector", "Vũ Hoàng Nam"); r.code != 0 {
		t.Fatal(r.stderr)
	}
	photo := append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00"), bytes.Repeat([]byte{1}, 5000)...)
	scan := []byte("%PDF-1.4\n% scan\n")
	for name, b := range map[string][]byte{"niem-yet.jpg": photo, "ke-hoach.pdf": scan} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI(t, nil, "--db", db, "--lang", "en", "evidence", "add", "--unit", "stc", "--item", "1.1.2",
		filepath.Join(dir, "niem-yet.jpg"), filepath.Join(dir, "ke-hoach.pdf"))
	if r.code != 0 || strings.Count(r.stdout, "Attached") != 2 || !strings.Contains(r.stdout, "image/jpeg") {
		t.Fatalf("add: %d %s %s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, nil, "--db", db, "evidence", "list", "--unit", "STC", "--json")
	var rows []struct {
		ID        string `json:"id"`
		Name      string `json:"name"`
		Size      int64  `json:"size"`
		MediaType string `json:"media_type"`
		ItemCode  string `json:"item_code"`
		Received  bool   `json:"received"`
	}
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	if len(rows) != 2 || rows[0].Name != "niem-yet.jpg" || rows[0].Size != int64(len(photo)) || rows[1].MediaType != "application/pdf" ||
		!rows[0].Received || rows[0].ItemCode != "1.1.2" {
		t.Fatalf("list: %+v", rows)
	}

	out := filepath.Join(dir, "xuat")
	if r := runCLI(t, nil, "--db", db, "evidence", "export", "--unit", "STC", "--out", out); r.code != 0 {
		t.Fatalf("export: %s", r.stderr)
	}
	got, err := os.ReadFile(filepath.Join(out, "STC", "1.1.2", "niem-yet.jpg"))
	if err != nil || !bytes.Equal(got, photo) {
		t.Fatalf("exported photo: %v, %d bytes", err, len(got))
	}
	if runtime.GOOS != "windows" {
		st, err := os.Stat(filepath.Join(out, "STC", "1.1.2", "ke-hoach.pdf"))
		if err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("exported file mode %v %v", st.Mode(), err)
		}
		dst, err := os.Stat(filepath.Join(out, "STC"))
		if err != nil || dst.Mode().Perm() != 0o700 {
			t.Errorf("exported folder mode %v %v", dst.Mode(), err)
		}
	}
	// Never over a file already there.
	if err := os.WriteFile(filepath.Join(out, "STC", "1.1.2", "niem-yet.jpg"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if r := runCLI(t, nil, "--db", db, "evidence", "export", "--unit", "STC", "--out", out); r.code == 0 {
		t.Error("export over existing files succeeded")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "STC", "1.1.2", "niem-yet.jpg")); string(b) != "mine" {
		t.Error("export replaced a file")
	}

	if r := runCLI(t, nil, "--db", db, "evidence", "remove", rows[0].ID[len(rows[0].ID)-8:]); r.code != 0 {
		t.Fatalf("remove: %s", r.stderr)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "evidence", "list", "--removed")
	if !strings.Contains(r.stdout, "removed by Vũ Hoàng Nam") || strings.Count(r.stdout, "\n") != 2 {
		t.Errorf("list --removed: %s", r.stdout)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "evidence", "list")
	if strings.Contains(r.stdout, "niem-yet.jpg") || !strings.Contains(r.stdout, "ke-hoach.pdf") {
		t.Errorf("list after removal: %s", r.stdout)
	}
}

package cli

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

var i18nVI = i18n.New(i18n.VI)

func check(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// builtinRef finds a built-in checklist version.
func builtinRef(t *testing.T, ref string) *model.Checklist {
	t.Helper()
	cls, err := checklists.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cls {
		if c.Ref() == ref {
			return c
		}
	}
	t.Fatalf("no built-in %s", ref)
	return nil
}

// TestChecklistExport: a checklist held is exported as a workbook and as
// YAML that read back to the same content hash, to a file or down
// standard output; without a version the newest is taken; without a
// database the built-ins are there to start from (and none is created).
func TestChecklistExport(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	dir := t.TempDir()
	want := builtinRef(t, "so-ban-nganh@2026.2")
	for _, f := range []string{"xlsx", "yaml"} {
		out := filepath.Join(dir, "so."+f)
		r := runCLI(t, nil, "--db", db, "checklist", "export", "so-ban-nganh", "--format", f, "--out", out)
		if r.code != 0 || !strings.Contains(r.stdout, "Đã xuất bộ tiêu chí so-ban-nganh@2026.2 ra "+out) {
			t.Fatalf("export %s: %+v", f, r)
		}
		back, err := checklists.LoadFile(out)
		if err != nil {
			t.Fatalf("%s: %s", f, Message(i18nVI, err))
		}
		if back.Hash != want.Hash {
			t.Errorf("%s: hash %s, want %s", f, back.Hash, want.Hash)
		}
		if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v %v", f, st.Mode(), err)
		}
	}
	// Standard output: the file's bytes, and the words on stderr.
	r := runCLI(t, nil, "--db", db, "checklist", "export", "ubnd-huyen@2026.1", "--format", "yaml", "--out", "-")
	var buf bytes.Buffer
	if err := checklists.WriteYAML(&buf, builtinRef(t, "ubnd-huyen@2026.1")); err != nil {
		t.Fatal(err)
	}
	if r.code != 0 || r.stdout != buf.String() || !strings.Contains(r.stderr, "ubnd-huyen@2026.1") {
		t.Errorf("yaml to stdout: code %d, %d bytes (want %d), stderr %q", r.code, len(r.stdout), buf.Len(), r.stderr)
	}
	r = runCLI(t, nil, "--db", db, "checklist", "export", "ubnd-xa", "--format", "xlsx", "--out", "-")
	back, err := checklists.ParseXLSX("stdout.xlsx", []byte(r.stdout))
	if r.code != 0 || err != nil || back.Ref() != "ubnd-xa@2026.2" {
		t.Errorf("xlsx to stdout: %d %v", r.code, err)
	}

	// No database: the built-ins, and still no database afterwards.
	none := filepath.Join(t.TempDir(), "khong-co.db")
	out := filepath.Join(dir, "huyen.xlsx")
	r = runCLI(t, nil, "--db", none, "--lang", "en", "checklist", "export", "ubnd-huyen@2026.2", "--format", "xlsx", "--out", out)
	if r.code != 0 || !strings.Contains(r.stdout, "Exported checklist ubnd-huyen@2026.2") {
		t.Fatalf("export without a database: %+v", r)
	}
	if _, err := os.Stat(none); !os.IsNotExist(err) {
		t.Errorf("export created a database: %v", err)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if idx, _ := f.GetSheetIndex("Items"); idx < 0 {
		t.Errorf("--lang en wrote sheets %v", f.GetSheetList())
	}
	check(t, f.Close())
}

// TestChecklistExportRefusals: an existing file needs --force (and is then
// replaced whole); a link, a folder, a pipe or a device is never written;
// a workbook is not sent to a terminal; a missing format, an unknown
// format or an unknown checklist is a clear message. Nothing is written
// for any of them.
func TestChecklistExportRefusals(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	dir := t.TempDir()
	old := filepath.Join(dir, "cu.yaml")
	if err := os.WriteFile(old, []byte("giữ nguyên"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "--db", db, "checklist", "export", "ubnd-xa", "--format", "yaml", "--out", old)
	if b, _ := os.ReadFile(old); r.code != 1 || string(b) != "giữ nguyên" || !strings.Contains(r.stderr, old) {
		t.Errorf("existing file without --force: %+v, file %q", r, b)
	}
	r = runCLI(t, nil, "--db", db, "checklist", "export", "ubnd-xa", "--format", "yaml", "--out", old, "--force")
	if c, err := checklists.LoadFile(old); r.code != 0 || err != nil || c.Ref() != "ubnd-xa@2026.2" {
		t.Errorf("--force: %+v %v", r, err)
	}
	for _, s := range specials(t, dir) {
		for _, force := range []string{"--force=false", "--force"} {
			r := runCLI(t, nil, "--db", db, "checklist", "export", "ubnd-xa", "--format", "xlsx", "--out", s.path, force)
			if r.code != 1 || !strings.Contains(r.stderr, s.path) {
				t.Errorf("%s %s: %+v", s.name, force, r)
			}
			if what := s.check(); what != "" {
				t.Errorf("%s %s: %s", s.name, force, what)
			}
		}
	}
	for _, tc := range []struct {
		args []string
		want string
		code int
	}{
		{[]string{"ubnd-xa", "--out", filepath.Join(dir, "a")}, "cần --format (xlsx, yaml)", 2},
		{[]string{"ubnd-xa", "--format", "pdf", "--out", filepath.Join(dir, "a")}, `định dạng "pdf" không dùng được ở đây`, 2},
		{[]string{"ubnd-xa", "--format", "yaml"}, "cần --out TỆP", 2},
		{[]string{"khong-co", "--format", "yaml", "--out", filepath.Join(dir, "a")}, `không có bộ tiêu chí "khong-co"`, 1},
		{[]string{"ubnd-xa@1999.1", "--format", "yaml", "--out", filepath.Join(dir, "a")}, `không có bộ tiêu chí "ubnd-xa@1999.1"`, 1},
	} {
		r := runCLI(t, nil, append([]string{"--db", db, "checklist", "export"}, tc.args...)...)
		if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: %+v, want %q", tc.args, r, tc.want)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "a")); !os.IsNotExist(err) {
		t.Errorf("a refused export wrote a file: %v", err)
	}
	// A terminal gets no workbook; YAML is text and may go there.
	term := func(args ...string) result {
		var out, errb bytes.Buffer
		g, rest, err := ParseGlobal(append([]string{"--db", db}, args...), func(string) string { return "" })
		if err != nil {
			t.Fatal(err)
		}
		e := &Env{Ctx: t.Context(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""), T: i18nVI, Log: discardLog(),
			Global: g, StdoutIsTerminal: true}
		return result{Run(e, rest), out.String(), errb.String()}
	}
	if r := term("checklist", "export", "ubnd-xa", "--format", "xlsx", "--out", "-"); r.code != 2 || r.stdout != "" ||
		!strings.Contains(r.stderr, "không ghi tệp Excel ra màn hình") {
		t.Errorf("xlsx to a terminal: %+v", r)
	}
	if r := term("checklist", "export", "ubnd-xa", "--format", "yaml", "--out", "-"); r.code != 0 || !strings.Contains(r.stdout, `id: "ubnd-xa"`) {
		t.Errorf("yaml to a terminal: %d %q", r.code, r.stderr)
	}
}

// itemsSheet finds, on an exported workbook's items sheet, the column of
// each Vietnamese header and the row of each item code.
func itemsSheet(t *testing.T, f *excelize.File) (cols map[string]string, rows map[string]int) {
	t.Helper()
	all, err := f.GetRows("Mục")
	if err != nil {
		t.Fatal(err)
	}
	cols, rows = map[string]string{}, map[string]int{}
	for i, h := range all[0] {
		name, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			t.Fatal(err)
		}
		cols[h] = name
	}
	codeCol := -1
	for i, h := range all[0] {
		if h == "Mã mục" {
			codeCol = i
		}
	}
	for r, row := range all {
		if codeCol < len(row) && r > 1 {
			rows[row[codeCol]] = r + 1
		}
	}
	return cols, rows
}

// TestChecklistValidateAndAddWorkbook is the official's round: a workbook
// exported and edited in Excel (a new ID, a maximum typed as a word) is
// refused by validate and add with FILE:SHEET!CELL and the reason, in the
// selected language, and nothing is added; corrected, it validates and is
// added, and checklist list says it came from that file (its name and the
// SHA-256 of its bytes), while the built-ins say they are built in.
func TestChecklistValidateAndAddWorkbook(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	dir := t.TempDir()
	wb := filepath.Join(dir, "tieu-chi.xlsx")
	if r := runCLI(t, nil, "--db", db, "checklist", "export", "so-ban-nganh@2026.2", "--format", "xlsx", "--out", wb); r.code != 0 {
		t.Fatalf("export: %+v", r)
	}
	f, err := excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	check(t, f.SetCellStr("Thông tin chung", "C2", "tieu-chi-hai-duong"))
	cols, rows := itemsSheet(t, f)
	cell := cols["Điểm tối đa"] + strconv.Itoa(rows["1.1.2"])
	check(t, f.SetCellStr("Mục", cell, "một"))
	check(t, f.Save())
	check(t, f.Close())

	r := runCLI(t, nil, "--db", db, "checklist", "validate", wb)
	where := wb + ":Mục!" + cell + ": "
	if r.code != 1 || !strings.Contains(r.stderr, where+"mục 1.1.2: Điểm tối đa phải là số, ví dụ 0,5 (đang ghi \"một\")") {
		t.Errorf("validate (vi): %+v", r)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "checklist", "add", wb)
	if r.code != 1 || !strings.Contains(r.stderr, where+"item 1.1.2: ") || !strings.Contains(r.stderr, "must be a number, e.g. 0.5") {
		t.Errorf("add (en): %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "checklist", "show", "tieu-chi-hai-duong"); r.code != 1 {
		t.Errorf("a refused workbook was added: %+v", r)
	}

	f, err = excelize.OpenFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	check(t, f.SetCellStr("Mục", cell, "1"))
	check(t, f.Save())
	check(t, f.Close())
	if r := runCLI(t, nil, "--db", db, "checklist", "validate", wb); r.code != 0 || !strings.Contains(r.stdout, "hợp lệ — tieu-chi-hai-duong@2026.2") {
		t.Fatalf("validate the corrected workbook: %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "checklist", "add", wb); r.code != 0 || !strings.Contains(r.stdout, "Đã nạp 1 bộ tiêu chí mới (0 đã có sẵn).") {
		t.Fatalf("add: %+v", r)
	}
	data, err := os.ReadFile(wb)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	hexSum := hex.EncodeToString(sum[:])
	r = runCLI(t, nil, "--db", db, "checklist", "list")
	var line string
	for _, l := range strings.Split(r.stdout, "\n") {
		if strings.HasPrefix(l, "tieu-chi-hai-duong\t2026.2\t") {
			line = l
		}
		if strings.HasPrefix(l, "ubnd-xa\t2026.2\t") && !strings.HasSuffix(l, "\tcó sẵn trong kiemtra") {
			t.Errorf("built-in line %q", l)
		}
	}
	if !strings.Contains(line, "\tnạp từ tệp tieu-chi.xlsx (SHA-256 "+hexSum[:12]+"…) lúc ") {
		t.Errorf("list line %q", line)
	}
	r = runCLI(t, nil, "--db", db, "checklist", "list", "--json")
	var infos []store.ChecklistInfo
	if err := json.Unmarshal([]byte(r.stdout), &infos); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, ci := range infos {
		if ci.ID == "tieu-chi-hai-duong" {
			found = true
			if ci.Builtin || ci.File != "tieu-chi.xlsx" || ci.SHA256 != hexSum || ci.AddedAt.IsZero() {
				t.Errorf("json: %+v", ci)
			}
		}
	}
	if !found {
		t.Error("json lists no tieu-chi-hai-duong")
	}
}

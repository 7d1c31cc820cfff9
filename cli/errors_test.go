package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"kiemtra/checklists"
	"kiemtra/i18n"
	"kiemtra/model"
)

// TestMessage checks the one line a person reads for each kind of error a
// command returns.
func TestMessage(t *testing.T) {
	t.Parallel()
	vi := i18n.New(i18n.VI)
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"usage", fmt.Errorf("run: %w", Usage("cần đường dẫn tệp")), "cần đường dẫn tệp"},
		{"failure", fmt.Errorf("run: %w", &Failure{Msg: "không có đợt kiểm tra \"zz\"", Err: model.ErrNotFound}), "không có đợt kiểm tra \"zz\""},
		{"model code", fmt.Errorf("open: %w", model.NewError(model.EBusy, nil, "/d/k.db")), "/d/k.db đang bị chương trình khác khóa: đóng chương trình đó rồi thử lại."},
		{"checklist problems", fmt.Errorf("load: %w", checklistProblems(t, "a.yaml", "kind: tinh\n")),
			"a.yaml:1: bộ tiêu chí: thiếu \"id\"\na.yaml:1: bộ tiêu chí: thiếu \"version\"\na.yaml:1: bộ tiêu chí: thiếu \"title\"\n" +
				"a.yaml:1: bộ tiêu chí: không có loại đơn vị \"tinh\" (các loại: dackhu, huyen, so, xa)\na.yaml:1: bộ tiêu chí: thiếu \"fields\""},
		{"one checklist problem", checklistProblems(t, "p.yaml", "id: [")[0], "p.yaml:1: lỗi cú pháp YAML ở cột 5, gần \"[\": kiểm tra thụt lề, dấu hai chấm (dấu “:” trong văn bản cần đặt trong dấu nháy), ngoặc và dấu nháy"},
		// A file the system cannot find: the catalogue's words with the path.
		{"missing file", fmt.Errorf("read: %w", &os.PathError{Op: "open", Path: "/x/kh.yaml", Err: os.ErrNotExist}), "không có tệp hoặc thư mục /x/kh.yaml."},
		// Anything else never shows its own (English, technical) text.
		{"unexpected", errors.New("sql: database is closed"), vi.Code(model.EInternal)},
	} {
		if got := Message(vi, tc.err); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := Explain(vi, model.ErrFinalized); got != vi.Code(model.EFinalized) {
		t.Errorf("Explain: %q", got)
	}
}

// checklistProblems is what the checklist validator says of a file.
func checklistProblems(t *testing.T, name, data string) checklists.Errors {
	t.Helper()
	_, err := checklists.Parse(name, []byte(data))
	var es checklists.Errors
	if !errors.As(err, &es) {
		t.Fatalf("%s: %v", name, err)
	}
	return es
}

// TestFlagMistakesInWords checks that flag mistakes are told in the
// person's language (the flag package's own messages are English) and
// that an argument after "--" is never read as a flag.
func TestFlagMistakesInWords(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"inspection", "list", "--bogus"}, "kiemtra inspection list: lệnh này không có tùy chọn --bogus\nCách dùng: kiemtra inspection list [--json]\n"},
		{[]string{"--lang", "en", "inspection", "list", "--bogus"}, "kiemtra inspection list: this command has no option --bogus\nUsage: kiemtra inspection list [--json]\n"},
		{[]string{"unit", "list", "--inspection"}, "kiemtra unit list: --inspection cần một giá trị\n"},
		{[]string{"--lang", "en", "unit", "list", "--inspection"}, "kiemtra unit list: --inspection needs a value\n"},
		{[]string{"unit", "list", "--json=maybe"}, "kiemtra unit list: --json chỉ nhận true hoặc false, không nhận \"maybe\"\n"},
		{[]string{"unit", "list", "---json"}, "kiemtra unit list: lệnh này không có tùy chọn ---json\n"},
		// Named as typed: -bogus, not --bogus.
		{[]string{"report", "unit", "-bogus"}, "kiemtra report unit: lệnh này không có tùy chọn -bogus\n"},
		{[]string{"--lang", "en", "import", "--keep", "many", "a.ktb"}, "kiemtra import: --keep takes a whole number, not \"many\"\n"},
		{[]string{"import", "-keep=1,5", "a.ktb"}, "kiemtra import: -keep cần một số nguyên, không nhận \"1,5\"\n"},
	} {
		r := runCLI(t, nil, append([]string{"--db", db}, tc.args...)...)
		if r.code != 2 || !strings.HasPrefix(r.stderr, tc.want) {
			t.Errorf("%q: exit %d, stderr %q, want %q", tc.args, r.code, r.stderr, tc.want)
		}
	}
	// An argument after "--" that starts with a dash (a file named
	// "-x.yaml") is an argument, wherever the flags stand.
	for _, args := range [][]string{{"--", "-x.yaml"}, {"--json", "--", "-x.yaml"}, {"a.yaml", "--json", "--", "-x.yaml"}} {
		fs := flag.NewFlagSet("test", flag.ContinueOnError)
		asJSON := fs.Bool("json", false, "")
		if err := parseFlags(i18n.New(i18n.VI), fs, args); err != nil {
			t.Errorf("%q: %v", args, err)
			continue
		}
		want := []string{"-x.yaml"}
		if args[0] == "a.yaml" {
			want = []string{"a.yaml", "-x.yaml"}
		}
		if !slices.Equal(fs.Args(), want) || *asJSON != (len(args) > 2) {
			t.Errorf("%q: args %q, json %v", args, fs.Args(), *asJSON)
		}
	}
}

func TestGlobalFlagMistakesInWords(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args []string
		env  map[string]string
		want string
	}{
		{[]string{"--lang", "fr"}, nil, `không có ngôn ngữ "fr" (dùng vi hoặc en)`},
		{[]string{"--db"}, nil, "--db cần một giá trị"},
		{[]string{"--db="}, map[string]string{"KIEMTRA_LANG": "en"}, "--db needs a value"},
		{[]string{"--lang", "en", "--log"}, nil, "--log needs a value"},
	} {
		_, _, err := ParseGlobal(tc.args, func(k string) string { return tc.env[k] })
		var ue *UsageError
		if !errors.As(err, &ue) || ue.Msg != tc.want {
			t.Errorf("%q: %v, want %q", tc.args, err, tc.want)
		}
	}
}

// TestCatalogueErrors checks the command line's refusals that have a model
// code: each is worded by the catalogue, with the values it names.
func TestCatalogueErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()

	// A plan naming a checklist this database does not hold: named, with
	// what to do.
	plan, err := os.ReadFile(filepath.Join("..", "checklists", "testdata", "plan-example.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "plan.yaml")
	if err := os.WriteFile(bad, []byte(strings.Replace(string(plan), "checklist: so-ban-nganh", "checklist: so-rieng", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	db := emptyCopy(t)
	r := runCLI(t, nil, "--db", db, "plan", "import", bad)
	if want := "kiemtra plan import: máy này chưa có bộ tiêu chí so-rieng: thêm bằng kiemtra checklist add.\n"; r.code != 1 || r.stderr != want {
		t.Errorf("unknown checklist: exit %d, %q, want %q", r.code, r.stderr, want)
	}
	if r := runCLI(t, nil, "--db", db, "inspection", "list"); r.stdout != "" {
		t.Errorf("a refused plan left inspections: %q", r.stdout)
	}

	// A changed checklist under the same version.
	cl, err := os.ReadFile(filepath.Join("..", "checklists", "builtin", "so-ban-nganh-2026.1.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(dir, "so.yaml")
	if err := os.WriteFile(changed, []byte(strings.Replace(string(cl), "title: \"Kiểm tra", "title: \"Kiểm tra lại", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "checklist", "add", changed)
	if r.code != 1 || !strings.Contains(r.stderr, "is already held with different content: give it a new version number.") {
		t.Errorf("changed checklist: exit %d, %q", r.code, r.stderr)
	}

	// A checklist file with mistakes: FILE:LINE for each.
	broken := filepath.Join(dir, "broken.yaml")
	if err := os.WriteFile(broken, []byte("id: x\nversion: \"1\"\ntitle: T\nkind: so\nfields: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, "--db", db, "checklist", "add", broken)
	if r.code != 1 || !strings.HasPrefix(r.stderr, "kiemtra checklist add: "+broken+":") {
		t.Errorf("broken checklist: exit %d, %q", r.code, r.stderr)
	}

	// A file that is not there.
	r = runCLI(t, nil, "--db", db, "plan", "import", filepath.Join(dir, "none.yaml"))
	if want := "kiemtra plan import: không có tệp hoặc thư mục " + filepath.Join(dir, "none.yaml") + ".\n"; r.code != 1 || r.stderr != want {
		t.Errorf("missing plan: exit %d, %q, want %q", r.code, r.stderr, want)
	}
}

// TestReportOutputRefusedFirst checks that a report whose --out would be
// refused is refused before the database is even opened, in the
// catalogue's words, and that the file in the way is left as it was.
func TestReportOutputRefusedFirst(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "never.db")
	out := filepath.Join(dir, "bien-ban.md")
	if err := os.WriteFile(out, []byte("đã gửi"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "--db", db, "report", "unit", "--unit", "STP", "--format", "md", "--out", out)
	if want := "kiemtra report unit: " + out + " đã có: không ghi đè (thêm --force để thay thế).\n"; r.code != 1 || r.stderr != want {
		t.Errorf("existing file: exit %d, %q, want %q", r.code, r.stderr, want)
	}
	// A folder is never replaced, even with --force.
	folder := filepath.Join(dir, "folder.md")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, "--db", db, "--lang", "en", "report", "summary", "--format", "md", "--out", folder, "--force")
	if want := "kiemtra report summary: " + folder + " is not a regular file (a device, link, folder or pipe): not read, not replaced.\n"; r.code != 1 || r.stderr != want {
		t.Errorf("folder: exit %d, %q, want %q", r.code, r.stderr, want)
	}
	if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused reports opened (created) the database: %v", err)
	}
	if b, _ := os.ReadFile(out); string(b) != "đã gửi" {
		t.Errorf("the file in the way changed: %q", b)
	}
}

// TestReportFileMode checks a report file is readable by its owner alone:
// records name people.
func TestReportFileMode(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	out := filepath.Join(t.TempDir(), "stp.md")
	if r := runCLI(t, nil, "--db", db, "report", "unit", "--unit", "STP", "--format", "md", "--out", out); r.code != 0 {
		t.Fatalf("report: %+v", r)
	}
	st, err := os.Stat(out)
	if err != nil {
		t.Fatal(err)
	}
	if m := st.Mode().Perm(); m != 0o600 && runtime.GOOS != "windows" {
		t.Errorf("mode %v, want 0600", m)
	}
}

func TestDemoFlags(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "demo.db")
	e, out, errb := testEnv(path, i18n.VI)
	if tui, code := Start(e, []string{"demo", "--bogus"}); tui != "" || code != 2 ||
		!strings.HasPrefix(errb.String(), "kiemtra demo: lệnh này không có tùy chọn --bogus\n") {
		t.Errorf("demo --bogus: %q %d %q", tui, code, errb.String())
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused demo made the database: %v", err)
	}
	// --seed-only creates it and says so; without it the TUI gets it.
	if tui, code := Start(e, []string{"demo", "--seed-only"}); tui != "" || code != 0 || out.String() != "Đã tạo cơ sở dữ liệu mẫu: "+path+"\n" {
		t.Errorf("demo --seed-only: %q %d %q %q", tui, code, out.String(), errb.String())
	}
	if tui, code := Start(e, []string{"demo"}); tui != path || code != 0 {
		t.Errorf("demo: %q %d", tui, code)
	}
	if tui, code := Start(e, nil); tui != path || code != 0 {
		t.Errorf("no command: %q %d, want the TUI on %s", tui, code, path)
	}
}

// testEnv is an Env on buffers for the database at db.
func testEnv(db string, lang i18n.Lang) (*Env, *bytes.Buffer, *bytes.Buffer) {
	var out, errb bytes.Buffer
	return &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		T: i18n.New(lang), Log: discardLog(), Global: Global{DB: db, Lang: lang}}, &out, &errb
}

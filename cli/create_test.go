package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"kiemtra/i18n"
)

// listTree lists every path under dir, for "nothing was left behind".
func listTree(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, _ os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, rerr := filepath.Rel(dir, p)
		out = append(out, rel)
		return rerr
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// TestReadCommandsNeverCreate runs every command that only reads (or that
// has nothing to do without a database) on a path with no database, and on
// one whose folder does not exist (the usual typo), by --db and by
// KIEMTRA_DB: each exits 1 with one line that says there is no database
// there and names the path, and leaves nothing behind. Before, each of
// them created an empty database (and its folder) at the mistyped path.
func TestReadCommandsNeverCreate(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"inspection", "list"},
		{"inspection", "list", "--json"},
		{"unit", "list"},
		{"unit", "list", "--inspection", "0193"},
		{"config", "get", "inspector"},
		{"report", "summary", "--format", "md", "--out", "-"},
		{"report", "summary", "--year", "2022", "--format", "md", "--out", "-"},
		{"report", "unit", "--unit", "STP", "--format", "md", "--out", "-"},
		{"checklist", "list"},
		{"checklist", "show", "so-ban-nganh"},
		{"conflicts"},
		{"keys", "show"},
		{"keys", "export", "--out", "k.pub"},
		{"bundle", "--out", "b.ktb"},
		{"import", "b.ktb"},
		{"receipt", "b.ktb.receipt.json"},
		{"unit", "rename", "STP", "--name", "Sở Tư pháp"},
	} {
		for _, byEnv := range []bool{false, true} {
			dir := t.TempDir()
			for _, db := range []string{filepath.Join(dir, "kiemtra.db"), filepath.Join(dir, "no-such-folder", "kiemtra.db")} {
				for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
					name := strings.Join(args, " ") + " on " + db + " (" + string(lang) + ")"
					var r result
					if byEnv {
						r = runCLI(t, map[string]string{"KIEMTRA_DB": db, "KIEMTRA_LANG": string(lang)}, args...)
					} else {
						r = runCLI(t, nil, append([]string{"--db", db, "--lang", string(lang)}, args...)...)
					}
					want := "chưa có cơ sở dữ liệu ở " + db
					if lang == i18n.EN {
						want = "there is no database at " + db
					}
					if r.code != 1 || !strings.Contains(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
						t.Errorf("%s: status %d, stderr %q, want %q", name, r.code, r.stderr, want)
					}
					if got := listTree(t, dir); len(got) != 1 {
						t.Fatalf("%s left %v behind", name, got[1:])
					}
				}
			}
		}
	}
}

// TestWriteCommandsCreate: the commands that write still make a database
// where there is none (and its folder), as the first step on a new laptop
// needs; a command that only reads then finds it.
func TestWriteCommandsCreate(t *testing.T) {
	t.Parallel()
	plan := filepath.Join("..", "checklists", "testdata", "plan-example.yaml")
	for _, args := range [][]string{
		{"plan", "import", plan},
		{"config", "set", "inspector", "Lê Thu Trang"},
		{"checklist", "add", filepath.Join("..", "checklists", "builtin", "so-ban-nganh-2026.1.yaml")},
	} {
		db := filepath.Join(t.TempDir(), "new-folder", "kiemtra.db")
		if r := runCLI(t, nil, append([]string{"--db", db}, args...)...); r.code != 0 {
			t.Errorf("%v on a new path: %+v", args, r)
			continue
		}
		if r := runCLI(t, nil, "--db", db, "checklist", "list"); r.code != 0 || !strings.Contains(r.stdout, "so-ban-nganh") {
			t.Errorf("checklist list after %v: %+v", args, r)
		}
	}
}

// runStart runs Start (the app or "kiemtra demo") as main does, with stdin
// as the keyboard, and returns the database it would open the app on.
func runStart(t *testing.T, env map[string]string, stdin string, args ...string) (string, result) {
	t.Helper()
	g, rest, err := ParseGlobal(args, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	e := &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(stdin),
		T: i18n.New(g.Lang), Log: discardLog(), Global: g}
	tui, code := Start(e, rest)
	return tui, result{code, out.String(), errb.String()}
}

// TestAppAsksBeforeCreating: the app's first start on a path without a
// database asks first, naming the path; only yes (c, có, y, yes) goes on to
// create it; no, anything else or no answer at all refuses with exit 1 and
// leaves nothing. A path that holds a database is opened without a
// question. Before, the app created the database without asking.
func TestAppAsksBeforeCreating(t *testing.T) {
	t.Parallel()
	for _, answer := range []string{"", "k\n", "n\n", "không\n", "no\n", "x\n"} {
		dir := t.TempDir()
		db := filepath.Join(dir, "sub", "kiemtra.db")
		tui, r := runStart(t, nil, answer, "--db", db)
		if tui != "" || r.code != 1 || !strings.Contains(r.stderr, "Chưa có cơ sở dữ liệu ở "+db+". Tạo mới?") ||
			!strings.Contains(r.stderr, "chưa có cơ sở dữ liệu ở "+db) {
			t.Errorf("answer %q: app on %q, %+v", answer, tui, r)
		}
		if got := listTree(t, dir); len(got) != 1 {
			t.Errorf("answer %q left %v", answer, got[1:])
		}
	}
	for _, answer := range []string{"c\n", "C\n", "có\n", "co\r\n", "y\n", "yes"} {
		db := filepath.Join(t.TempDir(), "kiemtra.db")
		tui, r := runStart(t, map[string]string{"KIEMTRA_DB": db}, answer)
		if tui != db || r.code != 0 {
			t.Errorf("answer %q: app on %q, %+v", answer, tui, r)
		}
	}
	tui, r := runStart(t, nil, "", "--lang", "en", "--db", filepath.Join(t.TempDir(), "k.db"))
	if tui != "" || !strings.Contains(r.stderr, "There is no database at ") || !strings.Contains(r.stderr, "Create it? [y/N]") {
		t.Errorf("English question: %+v", r)
	}
	db := emptyCopy(t)
	if tui, r := runStart(t, nil, "", "--db", db); tui != db || r.code != 0 || r.stderr != "" {
		t.Errorf("existing database: app on %q, %+v", tui, r)
	}
}

// TestDemoRefusesRealDatabase: kiemtra demo pointed at a real database, by
// --db or KIEMTRA_DB, refuses with a message naming the file and leaves it
// byte for byte as it was (no migration, no checklists, no seed); a demo
// database is marked inside, so it opens again, also copied under another
// name. Before, kiemtra demo opened the real database (and the app on it).
func TestDemoRefusesRealDatabase(t *testing.T) {
	t.Parallel()
	real := emptyCopy(t)
	plan := filepath.Join("..", "checklists", "testdata", "plan-example.yaml")
	if r := runCLI(t, nil, "--db", real, "plan", "import", plan); r.code != 0 {
		t.Fatal(r)
	}
	before := fileHash(t, real)
	for _, lang := range []string{"vi", "en"} {
		for _, env := range []map[string]string{{"KIEMTRA_DB": real, "KIEMTRA_LANG": lang}, {"KIEMTRA_LANG": lang}} {
			args := []string{"demo"}
			if env["KIEMTRA_DB"] == "" {
				args = []string{"--db", real, "demo"}
			}
			for _, extra := range [][]string{nil, {"--seed-only"}} {
				tui, r := runStart(t, env, "", append(args, extra...)...)
				want := real + " không phải cơ sở dữ liệu mẫu"
				if lang == "en" {
					want = real + " is not a demo database"
				}
				if tui != "" || r.code != 1 || !strings.Contains(r.stderr, want) {
					t.Errorf("demo %v on a real database (%v): app on %q, %+v", extra, env, tui, r)
				}
			}
		}
	}
	if fileHash(t, real) != before {
		t.Errorf("kiemtra demo changed the real database")
	}

	demo := filepath.Join(t.TempDir(), "renamed-demo.db")
	if err := copyDB(demoCopy(t), demo); err != nil {
		t.Fatal(err)
	}
	if tui, r := runStart(t, nil, "", "--db", demo, "demo"); tui != demo || r.code != 0 {
		t.Errorf("demo on a demo database: app on %q, %+v", tui, r)
	}
	fresh := filepath.Join(t.TempDir(), "d", "demo.db")
	if tui, r := runStart(t, nil, "", "--db", fresh, "demo", "--seed-only"); tui != "" || r.code != 0 ||
		!strings.Contains(r.stdout, "Đã tạo cơ sở dữ liệu mẫu") {
		t.Errorf("demo on a new path: %+v", r)
	}
	if tui, r := runStart(t, nil, "", "--db", fresh, "demo"); tui != fresh || r.code != 0 {
		t.Errorf("demo again on the demo it made: app on %q, %+v", tui, r)
	}
}

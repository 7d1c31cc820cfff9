package cli

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// TestGroupsListTheirCommands: a group of commands typed without one of
// its commands lists them (it is not a command that does not exist), in
// the person's language; --help lists them too.
func TestGroupsListTheirCommands(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	for _, tc := range []struct {
		args []string
		code int
		head string
	}{
		{[]string{"report"}, 2, "kiemtra report cần một trong các lệnh sau:\n"},
		{[]string{"--lang", "en", "report"}, 2, "kiemtra report needs one of these commands:\n"},
		{[]string{"report", "bogus"}, 2, "kiemtra report: không có lệnh \"bogus\"; các lệnh là:\n"},
		{[]string{"report", "--help"}, 0, "Các lệnh kiemtra report:\n"},
		{[]string{"--lang", "en", "report", "--help"}, 0, "The kiemtra report commands:\n"},
	} {
		r := runCLI(t, nil, append([]string{"--db", db}, tc.args...)...)
		out := r.stderr
		if tc.code == 0 {
			out = r.stdout
		}
		if r.code != tc.code || !strings.HasPrefix(out, tc.head) || !strings.Contains(out, "\n  kiemtra report unit ") ||
			!strings.Contains(out, "\n  kiemtra report summary ") || strings.Contains(out, "kiemtra keys") {
			t.Errorf("%q: exit %d\n%s%s", tc.args, r.code, r.stdout, r.stderr)
		}
	}
	// Every group, not only report.
	for _, g := range []string{"checklist", "inspection", "unit", "plan", "config", "keys"} {
		if r := runCLI(t, nil, "--db", db, g); r.code != 2 || !strings.Contains(r.stderr, "\n  kiemtra "+g+" ") || strings.Contains(r.stderr, "không có lệnh") {
			t.Errorf("%s: exit %d\n%s", g, r.code, r.stderr)
		}
	}
}

// TestHelpInTheCatalogueWords: a command's help lists its flags as the
// usage line names them, with defaults in the person's language, never
// the flag package's "-keep int" and "(default 10)".
func TestHelpInTheCatalogueWords(t *testing.T) {
	t.Parallel()
	r := runCLI(t, nil, "import", "--help")
	for _, want := range []string{"Cách dùng: kiemtra import TỆP…", "Tùy chọn:\n", "\n  --keep N ", "số bản sao lưu giữ lại (mặc định: 10)\n",
		"\n  --receipt TỆP ", "\n  --no-backup ", "Tùy chọn chung"} {
		if r.code != 0 || !strings.Contains(r.stdout, want) {
			t.Errorf("import --help lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, bad := range []string{"-keep int", "default", "string"} {
		if strings.Contains(r.stdout, bad) {
			t.Errorf("import --help says %q:\n%s", bad, r.stdout)
		}
	}
	r = runCLI(t, nil, "--lang", "en", "unit", "rename", "--help")
	if !strings.Contains(r.stdout, "\n  --name \"NEW NAME\"   the unit's new name\n") || !strings.Contains(r.stdout, "\n  --kind KIND ") {
		t.Errorf("unit rename --help:\n%s", r.stdout)
	}
}

// TestDemoHelpAndMistakes: kiemtra demo's help and mistakes read like
// every other command's.
func TestDemoHelpAndMistakes(t *testing.T) {
	t.Parallel()
	var out, errb strings.Builder
	env := &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		T: i18n.New(i18n.VI), Log: discardLog(), Global: Global{Help: true, DB: filepath.Join(t.TempDir(), "d.db")}}
	if _, code := Start(env, []string{"demo"}); code != 0 || !strings.Contains(out.String(), "\n  --seed-only   chỉ tạo cơ sở dữ liệu mẫu") {
		t.Errorf("demo --help: %d\n%s", code, out.String())
	}
	env.Global.Help = false
	if _, code := Start(env, []string{"demo", "-bogus"}); code != 2 ||
		errb.String() != "kiemtra demo: lệnh này không có tùy chọn -bogus\nCách dùng: kiemtra demo [--seed-only]\n" {
		t.Errorf("demo -bogus: %d %q", code, errb.String())
	}
}

// TestDeviceShownByItsTail: keys show names this device, and lists the
// trusted ones, by model.ShortID (the random tail), the same way the app
// and every message do; never the timestamp prefix every device shares.
func TestDeviceShownByItsTail(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	r := runCLI(t, nil, "--db", db, "keys", "show", "--json")
	m := regexp.MustCompile(`"device": "([0-9a-f-]{36})"`).FindStringSubmatch(r.stdout)
	if m == nil {
		t.Fatalf("keys show --json: %s", r.stdout)
	}
	device := m[1]
	r = runCLI(t, nil, "--db", db, "keys", "show")
	tail := model.ShortID(device)
	if !strings.Contains(r.stdout, "Thiết bị:        "+tail+"\n") || !regexp.MustCompile(`máy này\s+`+tail+`  `).MatchString(r.stdout) {
		t.Errorf("device %s not shown as %s:\n%s", device, tail, r.stdout)
	}
	if strings.Contains(r.stdout, device[:8]) {
		t.Errorf("keys show shows the shared prefix %s:\n%s", device[:8], r.stdout)
	}
}

// TestUnitListWords: unit list calls a draft "bản nháp", as the app does,
// and shows the percentage of the adjusted maximum it prints.
func TestUnitListWords(t *testing.T) {
	t.Parallel()
	db := demoCopy(t)
	r := runCLI(t, nil, "--db", db, "inspection", "list")
	id, _, _ := strings.Cut(r.stdout, "\t")
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		r = runCLI(t, nil, "--db", db, "--lang", string(lang), "unit", "list", "--inspection", id)
		drafts := 0
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			f := strings.Split(line, "\t")
			if len(f) != 8 {
				t.Fatalf("%s: %q", lang, line)
			}
			score, most, _ := strings.Cut(f[5], "/")
			s, err1 := model.ParsePoints(score)
			m, err2 := model.ParsePoints(most)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: score %q", lang, f[5])
			}
			want := i18n.New(lang).Percent(0) + "%"
			if m > 0 {
				want = i18n.New(lang).Percent(float64(s)*100/float64(m)) + "%"
			}
			if f[6] != want {
				t.Errorf("%s: %s: %s is %s, not %s", lang, f[0], f[5], want, f[6])
			}
			if f[7] == i18n.New(lang).T("status.draft") {
				drafts++
			}
		}
		if drafts == 0 || strings.Contains(r.stdout, "đang làm") {
			t.Errorf("%s: drafts not called %q:\n%s", lang, i18n.New(lang).T("status.draft"), r.stdout)
		}
	}
}

// TestEnglishCounts: one of a thing reads as one.
func TestEnglishCounts(t *testing.T) {
	t.Parallel()
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("id: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, nil, "--lang", "en", "checklist", "validate", bad)
	if r.code != 1 || !strings.HasSuffix(r.stderr, "kiemtra checklist validate: 1 file is invalid\n") {
		t.Errorf("%+v", r)
	}
	good := filepath.Join("..", "checklists", "builtin", "so-ban-nganh-2026.2.yaml")
	r = runCLI(t, nil, "--lang", "en", "checklist", "validate", good, bad)
	if !strings.HasSuffix(r.stderr, "kiemtra checklist validate: 1 file is invalid\n") || !strings.Contains(r.stdout, " items, maximum score 100\n") {
		t.Errorf("%+v", r)
	}
}

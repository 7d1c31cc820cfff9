package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kiemtra/checklists"
	"kiemtra/cli"
	"kiemtra/i18n"
	"kiemtra/model"
	"kiemtra/store"
)

// TestEveryWordFromTheCatalogue runs the kiemtra program as a person runs
// it, in Vietnamese and in English: every command and group of commands
// with its help, with no arguments and too many, an unknown flag, each
// flag without its value or with a wrong one, missing and malformed files,
// a missing database, refusals, and the ordinary successes (a plan loaded,
// a bundle sent, imported, receipted, conflicts listed, documents
// written). Every line it writes, on standard output and standard error,
// must be made of the catalogue's words in that language and the values
// it names (wordCheck); machine output (--json, a document on standard
// output) is not read.
func TestEveryWordFromTheCatalogue(t *testing.T) {
	t.Parallel()
	bin := buildKiemtra(t)
	for _, lang := range []i18n.Lang{i18n.VI, i18n.EN} {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			s := newSession(t, bin, lang)
			s.runAll()
			s.check()
		})
	}
}

// buildKiemtra builds the program into a folder of the test.
func buildKiemtra(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kiemtra")
	if os.PathSeparator == '\\' {
		bin += ".exe"
	}
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// session is one language's run: the program, a folder for its files, and
// what it wrote.
type session struct {
	t         *testing.T
	bin, dir  string
	lang      i18n.Lang
	runs      []invocation
	extra     []string            // values named by what the test made (a renamed unit)
	tokens    map[string][]string // the words of each file the test wrote
	demo, emp string              // a demo laptop and one that starts empty
}

// invocation is one run of the program and its output.
type invocation struct {
	args    []string
	stdin   string
	expect  outcome
	machine bool // its standard output is for programs (JSON, a document)
	silent  bool // it may write nothing
	code    int
	stdout  string
	stderr  string
}

// outcome is what a run must end with.
type outcome int

const (
	fails    outcome = iota // exit status 1 or 2
	succeeds                // exit status 0
	either                  // a mistake that may or may not stop it (a wrong value for a text flag)
)

func newSession(t *testing.T, bin string, lang i18n.Lang) *session {
	dir := t.TempDir()
	return &session{t: t, bin: bin, dir: dir, lang: lang, tokens: map[string][]string{},
		demo: filepath.Join(dir, "demo.db"), emp: filepath.Join(dir, "empty.db")}
}

func (s *session) path(name string) string { return filepath.Join(s.dir, name) }

// write makes a file for the program to read.
func (s *session) write(name, content string) string {
	s.t.Helper()
	p := s.path(name)
	if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		s.t.Fatal(err)
	}
	// A message about a file names what it holds (its keys and values),
	// on the runs that read it.
	s.tokens[p] = regexp.MustCompile(`[\pL\pM\d_-]+`).FindAllString(content, -1)
	return p
}

// exec runs the program with args (after --lang) and records it.
func (s *session) exec(r invocation) invocation {
	s.t.Helper()
	cmd := exec.Command(s.bin, append([]string{"--lang", string(s.lang)}, r.args...)...)
	home := s.path("home")
	cmd.Env = append(os.Environ(), "HOME="+home, "XDG_DATA_HOME="+home, "LOCALAPPDATA="+home, "APPDATA="+home,
		"KIEMTRA_DB=", "KIEMTRA_LANG=", "KIEMTRA_EXPORT_DIR="+home)
	cmd.Stdin = strings.NewReader(r.stdin)
	cmd.Dir = s.dir // a file named by a relative path lands here
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		r.code = ee.ExitCode()
	case err != nil:
		s.t.Fatalf("run kiemtra %q: %v", r.args, err)
	}
	r.stdout, r.stderr = out.String(), errb.String()
	if r.expect != either && (r.expect == succeeds) != (r.code == 0) {
		s.t.Errorf("kiemtra %s: exit %d\n%s%s", strings.Join(r.args, " "), r.code, r.stdout, r.stderr)
	}
	if !r.silent && strings.TrimSpace(r.stdout+r.stderr) == "" {
		s.t.Errorf("kiemtra %s wrote nothing", strings.Join(r.args, " "))
	}
	s.runs = append(s.runs, r)
	return r
}

func (s *session) ok(args ...string) invocation {
	return s.exec(invocation{args: args, expect: succeeds})
}
func (s *session) fail(args ...string) invocation {
	return s.exec(invocation{args: args, expect: fails})
}
func (s *session) either(args ...string) invocation {
	return s.exec(invocation{args: args, expect: either, silent: true})
}

// commands are the program's commands as its help lists them.
func (s *session) commands() []string {
	s.t.Helper()
	r := s.ok("--help")
	var names []string
	for _, l := range strings.Split(r.stdout, "\n") {
		if f := regexp.MustCompile(`^  kiemtra ([a-z]+(?: [a-z]+)?) {2,}`).FindStringSubmatch(l); f != nil && f[1] != "demo" {
			names = append(names, f[1])
		}
	}
	if len(names) < 15 {
		s.t.Fatalf("help lists %d commands:\n%s", len(names), r.stdout)
	}
	return names
}

// flags are a command's flags as its help lists them, with whether each
// takes a value.
func (s *session) flags(name string) map[string]bool {
	s.t.Helper()
	r := s.ok(append(strings.Fields(name), "--help")...)
	out := map[string]bool{}
	// The command's own options, up to the blank line before the global
	// ones.
	_, own, _ := strings.Cut(r.stdout, i18n.New(s.lang).T("cli.help.options")+"\n")
	own, _, _ = strings.Cut(own, "\n\n")
	for _, l := range strings.Split(own, "\n") {
		if m := regexp.MustCompile(`^  --([a-z][a-z-]*)( \S)?`).FindStringSubmatch(l); m != nil {
			out[m[1]] = m[2] != ""
		}
	}
	return out
}

// reach are, per command, arguments that pass its own checks, so that it
// goes on to its database and files.
func (s *session) reach(ins string) map[string][]string {
	good := s.path("cl/so-ban-nganh-2026.2.yaml")
	return map[string][]string{
		"bundle":                 {"--out", s.path("reach.ktb")},
		"check":                  nil,
		"checklist add":          {good},
		"checklist list":         nil,
		"checklist show":         {"so-ban-nganh@2026.1"},
		"checklist export":       {"so-ban-nganh@2026.1", "--format", "xlsx", "--out", s.path("reach-cl.xlsx")},
		"checklist validate":     {good},
		"config get":             {"inspector"},
		"evidence add":           {"--unit", "STC", "--item", "1.1.2", s.path("bang-niem-yet.png")},
		"evidence list":          nil,
		"evidence export":        {"--out", s.path("reach-evidence")},
		"evidence remove":        {"ffffffff"},
		"config set":             {"inspector", "Lê Thị Cúc"},
		"conflicts":              {"--inspection", ins},
		"import":                 {s.path("a1.ktb")},
		"inspection list":        nil,
		"keys export":            {"--out", s.path("reach.key")},
		"keys show":              nil,
		"keys trust":             {s.path("a.key"), "--name", "Máy chị Hương"},
		"plan import":            {s.path("plan-good.yaml")},
		"receipt":                {s.path("a1.ktb.receipt.json")},
		"recommendations":        nil,
		"recommendations report": {"--unit", "STP", "--number", "12/BC-STP", "--received", "20/11/2022"},
		"selfassess template":    {"--unit", "STP", "--out", s.path("reach-self.xlsx")},
		"selfassess import":      {s.path("reach-self.xlsx")},
		"report summary":         {"--format", "md", "--out", s.path("reach-summary.md")},
		"report unit":            {"--unit", "STP", "--format", "md", "--out", s.path("reach-stp.md")},
		"report conclusion":      {"--unit", "STP", "--format", "md", "--out", s.path("reach-tb-stp.md")},
		"report inspection":      {"--format", "md", "--out", s.path("reach-bao-cao.md")},
		"unit list":              {"--inspection", ins},
		"unit rename":            {"SYT", "--name", "Sở Y tế tỉnh Hải Dương"},
		"unit remove":            {"STP", "--inspection", ins},
		"inspection remove":      {ins},
	}
}

func (s *session) runAll() {
	t := s.t
	s.fixtures()
	in := s.inspectionID(s.demo)

	// Global flags, the program's own help, unknown commands.
	s.ok("--help")
	s.fail("--lang")
	s.fail("--lang", "xx", "inspection", "list")
	s.fail("--db")
	s.fail("--db=", "inspection", "list")
	s.fail("--log")
	s.fail("--log", s.path("no/such/folder/k.log"), "inspection", "list")
	s.fail("bogus")
	s.fail("bogus", "command", "--json")
	// The app itself on a path without a database: it asks, the answer
	// is no.
	s.exec(invocation{args: []string{"--db", s.path("new/kiemtra.db")}, stdin: "k\n", expect: fails})
	s.exec(invocation{args: []string{"--db", s.path("new/kiemtra.db")}, stdin: "", expect: fails})
	// The demo: its own flags, on a database that is not a demo.
	s.ok("demo", "--help")
	s.fail("demo", "x")
	s.fail("demo", "-bogus")
	s.fail("demo", "--seed-only=maybe")
	s.fail("--db", s.emp, "demo", "--seed-only")
	s.ok("--db", s.demo, "demo", "--seed-only")

	// Every group and every command: help, mistakes in how it is typed,
	// a missing database.
	names := s.commands()
	reach := s.reach(in)
	groups := map[string]bool{}
	for _, name := range names {
		args, ok := reach[name]
		if !ok {
			t.Errorf("command %q: no arguments to reach it with; add them to reach", name)
			continue
		}
		words := strings.Fields(name)
		if len(words) > 1 {
			groups[words[0]] = true
		}
		db := []string{"--db", s.emp}
		s.fail(append(append(db, words...), "-bogus")...)
		s.fail(append(append(db, words...), "--bogus=1")...)
		s.either(append(append(append(db, words...), args...), "extra-1", "extra-2", "extra-3")...)
		for f, takesValue := range s.flags(name) {
			if takesValue {
				s.fail(append(append(db, words...), "--"+f)...)
				s.either(append(append(db, words...), "--"+f, "không-hợp-lệ")...)
			} else {
				s.fail(append(append(db, words...), "--"+f+"=maybe")...)
			}
		}
		missing := []string{"--db", s.path("none/" + strings.ReplaceAll(name, " ", "-") + ".db")}
		s.either(append(append(missing, words...), args...)...)
	}
	for g := range groups {
		s.fail(g)
		s.fail(g, "bogus")
		s.ok(g, "--help")
	}

	s.files()
	// What the laptops hold before the day's changes (a unit renamed).
	s.extra = append(s.extra, s.values()...)
	s.successes(in)
	s.refusals(in)
}

// fixtures makes two laptops: the demo and one that holds the plan, each
// with an inspector, each trusting the other.
func (s *session) fixtures() {
	plan, err := os.ReadFile(filepath.Join("checklists", "testdata", "plan-example.yaml"))
	if err != nil {
		s.t.Fatal(err)
	}
	s.write("plan-good.yaml", string(plan))
	for _, name := range []string{"so-ban-nganh-2026.2.yaml", "ubnd-xa-2026.2.yaml"} {
		b, err := os.ReadFile(filepath.Join("checklists", "builtin", name))
		if err != nil {
			s.t.Fatal(err)
		}
		s.write("cl/"+name, string(b))
	}
	s.ok("--db", s.demo, "demo", "--seed-only")
	s.exec(invocation{args: []string{"--db", s.demo, "config", "set", "inspector", "Nguyễn Thị Hương"}, expect: succeeds, silent: true})
	s.exec(invocation{args: []string{"--db", s.emp, "config", "set", "inspector", "Phạm Đức Long"}, expect: succeeds, silent: true})
	s.ok("--db", s.demo, "keys", "export", "--out", s.path("a.key"))
	s.ok("--db", s.emp, "keys", "export", "--out", s.path("b.key"))
	// Not trusted yet: refused, naming the device.
	s.ok("--db", s.demo, "bundle", "--out", s.path("a0.ktb"))
	s.fail("--db", s.emp, "import", s.path("a0.ktb"))
	s.ok("--db", s.emp, "keys", "trust", s.path("a.key"), "--name", "Máy chị Hương")
	s.ok("--db", s.demo, "keys", "trust", s.path("b.key"), "--name", "Máy anh Long")
	s.ok("--db", s.demo, "bundle", "--out", s.path("a1.ktb"))
	s.ok("--db", s.emp, "import", s.path("a1.ktb"))
}

// files gives every command that reads a file ones it must refuse.
func (s *session) files() {
	bad := map[string]string{
		"tittle.yaml": "id: thu\nversion: \"1\"\ntittle: Thử\nkind: so\nfields: []\n",
		"nfd.yaml":    "id: thu\nversion: \"1\"\ntitle: " + norm.NFD.String("Kiểm tra thử") + "\nkind: so\nfields: []\n",
		"syntax.yaml": "id: [thu\n",
		"empty.yaml":  "",
		"latin1.yaml": "id: thu\ntitle: \xe9\xe8\n",
		"bad.xlsx":    "PK not a workbook",
		"year.yaml":   "inspection:\n  year: abc\n  title: Thử\nvisits: []\n",
		"plan-unknown-checklist.yaml": "inspection:\n  year: 2026\n  title: Thử\nvisits:\n" +
			"  - unit: {code: STP, name: \"Sở Tư pháp\", kind: so}\n    date: 10/03/2026\n    checklist: khong-co\n",
		"plan-wrong-kind.yaml": "inspection:\n  year: 2026\n  title: Thử\nvisits:\n" +
			"  - unit: {code: STP, name: \"Sở Tư pháp\", kind: so}\n    date: 10/03/2026\n    checklist: ubnd-xa\n",
		"garbage.ktb":  "not a bundle",
		"garbage.key":  "not a key",
		"garbage.json": "{}",
	}
	for name, content := range bad {
		s.write("bad/"+name, content)
	}
	// The same checklist id and version with other words: refused, asking
	// for a new version.
	b, err := os.ReadFile(s.path("cl/so-ban-nganh-2026.2.yaml"))
	if err != nil {
		s.t.Fatal(err)
	}
	changed := regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(string(b), `title: "Bộ tiêu chí đã sửa"`)
	if changed == string(b) {
		s.t.Fatal("no title line to change")
	}
	s.write("bad/changed.yaml", changed)
	if err := os.MkdirAll(s.path("empty-folder"), 0o700); err != nil {
		s.t.Fatal(err)
	}
	none := s.path("no-such-file.yaml")
	for _, f := range []string{"tittle.yaml", "nfd.yaml", "syntax.yaml", "empty.yaml", "latin1.yaml", "bad.xlsx"} {
		s.fail("checklist", "validate", s.path("bad/"+f))
		s.fail("--db", s.emp, "checklist", "add", s.path("bad/"+f))
	}
	s.fail("checklist", "validate", none, s.path("empty-folder"))
	s.fail("--db", s.emp, "checklist", "add", s.path("bad/changed.yaml"))
	for _, f := range []string{"year.yaml", "tittle.yaml", "syntax.yaml", "plan-unknown-checklist.yaml", "plan-wrong-kind.yaml"} {
		s.fail("--db", s.emp, "plan", "import", s.path("bad/"+f))
	}
	s.fail("--db", s.emp, "plan", "import", none)
	for _, f := range []string{s.path("bad/garbage.ktb"), none, s.path("empty-folder")} {
		s.fail("--db", s.emp, "import", f)
		s.fail("--db", s.emp, "keys", "trust", f, "--name", "X")
		s.fail("--db", s.demo, "receipt", f)
	}
	s.fail("--db", s.emp, "keys", "trust", s.path("bad/garbage.key"), "--name", "X")
	s.fail("--db", s.demo, "receipt", s.path("bad/garbage.json"))
	// A receipt for a bundle the other laptop wrote.
	s.fail("--db", s.emp, "receipt", s.path("a1.ktb.receipt.json"))
}

// successes are the ordinary day: lists, a checklist, a plan, documents,
// a conflict made on both laptops and what each says about it.
func (s *session) successes(in string) {
	d, e := []string{"--db", s.demo}, []string{"--db", s.emp}
	s.ok(append(d, "checklist", "list")...)
	s.ok(append(d, "checklist", "show", "so-ban-nganh@2026.1")...)
	s.ok(append(d, "checklist", "show", "ubnd-xa")...)
	s.ok("checklist", "validate", s.path("cl/so-ban-nganh-2026.2.yaml"), s.path("cl/ubnd-xa-2026.2.yaml"))
	s.ok(append(e, "checklist", "add", s.path("cl/ubnd-xa-2026.2.yaml"))...)
	p := []string{"--db", s.path("plan.db")}
	s.ok(append(p, "plan", "import", s.path("plan-good.yaml"))...)
	s.ok(append(p, "plan", "import", s.path("plan-good.yaml"))...)
	s.ok(append(p, "unit", "list", "--inspection", "")...)
	s.ok(append(d, "inspection", "list")...)
	s.ok(append(d, "unit", "list")...)
	s.ok(append(d, "unit", "list", "--inspection", in[:8])...)
	s.ok(append(d, "config", "get", "inspector")...)
	s.ok(append(d, "keys", "show")...)
	s.ok(append(e, "keys", "show")...)
	s.ok(append(d, "unit", "rename", "SYT", "--name", "Sở Y tế tỉnh Hải Dương")...)
	s.extra = append(s.extra, "Sở Y tế tỉnh Hải Dương")
	s.ok(append(d, "report", "unit", "--unit", "STP", "--format", "md", "--out", s.path("stp.md"))...)
	s.ok(append(d, "report", "unit", "--unit", "STP", "--format", "html", "--out", s.path("stp.md"), "--force")...)
	s.ok(append(d, "report", "summary", "--year", "2022", "--format", "xlsx", "--out", s.path("tong-hop.xlsx"))...)
	s.ok(append(d, "report", "conclusion", "--unit", "STP", "--format", "docx", "--out", s.path("tb-stp.docx"))...)
	s.ok(append(d, "report", "inspection", "--format", "html", "--out", s.path("bao-cao.html"))...)
	s.exec(invocation{args: append(d, "report", "unit", "--unit", "STP", "--format", "md", "--out", "-"), expect: succeeds, machine: true})
	s.exec(invocation{args: append(d, "unit", "list", "--json"), expect: succeeds, machine: true})

	// The same item changed on both laptops: a conflict, on import, in
	// the list and in the receipt that goes back.
	answer(s.t, s.demo, "STC", "1.1.2", model.Content{Result: model.ResultPass, Score: 100})
	s.ok(append(d, "bundle", "--out", s.path("a-sync.ktb"))...)
	s.ok(append(e, "import", s.path("a-sync.ktb"))...)
	answer(s.t, s.demo, "STC", "1.1.2", model.Content{Result: model.ResultFail, Note: "Kế hoạch ban hành chậm."})
	answer(s.t, s.emp, "STC", "1.1.2", model.Content{Result: model.ResultFail, Note: "Không có kế hoạch."})
	s.extra = append(s.extra, "Kế hoạch ban hành chậm.", "Không có kế hoạch.")
	s.ok(append(d, "bundle", "--out", s.path("a2.ktb"))...)
	s.ok(append(e, "bundle", "--out", s.path("b2.ktb"), "--unit", "STC")...)
	s.ok(append(e, "import", s.path("a2.ktb"))...)
	s.ok(append(d, "import", s.path("b2.ktb"), "--no-backup")...)
	s.ok(append(d, "receipt", s.path("a2.ktb.receipt.json"))...)
	s.ok(append(e, "import", s.path("a2.ktb"))...) // again: nothing new
	s.evidence(d, e)
	s.ok(append(d, "receipt", s.path("a1.ktb.receipt.json"))...)
	s.ok(append(e, "conflicts")...)
	s.ok(append(d, "conflicts", "--all", "--inspection", in[:8])...)
	s.exec(invocation{args: append(e, "conflicts", "--json"), expect: succeeds, machine: true})
}

// evidence attaches a photo on the demo laptop, lists and exports it,
// refuses what it must, and sends it to the other laptop.
func (s *session) evidence(d, e []string) {
	photo := s.write("bang-niem-yet.png", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"+strings.Repeat("x", 3000))
	s.extra = append(s.extra, "bang-niem-yet.png", "image/png")
	s.ok(append(d, "evidence", "add", "--unit", "STC", "--item", "1.1.2", photo)...)
	s.ok(append(d, "evidence", "add", "--unit", "STC", "--item", "1.1.2", photo)...) // again: the one file
	s.ok(append(d, "evidence", "list", "--unit", "STC")...)
	s.exec(invocation{args: append(d, "evidence", "list", "--json"), expect: succeeds, machine: true})
	s.ok(append(d, "evidence", "export", "--unit", "STC", "--out", s.path("minh-chung"))...)
	s.fail(append(d, "evidence", "export", "--unit", "STC", "--out", s.path("minh-chung"))...) // never over a file
	s.fail(append(d, "evidence", "add", "--unit", "STC", "--item", "9.9.9", photo)...)
	s.fail(append(d, "evidence", "add", "--unit", "STC", "--item", "1.1.2", s.path("khong-co.png"))...)
	s.fail(append(d, "evidence", "add", "--unit", "STC", "--item", "1.1.2", s.path("cl"))...)
	big := s.write("qua-lon.pdf", "")
	if err := os.Truncate(big, model.MaxEvidenceBytes+1); err != nil {
		s.t.Fatal(err)
	}
	s.fail(append(d, "evidence", "add", "--unit", "STC", "--item", "1.1.2", big)...)
	s.fail(append(d, "evidence", "remove", "ffffffff")...)
	s.ok(append(d, "bundle", "--out", s.path("ev-slim.ktb"), "--no-files")...)
	s.ok(append(e, "import", s.path("ev-slim.ktb"))...)
	s.ok(append(e, "evidence", "list")...) // the file not received yet
	s.fail(append(e, "evidence", "export", "--out", s.path("minh-chung-e"))...)
	s.ok(append(d, "bundle", "--out", s.path("ev.ktb"))...)
	s.ok(append(e, "import", s.path("ev.ktb"))...)
	s.ok(append(e, "evidence", "list")...)
}

// refusals are commands typed right that refuse what they are asked.
func (s *session) refusals(in string) {
	d, e := []string{"--db", s.demo}, []string{"--db", s.emp}
	s.fail(append(d, "report", "unit", "--unit", "STP", "--format", "md", "--out", s.path("stp.md"))...)
	s.fail(append(d, "report", "unit", "--unit", "STP", "--format", "xlsx", "--out", "-")...)
	s.fail(append(d, "report", "unit", "--unit", "STP", "--format", "pdf", "--out", s.path("x.pdf"))...)
	s.fail(append(d, "report", "unit", "--unit", "KHONGCO", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "unit", "--unit", "STP", "--format", "md", "--out", s.path("empty-folder"))...)
	s.fail(append(d, "report", "unit", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "unit", "--unit", "STP", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "unit", "--unit", "STP", "--format", "md")...)
	s.fail(append(d, "report", "conclusion", "--unit", "CAMGIANG", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "inspection", "--format", "xlsx", "--out", s.path("x.xlsx"))...)
	s.fail(append(d, "report", "unit", "--unit", "STP", "--inspection", "ffffffff", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "summary", "--format", "csv", "--view", "bogus", "--out", s.path("x.csv"))...)
	s.fail(append(d, "report", "summary", "--format", "md", "--view", "findings", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "summary", "--year", "abc", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "summary", "--year", "2022", "--inspection", in[:8], "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(d, "report", "summary", "--year", "1999", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(d, "unit", "rename", "STP", "--kind", "bogus")...)
	s.fail(append(d, "unit", "rename", "KHONGCO", "--name", "X")...)
	s.fail(append(d, "unit", "rename", "STP")...)
	s.fail(append(d, "unit", "remove", "STP")...)      // finalized
	s.fail(append(d, "unit", "remove", "CAMGIANG")...) // holds findings
	s.fail(append(d, "unit", "remove", "KHONGCO")...)
	s.fail(append(d, "unit", "remove")...)
	s.fail(append(d, "inspection", "remove", in[:8])...) // holds findings
	s.fail(append(d, "inspection", "remove", "ffffffff")...)
	s.fail(append(d, "unit", "list", "--inspection", "ffffffff")...)
	s.fail(append(d, "checklist", "show", "khong-co")...)
	s.fail(append(d, "checklist", "show", "so-ban-nganh@9.9")...)
	s.fail(append(d, "config", "set", "colour", "xanh")...)
	s.fail(append(d, "config", "set", "inspector", " ")...)
	s.fail(append(d, "config", "get", "colour")...)
	s.either(append(d, "bundle", "--out", s.path("a2.ktb"))...)
	s.fail(append(d, "bundle", "--out", "-", "--json")...)
	s.fail(append(d, "bundle", "--inspection", "ffffffff", "--out", s.path("x.ktb"))...)
	s.fail(append(e, "import", s.path("a2.ktb"), s.path("a1.ktb"), "--receipt", s.path("r.json"))...)
	s.fail(append(e, "import", "--keep", "nhiều", s.path("a2.ktb"))...)
	s.either(append(d, "keys", "export", "--out", s.path("a.key"))...)
	s.fail(append(d, "conflicts", "--inspection", "ffffffff")...)

	// Databases the runs above made where there was none: one with an
	// inspector and nothing else, one without an inspector.
	blank, anon := []string{"--db", s.path("none/config-set.db")}, []string{"--db", s.path("none/checklist-add.db")}
	s.fail(append(blank, "bundle", "--out", s.path("x.ktb"))...)
	s.fail(append(anon, "bundle", "--out", s.path("x.ktb"))...)
	s.fail(append(anon, "unit", "rename", "STP", "--name", "X")...)
	s.fail(append(blank, "report", "unit", "--unit", "STP", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(blank, "report", "summary", "--format", "md", "--out", s.path("x.md"))...)
	s.fail(append(blank, "unit", "list", "--inspection", "ffffffff")...)
	s.ok(append(blank, "conflicts")...)
	s.exec(invocation{args: append(blank, "inspection", "list"), expect: succeeds, silent: true})
	s.exec(invocation{args: append(blank, "unit", "list"), expect: succeeds, silent: true})
	// The demo in its own place, and a log.
	s.ok("demo", "--seed-only")
	s.ok("--log", s.path("k.log"), "--db", s.demo, "inspection", "list")
}

// check reads every line the program wrote.
func (s *session) check() {
	t := s.t
	w := newWordCheck(t, s.lang)
	for _, v := range s.values() {
		w.add(v)
	}
	// A path ends before the punctuation that follows it in a sentence.
	w.spans = append(w.spans, regexp.MustCompile(regexp.QuoteMeta(s.dir)+`[^\s"]*[^\s":;,.)]`))
	lines := 0
	for _, r := range s.runs {
		var args []string
		for _, a := range r.args {
			// As typed, its file's name, a unit code as the store writes
			// it, and each side of --flag=value.
			args = append(append(args, a, filepath.Base(a), strings.ToUpper(a)), s.tokens[a]...)
			if f, v, ok := strings.Cut(a, "="); ok {
				args = append(args, f, v)
			}
		}
		own := w.with(args)
		text := r.stderr
		if !r.machine {
			text = r.stdout + "\n" + r.stderr
		}
		for _, line := range strings.Split(text, "\n") {
			lines++
			if f := own.foreign(line); f != "" {
				t.Errorf("kiemtra %s:\n  %q\n  is not the catalogue's %s words from %q", strings.Join(r.args, " "), line, s.lang, f)
			}
			if s.lang == i18n.EN {
				if m := singularMistake(line); m != "" {
					t.Errorf("kiemtra %s:\n  %q\n  counts one with a plural: %q", strings.Join(r.args, " "), line, m)
				}
			}
		}
	}
	if lines < 1500 {
		t.Errorf("only %d lines read", lines)
	}
}

// values are what the program's lines may name: the program and its
// commands, the built-in checklists, and what the two databases hold.
func (s *session) values() []string {
	t := s.t
	vals := append([]string{"kiemtra", "md", "html", "xlsx", "csv", "json", "docx"}, s.extra...)
	for _, n := range s.commands() {
		vals = append(vals, "kiemtra "+n, "kiemtra "+strings.Fields(n)[0])
	}
	cls, err := checklists.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, cl := range cls {
		vals = append(vals, cl.ID, cl.Version, cl.Ref(), cl.Title, cl.Source, cl.Defaults, string(cl.Kind))
		for _, b := range cl.Bands {
			vals = append(vals, b.Label)
		}
		for _, f := range cl.Fields {
			vals = append(vals, f.Code, f.Title)
			for _, c := range f.Criteria {
				vals = append(vals, c.Code, c.Title)
				for _, it := range c.Items {
					vals = append(vals, it.Code, it.Text)
				}
			}
		}
	}
	kinds, err := checklists.Kinds()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range kinds {
		vals = append(vals, string(k.Code))
	}
	// The files' keys, which the validator names ("did you mean title?").
	for _, name := range []string{"cl/so-ban-nganh-2026.2.yaml", "cl/ubnd-xa-2026.2.yaml", "plan-good.yaml"} {
		b, err := os.ReadFile(s.path(name))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`(?m)^[\s-]*([a-z_]+):`).FindAllStringSubmatch(string(b), -1) {
			vals = append(vals, m[1])
		}
	}
	ctx := context.Background()
	for _, path := range []string{s.demo, s.emp} {
		db, err := cli.OpenDB(ctx, path, slog.New(slog.NewTextHandler(io.Discard, nil)), store.Existing())
		if err != nil {
			t.Fatal(err)
		}
		k, err := db.DeviceKey(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vals = append(vals, model.ShortID(k.Device), k.Fingerprint, base64.StdEncoding.EncodeToString(k.Public))
		for _, q := range []string{
			"SELECT code FROM units", "SELECT name FROM units", "SELECT unit_name FROM assessments",
			"SELECT id FROM inspections", "SELECT substr(id, 1, 8) FROM inspections", "SELECT substr(id, -8) FROM inspections",
			"SELECT title FROM inspections", "SELECT plan FROM inspections",
			"SELECT name FROM trusted_keys", "SELECT fingerprint FROM trusted_keys", "SELECT substr(device, -8) FROM trusted_keys",
			"SELECT value FROM settings", "SELECT id FROM checklists", "SELECT version FROM checklists", "SELECT title FROM checklists",
			"SELECT note FROM findings WHERE note != ''", "SELECT updated_by FROM findings",
			"SELECT substr(id, -8) FROM attachments", "SELECT json_extract(body, '$.name') FROM attachments",
		} {
			rows, err := db.SQL().QueryContext(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			for rows.Next() {
				var v string
				if err := rows.Scan(&v); err != nil {
					t.Fatal(err)
				}
				vals = append(vals, v)
			}
			if err := rows.Err(); err != nil {
				t.Fatal(err)
			}
			if err := rows.Close(); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return vals
}

// inspectionID is the newest inspection the database at path holds.
func (s *session) inspectionID(path string) string {
	s.t.Helper()
	ctx := context.Background()
	db, err := cli.OpenDB(ctx, path, slog.New(slog.NewTextHandler(io.Discard, nil)), store.Existing())
	if err != nil {
		s.t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			s.t.Error(err)
		}
	}()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		s.t.Fatal(err)
	}
	return in.ID
}

// answer records a finding on item of unit in the newest inspection of
// the database at path, as an inspector on that laptop would.
func answer(t *testing.T, path, unit, item string, c model.Content) {
	t.Helper()
	ctx := context.Background()
	db, err := cli.OpenDB(ctx, path, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := db.Close(); err != nil {
			t.Error(err)
		}
	}()
	in, err := db.FindInspection(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	a, err := db.AssessmentOf(ctx, in.ID, unit)
	if err != nil {
		t.Fatal(err)
	}
	fs, err := db.Findings(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	f := model.Finding{AssessmentID: a.ID, ItemCode: item, UpdatedBy: "Kiểm tra viên"}
	for _, old := range fs {
		if old.ItemCode == item {
			f.BaseRevision = old.Revision
		}
	}
	f.Apply(c)
	if _, err := db.SaveFinding(ctx, f); err != nil {
		t.Fatal(err)
	}
}

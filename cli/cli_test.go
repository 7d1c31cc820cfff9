package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs kiemtra with args (global flags included) on buffers.
func runCLI(t *testing.T, env map[string]string, args ...string) result {
	t.Helper()
	g, rest, err := ParseGlobal(args, func(k string) string { return env[k] })
	if err != nil {
		return result{code: 2, stderr: err.Error()}
	}
	var out, errb bytes.Buffer
	e := &Env{Ctx: context.Background(), Stdout: &out, Stderr: &errb, Stdin: strings.NewReader(""),
		T: i18n.New(g.Lang), Log: discardLog(), Global: g}
	code := Run(e, rest)
	return result{code, out.String(), errb.String()}
}

func TestParseGlobalAnywhere(t *testing.T) {
	t.Parallel()
	g, rest, err := ParseGlobal([]string{"unit", "list", "--db", "/x.db", "--lang=en", "--inspection", "abc", "--log", "l.txt"},
		func(string) string { return "" })
	if err != nil {
		t.Fatal(err)
	}
	if g.DB != "/x.db" || g.Lang != i18n.EN || g.LogFile != "l.txt" {
		t.Errorf("global %+v", g)
	}
	if strings.Join(rest, " ") != "unit list --inspection abc" {
		t.Errorf("rest %q", rest)
	}
	g, _, _ = ParseGlobal(nil, func(k string) string {
		return map[string]string{"KIEMTRA_DB": "/env.db", "KIEMTRA_LANG": "en"}[k]
	})
	if g.DB != "/env.db" || g.Lang != i18n.EN {
		t.Errorf("from env: %+v", g)
	}
	if _, _, err := ParseGlobal([]string{"--lang", "fr"}, func(string) string { return "" }); err == nil {
		t.Error("--lang fr accepted")
	}
	if _, _, err := ParseGlobal([]string{"--db"}, func(string) string { return "" }); err == nil {
		t.Error("--db without value accepted")
	}
}

func TestExitStatuses(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	if r := runCLI(t, nil, "--db", db, "no-such-command"); r.code != 2 || !strings.Contains(r.stderr, "không có lệnh") {
		t.Errorf("unknown command: %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "inspection", "list", "--bogus"); r.code != 2 || !strings.Contains(r.stderr, "Cách dùng") {
		t.Errorf("bad flag: %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "checklist", "show", "khong-co"); r.code != 1 || !strings.Contains(r.stderr, `không có bộ tiêu chí "khong-co"`) {
		t.Errorf("missing checklist: %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "--lang", "en", "checklist", "show", "nope"); r.code != 1 || !strings.Contains(r.stderr, `no checklist "nope"`) {
		t.Errorf("missing checklist (en): %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "--help"); r.code != 0 || !strings.Contains(r.stdout, "kiemtra plan import") {
		t.Errorf("help: %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "plan", "import", "--help"); r.code != 0 || !strings.Contains(r.stdout, "kiemtra plan import") {
		t.Errorf("command help: %+v", r)
	}
}

func TestChecklistCommands(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	r := runCLI(t, nil, "--db", db, "checklist", "list")
	if r.code != 0 {
		t.Fatalf("list: %+v", r)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	refs := []string{"kiem-soat-tthc\t2026.1", "so-ban-nganh\t2026.1", "so-ban-nganh\t2026.2",
		"ubnd-huyen\t2026.1", "ubnd-huyen\t2026.2", "ubnd-xa\t2026.1", "ubnd-xa\t2026.2"}
	if len(lines) != len(refs) {
		t.Fatalf("want %d built-in checklists, got:\n%s", len(refs), r.stdout)
	}
	for i, ref := range refs {
		if !strings.HasPrefix(lines[i], ref+"\t") {
			t.Errorf("line %d = %q, want %s first", i, lines[i], ref)
		}
	}
	r = runCLI(t, nil, "--db", db, "checklist", "show", "so-ban-nganh", "--json")
	var cl model.Checklist
	if err := json.Unmarshal([]byte(r.stdout), &cl); err != nil || cl.ID != "so-ban-nganh" || cl.Max() != 10000 {
		t.Errorf("show --json: %v id=%s max=%v", err, cl.ID, cl.Max())
	}
	r = runCLI(t, nil, "--db", db, "checklist", "show", "ubnd-huyen")
	if r.code != 0 || !strings.Contains(r.stdout, "Cải cách hành chính") && !strings.Contains(r.stdout, "cải cách hành chính") {
		t.Errorf("show text: %+v", r.stderr)
	}

	bad := filepath.Join(t.TempDir(), "bad.yaml")
	if err := os.WriteFile(bad, []byte("id: x\nversion: \"1\"\ntitle: T\nkind: so\nfields: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, nil, "--db", db, "checklist", "validate", bad)
	if r.code != 1 || !strings.Contains(r.stderr, bad+":") {
		t.Errorf("validate bad: %+v", r)
	}
}

func TestPlanImportAndLists(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	plan := filepath.Join("..", "checklists", "testdata", "plan-example.yaml")
	r := runCLI(t, nil, "--db", db, "plan", "import", plan)
	if r.code != 0 {
		t.Fatalf("plan import: %+v", r)
	}
	first := r.stdout
	r = runCLI(t, nil, "--db", db, "plan", "import", plan)
	if r.code != 0 || !strings.Contains(r.stdout, " 0 phiếu mới") {
		t.Errorf("second import should create nothing: %q (first: %q)", r.stdout, first)
	}
	r = runCLI(t, nil, "--db", db, "inspection", "list")
	fields := strings.Split(strings.TrimSpace(r.stdout), "\t")
	if r.code != 0 || !model.ValidID(fields[0]) || fields[1] != "2022" {
		t.Fatalf("inspection list: %+v", r)
	}
	id := fields[0]
	r = runCLI(t, nil, "--db", db, "unit", "list", "--inspection", id[:8], "--json")
	var rows []UnitRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil || len(rows) < 3 {
		t.Fatalf("unit list --json: %v %s", err, r.stdout)
	}
	codes := map[string]bool{}
	for _, u := range rows {
		codes[u.Code] = true
		if u.Status != model.StatusDraft || u.Score == nil || u.Score.Overall.Answered != 0 {
			t.Errorf("unit %s: %+v", u.Code, u)
		}
	}
	for _, c := range []string{"STP", "STC", "BINHGIANG"} {
		if !codes[c] {
			t.Errorf("unit %s missing from %v", c, codes)
		}
	}
	r = runCLI(t, nil, "--db", db, "unit", "list")
	if !strings.HasPrefix(r.stdout, "BINHGIANG\thuyen\t") {
		t.Errorf("unit list should start with code: %q", r.stdout)
	}
	if r := runCLI(t, nil, "--db", db, "unit", "list", "--inspection", "ffffffff"); r.code != 1 || !strings.Contains(r.stderr, "không có đợt kiểm tra") {
		t.Errorf("unknown inspection: %+v", r)
	}
}

func TestConfig(t *testing.T) {
	t.Parallel()
	db := emptyCopy(t)
	if r := runCLI(t, nil, "--db", db, "config", "set", "inspector", "Nguyễn Văn A"); r.code != 0 {
		t.Fatalf("set: %+v", r)
	}
	if r := runCLI(t, nil, "config", "get", "inspector", "--db", db); r.code != 0 || r.stdout != "Nguyễn Văn A\n" {
		t.Errorf("get: %+v", r)
	}
	if r := runCLI(t, nil, "--db", db, "config", "set", "colour", "x"); r.code != 2 {
		t.Errorf("unknown key: %+v", r)
	}
}

func TestDemoDB(t *testing.T) {
	t.Parallel()
	// The template was made by DemoDB on a fresh path (demoCopy checks it
	// said it created the database).
	path := demoCopy(t)
	r := runCLI(t, nil, "--db", path, "inspection", "list", "--json")
	var ins []model.Inspection
	if err := json.Unmarshal([]byte(r.stdout), &ins); err != nil || len(ins) != 1 || ins[0].Year != 2022 ||
		!strings.Contains(ins[0].Plan, "giả định") {
		t.Fatalf("demo inspections: %v %+v", err, ins)
	}
	r = runCLI(t, nil, "--db", path, "unit", "list", "--inspection", ins[0].ID, "--json")
	var rows []UnitRow
	if err := json.Unmarshal([]byte(r.stdout), &rows); err != nil {
		t.Fatalf("unit list --json: %v", err)
	}
	names := map[string]UnitRow{}
	for _, u := range rows {
		names[u.Name] = u
	}
	for _, n := range []string{"Sở Tư pháp", "Sở Tài chính", "Sở Thông tin và Truyền thông", "UBND huyện Bình Giang",
		"UBND huyện Cẩm Giàng", "UBND huyện Nam Sách", "UBND huyện Thanh Hà", "UBND huyện Ninh Giang",
		"UBND thị xã Kinh Môn", "UBND thành phố Chí Linh"} {
		if _, ok := names[n]; !ok {
			t.Errorf("demo lacks %s", n)
		}
	}
	stp := names["Sở Tư pháp"]
	if stp.Status != model.StatusFinalized || !stp.Score.Overall.Complete() {
		t.Errorf("Sở Tư pháp should be finalized and complete: %+v", stp.Score.Overall)
	}
	cg := names["UBND huyện Cẩm Giàng"].Score.Overall
	if cg.Answered == 0 || cg.Complete() {
		t.Errorf("Cẩm Giàng should be partly filled: %+v", cg)
	}
	if names["UBND huyện Chí Linh"].Score != nil {
		t.Error("unexpected unit")
	}
	// A second call keeps the existing database as it is.
	created, err := DemoDB(context.Background(), path, discardLog())
	if err != nil || created {
		t.Errorf("second demo: %v %v", created, err)
	}
}

package checklists

import (
	"errors"
	"os"
	"strings"
	"testing"

	"kiemtra/model"
)

func TestPlanExample(t *testing.T) {
	p, err := LoadPlan("testdata/plan-example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	in := p.Inspection
	title := "Kiểm tra công tác cải cách hành chính năm 2022"
	if in.Year != 2022 || in.Title != title || in.ID != model.DerivedID("inspection", "2022", title) || !model.ValidID(in.ID) {
		t.Errorf("inspection = %+v", in)
	}
	if !strings.HasPrefix(in.Plan, "Kế hoạch số 12/KH-UBND ngày 20/01/2022") || in.Issuer != "Sở Nội vụ tỉnh Hải Dương" ||
		!strings.HasPrefix(in.Decision, "Quyết định số ") {
		t.Errorf("inspection documents = %q %q %q", in.Plan, in.Decision, in.Issuer)
	}
	if in.Start != model.NewDate(2022, 10, 17) || in.End != model.NewDate(2022, 11, 30) || in.ReportDays != 15 {
		t.Errorf("dates = %s %s %d", in.Start, in.End, in.ReportDays)
	}
	var roles []string
	for _, m := range in.Team {
		if m.Name == "" || m.Organisation == "" || m.Position == "" {
			t.Errorf("member %+v", m)
		}
		roles = append(roles, m.Role)
	}
	if strings.Join(roles, ",") != "Trưởng đoàn,Phó Trưởng đoàn,Thành viên,Thành viên,Thư ký" {
		t.Errorf("roles = %v", roles)
	}
	if in.Team[0].Name != "Nguyễn Văn An" || in.Team[0].Position != "Phó Giám đốc Sở Nội vụ" {
		t.Errorf("trưởng đoàn = %+v", in.Team[0])
	}

	want := []struct {
		code, name string
		kind       model.UnitKind
		date       model.Date
		cl, ver    string
	}{
		{"STP", "Sở Tư pháp", "so", model.NewDate(2022, 10, 18), "so-ban-nganh", ""},
		{"STC", "Sở Tài chính", "so", model.NewDate(2022, 10, 25), "so-ban-nganh", ""},
		{"BINHGIANG", "UBND huyện Bình Giang", "huyen", model.NewDate(2022, 11, 8), "ubnd-huyen", "2026.1"},
	}
	if len(p.Visits) != len(want) {
		t.Fatalf("%d visits", len(p.Visits))
	}
	for i, w := range want {
		v := p.Visits[i]
		if v.Unit.Code != w.code || v.Unit.Name != w.name || v.Unit.Kind != w.kind || v.Date != w.date ||
			v.ChecklistID != w.cl || v.ChecklistVersion != w.ver || v.Unit.ID != model.DerivedID("unit", w.code) {
			t.Errorf("visit %d = %+v", i, v)
		}
	}
	if p.Visits[0].Place != "Trụ sở Sở Tư pháp" || p.Visits[0].Unit.Address == "" {
		t.Errorf("visit 0 place/address = %q %q", p.Visits[0].Place, p.Visits[0].Unit.Address)
	}
	if in.GoverningBody != "UBND tỉnh Hải Dương" || in.TeamName != "Đoàn kiểm tra công tác cải cách hành chính" ||
		in.Locality != "Hải Dương" || in.TeamCode != "ĐKT" || in.IssuerCode != "SNV" || in.ConclusionBy != model.ConclusionByIssuer {
		t.Errorf("letterhead = %+v", in)
	}
	v := p.Visits[0]
	if v.StartTime != "08:00" || v.EndTime != "11:30" || v.RecordNo != "05" || v.Copies != 2 || len(v.Participants) != 2 ||
		v.Participants[1] != (model.Participant{Honorific: "Bà", Name: "Đinh Thị Giang", Position: "Chánh Văn phòng", Unit: "Sở Tư pháp"}) {
		t.Errorf("visit 0 details = %+v", v)
	}
	if c := v.Conclusion; c.Number != "20" || c.Date != model.NewDate(2022, 12, 2) || c.Signer != "Nguyễn Văn An" || c.Authority != "KT. GIÁM ĐỐC" {
		t.Errorf("visit 0 conclusion = %+v", c)
	}
	// The plan's checklists are built in.
	b := mustBuiltin(t)
	for _, v := range p.Visits {
		if c := b[v.ChecklistID]; c == nil || c.Kind != v.Unit.Kind {
			t.Errorf("visit %s: checklist %s missing or for another kind", v.Unit.Code, v.ChecklistID)
		}
	}
}

// FORMAT.md shows the example plan verbatim, so the documentation cannot
// drift from the file the tests load.
func TestFormatDocShowsExamplePlan(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	plan, err := os.ReadFile("testdata/plan-example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "```yaml\n"+string(plan)+"```\n") {
		t.Error("FORMAT.md does not show testdata/plan-example.yaml verbatim")
	}
}

func TestPlanWithID(t *testing.T) {
	id := "0192f3a4-5b6c-7d8e-9f01-23456789abcd"
	p, err := ParsePlan("p.yaml", []byte("inspection:\n  id: "+id+"\n  year: 2025\n  title: \"Đợt 1\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Inspection.ID != id || len(p.Visits) != 0 {
		t.Errorf("plan = %+v", p)
	}
}

var planBase = []string{
	1:  `inspection:`,
	2:  `  year: 2022`,
	3:  `  title: "Kiểm tra CCHC năm 2022"`,
	4:  `  start: 17/10/2022`,
	5:  `  end: 30/11/2022`,
	6:  `  team:`,
	7:  `    - {name: "Nguyễn Văn An", role: "Trưởng đoàn"}`,
	8:  `visits:`,
	9:  `  - unit: {code: STP, name: "Sở Tư pháp", kind: so}`,
	10: `    date: 18/10/2022`,
	11: `    checklist: so-ban-nganh`,
	12: `  - unit: {code: BINHGIANG, name: "UBND huyện Bình Giang", kind: huyen}`,
	13: `    date: 08/11/2022`,
	14: `    checklist: ubnd-huyen`,
}

func planEdit(repl map[int]string) []byte {
	lines := append([]string(nil), planBase[1:]...)
	for n, s := range repl {
		lines[n-1] = s
	}
	return []byte(strings.Join(lines, "\n") + "\n")
}

func TestPlanErrors(t *testing.T) {
	if _, err := ParsePlan("p.yaml", append([]byte("%YAML 1.2\n---\n"), planEdit(nil)...)); err != nil {
		t.Errorf("a plan after a %%YAML directive: %v", err)
	}
	if _, err := ParsePlan("p.yaml", planEdit(nil)); err != nil {
		t.Fatalf("base plan: %v", err)
	}
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"unknown kind", planEdit(map[int]string{9: `  - unit: {code: STP, name: "Sở Tư pháp", kind: tinh}`}), []string{
			`p.yaml:9: unit STP: unknown kind "tinh" (known kinds: dackhu, huyen, so, xa)`,
		}},
		{"duplicate unit code", planEdit(map[int]string{12: `  - unit: {code: STP, name: "Sở Tư pháp", kind: so}`}), []string{
			`p.yaml:12: visit STP: unit code "STP" is already used on line 9`,
		}},
		{"no such day", planEdit(map[int]string{10: `    date: 31/02/2022`}), []string{
			`p.yaml:10: visit STP: date "31/02/2022" is not a date: write dd/mm/yyyy, e.g. 18/10/2022`,
		}},
		{"visit after the end", planEdit(map[int]string{13: `    date: 05/12/2022`}), []string{
			`p.yaml:13: visit BINHGIANG: date 05/12/2022 is after the inspection end 30/11/2022`,
		}},
		{"visit before the start", planEdit(map[int]string{10: `    date: 2022-10-01`}), []string{
			`p.yaml:10: visit STP: date 01/10/2022 is before the inspection start 17/10/2022`,
		}},
		{"end before start", planEdit(map[int]string{5: `  end: 01/10/2022`}), []string{
			`p.yaml:5: inspection: end 01/10/2022 is before start 17/10/2022`,
			`p.yaml:10: visit STP: date 18/10/2022 is after the inspection end 01/10/2022`,
			`p.yaml:13: visit BINHGIANG: date 08/11/2022 is after the inspection end 01/10/2022`,
		}},
		{"missing checklist", planEdit(map[int]string{14: `    place: "Hội trường"`}), []string{
			`p.yaml:12: visit BINHGIANG: missing "checklist"`,
		}},
		{"empty checklist", planEdit(map[int]string{14: `    checklist: ""`}), []string{
			`p.yaml:14: visit BINHGIANG: checklist is empty`,
		}},
		{"missing title and year", planEdit(map[int]string{2: `#`, 3: `#`}), []string{
			`p.yaml:4: inspection: missing "year"`,
			`p.yaml:4: inspection: missing "title"`,
		}},
		{"year not a number", planEdit(map[int]string{2: `  year: hai nghìn`}), []string{
			`p.yaml:2: inspection: year must be a whole number, not "hai nghìn"`,
		}},
		{"bad id", planEdit(map[int]string{2: `  year: 2022`, 3: `  title: "T"`, 6: `  id: 149/KH-UBND`, 7: `#`}), []string{
			`p.yaml:6: inspection: id "149/KH-UBND" is not a UUID (like 0192f3a4-5b6c-7d8e-9f01-23456789abcd, lower case); remove the line to derive one from the year and title`,
		}},
		{"member without a name", planEdit(map[int]string{7: `    - {name: "", role: "Thư ký"}`}), []string{
			`p.yaml:7: team member #1: name is empty`,
		}},
		{"unit without code and name", planEdit(map[int]string{9: `  - unit: {kind: so}`}), []string{
			`p.yaml:9: unit of visit #1: missing "code"`,
			`p.yaml:9: unit of visit #1: missing "name"`,
		}},
		{"unit code with a space", planEdit(map[int]string{9: `  - unit: {code: "S TP", name: "Sở Tư pháp", kind: so}`}), []string{
			`p.yaml:9: unit S TP: code "S TP" must not contain spaces`,
		}},
		{"bad start time", planEdit(map[int]string{10: `    start_time: "25:00"`, 11: `    checklist: so-ban-nganh`}), []string{
			`p.yaml:10: visit STP: start_time "25:00" is not a time of day (like 08:30)`,
		}},
		{"ends before it starts", planEdit(map[int]string{10: `    start_time: "14:00"`, 11: "    end_time: 8h\n    checklist: so-ban-nganh"}), []string{
			`p.yaml:11: visit STP: end time 08:00 is not after the start time 14:00`,
		}},
		{"copies and participants", planEdit(map[int]string{10: `    copies: 0`, 11: `    participants: [{honorific: Ông}]`}), []string{
			`p.yaml:9: visit STP: missing "checklist"`,
			`p.yaml:10: visit STP: copies must be from 1 to 99`,
			`p.yaml:11: participant #1 of visit STP: missing "name"`,
		}},
		{"who signs the conclusion", planEdit(map[int]string{6: `  conclusion_by: lead`, 7: `  report: {number: 3, dated: 01/12/2022}`}), []string{
			`p.yaml:6: inspection: conclusion_by must be issuer (the issuer signs the conclusion) or team (the head of the team), not "lead"`,
			`p.yaml:7: inspection report of inspection: unknown key "dated" (did you mean "date"?)`,
		}},
		{"typo in a key", planEdit(map[int]string{11: `    checklst: so-ban-nganh`}), []string{
			`p.yaml:9: visit STP: missing "checklist"`,
			`p.yaml:11: visit STP: unknown key "checklst" (did you mean "checklist"?)`,
		}},
		{"NFD unit name", planEdit(map[int]string{9: "  - unit: {code: STP, name: \"So\u031b\u0309 Tư pháp\", kind: so}"}), []string{
			`p.yaml:9: unit STP: name must be in Unicode NFC (composed) form; this text has separate combining accents (NFD)`,
		}},
		{"missing inspection", []byte("visits: []\n"), []string{
			`p.yaml:1: plan: missing "inspection"`,
		}},
		// A directive and an empty document (found by FuzzParsePlan: it
		// gave no plan and no error).
		{"a directive and nothing", []byte("%00\n---"), []string{
			`p.yaml:1: the file is empty; it must hold one inspection plan`,
		}},
		{"syntax error", planEdit(map[int]string{3: `  title: 'Kiểm tra`}), []string{
			`p.yaml:3: YAML syntax error at column 10, near "'Kiểm tra": check the indentation, the colons (a “:” in text needs quotes), brackets and quotes`,
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := ParsePlan("p.yaml", tc.data)
			if err == nil {
				t.Fatalf("accepted: %+v", p)
			}
			var es Errors
			if !errors.As(err, &es) {
				t.Fatalf("error is %T: %v", err, err)
			}
			if got, want := en(err), strings.Join(tc.want, "\n"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

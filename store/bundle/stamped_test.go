package bundle_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
	"kiemtra/store/bundle/bundletest"
)

// stampedLines is a payload (inspection, unit, assessment) followed by
// one signed audit entry per record given, each the revision of a
// follow-up, fix report or self-score of the payload's visit, as a
// laptop writes them; edit changes an entry after it is made and before
// it is hashed and signed, as a forger with the laptop's key would.
func stampedLines(edit func(*bundle.AuditEntry), recs ...model.Revisioned) []byte {
	k := bundletest.NewKey("fuzz records")
	_, p := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.BigChecklist(2), 1, "R")
	line := func(kind string, v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			panic(err)
		}
		return `{"t":"` + kind + `","v":` + string(b) + "}\n"
	}
	out := line("inspection", p.Inspections[0]) + line("unit", p.Units[0]) + line("assessment", p.Assessments[0])
	prev := ""
	for i, r := range recs {
		st := r.RecordStamp()
		b, err := json.Marshal(r)
		if err != nil {
			panic(err)
		}
		e := bundle.AuditEntry{ID: model.DerivedID("audit", k.Device, string(rune('a'+i))), Device: k.Device, DevSeq: int64(i + 1),
			At: st.UpdatedAt, Actor: st.UpdatedBy, Entity: r.RecordKind(), EntityID: r.RecordID(), Action: "save", New: string(b),
			Revision: st.Revision, BaseRevision: st.BaseRevision, PrevHash: prev}
		if edit != nil {
			edit(&e)
		}
		e.Hash = bundle.ChainHash(e)
		bundle.SignEntry(k, &e)
		prev = e.Hash
		out += line("audit", e)
	}
	return []byte(out)
}

// stampedRecords are a follow-up, a fix report and a self-score of the
// payload's visit and unit, made on the payload's device.
func stampedRecords() (model.FollowUp, model.FixReport, model.SelfScore) {
	k := bundletest.NewKey("fuzz records")
	_, p := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.BigChecklist(2), 1, "R")
	a, u := p.Assessments[0], p.Units[0]
	stamp := func(n string) model.Stamp {
		return model.Stamp{UpdatedBy: "Cán bộ R", UpdatedAt: bundletest.T0.Add(time.Hour), Device: k.Device, Revision: model.DerivedID("rev", n)}
	}
	rec := model.DerivedID("finding", "2022", "1.1.1")
	fu := model.FollowUp{ID: model.FollowUpID(a.ID, rec), AssessmentID: a.ID, RecommendationID: rec, Status: model.FixDone,
		Checked: model.NewDate(2023, 10, 10), Note: "Đã khắc phục", Stamp: stamp("f")}
	fr := model.FixReport{ID: model.FixReportID(u.Code, "45/BC"), UnitCode: u.Code, Number: "45/BC", Received: model.NewDate(2023, 3, 1),
		Covers: []string{rec}, Stamp: stamp("r")}
	it := bundletest.BigChecklist(2).Items()[0]
	ss := model.SelfScore{ID: model.SelfScoreID(a.ID, it.Code), AssessmentID: a.ID, ItemCode: it.Code, Scored: true, Score: it.Max,
		Stamp: stamp("s")}
	return fu, fr, ss
}

func decodeStamped(data []byte) error {
	k := bundletest.NewKey("fuzz records")
	m, _ := bundletest.Payload(k, 1, bundletest.Inspection(), bundletest.BigChecklist(2), 1, "R")
	m.Format = bundle.Format
	_, err := bundle.DecodePlain(m, data, bundle.DecodeOptions{Trust: trust{k.Device: {k.Public}}, Rules: rules{bundletest.BigChecklist(2)}})
	return err
}

// Follow-ups, fix reports and self-scores decode as their save paths
// would have made them, and anything else is refused with a reason.
func TestStampedRevisionsChecked(t *testing.T) {
	t.Parallel()
	fu, fr, ss := stampedRecords()
	if err := decodeStamped(stampedLines(nil, fu, fr, ss)); err != nil {
		t.Fatalf("genuine revisions refused: %v", err)
	}
	other := ss
	other.AssessmentID = model.DerivedID("assessment", "elsewhere")
	other.ID = model.SelfScoreID(other.AssessmentID, other.ItemCode)
	strange := fr
	strange.UnitCode, strange.ID = "KHAC", model.FixReportID("KHAC", fr.Number)
	for _, tc := range []struct {
		name string
		rec  model.Revisioned
		edit func(*bundle.AuditEntry)
		code model.Code
		why  string
	}{
		{"unknown status", fu, func(e *bundle.AuditEntry) { e.New = strings.Replace(e.New, `"done"`, `"burnt"`, 1) }, model.EBundleContent, "unknown status"},
		{"score above the maximum", ss, func(e *bundle.AuditEntry) { e.New = strings.Replace(e.New, `"score":`, `"score":9`, 1) }, model.EBundleContent, "does not allow"},
		{"score not given", ss, func(e *bundle.AuditEntry) { e.New = strings.Replace(e.New, `"scored":true`, `"scored":false`, 1) }, model.EBundleContent, "not given"},
		{"another person", fu, func(e *bundle.AuditEntry) { e.Actor = "Giám đốc" }, model.EAuthorship, ""},
		{"another record's ID", fu, func(e *bundle.AuditEntry) { e.EntityID = model.DerivedID("x") }, model.EBundleContent, "does not describe"},
		{"another visit", other, nil, model.EBundleContent, "not in the bundle"},
		{"another unit", strange, nil, model.EBundleContent, "not in the bundle"},
		{"a NUL", fu, func(e *bundle.AuditEntry) { e.New = strings.Replace(e.New, "Đã khắc phục", `Đã\u0000`, 1) }, model.EBundleContent, "NUL"},
	} {
		err := decodeStamped(stampedLines(tc.edit, tc.rec))
		if model.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
			continue
		}
		if tc.why != "" && !strings.Contains(strings.Join(model.ErrorParams(err), " "), tc.why) {
			t.Errorf("%s: refused for %v, want %q", tc.name, model.ErrorParams(err), tc.why)
		}
	}
}

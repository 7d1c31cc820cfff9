package store

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"time"

	"kiemtra/model"
)

// Synthetic bundles, made without a database (fuzz seeds, benchmarks):
// valid in every respect ReadBundle checks.

// genKey is a deterministic device key.
func genKey(name string) *DeviceKey {
	seed := sha256.Sum256([]byte("kiemtra test key " + name))
	priv := ed25519.NewKeyFromSeed(seed[:])
	pub := priv.Public().(ed25519.PublicKey)
	return &DeviceKey{Device: model.DerivedID("device", name), Public: pub, Fingerprint: Fingerprint(pub), private: priv}
}

// benchChecklist has n binary items of one point each.
func benchChecklist(n int) *model.Checklist {
	c := &model.Checklist{ID: "bench", Version: "1", Title: "Bộ tiêu chí đo", Kind: "so", Hash: fmt.Sprintf("bench-%d", n),
		Bands: []model.Band{{Label: "Tốt", MinPercent: 0}}}
	f := model.Field{Code: "1", Title: "Lĩnh vực", Max: model.Points(100 * n)}
	cr := model.Criterion{Code: "1.1", Title: "Tiêu chí"}
	for i := 0; i < n; i++ {
		cr.Items = append(cr.Items, model.Item{Code: fmt.Sprintf("1.1.%d", i+1), Text: "Câu hỏi?", Max: 100, Scoring: model.ScoringBinary})
	}
	f.Criteria = []model.Criterion{cr}
	c.Fields = []model.Field{f}
	c.Index()
	return c
}

var genT0 = time.Date(2022, 10, 18, 8, 0, 0, 0, time.UTC)

// genBundle makes a device's bundle: units assessments of inspection,
// each with every item of cl answered once, with a valid audit chain.
func genBundle(key *DeviceKey, seq int64, in InspectionRecord, cl *model.Checklist, units int, unitPrefix string) []byte {
	p := &Payload{Inspections: []InspectionRecord{in}}
	var devSeq int64
	prev := ""
	at := genT0
	for u := 0; u < units; u++ {
		code := fmt.Sprintf("%s%04d", unitPrefix, u)
		unit := model.Unit{ID: model.DerivedID("unit", code), Code: code, Name: "Đơn vị " + code, Kind: "so"}
		a := model.Assessment{ID: model.DerivedID("assessment", in.ID, unit.ID), InspectionID: in.ID, UnitID: unit.ID,
			ChecklistID: cl.ID, ChecklistVersion: cl.Version, Status: model.StatusDraft, UpdatedAt: at}
		p.Units = append(p.Units, unit)
		p.Assessments = append(p.Assessments, a)
		for i, it := range cl.Items() {
			at = at.Add(time.Millisecond)
			f := model.Finding{ID: model.DerivedID("finding", a.ID, it.Code), AssessmentID: a.ID, ItemCode: it.Code,
				Result: model.ResultPass, Score: it.Max, Note: fmt.Sprintf("Ghi chú %d — đạt.", i), UpdatedBy: "Cán bộ " + unitPrefix,
				UpdatedAt: at, Device: key.Device, Revision: model.DerivedID("revision", key.Device, a.ID, it.Code)}
			devSeq++
			e := AuditEntry{ID: model.DerivedID("audit", key.Device, fmt.Sprint(devSeq)), Device: key.Device, DevSeq: devSeq, At: at,
				Actor: f.UpdatedBy, Entity: "finding", EntityID: f.ID, Action: "save", New: jsonOf(f), Revision: f.Revision, PrevHash: prev}
			e.Hash = ChainHash(e)
			prev = e.Hash
			p.Findings = append(p.Findings, f)
			p.Audit = append(p.Audit, e)
		}
	}
	m := Manifest{Format: BundleFormat, App: "test", Device: key.Device, PublicKey: base64.StdEncoding.EncodeToString(key.Public),
		Inspector: "Cán bộ " + unitPrefix, Created: at, Seq: seq, Inspection: in.ID, Title: in.Title,
		Checklists: []ChecklistRef{{cl.ID, cl.Version, cl.Hash}}}
	for _, u := range p.Units {
		m.Units = append(m.Units, u.Code)
	}
	data, _, err := encodeBundle(key, m, p)
	if err != nil {
		panic(err)
	}
	return data
}

func genInspection() InspectionRecord {
	return InspectionRecord{Inspection: model.Inspection{ID: model.DerivedID("inspection", "2022"), Year: 2022,
		Title: "Kiểm tra CCHC năm 2022", ReportDays: 15}, UpdatedAt: genT0}
}

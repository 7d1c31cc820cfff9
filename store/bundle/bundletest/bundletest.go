// Package bundletest makes synthetic bundles without a database, valid in
// every respect bundle.Read checks, for fuzz seeds, tests and benchmarks.
// Everything is deterministic: the same arguments make the same bytes.
package bundletest

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"time"

	"kiemtra/model"
	"kiemtra/store/bundle"
)

// Key is a deterministic device key.
type Key struct {
	Device      string
	Public      ed25519.PublicKey
	Private     ed25519.PrivateKey
	Fingerprint string
}

// Sign signs msg with the key (bundle.Signer).
func (k *Key) Sign(msg []byte) []byte { return ed25519.Sign(k.Private, msg) }

// NewKey derives a key and a device ID from name.
func NewKey(name string) *Key {
	seed := sha256.Sum256([]byte("kiemtra test key " + name))
	priv := ed25519.NewKeyFromSeed(seed[:])
	pub := priv.Public().(ed25519.PublicKey)
	return &Key{Device: model.DerivedID("device", name), Public: pub, Private: priv, Fingerprint: bundle.Fingerprint(pub)}
}

// T0 is when the synthetic work starts.
var T0 = time.Date(2022, 10, 18, 8, 0, 0, 0, time.UTC)

// Inspection is the synthetic bundles' inspection.
func Inspection() bundle.InspectionRecord {
	return bundle.InspectionRecord{Inspection: model.Inspection{ID: model.DerivedID("inspection", "2022"), Year: 2022,
		Title: "Kiểm tra CCHC năm 2022", ReportDays: 15}, UpdatedAt: T0}
}

// SmallChecklist is a small hand-made checklist: field 1 (max 3) with
// items 1.1.1 (binary, 1) and 1.1.2 (partial, 2); field 2 (max 1) with
// 2.1.1 (levels 1 / 0.5 / 0).
func SmallChecklist() *model.Checklist {
	c := &model.Checklist{
		ID: "test", Version: "1", Title: "Bộ tiêu chí thử", Kind: "so", Hash: "h1",
		Bands: []model.Band{{Label: "Tốt", MinPercent: 90}, {Label: "Khá", MinPercent: 80}, {Label: "Trung bình", MinPercent: 0}},
		Fields: []model.Field{
			{Code: "1", Title: "Chỉ đạo, điều hành", Max: 300, Criteria: []model.Criterion{{Code: "1.1", Title: "Kế hoạch", Items: []model.Item{
				{Code: "1.1.1", Text: "Có ban hành kế hoạch không?", Max: 100, Scoring: model.ScoringBinary},
				{Code: "1.1.2", Text: "Kế hoạch có đủ nhiệm vụ không?", Max: 200, Scoring: model.ScoringPartial},
			}}}},
			{Code: "2", Title: "Thủ tục hành chính", Max: 100, Criteria: []model.Criterion{{Code: "2.1", Title: "Niêm yết", Items: []model.Item{
				{Code: "2.1.1", Text: "Niêm yết đủ thủ tục không?", Max: 100, Scoring: model.ScoringLevels,
					Levels: []model.Level{{Score: 100, Label: "Đủ"}, {Score: 50, Label: "Thiếu ít"}, {Score: 0, Label: "Không"}}},
			}}}},
		},
	}
	c.Index()
	return c
}

// BigChecklist has n binary items of one point each.
func BigChecklist(n int) *model.Checklist {
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

// Payload is a device's work: units assessments of the inspection, each
// with every item of cl answered once, with a valid audit chain, and the
// manifest that describes it (without what Encode fills in).
func Payload(key *Key, seq int64, in bundle.InspectionRecord, cl *model.Checklist, units int, unitPrefix string) (bundle.Manifest, *bundle.Payload) {
	p := &bundle.Payload{Inspections: []bundle.InspectionRecord{in}}
	var devSeq int64
	prev := ""
	at := T0
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
			e := bundle.AuditEntry{ID: model.DerivedID("audit", key.Device, fmt.Sprint(devSeq)), Device: key.Device, DevSeq: devSeq, At: at,
				Actor: f.UpdatedBy, Entity: "finding", EntityID: f.ID, Action: "save", New: jsonOf(f), Revision: f.Revision, PrevHash: prev}
			e.Hash = bundle.ChainHash(e)
			bundle.SignEntry(key, &e)
			prev = e.Hash
			p.Findings = append(p.Findings, f)
			p.Audit = append(p.Audit, e)
		}
	}
	m := bundle.Manifest{Format: bundle.Format, App: "test", Device: key.Device, PublicKey: base64.StdEncoding.EncodeToString(key.Public),
		Inspector: "Cán bộ " + unitPrefix, Created: at, Seq: seq, Inspection: in.ID, Title: in.Title,
		Checklists: []bundle.ChecklistRef{{ID: cl.ID, Version: cl.Version, Hash: cl.Hash}}}
	for _, u := range p.Units {
		m.Units = append(m.Units, u.Code)
	}
	return m, p
}

// Generate is the bundle of Payload's work, signed by key.
func Generate(key *Key, seq int64, in bundle.InspectionRecord, cl *model.Checklist, units int, unitPrefix string) []byte {
	m, p := Payload(key, seq, in, cl, units, unitPrefix)
	return Encode(key, m, p)
}

// Statement is the key's signed statement of a bundle carrying its
// entries from..to.
func Statement(key *Key, seq int64, in string, from, to int64) bundle.Statement {
	st := bundle.Statement{Device: key.Device, Seq: seq, Inspection: in, Created: T0, Entries: []bundle.Range{{from, to}}}
	bundle.SignStatement(key, &st)
	return st
}

// Encode lays out and signs a bundle; synthetic data always encodes.
func Encode(key *Key, m bundle.Manifest, p *bundle.Payload) []byte {
	var b bytes.Buffer
	if _, _, err := bundle.Encode(&b, key, m, p); err != nil {
		panic(fmt.Sprintf("bundletest: encode: %v", err))
	}
	return b.Bytes()
}

// jsonOf is v as JSON, as the store writes audit entries.
func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}

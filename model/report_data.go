package model

import (
	"strconv"
	"strings"
)

// UnitRecord is everything the inspection record (biên bản, thông báo kết
// luận) of one unit shows: the inspection, the unit, the assessment with the
// unit's and the team's remarks, the checklist it was assessed against, the
// findings and the scores. The store fills it; package report renders it.
type UnitRecord struct {
	Inspection Inspection
	Unit       Unit
	Kind       KindInfo
	Assessment Assessment
	Checklist  *Checklist
	Findings   []Finding // the current revision of each item's finding, any order
	Scorecard  Scorecard
	// FollowUps are the earlier kiến nghị this visit follows up
	// (FollowUpsDue), with what this and earlier visits found of each.
	FollowUps []Recommendation
	// SelfScores are the unit's own scores (tự đánh giá), any order.
	SelfScores []SelfScore
	// Evidence are the files attached to the findings (not removed), by
	// item then when attached.
	Evidence []EvidenceFile
	// Thumbnails are small JPEG pictures of the image files, by SHA-256,
	// for the HTML record (filled by the caller that wants them; nil: the
	// files are only listed).
	Thumbnails map[string][]byte
}

// SelfComparison sets the unit's self-assessment beside the findings.
func (r *UnitRecord) SelfComparison() SelfComparison {
	if r.Checklist == nil {
		return SelfComparison{}
	}
	return CompareSelf(r.Checklist, contentsOf(r.Findings), r.SelfScores)
}

// contentsOf is the findings' contents by item code.
func contentsOf(fs []Finding) map[string]Content {
	m := make(map[string]Content, len(fs))
	for _, f := range fs {
		m[f.ItemCode] = f.Content()
	}
	return m
}

// RecordItem is one checklist item with what was found for it.
type RecordItem struct {
	FieldCode  string
	FieldTitle string
	Item       Item
	Finding    Finding // zero when the item has no finding
	Answered   bool    // the item has a finding with a result
}

// RecordState is how far an assessment has come, as the consolidated
// summary shows it: only StateFinal records are classified and ranked.
type RecordState string

// The states of a unit's record.
const (
	StateNotStarted RecordState = "not_started" // nothing recorded yet
	StateDraft      RecordState = "draft"       // being assessed, not finalized
	StateIncomplete RecordState = "incomplete"  // finalized with items left unassessed
	StateFinal      RecordState = "final"       // finalized, every item assessed
)

// Ranked reports whether a record in this state is classified and ranked.
func (s RecordState) Ranked() bool { return s == StateFinal }

// Items returns every checklist item in checklist order with its finding.
func (r *UnitRecord) Items() []RecordItem {
	if r.Checklist == nil {
		return nil
	}
	byCode := make(map[string]Finding, len(r.Findings))
	for _, f := range r.Findings {
		byCode[f.ItemCode] = f
	}
	out := make([]RecordItem, 0, r.Checklist.ItemCount())
	for _, fl := range r.Checklist.Fields {
		for _, cr := range fl.Criteria {
			for _, it := range cr.Items {
				f, ok := byCode[it.Code]
				out = append(out, RecordItem{FieldCode: fl.Code, FieldTitle: fl.Title, Item: it, Finding: f,
					Answered: ok && f.Result.Answered()})
			}
		}
	}
	return out
}

// Shortcomings returns the items found chưa đạt or đạt một phần, in
// checklist order: the tồn tại, hạn chế of the record.
func (r *UnitRecord) Shortcomings() []RecordItem {
	var out []RecordItem
	for _, ri := range r.Items() {
		if ri.Answered && ri.Finding.Result.Shortcoming() {
			out = append(out, ri)
		}
	}
	return out
}

// Recommendations returns the items with a kiến nghị, in checklist order.
func (r *UnitRecord) Recommendations() []RecordItem {
	var out []RecordItem
	for _, ri := range r.Items() {
		if strings.TrimSpace(ri.Finding.Recommendation) != "" {
			out = append(out, ri)
		}
	}
	return out
}

// FixReportDue is the day by which the unit reports the results of its
// fixes: the inspection's ReportDays (15 when unset) after the thông báo
// kết luận kiểm tra, which is when the unit is told what to fix. It is
// the zero Date until the thông báo has a date.
func (r *UnitRecord) FixReportDue() Date {
	if r.Assessment.Conclusion.Date.IsZero() {
		return Date{}
	}
	return r.Assessment.Conclusion.Date.AddDays(r.Inspection.ReportDaysOrDefault())
}

// State says how far the record has come.
func (r *UnitRecord) State() RecordState {
	answered := 0
	for _, f := range r.Findings {
		if f.Result.Answered() {
			answered++
		}
	}
	switch {
	case r.Assessment.Status == StatusFinalized && r.Scorecard.Overall.Complete():
		return StateFinal
	case r.Assessment.Status == StatusFinalized:
		return StateIncomplete
	case answered == 0:
		return StateNotStarted
	}
	return StateDraft
}

// KindOf returns the description of kind k from kinds, or one made from the
// code itself (ordered after every known kind) when kinds lacks it.
func KindOf(kinds []KindInfo, k UnitKind) KindInfo {
	for _, ki := range kinds {
		if ki.Code == k {
			return ki
		}
	}
	return KindInfo{Code: k, Name: string(k), NameEN: string(k), Order: 1 << 30}
}

// CodeLess orders codes such as "1.2.10" part by part, numerically where
// both parts are numbers, so "1.2.9" comes before "1.2.10" and "2" before
// "10".
func CodeLess(a, b string) bool {
	pa, pb := strings.Split(a, "."), strings.Split(b, ".")
	for i := 0; i < len(pa) && i < len(pb); i++ {
		if pa[i] == pb[i] {
			continue
		}
		na, ea := strconv.Atoi(pa[i])
		nb, eb := strconv.Atoi(pb[i])
		if ea == nil && eb == nil && na != nb {
			return na < nb
		}
		return pa[i] < pb[i]
	}
	return len(pa) < len(pb)
}

// ReportData is what the báo cáo kết quả kiểm tra of one inspection
// shows: the inspection, its consolidated summary, and the record of each
// unit (the strengths and comments each carries).
type ReportData struct {
	Inspection Inspection
	Summary    Summary
	Records    []UnitRecord
}

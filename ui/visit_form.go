package ui

import (
	"strconv"
	"strings"

	"kiemtra/model"
)

// A visit's details as its biên bản prints them — place, day, the hours
// the meeting opened and closed, the biên bản's number and copies, the
// unit's participants, the team's strengths and the unit's comments —
// and, after it is finalized, its thông báo kết luận.

// defaultCopies is what the copies field starts at: a biên bản is signed
// in two copies, one for the team and one for the unit.
const defaultCopies = 2

// visitForm is the details form of the visit a records.
func visitForm(c common, a model.Assessment) detailsForm {
	t := c.t
	copies := a.Copies
	if copies == 0 {
		copies = defaultCopies
	}
	f := newDetailsForm(c, t.T("ui.visit.title"))
	f = f.withLine("place", t.T("ui.visit.place"), a.Place, t.T("ui.visit.place_hint"))
	f = f.withLine("date", t.T("ui.form.date"), a.Date.VN(), "dd/mm/yyyy")
	f = f.withLine("start", t.T("ui.visit.start"), a.StartTime, t.T("ui.visit.time_hint"))
	f = f.withLine("end", t.T("ui.visit.end"), a.EndTime, t.T("ui.visit.time_hint"))
	f = f.withLine("record_no", t.T("ui.visit.record_no"), a.RecordNo, t.T("ui.visit.record_no_hint"))
	f = f.withLine("copies", t.T("ui.visit.copies"), strconv.Itoa(copies), "")
	f = f.withText("participants", t.T("ui.visit.participants"), participantsText(a.UnitParticipants()),
		t.T("ui.visit.participants_hint"), 4)
	f = f.withText("strengths", t.T("ui.visit.strengths"), a.Strengths, t.T("ui.visit.strengths_hint"), 4)
	f = f.withText("comments", t.T("ui.visit.comments"), a.UnitComments, t.T("ui.visit.comments_hint"), 3)
	return f
}

// readVisit is a with the form's values, or the error to show with the
// key of the field it is about.
func readVisit(f detailsForm, a model.Assessment) (model.Assessment, string, string) {
	t := f.c.t
	a.Place = clean(f.value("place"))
	d, err := model.ParseDate(f.value("date"))
	if err != nil {
		return a, "date", t.T("ui.form.date_invalid")
	}
	a.Date = d
	for _, k := range []string{"start", "end"} {
		c, err := model.ParseClock(f.value(k))
		if err != nil {
			return a, k, t.T("ui.visit.time_invalid")
		}
		if k == "start" {
			a.StartTime = c
		} else {
			a.EndTime = c
		}
	}
	if a.StartTime != "" && a.EndTime != "" && a.EndTime <= a.StartTime {
		return a, "end", t.T("ui.visit.end_before_start")
	}
	a.RecordNo = clean(f.value("record_no"))
	a.Copies = 0
	if s := strings.TrimSpace(f.value("copies")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 99 {
			return a, "copies", t.T("ui.visit.copies_invalid")
		}
		a.Copies = n
	}
	ps, bad := parseParticipants(f.value("participants"))
	if bad > 0 {
		return a, "participants", t.T("ui.people.no_name", bad)
	}
	a.Participants = ps
	if len(ps) > 0 {
		// The first participant signs: the legacy fields follow them, so
		// older readers of the record see the same person.
		a.Representative, a.RepresentativePosition = ps[0].Name, ps[0].Position
	}
	a.Strengths, a.UnitComments = paragraphsText(f.value("strengths")), paragraphsText(f.value("comments"))
	return a, "", ""
}

// visitChanged reports whether b says anything a did not.
func visitChanged(a, b model.Assessment) bool {
	return a.Place != b.Place || a.Date != b.Date || a.StartTime != b.StartTime || a.EndTime != b.EndTime ||
		a.RecordNo != b.RecordNo || a.Copies != b.Copies || participantsText(a.Participants) != participantsText(b.Participants) ||
		a.Strengths != b.Strengths || a.UnitComments != b.UnitComments
}

// conclusionForm is the thông báo kết luận's form of a; a thông báo not
// dated yet starts at today.
func conclusionForm(c common, a model.Assessment) detailsForm {
	t, cn := c.t, a.Conclusion
	date := cn.Date
	if date.IsZero() {
		date = model.DateOf(c.now())
	}
	f := newDetailsForm(c, t.T("ui.conclusion.title"))
	f = f.withLine("number", t.T("ui.conclusion.number"), cn.Number, t.T("ui.conclusion.number_hint"))
	f = f.withLine("date", t.T("ui.conclusion.date"), date.VN(), "dd/mm/yyyy")
	f = f.withLine("signer", t.T("ui.conclusion.signer"), cn.Signer, "")
	f = f.withLine("signer_position", t.T("ui.conclusion.signer_position"), cn.SignerPosition, t.T("ui.conclusion.signer_position_hint"))
	f = f.withLine("authority", t.T("ui.conclusion.authority"), cn.Authority, t.T("ui.conclusion.authority_hint"))
	f = f.withText("causes", t.T("ui.conclusion.causes"), cn.Causes, t.T("ui.conclusion.causes_hint"), 4)
	f.note = t.T("ui.conclusion.note")
	return f
}

// readConclusion is the form's thông báo, or the error to show with the
// key of its field.
func readConclusion(f detailsForm) (model.Conclusion, string, string) {
	d, err := model.ParseDate(f.value("date"))
	if err != nil {
		return model.Conclusion{}, "date", f.c.t.T("ui.form.date_invalid")
	}
	return model.Conclusion{Number: clean(f.value("number")), Date: d, Signer: clean(f.value("signer")),
		SignerPosition: clean(f.value("signer_position")), Authority: clean(f.value("authority")),
		Causes: paragraphsText(f.value("causes"))}, "", ""
}

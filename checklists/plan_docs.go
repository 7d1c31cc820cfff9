package checklists

import (
	"kiemtra/model"
)

// The plan file's keys for what the documents print beyond the findings
// (model/document.go): the letterhead and the báo cáo of the inspection,
// and for each visit the biên bản's hours, number, copies, the unit's
// participants and the thông báo kết luận.

// letterhead reads the inspection's document keys from o.
func (d *decoder) letterhead(o *object, in *model.Inspection) {
	in.GoverningBody, _ = o.str("governing_body", false)
	in.TeamName, _ = o.str("team_name", false)
	in.Locality, _ = o.str("locality", false)
	in.TeamCode, _ = o.str("team_code", false)
	in.IssuerCode, _ = o.str("issuer_code", false)
	by, bpos := o.str("conclusion_by", false)
	if c, ok := model.ParseConclusionBy(by); ok {
		in.ConclusionBy = c
	} else {
		d.errorf(bpos, "checklist.plan_conclusion_by", o.what, o.label("conclusion_by"), by)
	}
	if e, ok := o.vals["report"]; ok {
		r := d.object(e.val, &subject{kind: "report", parent: o.what}, "number", "date", "recipient")
		if r.pos.Line == 0 {
			r.pos = e.pos
		}
		r.checkKeys()
		in.Report.Number, _ = r.str("number", false)
		in.Report.Date, _ = r.date("date")
		in.Report.Recipient, _ = r.str("recipient", false)
	}
}

// visitDetails reads a visit's document keys from o.
func (d *decoder) visitDetails(o *object, v *model.Visit) {
	v.StartTime, _ = d.clock(o, "start_time")
	var epos Pos
	v.EndTime, epos = d.clock(o, "end_time")
	if v.StartTime != "" && v.EndTime != "" && v.EndTime <= v.StartTime {
		d.errorf(epos, "checklist.plan_times", o.what, v.EndTime, v.StartTime)
	}
	v.RecordNo, _ = o.str("record_no", false)
	copies, cpos, ok := o.integer("copies", false)
	if ok && (copies < 1 || copies > 99) {
		d.errorf(cpos, "checklist.plan_copies", o.what, o.label("copies"))
	}
	v.Copies = copies
	people, _ := o.list("participants", false)
	for i, pn := range people {
		p := d.object(pn, &subject{kind: "participant", n: i + 1, parent: o.what}, "honorific", "name", "position", "unit")
		p.checkKeys()
		var pt model.Participant
		pt.Honorific, _ = p.str("honorific", false)
		pt.Name, _ = p.str("name", true)
		pt.Position, _ = p.str("position", false)
		pt.Unit, _ = p.str("unit", false)
		v.Participants = append(v.Participants, pt)
	}
	if e, ok := o.vals["conclusion"]; ok {
		c := d.object(e.val, &subject{kind: "conclusion", parent: o.what}, "number", "date", "signer", "signer_position",
			"authority", "causes")
		if c.pos.Line == 0 {
			c.pos = e.pos
		}
		c.checkKeys()
		v.Conclusion.Number, _ = c.str("number", false)
		v.Conclusion.Date, _ = c.date("date")
		v.Conclusion.Signer, _ = c.str("signer", false)
		v.Conclusion.SignerPosition, _ = c.str("signer_position", false)
		v.Conclusion.Authority, _ = c.str("authority", false)
		v.Conclusion.Causes, _ = c.str("causes", false)
	}
}

// clock reads a time of day ("08:30", "8h30") as HH:MM.
func (d *decoder) clock(o *object, key string) (string, Pos) {
	s, pos, ok := o.text(key, false)
	if !ok || s == "" {
		return "", pos
	}
	c, err := model.ParseClock(s)
	if err != nil {
		d.errorf(pos, "checklist.plan_time", o.what, o.label(key), s)
		return "", pos
	}
	return c, pos
}

package checklists

import (
	"fmt"
	"strconv"
	"strings"

	"kiemtra/i18n"
	"kiemtra/model"
)

// LoadPlan reads and parses an inspection plan file; see ParsePlan.
// It reads regular files of at most MaxYAMLBytes only.
func LoadPlan(path string) (*model.Plan, error) {
	data, err := readRegular(path, MaxYAMLBytes)
	if err != nil {
		return nil, err
	}
	return ParsePlan(path, data)
}

// ParsePlan reads an inspection plan file (the format is in FORMAT.md) and
// checks it: an inspection with a title and a year; team members with
// names; units with unique codes, names and known kinds; dates as
// dd/mm/yyyy, visit dates within the inspection's start and end; a
// checklist id for every visit. Whether that checklist exists is left to
// the importer, which also knows the checklists loaded from files.
//
// Without an id: line, the inspection gets model.DerivedID("inspection",
// year, title), so importing the same plan twice finds the same
// inspection. Each unit gets model.DerivedID("unit", code).
//
// On failure the error is an Errors value listing every problem found.
func ParsePlan(filename string, data []byte) (*model.Plan, error) {
	kinds, err := knownKinds()
	if err != nil {
		return nil, fmt.Errorf("built-in kinds: %w", err)
	}
	d := &decoder{file: filename}
	p := d.plan(d.yamlRoot(data, "plan"), kinds)
	if p == nil && len(d.errs) == 0 { // a shape no check named: never a plan of nothing
		d.errorf(Pos{Line: 1}, "checklist.yaml_unreadable")
	}
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return p, nil
}

func (d *decoder) plan(root *node, kinds kindSet) *model.Plan {
	if root == nil {
		return nil
	}
	top := d.object(root, &subject{kind: "plan"}, "inspection", "visits")
	top.checkKeys()
	if top.bad {
		return nil
	}
	p := &model.Plan{}
	if e, ok := top.vals["inspection"]; ok {
		p.Inspection = d.inspection(e.val, e.pos)
	} else {
		d.errorf(top.pos, "checklist.missing", top.what, top.label("inspection"))
	}
	visits, _ := top.list("visits", false)
	codes := map[string]Pos{}
	for i, n := range visits {
		v := d.visit(n, i, &p.Inspection, kinds)
		if v.Unit.Code != "" {
			if prev, dup := codes[v.Unit.Code]; dup {
				d.errorf(n.pos, "checklist.plan_unit_twice", &subject{kind: "visit", code: v.Unit.Code}, v.Unit.Code, prev)
			} else {
				codes[v.Unit.Code] = n.pos
			}
		}
		p.Visits = append(p.Visits, v)
	}
	return p
}

func (d *decoder) inspection(n *node, keyPos Pos) model.Inspection {
	o := d.object(n, &subject{kind: "inspection"}, "id", "year", "title", "plan", "decision", "issuer", "start", "end", "report_days", "team",
		"governing_body", "team_name", "locality", "team_code", "issuer_code", "conclusion_by", "report")
	if o.pos.Line == 0 {
		o.pos = keyPos
	}
	o.checkKeys()
	var in model.Inspection
	year, ypos, yok := o.integer("year", true)
	if yok && (year < 1900 || year > 2200) {
		d.errorf(ypos, "checklist.plan_year", o.what, year)
	}
	in.Year = year
	in.Title, _ = o.str("title", true)
	id, idPos := o.str("id", false)
	switch {
	case id != "" && !model.ValidID(id):
		d.errorf(idPos, "checklist.plan_id", o.what, id)
	case id != "":
		in.ID = id
	case yok && in.Title != "":
		in.ID = model.DerivedID("inspection", strconv.Itoa(year), in.Title)
	}
	in.Plan, _ = o.str("plan", false)
	in.Decision, _ = o.str("decision", false)
	in.Issuer, _ = o.str("issuer", false)
	var endPos Pos
	in.Start, _ = o.date("start")
	in.End, endPos = o.date("end")
	if !in.Start.IsZero() && !in.End.IsZero() && in.End.Before(in.Start) {
		d.errorf(endPos, "checklist.plan_end", o.what, in.End.VN(), in.Start.VN())
	}
	rd, rpos, ok := o.integer("report_days", false)
	if ok && rd < 0 {
		d.errorf(rpos, "checklist.plan_report_days", o.what, o.label("report_days"))
	}
	in.ReportDays = rd
	team, _ := o.list("team", false)
	for i, tn := range team {
		m := d.object(tn, &subject{kind: "member", n: i + 1}, "name", "position", "organisation", "role")
		m.checkKeys()
		var mem model.Member
		mem.Name, _ = m.str("name", true)
		mem.Position, _ = m.str("position", false)
		mem.Organisation, _ = m.str("organisation", false)
		mem.Role, _ = m.str("role", false)
		in.Team = append(in.Team, mem)
	}
	d.letterhead(o, &in)
	return in
}

func (d *decoder) visit(n *node, idx int, in *model.Inspection, kinds kindSet) model.Visit {
	o := d.object(n, &subject{kind: "visit", n: idx + 1}, "unit", "date", "place", "checklist", "checklist_version",
		"start_time", "end_time", "record_no", "copies", "participants", "conclusion")
	var v model.Visit
	var kindPos Pos
	e, hasUnit := o.vals["unit"]
	if !hasUnit && !o.bad {
		d.errorf(o.pos, "checklist.missing", o.what, o.label("unit"))
	}
	if hasUnit {
		u := d.object(e.val, &subject{kind: "unit", parent: o.what}, "code", "name", "kind", "address")
		if u.pos.Line == 0 {
			u.pos = e.pos
		}
		code, cpos := u.str("code", true)
		if code != "" {
			o.what = &subject{kind: "visit", code: code}
			u.what = &subject{kind: "unit", code: code}
			checkCodeChars(d, u.what, code, cpos)
			v.Unit.ID = model.DerivedID("unit", code)
		}
		u.checkKeys()
		v.Unit.Code = code
		v.Unit.Name, _ = u.str("name", true)
		kind, kpos := u.str("kind", true)
		if kind != "" && !kinds.known[model.UnitKind(kind)] {
			d.errorf(kpos, "checklist.unknown_kind", u.what, kind, strings.Join(kinds.codes, ", "))
		}
		v.Unit.Kind = model.UnitKind(kind)
		v.Unit.Address, _ = u.str("address", false)
		kindPos = kpos
	}
	o.checkKeys()
	var dpos Pos
	v.Date, dpos = o.date("date")
	if !v.Date.IsZero() {
		if !in.Start.IsZero() && v.Date.Before(in.Start) {
			d.errorf(dpos, "checklist.plan_visit_before", o.what, v.Date.VN(), in.Start.VN())
		}
		if !in.End.IsZero() && in.End.Before(v.Date) {
			d.errorf(dpos, "checklist.plan_visit_after", o.what, v.Date.VN(), in.End.VN())
		}
	}
	// A kind that ended cannot be visited after (no UBND cấp huyện from
	// 1 July 2025): said here, at the line, as well as by the importer.
	if kinds.known[v.Unit.Kind] {
		if err := model.CheckKindOn(kinds.list, *in, v.Unit.Kind, v.Date); err != nil {
			pos := dpos
			if v.Date.IsZero() {
				pos = kindPos
			}
			d.errorf(pos, "checklist.plan_visit_refused", o.what, codedMsg{err})
		}
	}
	v.Place, _ = o.str("place", false)
	var cpos Pos
	v.ChecklistID, cpos = o.str("checklist", true)
	if v.ChecklistID != "" && !idPattern.MatchString(v.ChecklistID) {
		d.errorf(cpos, "checklist.plan_checklist_id", o.what, v.ChecklistID)
	}
	v.ChecklistVersion, _ = o.str("checklist_version", false)
	d.visitDetails(o, &v)
	return v
}

// codedMsg is a model error as a message argument: the catalogue's words
// for its code, in the message's language.
type codedMsg struct{ err error }

func (c codedMsg) localize(t i18n.Catalog) string { return t.Err(c.err) }

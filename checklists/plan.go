package checklists

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode"

	"github.com/goccy/go-yaml/ast"

	"kiemtra/model"
)

// LoadPlan reads and parses an inspection plan file; see ParsePlan.
func LoadPlan(path string) (*model.Plan, error) {
	data, err := os.ReadFile(path)
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
	kinds, kindCodes, err := knownKinds()
	if err != nil {
		return nil, fmt.Errorf("built-in kinds: %w", err)
	}
	d := &decoder{file: filename}
	p := d.plan(data, kinds, kindCodes)
	if len(d.errs) > 0 {
		return nil, d.errs.sorted()
	}
	return p, nil
}

func (d *decoder) plan(data []byte, kinds map[model.UnitKind]bool, kindCodes []string) *model.Plan {
	root := d.root(data, "inspection plan")
	if root == nil {
		return nil
	}
	top := d.object(root, "plan", "inspection", "visits")
	top.checkKeys()
	if top.bad {
		return nil
	}
	p := &model.Plan{}
	if e, ok := top.vals["inspection"]; ok {
		p.Inspection = d.inspection(e.val, e.line)
	} else {
		d.errorf(top.line, "plan: missing \"inspection\"")
	}
	visits, _ := top.list("visits", false)
	codes := map[string]int{}
	for i, n := range visits {
		v := d.visit(n, i, &p.Inspection, kinds, kindCodes)
		if v.Unit.Code != "" {
			line := lineOf(n)
			if prev, dup := codes[v.Unit.Code]; dup {
				d.errorf(line, "visit %s: unit code %q is already used on line %d", v.Unit.Code, v.Unit.Code, prev)
			} else {
				codes[v.Unit.Code] = line
			}
		}
		p.Visits = append(p.Visits, v)
	}
	return p
}

func (d *decoder) inspection(n ast.Node, keyLine int) model.Inspection {
	o := d.object(n, "inspection", "id", "year", "title", "plan", "decision", "issuer", "start", "end", "report_days", "team")
	if o.line == 0 {
		o.line = keyLine
	}
	o.checkKeys()
	var in model.Inspection
	year, yline, yok := o.integer("year", true)
	if yok && (year < 1900 || year > 2200) {
		d.errorf(yline, "inspection: year %d is not a plausible year", year)
	}
	in.Year = year
	in.Title, _ = o.str("title", true)
	id, idLine := o.str("id", false)
	switch {
	case id != "" && !model.ValidID(id):
		d.errorf(idLine, "inspection: id %q is not a UUID (like 0192f3a4-5b6c-7d8e-9f01-23456789abcd, lower case); remove the line to derive one from the year and title", id)
	case id != "":
		in.ID = id
	case yok && in.Title != "":
		in.ID = model.DerivedID("inspection", strconv.Itoa(year), in.Title)
	}
	in.Plan, _ = o.str("plan", false)
	in.Decision, _ = o.str("decision", false)
	in.Issuer, _ = o.str("issuer", false)
	var endLine int
	in.Start, _ = o.date("start")
	in.End, endLine = o.date("end")
	if !in.Start.IsZero() && !in.End.IsZero() && in.End.Before(in.Start) {
		d.errorf(endLine, "inspection: end %s is before start %s", in.End, in.Start)
	}
	rd, rline, ok := o.integer("report_days", false)
	if ok && rd < 0 {
		d.errorf(rline, "inspection: report_days must not be negative")
	}
	in.ReportDays = rd
	team, _ := o.list("team", false)
	for i, tn := range team {
		m := d.object(tn, fmt.Sprintf("team member #%d", i+1), "name", "position", "organisation", "role")
		m.checkKeys()
		var mem model.Member
		mem.Name, _ = m.str("name", true)
		mem.Position, _ = m.str("position", false)
		mem.Organisation, _ = m.str("organisation", false)
		mem.Role, _ = m.str("role", false)
		in.Team = append(in.Team, mem)
	}
	return in
}

func (d *decoder) visit(n ast.Node, idx int, in *model.Inspection, kinds map[model.UnitKind]bool, kindCodes []string) model.Visit {
	o := d.object(n, fmt.Sprintf("visit #%d", idx+1), "unit", "date", "place", "checklist", "checklist_version")
	var v model.Visit
	e, hasUnit := o.vals["unit"]
	if !hasUnit && !o.bad {
		d.errorf(o.line, "%s: missing \"unit\"", o.what)
	}
	if hasUnit {
		u := d.object(e.val, o.what+": unit", "code", "name", "kind", "address")
		if u.line == 0 {
			u.line = e.line
		}
		code, cline := u.str("code", true)
		if code != "" {
			o.what = "visit " + code
			u.what = "unit " + code
			if strings.IndexFunc(code, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) >= 0 {
				d.errorf(cline, "%s: code %q must not contain spaces", u.what, code)
			}
			v.Unit.ID = model.DerivedID("unit", code)
		}
		u.checkKeys()
		v.Unit.Code = code
		v.Unit.Name, _ = u.str("name", true)
		kind, kline := u.str("kind", true)
		if kind != "" && !kinds[model.UnitKind(kind)] {
			d.errorf(kline, "%s: unknown kind %q (known kinds: %s)", u.what, kind, quoteList(kindCodes))
		}
		v.Unit.Kind = model.UnitKind(kind)
		v.Unit.Address, _ = u.str("address", false)
	}
	o.checkKeys()
	var dline int
	v.Date, dline = o.date("date")
	if !v.Date.IsZero() {
		if !in.Start.IsZero() && v.Date.Before(in.Start) {
			d.errorf(dline, "%s: date %s is before the inspection start %s", o.what, v.Date, in.Start)
		}
		if !in.End.IsZero() && in.End.Before(v.Date) {
			d.errorf(dline, "%s: date %s is after the inspection end %s", o.what, v.Date, in.End)
		}
	}
	v.Place, _ = o.str("place", false)
	var cl int
	v.ChecklistID, cl = o.str("checklist", true)
	if v.ChecklistID != "" && !idPattern.MatchString(v.ChecklistID) {
		d.errorf(cl, "%s: checklist %q is not a checklist id (a-z, 0-9 and -)", o.what, v.ChecklistID)
	}
	v.ChecklistVersion, _ = o.str("checklist_version", false)
	return v
}

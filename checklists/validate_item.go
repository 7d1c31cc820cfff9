package checklists

import (
	"strconv"
	"strings"

	"kiemtra/model"
)

// item reads one mục; ok is false when its maximum could not be read.
func (r *rules) item(n *node, idx int, critCode string) (model.Item, bool) {
	d := r.d
	what := &subject{kind: "item", n: idx + 1}
	if critCode != "" {
		what.parent = &subject{kind: "criterion", code: critCode}
	}
	o := d.object(n, what, itemKeys...)
	var it model.Item
	var pos Pos
	it.Code, pos = o.str("code", true)
	if it.Code != "" {
		o.what = &subject{kind: "item", code: it.Code}
		checkCodeChars(d, o.what, it.Code, pos)
		if critCode != "" && !strings.HasPrefix(it.Code, critCode+".") {
			d.errorf(pos, "checklist.prefix_criterion", o.what, critCode+".")
		}
		r.useCode(o.what, it.Code, pos)
	}
	o.checkKeys()
	it.Text, _ = o.str("text", true)
	it.Guidance, _ = o.str("guidance", false)
	it.Evidence, _ = o.str("evidence", false)
	it.LegalBasis, _ = o.str("legal_basis", false)
	it.Source, _ = o.str("source", false)
	it.Default, _ = o.boolean("default")
	max, maxPos, maxOK := o.points("max", true)
	if maxOK && max <= 0 {
		d.errorf(maxPos, "checklist.max_positive", o.what, o.label("max"))
	}
	it.Max = max
	maxOK = maxOK && max > 0

	it.Scoring = r.scoring(o)
	r.perCase(o, &it, maxOK)
	r.notApplicable(o, &it)
	var fpos Pos
	it.FollowUp, fpos = o.boolean("follow_up")
	if it.FollowUp {
		if r.followUp != nil {
			d.errorf(fpos, "checklist.follow_up_twice", o.what, *r.followUp)
		} else {
			r.followUp = &fpos
		}
	}
	r.levels(o, &it, maxOK)
	return it, maxOK && !o.bad
}

func (r *rules) scoring(o *object) model.ScoringMode {
	mode, pos, present := o.text("scoring", false)
	if r.d.xlsx && present && mode != "" {
		if code, ok := choiceCode("scoring", mode); ok {
			mode = code
		}
	}
	switch {
	case (!present || mode == "") && !o.bad:
		r.d.errorf(pos, "checklist.missing_scoring", o.what, o.label("scoring"), choices{kind: "scoring", xlsx: r.d.xlsx})
	case present && mode != "" && !model.ScoringMode(mode).Valid():
		r.d.errorf(pos, "checklist.unknown_scoring", o.what, mode, choices{kind: "scoring", xlsx: r.d.xlsx})
	}
	return model.ScoringMode(mode)
}

// perCase reads per_case: required on a deduction item, more than 0 and at
// most the item's maximum; refused on any other item.
func (r *rules) perCase(o *object, it *model.Item, maxOK bool) {
	d := r.d
	if it.Scoring != model.ScoringDeduction {
		if o.given("per_case") && it.Scoring.Valid() {
			_, pos, _ := o.text("per_case", false)
			d.errorf(pos, "checklist.per_case_forbidden", o.what, o.label("per_case"), string(it.Scoring))
		}
		return
	}
	if !o.given("per_case") {
		pos := o.pos
		if e, ok := o.vals["per_case"]; ok {
			pos = valuePos(e)
		}
		d.errorf(pos, "checklist.per_case_missing", o.what, o.label("per_case"))
		return
	}
	p, pos, ok := o.points("per_case", true)
	if !ok {
		return
	}
	if p <= 0 || (maxOK && p > it.Max) {
		d.errorf(pos, "checklist.per_case_range", o.what, o.label("per_case"), p.Format(d.sep()), it.Max.Format(d.sep()))
	}
	it.PerCase = p
}

func (r *rules) notApplicable(o *object, it *model.Item) {
	s, pos, ok := o.text("not_applicable", false)
	if !ok || s == "" {
		return
	}
	code := s
	if r.d.xlsx {
		if c, found := choiceCode("na", s); found {
			code = c
		}
	}
	p, valid := model.ParseNAPolicy(code)
	if !valid {
		r.d.errorf(pos, "checklist.unknown_na", o.what, o.label("not_applicable"), s, choices{kind: "na", xlsx: r.d.xlsx})
		return
	}
	it.NA = p
}

func (r *rules) levels(o *object, it *model.Item, maxOK bool) {
	d := r.d
	levels, lpos := o.list("levels", false)
	switch {
	case it.Scoring == model.ScoringLevels && len(levels) == 0 && !o.bad:
		d.errorf(lpos, "checklist.levels_missing", o.what)
	case it.Scoring != model.ScoringLevels && o.has("levels") && it.Scoring.Valid():
		d.errorf(lpos, "checklist.levels_forbidden", o.what, string(it.Scoring))
	}
	if it.Scoring != model.ScoringLevels {
		return
	}
	seen := map[model.Points]Pos{}
	top := false
	for i, ln := range levels {
		lo := d.object(ln, &subject{kind: "level", n: i + 1, parent: o.what}, "score", "label")
		lo.checkKeys()
		score, scPos, ok := lo.points("score", true)
		label, _ := lo.str("label", true)
		if ok {
			if score < 0 || (maxOK && score > it.Max) {
				d.errorf(scPos, "checklist.level_range", o.what, score.Format(d.sep()), it.Max.Format(d.sep()))
			}
			if prev, dup := seen[score]; dup {
				d.errorf(scPos, "checklist.level_twice", o.what, score.Format(d.sep()), prev)
			}
			seen[score] = scPos
			if score == it.Max {
				top = true
			}
		}
		it.Levels = append(it.Levels, model.Level{Score: score, Label: label})
	}
	if len(levels) > 0 && maxOK && !top {
		d.errorf(lpos, "checklist.level_top", o.what, it.Max.Format(d.sep()))
	}
}

// fmtFloat writes a band minimum as a person would.
func fmtFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

package checklists

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// The built-in versions written for inspections from 2025 on (and the
// huyện version for inspections before 1 July 2025), with what a reviewer
// asked of each.
var builtin2025 = []struct {
	file, id, version string
	kinds             []model.UnitKind
	from, until       string    // dd/mm/yyyy, "" when open
	fieldMax          []float64 // the lĩnh vực maxima
}{
	{"so-ban-nganh-2026.2.yaml", "so-ban-nganh", "2026.2", []model.UnitKind{"so"}, "01/07/2025", "", cchcFields},
	{"ubnd-xa-2026.2.yaml", "ubnd-xa", "2026.2", []model.UnitKind{"xa", "dackhu"}, "01/07/2025", "", cchcFields},
	{"ubnd-huyen-2026.2.yaml", "ubnd-huyen", "2026.2", []model.UnitKind{"huyen"}, "", "30/06/2025", cchcFields},
	{"kiem-soat-tthc-2026.1.yaml", "kiem-soat-tthc", "2026.1", []model.UnitKind{"so", "xa", "dackhu"}, "01/07/2025", "", []float64{15, 10, 15, 10, 25, 15, 10}},
}

// cchcFields are the QĐ 2948/QĐ-BNV weights of fields 1–7 (10, 10, 14.5,
// 11, 16, 7, 16 of 84.5) brought to 100 and rounded: field 8, mostly
// survey points, is not something an inspection can score.
var cchcFields = []float64{12, 12, 17, 13, 19, 8, 19}

func load2025(t *testing.T, file string) *model.Checklist {
	t.Helper()
	c, err := LoadFile(filepath.Join("builtin", file))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return c
}

// loadOld reads a 2026.1 built-in from the directory it lives in, wherever
// that is (the top of checklists/ or builtin/).
func loadOld(t *testing.T, id string) *model.Checklist {
	t.Helper()
	for _, p := range []string{filepath.Join("builtin", id+"-2026.1.yaml"), id + ".yaml"} {
		if c, err := LoadFile(p); err == nil {
			return c
		}
	}
	t.Fatalf("built-in %s@2026.1 not found", id)
	return nil
}

func mustDate(t *testing.T, s string) model.Date {
	t.Helper()
	if s == "" {
		return model.Date{}
	}
	d, err := model.ParseDate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// legalRef matches a citation of a decision, decree, law or circular.
var legalRef = regexp.MustCompile(`(Nghị định|Quyết định|Luật|Thông tư|Nghị quyết) `)

func TestBuiltin2025Files(t *testing.T) {
	held, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range builtin2025 {
		t.Run(w.file, func(t *testing.T) {
			c := load2025(t, w.file)
			if c.ID != w.id || c.Version != w.version {
				t.Errorf("ref = %s, want %s@%s", c.Ref(), w.id, w.version)
			}
			if got := c.AllKinds(); !slices.Equal(got, w.kinds) {
				t.Errorf("kinds = %v, want %v", got, w.kinds)
			}
			if c.ValidFrom != mustDate(t, w.from) || c.ValidUntil != mustDate(t, w.until) {
				t.Errorf("valid %s–%s, want %s–%s", c.ValidFrom, c.ValidUntil, w.from, w.until)
			}
			if c.Max() != model.PointsOf(100) {
				t.Errorf("total max = %s, want 100", c.Max())
			}
			if len(c.Bands) != 0 || c.Classifies() {
				t.Errorf("bands %v: an inspection has no basis for xếp loại", c.Bands)
			}
			if n := c.ItemCount(); n < 50 || n > 90 {
				t.Errorf("%d items, want 50–90", n)
			}
			var maxima []float64
			for _, f := range c.Fields {
				maxima = append(maxima, f.Max.Float())
			}
			if !slices.Equal(maxima, w.fieldMax) {
				t.Errorf("field maxima %v, want %v", maxima, w.fieldMax)
			}
			saysWhy := "do kiemtra phân bổ" // the weights are kiemtra's own
			if slices.Equal(w.fieldMax, cchcFields) {
				saysWhy = "điều tra xã hội học" // why field 8 is left out
			}
			for _, s := range []string{"MẶC ĐỊNH", saysWhy, "xếp loại"} {
				if !strings.Contains(c.Defaults, s) {
					t.Errorf("defaults do not say %q: %q", s, c.Defaults)
				}
			}
			followUps := 0
			for _, it := range c.Items() {
				if it.Source == "" && !it.Default {
					t.Errorf("%s: neither a source nor default", it.Code)
				}
				if !it.Default && !legalRef.MatchString(it.Source) {
					t.Errorf("%s: not a default, yet its source cites no decision: %q", it.Code, it.Source)
				}
				if it.FollowUp {
					followUps++
				}
				if !strings.HasSuffix(it.Text, "?") {
					t.Errorf("%s: not a question: %q", it.Code, it.Text)
				}
				if it.Guidance == "" || it.Evidence == "" {
					t.Errorf("%s: no guidance or evidence", it.Code)
				}
				if (it.Scoring == model.ScoringDeduction) != (it.PerCase > 0) {
					t.Errorf("%s: scoring %s with per_case %s", it.Code, it.Scoring, it.PerCase)
				}
				if it.Scoring == model.ScoringDeduction && !it.Default {
					t.Errorf("%s: a per-case deduction is kiemtra's own rule and must be marked default", it.Code)
				}
				for _, s := range []string{it.Text, it.Guidance, it.Evidence, it.LegalBasis, it.Source} {
					if !norm.NFC.IsNormalString(s) {
						t.Errorf("%s: not NFC: %q", it.Code, s)
					}
				}
			}
			if followUps != 1 {
				t.Errorf("%d follow-up items, want exactly 1", followUps)
			}
			found := false
			for _, b := range held {
				if b.Ref() == c.Ref() {
					found = true
					if b.Hash != c.Hash {
						t.Errorf("built-in %s hashes %s, the file %s", c.Ref(), b.Hash, c.Hash)
					}
				}
			}
			if !found {
				t.Errorf("%s is not among the built-in checklists", c.Ref())
			}
		})
	}
}

func TestBuiltin2025Validity(t *testing.T) {
	before, after := model.NewDate(2025, time.June, 30), model.NewDate(2025, time.July, 1)
	for _, w := range builtin2025 {
		c := load2025(t, w.file)
		wantBefore, wantAfter := w.until != "", w.from != ""
		if c.ValidOn(before) != wantBefore || c.ValidOn(after) != wantAfter {
			t.Errorf("%s: valid on 30/06/2025 %v, on 01/07/2025 %v; want %v, %v",
				c.Ref(), c.ValidOn(before), c.ValidOn(after), wantBefore, wantAfter)
		}
	}
	if c := load2025(t, "ubnd-xa-2026.2.yaml"); !c.AppliesTo("dackhu") || !c.AppliesTo("xa") || c.AppliesTo("so") {
		t.Errorf("ubnd-xa applies to %v", c.AllKinds())
	}
}

// itemTexts returns every text of every item that a person reads.
func itemTexts(c *model.Checklist) []string {
	var out []string
	for _, it := range c.Items() {
		out = append(out, it.Text, it.Guidance, it.Evidence, it.LegalBasis)
	}
	return out
}

// departmentAsSubject lists the places where "Sở" stands alone, as the
// inspected subject ("Sở có…", "Giám đốc Sở"), rather than as part of the
// name of a named department such as Sở Tư pháp.
func departmentAsSubject(c *model.Checklist) []string {
	named := []string{" Nội vụ", " Tư pháp", " Tài chính", " Giáo dục", " Khoa học"}
	var bad []string
	for _, s := range append(itemTexts(c), c.Title) {
		if strings.Contains(s, "Giám đốc Sở") {
			bad = append(bad, s)
			continue
		}
		for i := 0; ; {
			j := strings.Index(s[i:], "Sở")
			if j < 0 {
				break
			}
			at := i + j
			i = at + len("Sở")
			rest := s[i:]
			if rest != "" && (unicode.IsLetter([]rune(rest)[0])) {
				continue // part of a longer word
			}
			if !slices.ContainsFunc(named, func(n string) bool { return strings.HasPrefix(rest, n) }) {
				bad = append(bad, s)
				break
			}
		}
	}
	return bad
}

func TestSoBanNganh2026NamesNoSoAsSubject(t *testing.T) {
	c := load2025(t, "so-ban-nganh-2026.2.yaml")
	for _, s := range departmentAsSubject(c) {
		t.Errorf("Sở as the inspected subject: %q", s)
	}
	// The measure finds what the review found in the first version.
	if old := departmentAsSubject(loadOld(t, "so-ban-nganh")); len(old) < 3 {
		t.Errorf("the check finds only %d cases in so-ban-nganh@2026.1: %q", len(old), old)
	}
	n := 0
	for _, it := range c.Items() {
		if strings.Contains(it.Text, "cơ quan, đơn vị") || strings.Contains(it.Text, "Cơ quan, đơn vị") || strings.Contains(it.Text, "người đứng đầu") || strings.Contains(it.Text, "Người đứng đầu") {
			n++
		}
	}
	if n < c.ItemCount()/3 {
		t.Errorf("only %d of %d questions name “cơ quan, đơn vị” or “người đứng đầu”", n, c.ItemCount())
	}
}

// superseded are the decrees replaced from 1 July 2025 (NĐ 118/2025/NĐ-CP
// replaced the one-stop-shop decrees; NĐ 170/2025/NĐ-CP the recruitment
// decree; NĐ 150/2025/NĐ-CP the decrees on provincial departments).
var superseded = []string{"61/2018/NĐ-CP", "107/2021/NĐ-CP", "138/2020/NĐ-CP", "24/2014/NĐ-CP", "107/2020/NĐ-CP"}

// citesAsCurrent reports the item texts and legal bases that cite a
// superseded decree. A source may name one only as what a newer text
// replaced ("thay …", "trước đây …").
func citesAsCurrent(c *model.Checklist) []string {
	var bad []string
	for _, it := range c.Items() {
		for _, d := range superseded {
			for _, s := range []string{it.Text, it.Guidance, it.Evidence, it.LegalBasis} {
				if strings.Contains(s, d) {
					bad = append(bad, it.Code+": "+s)
				}
			}
			if strings.Contains(it.Source, d) && !strings.Contains(it.Source, "thay") && !strings.Contains(it.Source, "trước đây") {
				bad = append(bad, it.Code+" source: "+it.Source)
			}
		}
	}
	return bad
}

func TestBuiltin2025CitesCurrentLaw(t *testing.T) {
	for _, file := range []string{"so-ban-nganh-2026.2.yaml", "ubnd-xa-2026.2.yaml", "kiem-soat-tthc-2026.1.yaml"} {
		c := load2025(t, file)
		for _, s := range citesAsCurrent(c) {
			t.Errorf("%s cites a superseded decree as current: %s", c.Ref(), s)
		}
		cites118 := 0
		for _, it := range c.Items() {
			if strings.Contains(it.LegalBasis, "118/2025/NĐ-CP") {
				cites118++
			}
			for _, s := range []string{it.Text, it.Guidance} {
				if strings.Contains(s, "ngạch") {
					t.Errorf("%s %s: “ngạch”, which the 2025 Luật Cán bộ, công chức no longer uses: %q", c.Ref(), it.Code, s)
				}
			}
		}
		if cites118 < 5 {
			t.Errorf("%s: only %d items rest on Nghị định 118/2025/NĐ-CP", c.Ref(), cites118)
		}
	}
	// The measure finds the old citations in the first version.
	if old := citesAsCurrent(loadOld(t, "so-ban-nganh")); len(old) == 0 {
		t.Error("the check finds no superseded decree in so-ban-nganh@2026.1")
	}
	// The huyện version is for inspections before 1 July 2025, so it rests
	// on the decrees in force then.
	h := load2025(t, "ubnd-huyen-2026.2.yaml")
	if !strings.Contains(strings.Join(itemTexts(h), "\n"), "61/2018/NĐ-CP") || strings.Contains(strings.Join(itemTexts(h), "\n"), "118/2025") {
		t.Error("ubnd-huyen@2026.2 should cite Nghị định 61/2018/NĐ-CP, not 118/2025")
	}
}

var wordRE = regexp.MustCompile(`[\p{L}\p{N}]+`)

// similarity is the Jaccard index of the two texts' sets of words.
func similarity(a, b string) float64 {
	wa, wb := map[string]bool{}, map[string]bool{}
	for _, w := range wordRE.FindAllString(strings.ToLower(a), -1) {
		wa[w] = true
	}
	for _, w := range wordRE.FindAllString(strings.ToLower(b), -1) {
		wb[w] = true
	}
	inter := 0
	for w := range wa {
		if wb[w] {
			inter++
		}
	}
	union := len(wa) + len(wb) - inter
	if union == 0 {
		return 1
	}
	return float64(inter) / float64(union)
}

// copiedShare is the share of c's questions that are the same as, or
// differ only in a few words from, a question of one of the others.
func copiedShare(c *model.Checklist, others ...*model.Checklist) float64 {
	var theirs []string
	for _, o := range others {
		for _, it := range o.Items() {
			theirs = append(theirs, it.Text)
		}
	}
	copied := 0
	for _, it := range c.Items() {
		for _, s := range theirs {
			if similarity(it.Text, s) >= 0.8 {
				copied++
				break
			}
		}
	}
	return float64(copied) / float64(c.ItemCount())
}

func TestHuyen2026HasItsOwnSubstance(t *testing.T) {
	h := load2025(t, "ubnd-huyen-2026.2.yaml")
	so1, so2 := loadOld(t, "so-ban-nganh"), load2025(t, "so-ban-nganh-2026.2.yaml")
	if share := copiedShare(h, so1, so2); share >= 0.2 {
		t.Errorf("%.0f%% of the huyện questions copy a sở question, want under 20%%", share*100)
	}
	// The measure finds the copying the review found in the first version.
	if share := copiedShare(loadOld(t, "ubnd-huyen"), so1); share < 0.5 {
		t.Errorf("the measure finds only %.0f%% copied in ubnd-huyen@2026.1", share*100)
	}
	texts := strings.Join(itemTexts(h), "\n")
	for _, s := range []string{"Bộ phận Một cửa cấp xã", "Phòng Tư pháp", "chuẩn hóa", "kiểm tra CCHC", "UBND cấp xã", "cán bộ, công chức cấp xã"} {
		if !strings.Contains(texts, s) {
			t.Errorf("no huyện item deals with %q", s)
		}
	}
	// UBND cấp xã is organised by law: the huyện sets the functions of its
	// own departments, never of the communes.
	setsCommuneFunctions := func(c *model.Checklist) bool {
		for _, it := range c.Items() {
			if strings.Contains(it.Text, "chức năng") && strings.Contains(it.Text, "xã") {
				return true
			}
		}
		return false
	}
	if setsCommuneFunctions(h) {
		t.Error("a huyện item has the huyện set the functions of UBND cấp xã")
	}
	if !setsCommuneFunctions(loadOld(t, "ubnd-huyen")) {
		t.Error("the check does not find what the review found in ubnd-huyen@2026.1")
	}
}

func TestXa2026TwoLevelGovernment(t *testing.T) {
	x := load2025(t, "ubnd-xa-2026.2.yaml")
	texts := strings.Join(itemTexts(x), "\n")
	for _, s := range []string{
		"Trung tâm Phục vụ hành chính công cấp xã",
		"không phụ thuộc vào địa giới hành chính",
		"cấp huyện cũ",
		"viên chức tại các trường học",
		"dôi dư",
		"bố trí",
	} {
		if !strings.Contains(texts, s) {
			t.Errorf("no xã item deals with %q", s)
		}
	}
	if strings.Contains(texts, "UBND huyện") {
		t.Error("a xã item refers to UBND huyện as if it still existed")
	}
}

func TestKiemSoatTTHCSources(t *testing.T) {
	c := load2025(t, "kiem-soat-tthc-2026.1.yaml")
	for _, s := range []string{"02/2017/TT-VPCP", "Điều 35a", "118/2025/NĐ-CP", "63/2010/NĐ-CP"} {
		if !strings.Contains(c.Source, s) {
			t.Errorf("source does not name %s", s)
		}
	}
	// Communes may not prescribe TTHC, so the field on controlling draft
	// rules must allow "không áp dụng" on every item.
	for _, cr := range c.Fields[1].Criteria {
		for _, it := range cr.Items {
			if it.NA == model.NANotAllowed {
				t.Errorf("%s: không áp dụng refused, but cấp xã drafts no TTHC", it.Code)
			}
		}
	}
}

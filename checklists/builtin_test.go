package checklists

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

// mustBuiltin returns the first built-in versions (2026.1 of so-ban-nganh,
// ubnd-huyen and ubnd-xa) by ID: the tests in this file describe their
// content. The later versions are checked in builtin2025_test.go.
func mustBuiltin(t *testing.T) map[string]*model.Checklist {
	t.Helper()
	cls, err := Builtin()
	if err != nil {
		t.Fatalf("Builtin: %v", err)
	}
	m := map[string]*model.Checklist{}
	for _, c := range cls {
		if c.Version == "2026.1" && c.ID != "kiem-soat-tthc" {
			m[c.ID] = c
		}
	}
	return m
}

func TestBuiltinList(t *testing.T) {
	cls, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cls {
		got = append(got, c.Ref()+" "+string(c.Kind))
	}
	want := "kiem-soat-tthc@2026.1 so|so-ban-nganh@2026.1 so|so-ban-nganh@2026.2 so|" +
		"ubnd-huyen@2026.1 huyen|ubnd-huyen@2026.2 huyen|ubnd-xa@2026.1 xa|ubnd-xa@2026.2 xa"
	if strings.Join(got, "|") != want {
		t.Errorf("built-in = %q, want %q", strings.Join(got, "|"), want)
	}
}

// The default field maxima are the QĐ 2948/QĐ-BNV weights (cchc-domain §2.3).
var wantFields = []struct {
	title string
	max   float64
}{
	{"Chỉ đạo, điều hành cải cách hành chính", 10},
	{"Cải cách thể chế", 10},
	{"Cải cách thủ tục hành chính", 14.5},
	{"Cải cách tổ chức bộ máy", 11},
	{"Cải cách chế độ công vụ", 16},
	{"Cải cách tài chính công", 7},
	{"Xây dựng chính quyền điện tử, chính quyền số", 16},
	{"Tác động của cải cách hành chính", 15.5},
}

func TestBuiltinStructure(t *testing.T) {
	for id, c := range mustBuiltin(t) {
		t.Run(id, func(t *testing.T) {
			if c.Max() != model.PointsOf(100) {
				t.Errorf("total max = %s, want 100", c.Max())
			}
			if len(c.Fields) != len(wantFields) {
				t.Fatalf("%d fields, want %d", len(c.Fields), len(wantFields))
			}
			for i, f := range c.Fields {
				w := wantFields[i]
				if f.Code != strconv.Itoa(i+1) || f.Title != w.title || f.Max != model.PointsOf(w.max) {
					t.Errorf("field %d = %s %q max %s, want %d %q max %v", i, f.Code, f.Title, f.Max, i+1, w.title, w.max)
				}
				if f.ItemMax() != f.Max {
					t.Errorf("field %s: items add up to %s, max %s", f.Code, f.ItemMax(), f.Max)
				}
				n := 0
				for _, cr := range f.Criteria {
					n += len(cr.Items)
				}
				if n == 0 {
					t.Errorf("field %s has no items", f.Code)
				}
			}
			if n := c.ItemCount(); n < 60 || n > 90 {
				t.Errorf("%d items, want roughly 60–80", n)
			}
			if c.Hash == "" || len(c.Hash) != 64 || c.Hash != Hash(c) {
				t.Errorf("hash %q is not set or not Hash(c)", c.Hash)
			}
			if !strings.Contains(c.Source, "2948/QĐ-BNV") || !strings.Contains(c.Source, "Hải Dương") || !strings.Contains(c.Source, "1880/QĐ-UBND") {
				t.Errorf("source does not name its sources: %q", c.Source)
			}
			if !strings.Contains(c.Defaults, "MẶC ĐỊNH") || !strings.Contains(c.Defaults, "Sở Nội vụ") {
				t.Errorf("defaults does not say the weights are defaults: %q", c.Defaults)
			}
		})
	}
}

func TestBuiltinItems(t *testing.T) {
	modes := map[model.ScoringMode]int{}
	for id, c := range mustBuiltin(t) {
		texts := []string{c.Title, c.Source, c.Defaults}
		for _, b := range c.Bands {
			texts = append(texts, b.Label)
		}
		for _, f := range c.Fields {
			texts = append(texts, f.Title)
			for _, cr := range f.Criteria {
				texts = append(texts, cr.Title)
				for _, it := range cr.Items {
					modes[it.Scoring]++
					texts = append(texts, it.Text, it.Guidance, it.Evidence, it.LegalBasis)
					if !strings.HasSuffix(it.Text, "?") {
						t.Errorf("%s %s: text is not a question: %q", id, it.Code, it.Text)
					}
					if it.Guidance == "" || it.Evidence == "" {
						t.Errorf("%s %s: no guidance or evidence", id, it.Code)
					}
					if got, ok := c.Item(it.Code); !ok || got.Text != it.Text {
						t.Errorf("%s: Item(%s) does not find the item", id, it.Code)
					}
					if strings.Contains(it.Text+it.Guidance+it.Evidence, "{") {
						t.Errorf("%s %s: unfilled placeholder", id, it.Code)
					}
				}
			}
		}
		for _, s := range texts {
			if !norm.NFC.IsNormalString(s) {
				t.Errorf("%s: not NFC: %q", id, s)
			}
		}
	}
	// The 2026.1 checklists use the four modes that existed then.
	for _, m := range []model.ScoringMode{model.ScoringBinary, model.ScoringPartial, model.ScoringLevels, model.ScoringManual} {
		if modes[m] < 3 {
			t.Errorf("scoring mode %s used %d times; want a mix of modes", m, modes[m])
		}
	}
}

func TestBuiltinSpotChecks(t *testing.T) {
	b := mustBuiltin(t)
	so, huyen, xa := b["so-ban-nganh"], b["ubnd-huyen"], b["ubnd-xa"]

	if so.Fields[2].Code != "3" || so.Fields[2].Max != model.PointsOf(14.5) {
		t.Errorf("so-ban-nganh field 3 max = %s, want 14.5", so.Fields[2].Max)
	}
	// The Cà Mau 1.1.1 rubric: kịp thời 1; không kịp thời 0,5; không ban hành 0.
	it, ok := so.Item("1.1.1")
	if !ok || it.Scoring != model.ScoringLevels || it.Max != 100 || len(it.Levels) != 3 ||
		it.Levels[0].Score != 100 || it.Levels[1].Score != 50 || it.Levels[2].Score != 0 {
		t.Errorf("so 1.1.1 = %+v", it)
	}
	it, _ = so.Item("1.1.4")
	if it.Max != 200 || it.Levels[1].Score != 100 {
		t.Errorf("so 1.1.4 (rate of plan tasks done) = %+v", it)
	}
	// Phiếu xin lỗi (Mẫu 04) is checked under TTHC, citing Thông tư 01/2018/TT-VPCP.
	it, _ = so.Item("3.4.3")
	if !strings.Contains(it.Text, "Mẫu 04") || !strings.Contains(it.LegalBasis, "01/2018/TT-VPCP") || !strings.Contains(it.Guidance, "10 hồ sơ trễ hạn") {
		t.Errorf("so 3.4.3 = %+v", it)
	}
	if so.FieldOf("3.4.3") != 2 || so.FieldOf("9.9.9") != -1 {
		t.Error("FieldOf")
	}

	// Khoán chi hành chính (check 53) is for huyện and xã, not sở.
	hasKhoan := func(c *model.Checklist) bool {
		for _, it := range c.Items() {
			if strings.Contains(it.Text, "khoán chi hành chính") {
				return true
			}
		}
		return false
	}
	if hasKhoan(so) || !hasKhoan(huyen) || !hasKhoan(xa) {
		t.Errorf("khoán chi: so %v huyen %v xa %v, want false true true", hasKhoan(so), hasKhoan(huyen), hasKhoan(xa))
	}
	// Xã has fewer organisational items than sở.
	count := func(c *model.Checklist, field int) int {
		n := 0
		for _, cr := range c.Fields[field].Criteria {
			n += len(cr.Items)
		}
		return n
	}
	if count(xa, 3) >= count(so, 3) {
		t.Errorf("xã field 4 has %d items, sở %d", count(xa, 3), count(so, 3))
	}
	// Huyện and xã are judged on socio-economic targets.
	for _, c := range []*model.Checklist{huyen, xa} {
		if it, _ := c.Item("8.3.1"); !strings.Contains(it.Text, "kinh tế – xã hội") {
			t.Errorf("%s 8.3.1 = %q", c.ID, it.Text)
		}
	}
	if it, _ := xa.Item("3.2.2"); !strings.Contains(it.Text, "Bộ phận Một cửa cấp xã") {
		t.Errorf("xã 3.2.2 = %q", it.Text)
	}
	if !strings.Contains(huyen.Title, "01/7/2025") {
		t.Errorf("huyện title does not say it is for inspections before 1/7/2025: %q", huyen.Title)
	}

	// Bands: Hải Dương 2022 for sở and huyện; 90/80/70/0 for xã.
	bands := func(c *model.Checklist) string {
		var s []string
		for _, b := range c.Bands {
			s = append(s, b.Label+"≥"+strconv.FormatFloat(b.MinPercent, 'f', -1, 64))
		}
		return strings.Join(s, " ")
	}
	if got := bands(so); got != "Tốt≥90 Khá≥80 Trung bình≥0" {
		t.Errorf("so bands = %s", got)
	}
	if got := bands(xa); got != "Tốt≥90 Khá≥80 Trung bình≥70 Yếu≥0" {
		t.Errorf("xa bands = %s", got)
	}
	if so.Classify(85).Label != "Khá" || xa.Classify(65).Label != "Yếu" || xa.Classify(90).Label != "Tốt" {
		t.Error("Classify with the built-in bands")
	}
}

// Every one of the 64 on-site checks (cchc-domain.md §3) is in each
// checklist, marked "# mục N" in the file; check 53 (khoán chi) is not for sở.
func TestBuiltinCoverOnSiteChecks(t *testing.T) {
	re := regexp.MustCompile(`# mục ([0-9, ]+)`)
	for _, name := range []string{"builtin/so-ban-nganh-2026.1.yaml", "builtin/ubnd-huyen-2026.1.yaml", "builtin/ubnd-xa-2026.1.yaml"} {
		data, err := embedded.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[int]bool{}
		for _, m := range re.FindAllStringSubmatch(string(data), -1) {
			for _, s := range strings.Split(m[1], ",") {
				n, _ := strconv.Atoi(strings.TrimSpace(s))
				seen[n] = true
			}
		}
		for n := 1; n <= 64; n++ {
			want := !(n == 53 && name == "builtin/so-ban-nganh-2026.1.yaml")
			if seen[n] != want {
				t.Errorf("%s: on-site check %d present = %v, want %v", name, n, seen[n], want)
			}
		}
	}
}

func TestBuiltinReturnsCopies(t *testing.T) {
	a := mustBuiltin(t)["so-ban-nganh"]
	a.Fields[0].Criteria[0].Items[0].Text = "đã sửa?"
	a.Fields[0].Criteria[0].Items[0].Levels[0].Label = "đã sửa"
	a.Bands[0].Label = "đã sửa"
	b := mustBuiltin(t)["so-ban-nganh"]
	if it, _ := b.Item("1.1.1"); it.Text == "đã sửa?" || it.Levels[0].Label == "đã sửa" || b.Bands[0].Label == "đã sửa" {
		t.Error("Builtin shares data between callers")
	}
	if Hash(b) != b.Hash {
		t.Error("copy hashes differently")
	}
}

func TestHash(t *testing.T) {
	data, err := embedded.ReadFile("builtin/so-ban-nganh-2026.1.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("a.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("b.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	if a.Hash != b.Hash || a.Hash != mustBuiltin(t)["so-ban-nganh"].Hash {
		t.Errorf("hash not stable: %s %s", a.Hash, b.Hash)
	}
	// Comments and layout do not change the hash.
	relaid := bytes.ReplaceAll(data, []byte("# Xếp loại:"), []byte("# Xếp loại (đã sửa chú thích):"))
	relaid = bytes.ReplaceAll(relaid, []byte("max: 10\n"), []byte("max: 10.00\n"))
	c, err := Parse("c.yaml", relaid)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hash != a.Hash {
		t.Error("hash changed with comments or number layout only")
	}
	// Nor does a %YAML directive before the document (it was refused as
	// a second document).
	if y, err := Parse("y.yaml", append([]byte("%YAML 1.2\n---\n"), data...)); err != nil || y.Hash != a.Hash {
		t.Errorf("the checklist after a %%YAML directive: %v", err)
	}
	// A changed text changes it.
	old := "Đơn vị có ban hành Kế hoạch CCHC năm đúng thời hạn không?"
	changed := bytes.Replace(data, []byte(old), []byte("Đơn vị có ban hành Kế hoạch CCHC năm không?"), 1)
	if bytes.Equal(changed, data) {
		t.Fatal("test text not found")
	}
	d, err := Parse("d.yaml", changed)
	if err != nil {
		t.Fatal(err)
	}
	if d.Hash == a.Hash {
		t.Error("hash did not change when a text changed")
	}
	// So does a changed level score.
	e, _ := Parse("e.yaml", data)
	e.Fields[0].Criteria[0].Items[0].Levels[1].Score = 25
	if Hash(e) == a.Hash {
		t.Error("hash did not change when a level changed")
	}
	// Hash ignores the Hash field itself.
	e2, _ := Parse("e.yaml", data)
	e2.Hash = "x"
	if Hash(e2) != a.Hash {
		t.Error("hash depends on the Hash field")
	}
}

func TestKinds(t *testing.T) {
	kinds, err := Kinds()
	if err != nil {
		t.Fatal(err)
	}
	want := []model.KindInfo{
		{Code: "so", Name: "Sở, ban, ngành", NameEN: "Departments and agencies", Order: 1},
		{Code: "huyen", Name: "UBND cấp huyện", NameEN: "District people's committees", Order: 2, Retired: "2025-07-01"},
		{Code: "xa", Name: "UBND cấp xã, phường", NameEN: "Commune and ward people's committees", Order: 3},
		{Code: "dackhu", Name: "UBND đặc khu", NameEN: "Special-zone people's committees", Order: 4},
	}
	if len(kinds) != len(want) {
		t.Fatalf("kinds = %+v", kinds)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Errorf("kind %d = %+v, want %+v", i, kinds[i], want[i])
		}
	}
	kinds[0].Name = "x"
	again, _ := Kinds()
	if again[0].Name != "Sở, ban, ngành" {
		t.Error("Kinds shares its slice")
	}
}

func TestParseKindsErrors(t *testing.T) {
	_, err := parseKinds("k.yaml", []byte("kinds:\n  - code: so\n    name: A\n    order: 1\n  - code: so\n    name: B\n    order: x\n    retired: 2025-13-01\n"))
	want := "k.yaml:5: kind so: code is used twice (first on line 2)\n" +
		"k.yaml:7: kind so: order must be a whole number, not \"x\"\n" +
		"k.yaml:8: kind so: retired \"2025-13-01\" is not a date (write yyyy-mm-dd)"
	if err == nil || en(err) != want {
		t.Errorf("got\n%v\nwant\n%s", err, want)
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/tinh.yaml"
	if err := os.WriteFile(path, edit(map[int]string{4: "kind: tinh"}), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := LoadFile(path)
	if err == nil || en(err) != path+`:4: checklist: unknown kind "tinh" (known kinds: dackhu, huyen, so, xa)` {
		t.Errorf("LoadFile error = %v", err)
	}
	if err := os.WriteFile(path, edit(nil), 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := LoadFile(path)
	if err != nil || c.Ref() != "t@1" {
		t.Errorf("LoadFile = %v, %v", c, err)
	}
	if _, err := LoadFile(dir + "/none.yaml"); !errors.Is(err, fs.ErrNotExist) || model.ErrorCode(err) != model.EFileMissing {
		t.Errorf("missing file: %v", err)
	}
}

func TestVersionLess(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"2026.2", "2026.10", true},
		{"2026.10", "2026.2", false},
		{"2026", "2026.1", true},
		{"2026.1", "2026.1", false},
		{"a", "b", true},
	} {
		if got := versionLess(c.a, c.b); got != c.want {
			t.Errorf("versionLess(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

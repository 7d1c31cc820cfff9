package checklists

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"kiemtra/i18n"
	"kiemtra/model"
)

// exampleWorkbook is a filled-in workbook as a Sở Nội vụ would send it
// back: so-ban-nganh@2026.1 exported, edited (a new id, a changed point
// value typed with a decimal comma, a reworded question, an added
// criterion, a date typed as a date) and saved by LibreOffice Calc.
const exampleWorkbook = "testdata/tieu-chi-vi-du.xlsx"

var update = flag.Bool("update", false, "rewrite "+exampleWorkbook+" (needs LibreOffice Calc: soffice)")

const (
	exampleText211 = "Tỷ lệ văn bản quy phạm pháp luật cơ quan, đơn vị được giao chủ trì soạn thảo đã trình ban hành đúng kế hoạch là bao nhiêu?"
	exampleText171 = "Cơ quan, đơn vị có dùng phần mềm quản lý văn bản để giao và theo dõi nhiệm vụ cải cách hành chính không?"
)

// TestExampleWorkbook loads the example and checks each edit, and that
// nothing else changed. With -update it first makes the example again.
func TestExampleWorkbook(t *testing.T) {
	orig := mustBuiltin(t)["so-ban-nganh"]
	if *update {
		writeExample(t, orig)
	}
	c, err := LoadFile(exampleWorkbook)
	if err != nil {
		t.Fatal(en(err))
	}
	if c.Ref() != "so-ban-nganh-tinh-x@2026.1" || !strings.Contains(c.Title, "tỉnh X") || c.ValidFrom != model.NewDate(2025, 7, 1) {
		t.Errorf("settings: %s %q %s", c.Ref(), c.Title, c.ValidFrom)
	}
	if c.Hash == orig.Hash || c.ItemCount() != orig.ItemCount()+1 || c.Max() != orig.Max() {
		t.Errorf("%d items, max %s", c.ItemCount(), c.Max())
	}
	if it, _ := c.Item("1.1.3"); it.Max != 75 {
		t.Errorf("1.1.3 max %s, want 0.75", it.Max)
	}
	if it, _ := c.Item("2.1.1"); it.Text != exampleText211 {
		t.Errorf("2.1.1 text %q", it.Text)
	}
	f1 := c.Fields[0]
	cr := f1.Criteria[len(f1.Criteria)-1]
	if cr.Code != "1.7" || len(cr.Items) != 1 || f1.Max != model.PointsOf(10) {
		t.Fatalf("field 1 ends with %s (%d items), max %s", cr.Code, len(cr.Items), f1.Max)
	}
	if it := cr.Items[0]; it.Code != "1.7.1" || it.Text != exampleText171 || it.Max != 25 || it.Scoring != model.ScoringBinary ||
		it.NA != model.NANotAllowed || it.Basis() != model.BasisDefault {
		t.Errorf("added item %+v", it)
	}
	for _, want := range orig.Items() {
		got, ok := c.Item(want.Code)
		switch want.Code {
		case "1.1.3":
			want.Max = 75
		case "2.1.1":
			want.Text = exampleText211
		}
		if !ok || !sameItem(got, want) {
			t.Errorf("item %s changed:\n%+v\n%+v", want.Code, got, want)
		}
	}
}

func sameItem(a, b model.Item) bool { return reflect.DeepEqual(a, b) }

// writeExample makes the example: the official's edits with excelize, then
// a save by LibreOffice, so the file is what an office suite writes.
func writeExample(t *testing.T, orig *model.Checklist) {
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, orig, i18n.VI); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	const s, items = "Thông tin chung", "Mục"
	set(t, f, s, "C2", "so-ban-nganh-tinh-x")
	set(t, f, s, "C4", orig.Title+" (tỉnh X, ví dụ)")
	set(t, f, s, "C8", "Ví dụ minh họa cách một Sở Nội vụ sửa bộ tiêu chí mặc định của kiemtra; các thay đổi không lấy từ văn bản nào. "+orig.Source)
	set(t, f, s, "C6", time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC))
	dateStyle, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(s, "C6", "C6", dateStyle); err != nil {
		t.Fatal(err)
	}
	row := func(code string) int {
		rows, err := f.GetRows(items)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if len(r) > 3 && r[3] == code {
				return i + 1
			}
		}
		t.Fatalf("no row for %s", code)
		return 0
	}
	set(t, f, items, cell(6, row("1.1.3")), "0,75")
	set(t, f, items, cell(5, row("2.1.1")), exampleText211)
	r := row("1.6.1") + 1
	if err := f.InsertRows(items, r, 1); err != nil {
		t.Fatal(err)
	}
	for col, v := range map[int]string{2: "1.7", 3: "Ứng dụng công nghệ thông tin trong chỉ đạo, điều hành cải cách hành chính",
		4: "1.7.1", 5: exampleText171, 6: "0,25", 7: "đạt hoặc chưa đạt", 9: "không cho phép",
		10: "Xem trên phần mềm một nhiệm vụ cải cách hành chính đã giao trong năm và việc theo dõi nó.",
		11: "Màn hình phần mềm quản lý văn bản; phiếu giao việc", 14: "có"} {
		set(t, f, items, cell(col, r), v)
	}
	dir := t.TempDir()
	edited := filepath.Join(dir, filepath.Base(exampleWorkbook))
	if err := f.SaveAs(edited); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"), "--headless",
		"--convert-to", "xlsx:Calc Office Open XML", "--outdir", out, edited)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(filepath.Join(out, filepath.Base(exampleWorkbook)))
	if err != nil {
		t.Fatalf("LibreOffice wrote nothing: %v", err)
	}
	if err := os.WriteFile(exampleWorkbook, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

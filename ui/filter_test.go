package ui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"kiemtra/i18n"
	"kiemtra/model"
)

// chooseFilter opens the chooser and applies filter f.
func chooseFilter(t *testing.T, a App, f int) App {
	t.Helper()
	a = keys(t, a, "f")
	if !a.checklist.choosing {
		t.Fatal("f did not open the filter chooser")
	}
	for a.checklist.choice != f {
		a = keys(t, a, "down")
	}
	return keys(t, a, "enter")
}

// shownItems are the item codes the list shows.
func shownItems(a App) []string {
	var out []string
	for _, i := range a.checklist.visible(a.sess) {
		out = append(out, a.sess.items[i].Code)
	}
	return out
}

func TestFiltersShowOnlyWhatNeedsAttention(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	base := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	// A file attached to the second item, so "có tệp đính kèm" keeps it.
	withFile := base.sess.items[1].Code
	photo := filepath.Join(t.TempDir(), "bảng niêm yết.png")
	if err := os.WriteFile(photo, []byte("\x89PNG\r\n\x1a\n"+strings.Repeat("x", 100)), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := db.AttachEvidence(t.Context(), "Nguyễn Thị Hương", base.sess.assessment.ID, withFile, photo); err != nil {
		t.Fatal(err)
	}
	base = openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	fs, err := db.Findings(t.Context(), base.sess.assessment.ID)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]model.Content{}
	for _, f := range fs {
		byCode[f.ItemCode] = f.Content()
	}
	// What each filter must keep, worked out from the stored findings.
	want := map[string]func(string, model.Content) bool{
		"ui.filter.unassessed": func(_ string, c model.Content) bool { return !c.Result.Answered() },
		"ui.filter.fail":       func(_ string, c model.Content) bool { return c.Result == model.ResultFail },
		"ui.filter.partial":    func(_ string, c model.Content) bool { return c.Result == model.ResultPartial },
		"ui.filter.no_note": func(_ string, c model.Content) bool {
			return c.Result == model.ResultFail && strings.TrimSpace(c.Note) == ""
		},
		"ui.filter.recommendation": func(_ string, c model.Content) bool { return c.Recommendation != "" },
		"ui.filter.files":          func(code string, _ model.Content) bool { return code == withFile },
	}
	for f := 1; f < len(itemFilters); f++ {
		name := i18n.New(i18n.VI).T(itemFilters[f].name)
		var codes []string
		for _, it := range base.sess.items {
			if want[itemFilters[f].name](it.Code, byCode[it.Code]) {
				codes = append(codes, it.Code)
			}
		}
		a := keys(t, base, "f")
		requireContains(t, a, name+" (")
		if len(codes) == 0 {
			a = chooseFilter(t, base, f)
			if a.checklist.filtering() {
				t.Fatalf("%s keeps nothing but was applied", name)
			}
			requireStatus(t, a, "Không có mục nào thuộc “"+name+"”.")
			continue
		}
		a = chooseFilter(t, base, f)
		got := shownItems(a)
		if !a.checklist.filtering() || strings.Join(got, " ") != strings.Join(codes, " ") {
			t.Fatalf("%s shows %v, want %v", name, got, codes)
		}
		// The header names the filter and its count.
		header := strings.Split(screen(a), "\n")[0]
		if !strings.Contains(header, "Lọc: "+name) || !strings.Contains(header, "("+strconv.Itoa(len(codes))+")") {
			t.Fatalf("%s: header %q", name, header)
		}
		// Moving stays within the filter, across fields.
		for range codes {
			a = keys(t, a, "down")
			if !want[itemFilters[f].name](cursorItem(a).Code, byCode[cursorItem(a).Code]) {
				t.Fatalf("%s: down reached %s, which the filter does not keep", name, cursorItem(a).Code)
			}
		}
		// esc clears the filter, a second esc leaves the checklist.
		a = keys(t, a, "esc")
		if a.checklist.filtering() || a.screen != screenChecklist {
			t.Fatalf("esc under a filter: filtering %v, screen %s", a.checklist.filtering(), a.screen)
		}
		if a = keys(t, a, "esc"); a.screen != screenStart {
			t.Fatalf("a second esc: screen %s", a.screen)
		}
	}
}

// TestFilterNextKeysStayWithin: under "chưa đánh giá", answering moves to
// the next item not assessed and the answered one leaves the list; n and
// ! stay within the filter, and say so when nothing is left in it.
func TestFilterNextKeysStayWithin(t *testing.T) {
	t.Parallel()
	db := openStore(t, true, "Nguyễn Thị Hương")
	a := openDemoUnit(t, newTestApp(t, db, i18n.VI, 120, 40), "SYT")
	a = chooseFilter(t, a, 1) // chưa đánh giá
	before := len(shownItems(a))
	first := cursorItem(a).Code
	a = keys(t, a, "1")
	if cursorItem(a).Code == first || a.sess.content[cursorItem(a).Code].Result.Answered() {
		t.Fatalf("after 1 the cursor is on %s", cursorItem(a).Code)
	}
	if got := len(shownItems(a)); got != before-1 {
		t.Fatalf("the list holds %d items after answering one of %d", got, before)
	}
	// ! under "chưa đạt": the next failed item without a note.
	b := keys(t, a, "esc")
	b = keys(t, b, "3") // a failed item with no note yet: the editor opens on the note
	b = keys(t, b, "esc")
	gapCode := cursorItem(b).Code
	if !b.sess.content[gapCode].NeedsNote() {
		t.Fatalf("%s does not lack a note", gapCode)
	}
	b = chooseFilter(t, b, 2) // chưa đạt
	b = keys(t, b, "home", "!")
	if c := b.sess.content[cursorItem(b).Code]; !c.NeedsNote() {
		t.Fatalf("! under chưa đạt reached %s: %+v", cursorItem(b).Code, c)
	}
	// n under "chưa đạt": nothing there is unassessed.
	b = keys(t, b, "n")
	requireStatus(t, b, "Không còn mục chưa đánh giá trong bộ lọc “Chưa đạt”.")
}

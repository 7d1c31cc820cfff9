package i18n

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"kiemtra/model"
)

var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*\d*(\.\d+)?[vsdqfgxXtT%]`)

func verbs(s string) []string {
	v := verb.FindAllString(s, -1)
	sort.Strings(v)
	return v
}

// TestCatalogueComplete checks every message has both languages, valid
// NFC UTF-8, and the same placeholders in each.
func TestCatalogueComplete(t *testing.T) {
	keys := Keys()
	if len(keys) < 10 {
		t.Fatalf("only %d keys registered", len(keys))
	}
	for _, k := range keys {
		e, _ := Lookup(k)
		for lang, s := range map[string]string{"vi": e.VI, "en": e.EN} {
			if strings.TrimSpace(s) == "" {
				t.Errorf("%s: empty %s text", k, lang)
			}
			if !utf8.ValidString(s) || !norm.NFC.IsNormalString(s) {
				t.Errorf("%s: %s text is not NFC UTF-8", k, lang)
			}
		}
		if a, b := strings.Join(verbs(e.VI), " "), strings.Join(verbs(e.EN), " "); a != b {
			t.Errorf("%s: placeholders differ: vi %q, en %q", k, a, b)
		}
	}
}

func TestT(t *testing.T) {
	register(map[string]Entry{"test.hello": {VI: "Xin chào %s", EN: "Hello %s"}})
	if got := New(VI).T("test.hello", "Hương"); got != "Xin chào Hương" {
		t.Errorf("vi: %q", got)
	}
	if got := New(EN).T("test.hello", "Huong"); got != "Hello Huong" {
		t.Errorf("en: %q", got)
	}
	if got := New("").T("no.such.key"); got != "[no.such.key]" {
		t.Errorf("missing: %q", got)
	}
}

func TestParseLang(t *testing.T) {
	for in, want := range map[string]Lang{"vi": VI, "EN": EN, "vi_VN.UTF-8": VI, "en-US": EN} {
		got, err := ParseLang(in)
		if err != nil || got != want {
			t.Errorf("ParseLang(%q) = %q, %v", in, got, err)
		}
	}
	if _, err := ParseLang("fr"); err == nil {
		t.Error("fr accepted")
	}
}

// TestEveryCodeHasWords checks each model.Code has a message in both
// languages, with the same number of params, and that Err fills them.
func TestEveryCodeHasWords(t *testing.T) {
	for _, code := range model.Codes {
		e, ok := Lookup("e." + string(code))
		if !ok {
			t.Errorf("code %s: no message e.%s", code, code)
			continue
		}
		if a, b := paramCount(e.VI), paramCount(e.EN); a != b {
			t.Errorf("code %s: vi shows %d params, en %d", code, a, b)
		}
	}
	for _, k := range Keys() {
		if strings.HasPrefix(k, "e.") && !slices.Contains(model.Codes, model.Code(strings.TrimPrefix(k, "e."))) {
			t.Errorf("message %s has no model.Code", k)
		}
	}
	err := fmt.Errorf("save: %w", model.NewError(model.ESeqReused, nil, "3f2a91c0", "7"))
	if got, want := New(VI).Err(err), "gói số 7 của thiết bị 3f2a91c0 đã được nhận với nội dung khác (máy gửi đã khôi phục từ bản sao lưu?)."; got != want {
		t.Errorf("vi: %q, want %q", got, want)
	}
	if got, want := New(EN).Err(err), "bundle 7 of device 3f2a91c0 was already received with different content (was the sender restored from a backup?)."; got != want {
		t.Errorf("en: %q, want %q", got, want)
	}
	if got := New(EN).Err(model.NewError(model.EDiskFull, nil)); !strings.Contains(got, "the disk is full (?)") {
		t.Errorf("missing param not marked: %q", got)
	}
	if got := New(EN).Err(fmt.Errorf("open: %w", os.ErrNotExist)); got != "there is no file or folder ?." {
		t.Errorf("fs fallback: %q", got)
	}
}

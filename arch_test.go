package main

import (
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// allowedImports is the house's shape: for each package of ours, the
// packages of ours it may import (README "Architecture", CONTRIBUTING.md).
// A test file may import more (ui's tests use a real store), so only
// non-test files are read.
var allowedImports = map[string][]string{
	".":                       {"ui", "cli", "store", "checklists", "report", "i18n", "internal/termin", "internal/opener"},
	"cli":                     {"store", "checklists", "report", "i18n", "internal/safefile", "model"},
	"ui":                      {"i18n", "model"},
	"report":                  {"i18n", "internal/safefile", "model"},
	"store":                   {"store/bundle", "internal/safefile", "model"},
	"store/bundle":            {"model"},
	"store/bundle/bundletest": {"store/bundle", "model"},
	"internal/safefile":       {"model"},
	"internal/termin":         {},
	"internal/opener":         {"model"},
	"checklists":              {"i18n", "model"},
	"i18n":                    {"model"},
	"model":                   {},
	"scripts/internal/bench":  {"store", "model"},
	"scripts/internal/soak":   {"store", "model"},
}

// forbiddenStd are outside imports a package must never have, whatever
// its arrows: the domain does no I/O through a database, the codec reads
// untrusted bytes without one, and the store never draws on a terminal.
var forbidden = map[string][]string{
	"model":        {"database/sql", "os", "github.com/"},
	"store/bundle": {"database/sql"},
	"store":        {"github.com/charmbracelet/"},
}

func TestImportsPointTowardsModel(t *testing.T) {
	seen := map[string]bool{}
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && path != "." || d.Name() == "testdata" {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		pkg := filepath.ToSlash(filepath.Dir(path))
		seen[pkg] = true
		allowed, ok := allowedImports[pkg]
		if !ok {
			t.Errorf("%s: package %s is not in the house's shape (add it to README, CONTRIBUTING.md and this test)", path, pkg)
			return nil
		}
		f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			for _, bad := range forbidden[pkg] {
				if p == bad || strings.HasSuffix(bad, "/") && strings.HasPrefix(p, bad) {
					t.Errorf("%s imports %s, which package %s must never import", path, p, pkg)
				}
			}
			ours, ok := strings.CutPrefix(p, "kiemtra/")
			if !ok {
				continue
			}
			if !contains(allowed, ours) {
				t.Errorf("%s imports %s: %s → %s is not an arrow of the house", path, p, pkg, ours)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var missing []string
	for pkg := range allowedImports {
		if !seen[pkg] {
			missing = append(missing, pkg)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("packages in the shape but not in the tree: %v", missing)
	}
	if _, err := os.Stat("go.mod"); err != nil {
		t.Fatal("run from the module root")
	}
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

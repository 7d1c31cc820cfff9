package main

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// readmeMarker introduces an example in README.md taken from a file the
// tests produce or load: "sample" blocks are the file's text verbatim
// (the first lines of a golden document, say), "abridged" blocks are some
// of its lines, in order. Either way the README cannot show what the
// program no longer prints or reads.
var readmeMarker = regexp.MustCompile("(?m)^<!-- (sample|abridged): (\\S+) -->\n```[a-z]*\n((?s:.*?))```\n")

func TestReadmeExamplesAreTheProgramsOwn(t *testing.T) {
	readme, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := readmeMarker.FindAllStringSubmatch(string(readme), -1)
	if len(blocks) < 4 {
		t.Fatalf("README.md has %d marked examples, want the plan and the three documents", len(blocks))
	}
	if n := strings.Count(string(readme), "<!-- sample:") + strings.Count(string(readme), "<!-- abridged:"); n != len(blocks) {
		t.Fatalf("README.md has %d example markers but %d are followed by a fenced block", n, len(blocks))
	}
	for _, b := range blocks {
		kind, path, text := b[1], b[2], b[3]
		src, err := os.ReadFile(path)
		if err != nil {
			t.Errorf("README.md example from %s: %v", path, err)
			continue
		}
		switch kind {
		case "sample":
			if !strings.Contains(string(src), text) {
				t.Errorf("README.md's sample of %s is not in that file (regenerate the golden, then copy it again)", path)
			}
		case "abridged":
			lines := strings.Split(string(src), "\n")
			i := 0
			for _, l := range strings.Split(strings.TrimSuffix(text, "\n"), "\n") {
				for i < len(lines) && lines[i] != l {
					i++
				}
				if i == len(lines) {
					t.Errorf("README.md's example from %s: line %q is not in that file, or not in its order", path, l)
					break
				}
				i++
			}
		}
	}
}

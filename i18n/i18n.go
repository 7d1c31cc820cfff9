// Package i18n is kiemtra's one catalogue of user-facing text, in
// Vietnamese (the default) and English. Every message a person reads — on
// screen, on the command line, in a report — comes from here, so a
// translation is never missing or duplicated in a corner of the code.
//
// Messages are registered by key, grouped in files by the part of the app
// that shows them (cli.go, ui.go, report.go, sync.go). Each entry gives the
// Vietnamese and English text; placeholders use fmt verbs and must match
// across the two languages (a test checks it).
package i18n

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
)

// Lang is a language code.
type Lang string

// The supported languages.
const (
	VI Lang = "vi"
	EN Lang = "en"
)

// ParseLang reads a language code ("vi", "en", "vi_VN.UTF-8", "en-US").
func ParseLang(s string) (Lang, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch {
	case s == "vi" || strings.HasPrefix(s, "vi_") || strings.HasPrefix(s, "vi-"):
		return VI, nil
	case s == "en" || strings.HasPrefix(s, "en_") || strings.HasPrefix(s, "en-"):
		return EN, nil
	}
	return "", fmt.Errorf("unknown language %q (use vi or en)", s)
}

// Entry is one message in both languages.
type Entry struct{ VI, EN string }

var (
	mu      sync.RWMutex
	entries = map[string]Entry{}
)

// register adds messages; a key registered twice is a programming error
// caught at start-up.
func register(m map[string]Entry) {
	mu.Lock()
	defer mu.Unlock()
	for k, v := range m {
		if _, dup := entries[k]; dup {
			panic("i18n: duplicate key " + k)
		}
		entries[k] = v
	}
}

// Keys lists every registered key, sorted (for tests).
func Keys() []string {
	mu.RLock()
	defer mu.RUnlock()
	out := make([]string, 0, len(entries))
	for k := range entries {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Lookup returns a key's entry.
func Lookup(key string) (Entry, bool) {
	mu.RLock()
	defer mu.RUnlock()
	e, ok := entries[key]
	return e, ok
}

// Catalog renders messages in one language.
type Catalog struct{ Lang Lang }

// New returns a catalogue for lang (Vietnamese if lang is empty).
func New(lang Lang) Catalog {
	if lang == "" {
		lang = VI
	}
	return Catalog{Lang: lang}
}

// T returns the message for key, formatted with args. A missing key returns
// the key itself in brackets, visible in tests rather than silently blank.
func (c Catalog) T(key string, args ...any) string {
	e, ok := Lookup(key)
	if !ok {
		return "[" + key + "]"
	}
	s := e.VI
	if c.Lang == EN {
		s = e.EN
	}
	if len(args) == 0 {
		return s
	}
	return fmt.Sprintf(s, args...)
}

// FromEnv picks the language from KIEMTRA_LANG, defaulting to Vietnamese.
func FromEnv() Lang {
	if v := os.Getenv("KIEMTRA_LANG"); v != "" {
		if l, err := ParseLang(v); err == nil {
			return l
		}
	}
	return VI
}

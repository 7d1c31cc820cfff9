package i18n

import "fmt"

// English words change with a count ("1 failed item lacks a note", "2
// failed items lack a note"); Vietnamese words do not ("1 mục", "2 mục").
// A message that shows a count before a noun is registered as a Plural and
// shown with TN, never with T and a "(s)". A message with several counts
// names them as labels ("new: 3, already present: 1") rather than as
// nouns, so no count decides another's form.

// Plural is a message whose English text depends on a count: One for
// exactly one, Other for every other count (0, 2, and also 1,5 points).
// The Vietnamese text is the same for every count.
type Plural struct{ VI, One, Other string }

// ones holds the English One forms; entries holds VI and Other as for any
// message, so Lookup, Keys and T see a plural message like any other.
var ones = map[string]string{}

// registerPlural adds plural messages.
func registerPlural(m map[string]Plural) {
	es := make(map[string]Entry, len(m))
	for k, p := range m {
		es[k] = Entry{VI: p.VI, EN: p.Other}
	}
	register(es)
	mu.Lock()
	defer mu.Unlock()
	for k, p := range m {
		ones[k] = p.One
	}
}

// LookupOne returns the English form of a plural message for a count of
// one, and whether key is a plural message.
func LookupOne(key string) (string, bool) {
	mu.RLock()
	defer mu.RUnlock()
	s, ok := ones[key]
	return s, ok
}

// TN is the message for key about n things, formatted with args; with no
// args it is formatted with n alone. In English a plural message takes its
// One form when n is 1. A key that is not a plural message is shown as T
// shows it, so a call site never has to know which kind it names.
func (c Catalog) TN(key string, n int, args ...any) string {
	if len(args) == 0 {
		args = []any{n}
	}
	if c.Lang == EN && n == 1 {
		if s, ok := LookupOne(key); ok {
			return fmt.Sprintf(s, args...)
		}
	}
	return c.T(key, args...)
}

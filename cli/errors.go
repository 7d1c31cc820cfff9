package cli

import (
	"errors"
	"fmt"

	"kiemtra/checklists"
	"kiemtra/i18n"
)

// Errors a command returns reach the person as one line on stderr. There
// is one vocabulary: a problem with a model.Code (anything the store, the
// file writer or the report meet) is worded by the catalogue from its code
// and params (i18n.Catalog.Err); a mistake in how the command was typed is
// a UsageError, and a situation only the command line meets (an inspection
// ID that matches nothing, a year without inspections) a Failure, both
// holding a catalogue message. No message is made from another error's
// text.

// UsageError is a mistake in how the command was typed (exit status 2).
// Msg is a catalogue message in the person's language.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Usage makes a UsageError from a finished catalogue message.
func Usage(msg string) error { return &UsageError{msg} }

// Failure is a problem only the command line meets, with its catalogue
// message in the person's language (exit status 1). Err, if any, is the
// cause, kept for the log and errors.Is.
type Failure struct {
	Msg string
	Err error
}

func (e *Failure) Error() string { return e.Msg }

// Unwrap returns the cause.
func (e *Failure) Unwrap() error { return e.Err }

// Fail makes a Failure from the catalogue message key, with cause (nil is
// allowed) behind it.
func (env *Env) Fail(cause error, key string, args ...any) error {
	return &Failure{Msg: env.T.T(key, args...), Err: cause}
}

// Message is the line a person reads for err: a UsageError's or a
// Failure's message, a checklist or plan file's problems (FILE:LINE:
// problem, one a line, as editors read them), else the catalogue's words
// for the error's code.
func Message(t i18n.Catalog, err error) string {
	var ue *UsageError
	if errors.As(err, &ue) {
		return ue.Msg
	}
	var f *Failure
	if errors.As(err, &f) {
		return f.Msg
	}
	var list checklists.Errors
	if errors.As(err, &list) {
		return list.Render(t)
	}
	var one checklists.Error
	if errors.As(err, &one) {
		return one.Render(t)
	}
	return t.Err(err)
}

// Explain is the catalogue's words for err's code.
//
// Deprecated: use env.T.Err (or Message, for errors a command returns).
func Explain(t i18n.Catalog, err error) string { return t.Err(err) }

// Fatal tells the person why kiemtra stops (logging the cause) and returns
// exit status 1: main uses it for what goes wrong around the TUI.
func (env *Env) Fatal(err error) int {
	env.Log.Error("kiemtra", "err", err)
	fmt.Fprintln(env.Stderr, "kiemtra:", Message(env.T, err))
	return 1
}

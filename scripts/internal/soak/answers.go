package main

import (
	"fmt"
	"strings"
	"time"

	"kiemtra/model"
)

// state is the part of an answer the soak sets and checks.
type state struct {
	Result model.Result
	Note   string
}

func (s state) String() string {
	code := s.Result.Code()
	if code == "" {
		code = "unassessed"
	}
	return fmt.Sprintf("%s %q", code, s.Note)
}

// action is one answer sent to the app; possible lists the states the
// database may hold for the item if the action was in flight when killed.
type action struct {
	item   string
	after  state     // the state the screen shows once the action is done
	before state     // the state before it
	prefix bool      // a typed note: any prefix of after.Note may have been saved by the debounce
	acked  bool      // the screen showed it saved
	at     time.Time // when it was sent
}

func (a action) allows(s state) bool {
	if s == a.after || s == a.before {
		return true
	}
	if a.prefix && s.Result == a.after.Result && strings.HasPrefix(a.after.Note, s.Note) {
		return true
	}
	// "3" on an item first stores chưa đạt with the old note, then the
	// editor's text replaces it.
	return a.prefix && s.Result == a.after.Result && s.Note == a.before.Note
}

// state0 is a state per item code.
type state0 map[string]state

package ui

// The editor and the summary are the App's two largest screens (tens of
// kilobytes of text inputs each). Bubble Tea copies the App on every
// message, so the App holds them behind pointers to values that are never
// written in place: every change makes a new value (copy on write). A copy
// of the App still shares nothing it could change, and a keystroke on the
// checklist copies two pointers instead of their bytes.

// resized is the editor laid out for w×h, as a new value.
func (m *editorModel) resized(w, h int) *editorModel {
	e := *m
	e.setSize(w, h)
	return &e
}

// resized is the summary laid out for w×h, as a new value.
func (m *summaryModel) resized(w, h int) *summaryModel {
	s := *m
	s.setSize(w, h)
	return &s
}

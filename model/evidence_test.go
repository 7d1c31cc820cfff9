package model

import (
	"math/rand"
	"testing"
	"time"
)

func TestCurrentAttachmentIsOrderFree(t *testing.T) {
	t0 := time.Date(2023, 5, 4, 9, 0, 0, 0, time.UTC)
	add := Attachment{ID: NewID(), Stamp: Stamp{Revision: "r0", UpdatedAt: t0}}
	rmA := add
	rmA.Removed, rmA.Stamp = true, Stamp{Revision: "rb", BaseRevision: "r0", UpdatedAt: t0.Add(time.Hour), Device: "A"}
	rmB := add
	rmB.Removed, rmB.Stamp = true, Stamp{Revision: "ra", BaseRevision: "r0", UpdatedAt: t0.Add(time.Hour), Device: "B"}
	rmC := add
	rmC.Removed, rmC.Stamp = true, Stamp{Revision: "r9", BaseRevision: "r0", UpdatedAt: t0.Add(2 * time.Hour)}
	if got := CurrentAttachment([]Attachment{add}); got.Removed {
		t.Fatal("an addition alone is removed")
	}
	revs := []Attachment{add, rmA, rmB, rmC}
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 50; i++ {
		r.Shuffle(len(revs), func(i, j int) { revs[i], revs[j] = revs[j], revs[i] })
		got := CurrentAttachment(revs)
		// The earliest removal, then the smaller revision ID: rmB.
		if !got.Removed || got.Revision != "ra" {
			t.Fatalf("order %v: current %s removed=%v", revs, got.Revision, got.Removed)
		}
	}
}

func TestAttachmentCheck(t *testing.T) {
	ok := Attachment{ID: NewID(), AssessmentID: NewID(), ItemCode: "1.1", SHA256: "",
		Name: "a.jpg", Size: 10, Stamp: Stamp{Revision: NewID()}}
	ok.SHA256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	if err := ok.Check(); err != nil {
		t.Fatal(err)
	}
	for name, mut := range map[string]func(*Attachment){
		"folder in name":   func(a *Attachment) { a.Name = "../etc/passwd" },
		"upper-case hash":  func(a *Attachment) { a.SHA256 = "0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef" },
		"short hash":       func(a *Attachment) { a.SHA256 = "0123" },
		"over the limit":   func(a *Attachment) { a.Size = MaxEvidenceBytes + 1 },
		"removal on none":  func(a *Attachment) { a.Removed = true },
		"addition on some": func(a *Attachment) { a.BaseRevision = NewID() },
		"no item":          func(a *Attachment) { a.ItemCode = " " },
	} {
		a := ok
		mut(&a)
		if a.Check() == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

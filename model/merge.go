package model

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strconv"
	"time"
)

// This file is the merge rule for findings, kept pure so that it can be
// property-tested apart from SQLite.
//
// A finding's history is a graph of immutable revisions: each revision has
// its own ID and names the revision(s) it was based on (one for an edit, two
// or more for the revision that resolves a conflict). Merging two databases
// is the union of their graphs; everything else (which revision is current,
// which pairs are in conflict) is a function of that union alone, so merging
// the same bundles again or in another order gives the same result. The one
// thing a merge never does is overwrite: a revision ID already held with
// different content is refused (the rule ODK Central and KoboToolbox use for
// re-submitted instances).

// hashFields hashes length-prefixed fields, so that no field can be shifted
// into its neighbour.
func hashFields(fields ...string) string {
	h := sha256.New()
	for _, s := range fields {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// ContentHash identifies what a finding says (result, score, texts,
// deadline, cases), ignoring who said it and when. Cases count only when
// nonzero, so every finding recorded before deduction items existed keeps
// its hash.
func ContentHash(c Content) string {
	fields := []string{c.Result.Code(), strconv.FormatInt(int64(c.Score), 10), c.Note, c.Evidence,
		c.Recommendation, c.Deadline.ISO()}
	if c.Cases != 0 {
		fields = append(fields, strconv.Itoa(c.Cases))
	}
	return hashFields(fields...)
}

// RevisionHash identifies a whole revision as it was born: its content and
// every field that says where it came from. The same revision ID arriving
// with a different RevisionHash is a forgery or a bug, never an update.
func RevisionHash(f Finding) string {
	at := ""
	if !f.UpdatedAt.IsZero() {
		at = f.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	return hashFields(f.ID, f.AssessmentID, f.ItemCode, ContentHash(f.Content()), f.UpdatedBy, at, f.Device,
		f.Revision, f.BaseRevision)
}

// Rev is one revision of a finding, as far as merging is concerned.
type Rev struct {
	ID      string
	Parents []string // Parents[0] is the base revision; more for a merge revision
	Hash    string   // RevisionHash
	Content string   // ContentHash
	At      time.Time
	// Rank puts some revisions before others whatever their time: a
	// finalized assessment (1) before a draft (0), so a signed record is
	// never displaced by a draft that did not know of it.
	Rank int
}

// RevOf describes a finding revision; merged names the other revisions a
// conflict resolution was based on besides f.BaseRevision.
func RevOf(f Finding, merged ...string) Rev {
	r := Rev{ID: f.Revision, Hash: RevisionHash(f), Content: ContentHash(f.Content()), At: f.UpdatedAt}
	if f.BaseRevision != "" {
		r.Parents = append(r.Parents, f.BaseRevision)
	}
	for _, m := range merged {
		if m != "" && m != f.BaseRevision {
			r.Parents = append(r.Parents, m)
		}
	}
	return r
}

// Later reports whether a is to be shown before b when both are current:
// the higher rank, then the later edit, then the greater revision ID (so
// every database picks the same one).
func Later(a, b Rev) bool {
	if a.Rank != b.Rank {
		return a.Rank > b.Rank
	}
	if !a.At.Equal(b.At) {
		return a.At.After(b.At)
	}
	return a.ID > b.ID
}

// Graph is the set of known revisions of one finding.
type Graph struct {
	revs map[string]Rev
}

// NewGraph makes a graph of revs; a revision ID given twice keeps the
// first, dated by the earlier of the two (see keep).
func NewGraph(revs ...Rev) *Graph {
	g := &Graph{revs: make(map[string]Rev, len(revs))}
	for _, r := range revs {
		g.keep(r)
	}
	return g
}

// keep adds r unless its ID is held; a held revision with the same
// content takes r's time if it is earlier. The same record revision can be
// described by entries from several laptops (RecordRevisionID), each with
// its own time: the earliest is the same whatever order they arrive in.
func (g *Graph) keep(r Rev) {
	h, ok := g.revs[r.ID]
	switch {
	case !ok:
		g.revs[r.ID] = r
	case h.Hash == r.Hash && r.At.Before(h.At):
		h.At = r.At
		g.revs[r.ID] = h
	}
}

// Len is the number of revisions.
func (g *Graph) Len() int { return len(g.revs) }

// Get returns a revision by ID.
func (g *Graph) Get(id string) (Rev, bool) {
	r, ok := g.revs[id]
	return r, ok
}

// Revs returns every revision, ordered by ID.
func (g *Graph) Revs() []Rev {
	out := make([]Rev, 0, len(g.revs))
	for _, r := range g.revs {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

// union returns a new graph holding g's revisions and then o's unknown ones.
func (g *Graph) union(o *Graph) *Graph {
	u := &Graph{revs: make(map[string]Rev, len(g.revs)+len(o.revs))}
	for id, r := range g.revs {
		u.revs[id] = r
	}
	for _, r := range o.revs {
		u.keep(r)
	}
	return u
}

// Heads returns the revisions no other revision is based on, the current
// one (see Later) first.
func (g *Graph) Heads() []Rev {
	based := make(map[string]bool, len(g.revs))
	for _, r := range g.revs {
		for _, p := range r.Parents {
			based[p] = true
		}
	}
	var out []Rev
	for id, r := range g.revs {
		if !based[id] {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return Later(out[i], out[j]) })
	return out
}

// Ancestor reports whether a is b or one of the revisions b was based on,
// directly or through others, as far as g knows them.
func (g *Graph) Ancestor(a, b string) bool {
	seen := map[string]bool{}
	stack := []string{b}
	for len(stack) > 0 {
		id := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if id == a {
			return true
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		if r, ok := g.revs[id]; ok {
			stack = append(stack, r.Parents...)
		}
	}
	return false
}

// RevKind is how one incoming revision relates to what is held.
type RevKind int

// The kinds of incoming revision.
const (
	NoOp        RevKind = iota // the same revision with the same content is held: nothing to do
	Refuse                     // the same revision ID is held with different content: never overwrite
	FastForward                // it descends from everything held (or nothing is held): it replaces the current value
	Older                      // it is an ancestor of a held revision: history only
	Conflict                   // neither it nor a held head descends from the other
)

func (k RevKind) String() string {
	switch k {
	case NoOp:
		return "no-op"
	case Refuse:
		return "refuse"
	case FastForward:
		return "fast-forward"
	case Older:
		return "older"
	case Conflict:
		return "conflict"
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// ClassifyRevision decides one incoming revision against the held graph; incoming
// holds the other revisions that arrived with it, so that ancestry through
// revisions not yet held is followed.
func ClassifyRevision(held, incoming *Graph, in Rev) RevKind {
	u := held.union(incoming)
	if _, ok := u.revs[in.ID]; !ok {
		u.revs[in.ID] = in
	}
	return classify(held, held.Heads(), u, in)
}

func classify(held *Graph, heads []Rev, u *Graph, in Rev) RevKind {
	if h, ok := held.revs[in.ID]; ok {
		if h.Hash == in.Hash {
			return NoOp
		}
		return Refuse
	}
	if len(heads) == 0 {
		return FastForward
	}
	all := true
	for _, h := range heads {
		if !u.Ancestor(h.ID, in.ID) {
			all = false
			break
		}
	}
	if all {
		return FastForward
	}
	for _, h := range heads {
		if u.Ancestor(in.ID, h.ID) {
			return Older
		}
	}
	return Conflict
}

// Pair is two current revisions of one finding that disagree: Current is
// the one shown (see Later), Other the one kept beside it.
type Pair struct{ Current, Other Rev }

// ConflictsOf lists the disagreements among a finding's heads (as returned
// by Graph.Heads, current first): every pair of heads whose contents
// differ, the later of the two as Current. Heads saying the same thing are
// not a conflict. A pair stays in conflict until one side is superseded.
func ConflictsOf(heads []Rev) []Pair {
	var out []Pair
	for i := 0; i < len(heads); i++ {
		for j := i + 1; j < len(heads); j++ {
			if heads[i].Content != heads[j].Content {
				out = append(out, Pair{heads[i], heads[j]})
			}
		}
	}
	return out
}

// Delivery is what became of one record of a bundle, as a receipt says.
type Delivery string

// The outcomes of one record.
const (
	DeliveryPresent  Delivery = "present"  // already held: nothing changed
	DeliveryAccepted Delivery = "accepted" // merged without conflict
	DeliveryConflict Delivery = "conflict" // merged; disagrees with another current revision
	DeliveryRefused  Delivery = "refused"  // a revision ID held with other content; nothing merged
)

// FindingMerge is the result of merging one finding's incoming revisions.
type FindingMerge struct {
	Graph     *Graph // held ∪ incoming (held unchanged if anything was refused)
	Heads     []Rev  // current first
	Current   Rev
	Conflicts []Pair
	Kinds     map[string]RevKind // incoming revision ID → kind
	Refused   []Rev              // incoming revisions refused, by ID
	New       []Rev              // incoming revisions not held before, by ID
	Delivery  Delivery
}

// MergeRevisions merges incoming revisions of one finding into the held
// ones. If any incoming revision is refused, nothing is merged.
func MergeRevisions(held *Graph, incoming []Rev) FindingMerge {
	if held == nil {
		held = NewGraph()
	}
	in := NewGraph(incoming...)
	m := FindingMerge{Kinds: make(map[string]RevKind, len(in.revs))}
	heads, u := held.Heads(), held.union(in)
	for _, r := range in.Revs() {
		k := classify(held, heads, u, r)
		m.Kinds[r.ID] = k
		switch k {
		case Refuse:
			m.Refused = append(m.Refused, r)
		case NoOp:
		default:
			m.New = append(m.New, r)
		}
	}
	if len(m.Refused) > 0 {
		m.Graph = held
		m.Delivery = DeliveryRefused
	} else {
		m.Graph = u
		m.Delivery = DeliveryPresent
		if len(m.New) > 0 {
			m.Delivery = DeliveryAccepted
		}
	}
	m.Heads = m.Graph.Heads()
	if len(m.Heads) > 0 {
		m.Current = m.Heads[0]
	}
	m.Conflicts = ConflictsOf(m.Heads)
	if m.Delivery == DeliveryAccepted {
		isNew := make(map[string]bool, len(m.New))
		for _, r := range m.New {
			isNew[r.ID] = true
		}
		for _, p := range m.Conflicts {
			if isNew[p.Current.ID] || isNew[p.Other.ID] {
				m.Delivery = DeliveryConflict
				break
			}
		}
	}
	return m
}

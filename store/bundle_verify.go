package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"

	"kiemtra/model"
)

// Errors an import refuses a bundle with, besides the ReadBundle ones.
var (
	ErrChecklistUnknown = &model.Error{Code: model.EChecklistUnknown}
	ErrRevisionChanged  = &model.Error{Code: model.ERevisionChanged}
	ErrSeqReused        = &model.Error{Code: model.ESeqReused}
	// ErrUntrusted: a bundle or receipt signed by a key not in
	// trusted_keys; its params are the fingerprint, device and inspector.
	ErrUntrusted = &model.Error{Code: model.EUntrusted}
	// ErrKeyDevice: a trusted key signs for another device.
	ErrKeyDevice = &model.Error{Code: model.EKeyDevice}
)

// untrusted refuses a file signed by a key this database does not trust,
// with what a person needs to decide: the key's fingerprint, the device
// and the inspector it names.
func untrusted(fingerprint, device, inspector string) error {
	return model.NewError(model.EUntrusted, nil, fingerprint, model.ShortID(device), inspector)
}

// verifyBundle runs the checks that need the database, reading only. It
// reports whether the bundle was imported before (a replay).
func verifyBundle(ctx context.Context, q queryer, b *Bundle) (bool, error) {
	m := b.Manifest
	k, ok, err := trustedKey(ctx, q, b.PublicKey)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, untrusted(b.Fingerprint, m.Device, m.Inspector)
	}
	if k.Device != m.Device {
		return false, model.NewError(model.EKeyDevice, fmt.Errorf("key %s is trusted for device %s, the bundle says %s",
			k.Fingerprint, k.Device, m.Device), short(k.Device))
	}
	for _, c := range m.Checklists {
		ref := c.ID + "@" + c.Version
		var h string
		err := q.QueryRowContext(ctx, "SELECT hash FROM checklists WHERE id = ? AND version = ?", c.ID, c.Version).Scan(&h)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return false, model.NewError(model.EChecklistUnknown, nil, ref)
		case err != nil:
			return false, fmt.Errorf("read checklist %s: %w", ref, err)
		case h != c.Hash:
			return false, model.NewError(model.EChecklistChanged, nil, ref)
		}
	}
	var held string
	var relayed bool
	err = q.QueryRowContext(ctx, "SELECT hash, relayed FROM bundles_received WHERE device = ? AND seq = ?", m.Device, m.Seq).Scan(&held, &relayed)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return false, fmt.Errorf("read received bundles: %w", err)
	case held == m.PayloadSHA256:
		return true, nil
	case held != "":
		return false, model.NewError(model.ESeqReused, nil, short(m.Device), strconv.FormatInt(m.Seq, 10))
	}
	if err := checkChains(ctx, q, b); err != nil {
		return false, err
	}
	return false, checkRevisions(ctx, q, b)
}

// checkRevisions refuses a revision held here with other content.
func checkRevisions(ctx context.Context, q queryer, b *Bundle) error {
	revs := make([]string, 0, len(b.Revisions))
	for id := range b.Revisions {
		revs = append(revs, id)
	}
	rows, err := q.QueryContext(ctx, `SELECT revision, new FROM audit WHERE entity = 'finding'
		AND revision IN (SELECT value FROM json_each(?))`, jsonList(revs))
	if err != nil {
		return fmt.Errorf("read revisions: %w", err)
	}
	defer closeRows(rows)
	for rows.Next() {
		var rev, js string
		if err := rows.Scan(&rev, &js); err != nil {
			return fmt.Errorf("read revisions: %w", err)
		}
		var f model.Finding
		if err := json.Unmarshal([]byte(js), &f); err != nil {
			return fmt.Errorf("read revision %s: %w", rev, err)
		}
		if model.RevisionHash(f) != model.RevisionHash(b.Revisions[rev].Finding) {
			return model.NewError(model.ERevisionChanged, fmt.Errorf("item %s", f.ItemCode), short(rev))
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read revisions: %w", err)
	}
	return nil
}

type chainNode struct{ prev, hash string }

// bundleChains is the bundle's audit chains: entries and links, by device
// and entry number.
func bundleChains(b *Bundle) map[string]map[int64]chainNode {
	chains := map[string]map[int64]chainNode{}
	put := func(dev string, seq int64, n chainNode) {
		if chains[dev] == nil {
			chains[dev] = map[int64]chainNode{}
		}
		chains[dev][seq] = n
	}
	for _, e := range b.Payload.Audit {
		put(e.Device, e.DevSeq, chainNode{e.PrevHash, e.Hash})
	}
	for _, l := range b.Payload.Links {
		put(l.Device, l.DevSeq, chainNode{l.PrevHash, l.Hash})
	}
	return chains
}

// checkChains compares the bundle's audit chains with every link held: an
// entry held with another hash was rewritten; a neighbour that does not
// link was inserted or removed.
func checkChains(ctx context.Context, q queryer, b *Bundle) error {
	chains := bundleChains(b)
	devs := make([]string, 0, len(chains))
	for d := range chains {
		devs = append(devs, d)
	}
	sort.Strings(devs)
	for _, dev := range devs {
		held, err := heldChain(ctx, q, dev)
		if err != nil {
			return err
		}
		seqs := make([]int64, 0, len(chains[dev]))
		for s := range chains[dev] {
			seqs = append(seqs, s)
		}
		sort.Slice(seqs, func(i, j int) bool { return seqs[i] < seqs[j] })
		for _, seq := range seqs {
			n := chains[dev][seq]
			if h, ok := held[seq]; ok && (h.hash != n.hash || h.prev != n.prev) {
				return chainBroken(dev, seq, "the entry differs from the one received before (rewritten)")
			}
			if h, ok := held[seq-1]; ok && h.hash != n.prev {
				return chainBroken(dev, seq, "the entry does not follow the one received before it")
			}
			if h, ok := held[seq+1]; ok && h.prev != n.hash {
				return chainBroken(dev, seq, "the entry does not precede the one received after it")
			}
		}
	}
	return nil
}

// chainBroken refuses an entry of device's chain that does not agree with
// what is held; why is for the log.
func chainBroken(device string, seq int64, why string) error {
	return model.NewError(model.EChainBroken, errors.New(why), short(device), strconv.FormatInt(seq, 10))
}

// heldChain is every entry and link of a device's chain held here.
func heldChain(ctx context.Context, q queryer, dev string) (map[int64]chainNode, error) {
	rows, err := q.QueryContext(ctx, `SELECT dev_seq, prev_hash, hash FROM audit WHERE device = ?1
		UNION ALL SELECT dev_seq, prev_hash, hash FROM audit_links WHERE device = ?1`, dev)
	if err != nil {
		return nil, fmt.Errorf("read audit chain: %w", err)
	}
	defer closeRows(rows)
	out := map[int64]chainNode{}
	for rows.Next() {
		var s int64
		var n chainNode
		if err := rows.Scan(&s, &n.prev, &n.hash); err != nil {
			return nil, fmt.Errorf("read audit chain: %w", err)
		}
		out[s] = n
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read audit chain: %w", err)
	}
	return out, nil
}

// recheckChains runs, inside the write transaction, the chain check a
// write committed since verifyBundle could invalidate: an entry of the
// bundle held meanwhile with another hash.
func (t *txn) recheckChains(ctx context.Context, b *Bundle) error {
	st, err := t.PrepareContext(ctx, `SELECT hash FROM audit WHERE device = ?1 AND dev_seq = ?2
		UNION ALL SELECT hash FROM audit_links WHERE device = ?1 AND dev_seq = ?2`)
	if err != nil {
		return fmt.Errorf("read audit chain: %w", err)
	}
	defer closeStmt(st)
	known := map[string]bool{}
	for _, e := range b.Payload.Audit {
		k, ok := known[e.Device]
		if !ok {
			var n int
			if err := t.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM audit WHERE device = ?1)
				+ (SELECT count(*) FROM audit_links WHERE device = ?1)`, e.Device).Scan(&n); err != nil {
				return fmt.Errorf("read audit chain: %w", err)
			}
			k = n > 0
			known[e.Device] = k
		}
		if !k {
			continue
		}
		var h string
		err := st.QueryRowContext(ctx, e.Device, e.DevSeq).Scan(&h)
		if err == nil && h != e.Hash {
			return chainBroken(e.Device, e.DevSeq, "the entry differs from the one received before (rewritten)")
		}
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("read audit chain: %w", err)
		}
	}
	return nil
}

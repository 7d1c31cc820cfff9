package store

import (
	"context"

	"kiemtra/store/bundle"
)

// While one file merges, the next one is staged beside it: its payload's
// hash checked, every record decoded, every signature verified and the
// stage written, on the other core and a connection of its own. Its header
// is checked first (the main connection, before this file's write), so no
// file is staged before its signer is known to be trusted; and it is
// checked again at its turn, against what the files before it merged,
// before its stage is used: the bundle numbers received may have changed,
// the keys and checklists it was staged with must not have.

// bundleAhead is one file read, checked and perhaps staged ahead of its
// turn.
type bundleAhead struct {
	path      string
	res       ImportResult // what the header says
	f         *bundle.File
	closeFile func()
	keys      trustedKeys
	rules     checklistRules
	st        *stage
	err       error         // why the header, the payload or the stage was refused
	staged    bool          // the header passed and staging ran (err is its result)
	done      chan struct{} // closed once staging has ended, or was never started
}

// readHeader opens a file and runs the checks of its header that need the
// database (verifyHeader), reading only.
func (db *DB) readHeader(ctx context.Context, path string) *bundleAhead {
	a := &bundleAhead{path: path, res: ImportResult{File: path}, done: make(chan struct{})}
	f, closeFile, err := openBundleFile(path)
	if err != nil {
		a.err = err
		return a
	}
	a.f, a.closeFile = f, closeFile
	m := f.Manifest
	a.res.Device, a.res.Fingerprint, a.res.Seq, a.res.Inspection = m.Device, f.Fingerprint, m.Seq, m.Title
	a.res.Records = m.Counts.Records()
	err = db.read(ctx, func(q queryer) error {
		pre, err := verifyHeader(ctx, q, f)
		if err != nil {
			return err
		}
		a.keys = pre.keys
		a.res.DeviceName, err = deviceName(ctx, q, m.Device)
		return err
	})
	if err == nil {
		a.rules, err = db.rulesFor(ctx, m)
	}
	a.err = err
	return a
}

// stage checks the payload's hash and decodes it into a stage, if the
// header passed; it closes done either way. A file staged beside the
// merge of the one before it is decoded on one core
// (bundle.DecodeOptions.OneCore), so that the merge keeps the other.
func (db *DB) stage(ctx context.Context, a *bundleAhead, beside bool) {
	defer close(a.done)
	if a.err != nil {
		return
	}
	a.staged = true
	if err := a.f.VerifyPayload(); err != nil {
		a.err = bundleErr(a.path, err)
		return
	}
	st, err := db.stageBundle(ctx, a.f, bundle.DecodeOptions{Trust: a.keys, Rules: a.rules, OneCore: beside}, a.rules)
	if err != nil {
		a.err = bundleErr(a.path, err)
		return
	}
	a.st = st
}

// release removes the stage and closes the file, once staging has ended.
func (db *DB) release(a *bundleAhead) {
	<-a.done
	if a.st != nil {
		if err := a.st.remove(); err != nil {
			db.log.Warn("import stage not removed", "file", a.st.path, "err", err)
		}
		a.st = nil
	}
	if a.closeFile != nil {
		a.closeFile()
		a.closeFile = nil
	}
}

// sameKeys reports whether two sets of trusted keys are the same.
func sameKeys(a, b trustedKeys) bool {
	if len(a) != len(b) {
		return false
	}
	for dev, ks := range a {
		other := b[dev]
		if len(other) != len(ks) {
			return false
		}
		for i := range ks {
			if !ks[i].Equal(other[i]) {
				return false
			}
		}
	}
	return true
}

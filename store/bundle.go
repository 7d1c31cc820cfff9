package store

// The bundle format and its checks live in package store/bundle (untrusted
// input, no database); this file gives its types their store names and
// reads bundle files. Writing a bundle is bundle_write.go, checking one
// against the database bundle_verify.go, merging merge*.go, gaps gaps.go,
// receipts receipt.go; import.go runs an import from end to end.

import (
	"fmt"
	"io"
	"os"
	"runtime/debug"

	"kiemtra/internal/safefile"
	"kiemtra/model"
	"kiemtra/store/bundle"
)

// Bundle types, as package bundle defines them.
type (
	// Manifest describes a bundle; it is what the signature covers.
	Manifest = bundle.Manifest
	// BundleCounts counts a payload's records by kind.
	BundleCounts = bundle.Counts
	// ChecklistRef names a checklist version a bundle's assessments use.
	ChecklistRef = bundle.ChecklistRef
	// InspectionRecord is an inspection with the time it was last changed.
	InspectionRecord = bundle.InspectionRecord
	// ChainLink is one link of a device's audit chain.
	ChainLink = bundle.ChainLink
	// Alias says that a record created twice (two IDs) is one record.
	Alias = bundle.Alias
	// ReceivedRef is a bundle the sender had imported.
	ReceivedRef = bundle.ReceivedRef
	// Payload is a bundle's content.
	Payload = bundle.Payload
	// Bundle is a bundle read and checked, not yet against a database.
	Bundle = bundle.Bundle
)

// BundleFormat is the bundle layout version written.
const BundleFormat = bundle.Format

// Errors a bundle is refused with; each names one problem. Test with
// errors.Is.
var (
	ErrBundleFormat    = bundle.ErrFormat
	ErrBundleVersion   = bundle.ErrVersion
	ErrBundleTruncated = bundle.ErrTruncated
	ErrBundleSignature = bundle.ErrSignature
	ErrBundleHash      = bundle.ErrHash
	ErrBundleContent   = bundle.ErrContent
)

// AppVersion is written into every bundle's manifest; main may set it at
// build time (-ldflags "-X kiemtra/store.AppVersion=1.2.0").
var AppVersion = func() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "devel"
}()

// ReadBundle reads a bundle of the given size and checks everything that
// can be checked without a database (see bundle.Read).
func ReadBundle(r io.ReaderAt, size int64) (*Bundle, error) { return bundle.Read(r, size) }

// ReadBundleFile reads and checks a bundle file (see ReadBundle). Only a
// regular file is read: a pipe or a device would block or never end.
func ReadBundleFile(path string) (*Bundle, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", safefile.Wrap(path, err))
	}
	if !st.Mode().IsRegular() {
		return nil, model.NewError(model.ENotRegular, nil, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", safefile.Wrap(path, err))
	}
	b, err := bundle.Read(f, st.Size())
	if cerr := f.Close(); err == nil && cerr != nil {
		err = cerr
	}
	if err != nil {
		return nil, fmt.Errorf("bundle %s: %w", path, safefile.Wrap(path, err))
	}
	return b, nil
}

// isBundleFile reports whether the file at path starts like a bundle, by
// reading its first bytes only: the bundles of a folder are recognised by
// their content, not their name.
func isBundleFile(path string) (bool, error) {
	head, err := readHead(path, len(bundle.Magic))
	if err != nil {
		return false, err
	}
	return string(head) == bundle.Magic, nil
}

// contentErr refuses a bundle whose content breaks a rule only the
// database can check: record names it, reason says what is wrong.
func contentErr(record, reason string) error {
	return model.NewError(model.EBundleContent, nil, record, reason)
}

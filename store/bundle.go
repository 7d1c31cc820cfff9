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
	// Bundle is a bundle read whole and checked, not yet against a
	// database.
	Bundle = bundle.Bundle
	// Statement is a device's signed account of a bundle it wrote.
	Statement = bundle.Statement
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

// ReadBundle reads a whole bundle of the given size into memory and checks
// everything that can be checked without a database (see bundle.Read):
// for tests and tools; an import streams (DB.Import).
func ReadBundle(r io.ReaderAt, size int64) (*Bundle, error) { return bundle.Read(r, size) }

// ReadBundleFile reads and checks a bundle file into memory (see
// ReadBundle).
func ReadBundleFile(path string) (*Bundle, error) {
	f, closeFile, err := openRegular(path)
	if err != nil {
		return nil, err
	}
	defer closeFile()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read bundle: %w", safefile.Wrap(path, err))
	}
	b, err := bundle.Read(f, st.Size())
	if err != nil {
		return nil, bundleErr(path, err)
	}
	return b, nil
}

// openBundleFile opens a bundle file and checks its header (bundle.Open):
// nothing of the payload is read yet. Only a regular file is read: a pipe
// or a device would block or never end.
func openBundleFile(path string) (*bundle.File, func(), error) {
	f, closeFile, err := openRegular(path)
	if err != nil {
		return nil, nil, err
	}
	st, err := f.Stat()
	if err != nil {
		closeFile()
		return nil, nil, fmt.Errorf("read bundle: %w", safefile.Wrap(path, err))
	}
	bf, err := bundle.Open(f, st.Size())
	if err != nil {
		closeFile()
		return nil, nil, bundleErr(path, err)
	}
	return bf, closeFile, nil
}

// openRegular opens path for reading if it is a regular file, looking
// before it opens (opening a FIFO blocks) and again at what it opened.
func openRegular(path string) (*os.File, func(), error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read bundle: %w", safefile.Wrap(path, err))
	}
	if !st.Mode().IsRegular() {
		return nil, nil, model.NewError(model.ENotRegular, nil, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read bundle: %w", safefile.Wrap(path, err))
	}
	closeFile := func() { _ = f.Close() } // read only: nothing to lose
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() {
		closeFile()
		return nil, nil, model.NewError(model.ENotRegular, err, path)
	}
	return f, closeFile, nil
}

// bundleErr names the file a bundle failure is about.
func bundleErr(path string, err error) error {
	return fmt.Errorf("bundle %s: %w", path, safefile.Wrap(path, err))
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

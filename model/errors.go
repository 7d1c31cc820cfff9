package model

import (
	"context"
	"errors"
	"io/fs"
	"strings"
)

// This file is kiemtra's one error vocabulary, in the manner of
// benbjohnson/wtf's error.go: every problem a person can meet has a Code,
// the values its message shows (a file, a device, an entry) travel beside
// it as Params, and the cause stays behind it for the log. Packages that
// meet the outside world (store with SQLite and files, checklists with
// YAML and Excel) wrap what goes wrong into an *Error; ui and cli find the
// words for a Code in the i18n catalogue (key "e.<code>"), so no message
// is ever made by taking apart another error's text.

// Code is the kind of a problem, stable across versions: tests, logs and
// the catalogue refer to it.
type Code string

// The codes. Each has a message in both languages in i18n/errors.go; the
// comment says what the Params are, in order.
const (
	// EInternal is a failure with no better name (a bug, an unexpected
	// driver error): the log has the cause. Params: none.
	EInternal Code = "internal"
	// ETimeout: the database did not answer in time. Params: none.
	ETimeout Code = "timeout"
	// ECanceled: the work was interrupted (ctrl+c). Params: none.
	ECanceled Code = "canceled"

	// EInvalid: input breaks a rule. Params: what is wrong, in the
	// reader's language when the producer has it (may be empty).
	EInvalid Code = "invalid"
	// EScore: a score the item does not allow. Params: none.
	EScore Code = "score"
	// ENotFound: no such record. Params: what was looked for.
	ENotFound Code = "not_found"
	// EAmbiguous: a shortened ID matches several records. Params: the ID.
	EAmbiguous Code = "ambiguous"
	// EFinalized: the assessment is finalized (read-only). Params: none.
	EFinalized Code = "finalized"
	// EStale: the record changed since it was loaded. Params: none.
	EStale Code = "stale"
	// EGaps: failed items lack a note, so finalizing is refused. Params:
	// the item codes, comma-separated.
	EGaps Code = "gaps"
	// EResolved: the conflict was already resolved. Params: none.
	EResolved Code = "resolved"
	// ENoInspector: no inspector name is set. Params: none.
	ENoInspector Code = "no_inspector"

	// EDiskFull: the disk is full; nothing was changed. Params: the file.
	EDiskFull Code = "disk_full"
	// EReadOnly: the database or folder cannot be written. Params: the file.
	EReadOnly Code = "read_only"
	// EReadOnlyOutdated: a database on read-only media needs a schema
	// update. Params: the file.
	EReadOnlyOutdated Code = "read_only_outdated"
	// EReadOnlyUnclean: a database on read-only media has a journal that
	// cannot be read there. Params: the file.
	EReadOnlyUnclean Code = "read_only_unclean"
	// EBusy: another program holds the database. Params: the file.
	EBusy Code = "busy"
	// ECorrupt: the database file is damaged. Params: the file.
	ECorrupt Code = "corrupt"
	// ENotDatabase: the file is not a kiemtra database. Params: the file.
	ENotDatabase Code = "not_database"
	// ETooNew: written by a newer kiemtra. Params: the file.
	ETooNew Code = "too_new"
	// EPragmas: SQLite refused the durability settings. Params: the file.
	EPragmas Code = "pragmas"
	// EBadPath: a path kiemtra cannot use (holds ? or #). Params: the path.
	EBadPath Code = "bad_path"
	// ENoDatabase: a command that only reads found no database. Params:
	// the path.
	ENoDatabase Code = "no_database"

	// EFileMissing: no such file or folder. Params: the path.
	EFileMissing Code = "file_missing"
	// EPermission: the system refused access. Params: the path.
	EPermission Code = "permission"
	// EExists: the output file exists (--force replaces it). Params: path.
	EExists Code = "exists"
	// ENotRegular: the path is a device, a link, a folder or a pipe, which
	// kiemtra never replaces or reads as a file. Params: the path.
	ENotRegular Code = "not_regular"
	// ETooLarge: a file is over its size limit. Params: the path, the
	// limit in words ("10 MB").
	ETooLarge Code = "too_large"

	// EBundleFormat: not a bundle, or a damaged one. Params: none.
	EBundleFormat Code = "bundle_format"
	// EBundleVersion: a bundle from a newer kiemtra. Params: none.
	EBundleVersion Code = "bundle_version"
	// EBundleTruncated: the bundle is cut short. Params: none.
	EBundleTruncated Code = "bundle_truncated"
	// EBundleSignature: the signature does not match. Params: none.
	EBundleSignature Code = "bundle_signature"
	// EBundleHash: the content does not match its signed hash. Params: none.
	EBundleHash Code = "bundle_hash"
	// EBundleContent: the content is inconsistent or breaks a rule.
	// Params: the record and what is wrong with it.
	EBundleContent Code = "bundle_content"
	// EUntrusted: signed by a key that is not trusted. Params: the
	// fingerprint, the device (short), the inspector named.
	EUntrusted Code = "untrusted"
	// EKeyDevice: the key belongs to another device. Params: the device.
	EKeyDevice Code = "key_device"
	// EKeyMismatch: the key file beside the database is another's. Params:
	// the key file.
	EKeyMismatch Code = "key_mismatch"
	// EBadKeyFile: not a public key file. Params: the file.
	EBadKeyFile Code = "bad_key_file"
	// EChainBroken: an audit chain was rewritten or back-dated. Params: the
	// device (short), the entry number.
	EChainBroken Code = "chain_broken"
	// EChecklistUnknown: a checklist version this database lacks. Params:
	// the checklist ("id@version").
	EChecklistUnknown Code = "checklist_unknown"
	// EChecklistChanged: a checklist ID and version held with other
	// content. Params: the checklist.
	EChecklistChanged Code = "checklist_changed"
	// ERevisionChanged: a revision received before with other content.
	// Params: the revision (short).
	ERevisionChanged Code = "revision_changed"
	// ESeqReused: a device's bundle number received with other content.
	// Params: the device (short), the bundle number.
	ESeqReused Code = "seq_reused"
	// ENothingToBundle: the selection holds nothing. Params: none.
	ENothingToBundle Code = "nothing_to_bundle"
	// EReceiptFormat: not a receipt, or a damaged one. Params: the file.
	EReceiptFormat Code = "receipt_format"
	// EReceiptSignature: the receipt was altered. Params: the file.
	EReceiptSignature Code = "receipt_signature"
	// EReceiptNotOurs: a receipt for another device's bundle. Params: file.
	EReceiptNotOurs Code = "receipt_not_ours"

	// EFormat: a document does not come in the format asked for. Params:
	// the format, the formats it comes in (comma-separated).
	EFormat Code = "format"
	// ENotFolder: a path that must be a folder is a file. Params: the path.
	ENotFolder Code = "not_folder"
	// ETooManyCopies: the export folder already holds every numbered copy
	// of a document kiemtra would write. Params: the folder, the file name.
	ETooManyCopies Code = "too_many_copies"
	// ENoPath: nothing was given where a file or folder is needed. Params:
	// none.
	ENoPath Code = "no_path"
	// ENoBundles: a folder holds no bundle. Params: the folder.
	ENoBundles Code = "no_bundles"
	// EUnitDiffers (a warning): two copies of a unit disagree on its name,
	// kind or address; one was kept. Params: the unit code, the name kept.
	EUnitDiffers Code = "unit_differs"
	// EChecklistDiffers (a warning): two copies of an assessment use
	// different checklist versions; the one held was kept. Params: the unit
	// code, the version held, the version in the bundle.
	EChecklistDiffers Code = "checklist_differs"

	// ENotDemo: kiemtra demo was pointed at a database that is not a demo
	// (it has no demo mark inside). Params: the file.
	ENotDemo Code = "not_demo"

	// Params that name a kind of unit carry its code (a list of kinds: the
	// codes, comma-separated, KindList); the catalogue shows the names.

	// EUnitExists: a unit with this code exists under another name or
	// kind, and adding one never renames or re-kinds it. Params: the code,
	// the name held, the kind held.
	EUnitExists Code = "unit_exists"
	// EUnitInInspection: the unit is already part of the inspection.
	// Params: the unit code.
	EUnitInInspection Code = "unit_in_inspection"
	// EChecklistKind: the checklist is not for this kind of unit. Params:
	// the checklist ("id@version"), the unit's kind, the kinds it is for.
	EChecklistKind Code = "checklist_kind"
	// EKindRetired: the kind of unit no longer exists on the visit's day
	// (UBND cấp huyện from 1 July 2025). Params: the kind, the first day
	// without it (dd/mm/yyyy), the visit's day (dd/mm/yyyy, or the year).
	EKindRetired Code = "kind_retired"
	// EChecklistDate: the checklist version is not meant for a visit on
	// that day. Params: the checklist, the visit's day, the first and last
	// days it is for (dd/mm/yyyy, "…" when open).
	EChecklistDate Code = "checklist_date"
	// ENotFinal: a document that follows the biên bản (the thông báo kết
	// luận) asked of an assessment not finalized. Params: the unit's name.
	ENotFinal Code = "not_final"
	// EBundleTooLarge: a bundle would expand beyond what its size allows
	// (a decompression bomb); refused before it is unpacked. Params: the
	// size it would reach, the limit.
	EBundleTooLarge Code = "bundle_too_large"
	// ERecordTooLarge: one record of a bundle is over the size of a
	// record. Params: the record (its line), the limit.
	ERecordTooLarge Code = "record_too_large"
	// EAuthorship: a revision names another device or person than the
	// audit entry recording it: someone else's work forged. Params: the
	// device (short), the entry number.
	EAuthorship Code = "authorship"
	// EEntrySignature: an audit entry (or statement) is not signed by the
	// key of the device it names. Params: the device (short), the entry.
	EEntrySignature Code = "entry_signature"
	// EEntryUnsigned: an entry of another device carries no signature (an
	// older kiemtra made it) and is not already held here. Params: the
	// device (short), the entry.
	EEntryUnsigned Code = "entry_unsigned"
	// EEntryUntrusted: an entry of a device not trusted here, not already
	// held. Params: the device (short), the entry.
	EEntryUntrusted Code = "entry_untrusted"
	// EAssessmentDiffers (a warning): two copies of a unit's record (its
	// own fields: status, the unit's side, remarks) disagree; the
	// finalized one, else the later, is shown, the other kept in its
	// history. Params: the unit code.
	EAssessmentDiffers Code = "assessment_differs"
	// EDamagedEntry: an entry of this device's own history does not match
	// its hash or its chain: the file was damaged on disk (or edited).
	// Params: the entry number, the record it is about, when it was saved,
	// by whom.
	EDamagedEntry Code = "damaged_entry"
	// EDamagedRecord: a stored record differs from the revision its
	// history says it shows (damaged on disk); kiemtra check --repair
	// restores it from the history. Params: the record.
	EDamagedRecord Code = "damaged_record"

	// ENothingToUndo: an item's finding has no change left to undo.
	// Params: the item code.
	ENothingToUndo Code = "nothing_to_undo"
	// EUnitHasFindings: a unit's visit holds findings, so it is not
	// deleted. Params: the unit code, how many findings.
	EUnitHasFindings Code = "unit_has_findings"
	// EInspectionHasFindings: an inspection holds findings, so it is not
	// deleted. Params: the title, how many findings, in how many units.
	EInspectionHasFindings Code = "inspection_has_findings"
	// ENoOpener: the system has no program to open a file with. Params:
	// the program looked for.
	ENoOpener Code = "no_opener"
	// EEvidenceTooLarge: an evidence file is over MaxEvidenceBytes.
	// Params: the file, its size, the limit (both in words: "31.2 MB").
	EEvidenceTooLarge Code = "evidence_too_large"
	// EBlobHash: a bundle carries an evidence file whose bytes do not
	// match the hash its attachment was signed with. Params: the file's
	// name, the hash's first digits.
	EBlobHash Code = "blob_hash"
	// EEvidenceMissing: an evidence file's bytes have not arrived here yet
	// (it came in a bundle written with --no-files). Params: the file's name.
	EEvidenceMissing Code = "evidence_missing"
	// EDamagedFile: a stored evidence file's bytes no longer match their
	// hash (damaged on disk). Params: the file's name.
	EDamagedFile Code = "damaged_file"
)

// Codes lists every code, for the catalogue's completeness test.
var Codes = []Code{
	EInternal, ETimeout, ECanceled,
	EInvalid, EScore, ENotFound, EAmbiguous, EFinalized, EStale, EGaps, EResolved, ENoInspector,
	EDiskFull, EReadOnly, EReadOnlyOutdated, EReadOnlyUnclean, EBusy, ECorrupt, ENotDatabase, ETooNew,
	EPragmas, EBadPath, ENoDatabase,
	EFileMissing, EPermission, EExists, ENotRegular, ETooLarge,
	EBundleFormat, EBundleVersion, EBundleTruncated, EBundleSignature, EBundleHash, EBundleContent,
	EUntrusted, EKeyDevice, EKeyMismatch, EBadKeyFile, EChainBroken, EChecklistUnknown, EChecklistChanged,
	ERevisionChanged, ESeqReused, ENothingToBundle, EReceiptFormat, EReceiptSignature, EReceiptNotOurs,
	EFormat, ENotFolder, ETooManyCopies,
	ENoPath, ENoBundles, EUnitDiffers, EChecklistDiffers,
	ENotDemo,
	EUnitExists, EUnitInInspection, EChecklistKind, EKindRetired, EChecklistDate,
	ENotFinal,
	EBundleTooLarge, ERecordTooLarge, EAuthorship, EEntrySignature, EEntryUnsigned, EEntryUntrusted,
	EAssessmentDiffers, EDamagedEntry, EDamagedRecord,
	ENothingToUndo, EUnitHasFindings, EInspectionHasFindings, ENoOpener,
	EEvidenceTooLarge, EBlobHash, EEvidenceMissing, EDamagedFile,
}

// Error is a problem with a Code. Params are the values its message shows;
// Err is the cause, kept for the log and for errors.Is/As.
type Error struct {
	Code   Code
	Params []string
	Err    error
}

// NewError makes an *Error with a cause (nil is allowed) and the values its
// message shows.
func NewError(code Code, cause error, params ...string) *Error {
	return &Error{Code: code, Params: params, Err: cause}
}

// Error is for logs and tests: the code, the params, then the cause. People
// read the catalogue's message instead (i18n.Catalog.Err).
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	for _, p := range e.Params {
		b.WriteString(" [")
		b.WriteString(p)
		b.WriteString("]")
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Is makes errors.Is(err, ErrX) true for every *Error of ErrX's code, so
// the sentinels below match errors that carry params and causes.
func (e *Error) Is(target error) bool {
	var t *Error
	if !errors.As(target, &t) {
		return false
	}
	return t.Code == e.Code && len(t.Params) == 0 && t.Err == nil
}

// Sentinels for errors.Is; wrap them with fmt.Errorf("…: %w", ErrX) when no
// params are needed, or make an *Error with NewError when they are.
var (
	ErrNotFound  = &Error{Code: ENotFound}
	ErrScore     = &Error{Code: EScore}
	ErrFinalized = &Error{Code: EFinalized}
	ErrInvalid   = &Error{Code: EInvalid}
	ErrStale     = &Error{Code: EStale}
)

// ErrorCode is the code of the first *Error in err's chain. Errors without
// one are classified by the standard library's own kinds (time-outs,
// cancellation, missing files, permissions); anything else is EInternal.
// A nil error has the code "".
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return ETimeout
	case errors.Is(err, context.Canceled):
		return ECanceled
	case errors.Is(err, fs.ErrNotExist):
		return EFileMissing
	case errors.Is(err, fs.ErrPermission):
		return EPermission
	}
	return EInternal
}

// ErrorParams are the params of the first *Error in err's chain; for an
// error classified by ErrorCode's fallbacks it is the path a *fs.PathError
// names, if any.
func ErrorParams(err error) []string {
	var e *Error
	if errors.As(err, &e) {
		return e.Params
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return []string{pe.Path}
	}
	return nil
}

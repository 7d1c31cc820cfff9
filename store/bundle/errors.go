package bundle

import (
	"errors"
	"fmt"
	"strconv"

	"kiemtra/model"
)

// Errors a bundle is refused with; each names one problem. Test with
// errors.Is: each matches every error of its code, whatever its params.
var (
	ErrFormat      = &model.Error{Code: model.EBundleFormat}
	ErrVersion     = &model.Error{Code: model.EBundleVersion}
	ErrTruncated   = &model.Error{Code: model.EBundleTruncated}
	ErrSignature   = &model.Error{Code: model.EBundleSignature}
	ErrHash        = &model.Error{Code: model.EBundleHash}
	ErrContent     = &model.Error{Code: model.EBundleContent}
	ErrChainBroken = &model.Error{Code: model.EChainBroken}
	ErrTooLarge    = &model.Error{Code: model.EBundleTooLarge}
	// ErrAuthorship: a revision names another device or author than the
	// entry that records it.
	ErrAuthorship = &model.Error{Code: model.EAuthorship}
	// ErrEntrySignature: an entry's signature is not its device's.
	ErrEntrySignature = &model.Error{Code: model.EEntrySignature}
)

// refused is a refusal of the given code with the cause behind it, for the
// log; the code's message needs no params.
func refused(code model.Code, format string, args ...any) error {
	return model.NewError(code, fmt.Errorf(format, args...))
}

// contentErr refuses content that breaks a rule: record names it (a unit
// code, an item code, a short ID, a line number) and reason says what is
// wrong with it. The bundle's author has no language, so the reason is a
// short fixed phrase; the catalogue's message around it is the person's.
func contentErr(record, reason string) error {
	return model.NewError(model.EBundleContent, nil, record, reason)
}

// contentErrBy is contentErr with the error that revealed the problem
// kept behind it for the log.
func contentErrBy(cause error, record, reason string) error {
	return model.NewError(model.EBundleContent, cause, record, reason)
}

// chainErr refuses an audit chain that was altered: the entry of device
// that does not hold, and why, for the log.
func chainErr(device string, seq int64, why string) error {
	return model.NewError(model.EChainBroken, errors.New(why), model.ShortID(device), strconv.FormatInt(seq, 10))
}

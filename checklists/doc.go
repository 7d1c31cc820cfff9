// Package checklists holds kiemtra's built-in CCHC checklists as YAML data
// files embedded in the program, and reads and validates checklist files
// (YAML or Excel workbooks) and inspection plan files into model types.
//
// The full format, with examples, every key and column, and the limits, is
// in FORMAT.md in this directory.
//
// # Reading
//
// LoadFile reads a checklist file, YAML or workbook (told apart by their
// first bytes), refusing non-regular files and files over the limits
// before reading them. Parse and ParseXLSX check data already in memory;
// LoadPlan and ParsePlan do the same for plans. Every rule is written once
// (validate.go), over a small tree of values that the YAML reader
// (yamlread.go) and the workbook reader (xlsxread.go) build, each value
// with its line or cell.
//
// # Errors
//
// A file that breaks the rules gives an Errors value: every problem, each
// with its place (FILE:LINE or FILE:SHEET!CELL) and a catalogue key with
// its arguments, so it reads in either language. Message(err, catalog)
// renders any error of this package for people (Errors line by line, or
// the catalogue's words for a model error such as a file too large);
// Error() is the Vietnamese rendering. errors.Is(err, model.ErrInvalid)
// holds for Errors.
//
// # Writing
//
// WriteXLSX writes a checklist as a workbook an official can edit; reading
// it back with ParseXLSX gives the same content hash.
//
// # Built-in data
//
// Builtin returns the checklists in builtin/ (one file per version,
// <id>-<version>.yaml, never edited once released): so-ban-nganh (sở, ban,
// ngành), ubnd-huyen (UBND cấp huyện, for inspections before 1 July 2025)
// and ubnd-xa (UBND cấp xã, phường), and any newer versions. Their weights
// and thresholds are defaults, stated in each file's source and defaults
// keys: a province replaces them by loading its own checklist file, with
// no code change. Kinds returns the kinds of unit from kinds.yaml.
package checklists

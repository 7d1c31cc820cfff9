package ui

import (
	"context"
	"time"

	"kiemtra/model"
)

// Store is what the TUI needs from the database. *store.DB satisfies it
// (main.go checks it at compile time); ui never imports store itself.
// Errors carry a model code (model.ErrorCode): the screens branch on it
// and show the catalogue's words for it.
type Store interface {
	Setting(ctx context.Context, key string) (string, error)
	SetSetting(ctx context.Context, key, value string) error
	Inspections(ctx context.Context) ([]model.Inspection, error)
	SaveInspection(ctx context.Context, actor string, in model.Inspection) (model.Inspection, error)
	Units(ctx context.Context) ([]model.Unit, error)
	// AddVisit adds a unit to an inspection: a held code must come with
	// its unit's own name and kind (else EUnitExists: nothing is renamed),
	// a unit already in it is refused (EUnitInInspection), and the
	// checklist must fit the visit (model.CheckVisit).
	AddVisit(ctx context.Context, actor, inspectionID string, v model.Visit) (model.Assessment, error)
	InspectionAssessments(ctx context.Context, inspectionID string) ([]model.Assessment, error)
	// InspectionProgress is each assessment's progress, by assessment ID.
	InspectionProgress(ctx context.Context, inspectionID string) (map[string]model.Progress, error)
	Assessment(ctx context.Context, id string) (model.Assessment, error)
	Checklist(ctx context.Context, id, version string) (*model.Checklist, error)
	// HeldChecklists is every checklist version held, with where each
	// came from (built in, or the file it was added from, and when), by
	// ID then version. The checklists are shared: never changed.
	HeldChecklists(ctx context.Context) ([]model.HeldChecklist, error)
	Findings(ctx context.Context, assessmentID string) ([]model.Finding, error)
	SaveFinding(ctx context.Context, f model.Finding) (model.Finding, error)
	SaveUnitSide(ctx context.Context, actor string, a model.Assessment) (model.Assessment, error)
	// SaveVisit records the biên bản's details of a visit (place, day,
	// hours, number, copies, the unit's participants, strengths, the
	// unit's comments); SaveConclusion its thông báo kết luận, which a
	// finalized assessment takes too.
	SaveVisit(ctx context.Context, actor string, a model.Assessment) (model.Assessment, error)
	SaveConclusion(ctx context.Context, actor, assessmentID string, c model.Conclusion) (model.Assessment, error)
	Finalize(ctx context.Context, actor, assessmentID string) (model.Assessment, error)
	Reopen(ctx context.Context, actor, assessmentID, reason string) (model.Assessment, error)
	// UndoFinding takes back the last change to an item's finding, as a
	// new revision based on base (the one on screen); ENothingToUndo when
	// none is left.
	UndoFinding(ctx context.Context, actor, assessmentID, itemCode, base string) (model.Finding, error)
	// FindingChanges is an item's history, oldest first.
	FindingChanges(ctx context.Context, assessmentID, itemCode string) ([]model.FindingChange, error)
	// CorrectUnit shows the unit of code as name and kind from now on
	// (its drafts too; a finalized record keeps the name it was signed
	// with), audited as a revision of the unit.
	CorrectUnit(ctx context.Context, actor, code, name string, kind model.UnitKind) (model.Unit, error)
	// RemoveVisit takes a unit off its inspection, RemoveInspection an
	// inspection off the list: refused while they hold findings
	// (EUnitHasFindings, EInspectionHasFindings), audited.
	RemoveVisit(ctx context.Context, actor, assessmentID string) error
	RemoveInspection(ctx context.Context, actor, inspectionID string) error
	// FindingEvidence lists the files attached to one finding;
	// AttachEvidence attaches the file at path (a regular file within
	// model.MaxEvidenceBytes, else ENotRegular, EEvidenceTooLarge);
	// RemoveEvidence removes one, audited (evidence.go).
	FindingEvidence(ctx context.Context, assessmentID, itemCode string) ([]model.EvidenceFile, error)
	// EvidenceCounts is how many files each item of an assessment has.
	EvidenceCounts(ctx context.Context, assessmentID string) (map[string]int, error)
	AttachEvidence(ctx context.Context, actor, assessmentID, itemCode, path string) (model.Attachment, error)
	RemoveEvidence(ctx context.Context, actor, id string) (model.Attachment, error)
	// CheckIntegrity reads the whole database for damage; it runs once,
	// after the first screen (integrity.go).
	CheckIntegrity(ctx context.Context) error
}

// settingInspector is the settings key of the inspector's name (the same
// key as store.SettingInspector, checked in a test).
const settingInspector = "inspector"

// Exporter writes documents to files for the inspector to print or send.
// Every method returns the full path of the file written, which never
// replaces an existing file. Errors carry a model code.
type Exporter interface {
	// ExportDir is the folder files are written to.
	ExportDir() string
	// ExportUnit writes the record (biên bản) of one assessment; format is
	// one of unitFormats.
	ExportUnit(ctx context.Context, assessmentID, format string) (string, error)
	// ExportSummary writes the consolidated summary of one inspection;
	// format is one of summaryFormats.
	ExportSummary(ctx context.Context, inspectionID, format string) (string, error)
	// ExportConclusion writes the thông báo kết luận of a finalized
	// assessment; ExportReport the báo cáo kết quả kiểm tra of an
	// inspection. format is one of conclusionFormats, reportFormats.
	ExportConclusion(ctx context.Context, assessmentID, format string) (string, error)
	ExportReport(ctx context.Context, inspectionID, format string) (string, error)
	// ReportNarrative is the báo cáo's paragraphs as generated from the
	// inspection's records, for its form to start from.
	ReportNarrative(ctx context.Context, inspectionID string) (model.Narrative, error)
}

// Importer merges bundle files from other devices and settles the
// conflicts they leave. Errors, and the refusal of a file in an outcome
// (model.ImportedFile.Err), carry a model code.
type Importer interface {
	// ImportPath imports the bundle file at path, or every bundle in the
	// folder at path. A refused file is reported in the outcome; the error
	// is for the path itself or the database.
	ImportPath(ctx context.Context, path string) (model.ImportOutcome, error)
	// ConflictViews lists the open conflicts, this computer's value first.
	ConflictViews(ctx context.Context) ([]model.ConflictView, error)
	// ResolveConflict settles a conflict with the chosen content; the
	// store records who decided in the audit log.
	ResolveConflict(ctx context.Context, actor, conflictID string, chosen model.Content) (model.Finding, error)
}

// Every store call happens in a tea.Cmd. Command constructors copy what
// they need into the closure (strings, structs, the interface values),
// never a pointer into a model, so a command running on its own goroutine
// never races with Update.

// opTimeout bounds one store call; SQLite's busy timeout is 5 s.
const opTimeout = 15 * time.Second

func opCtx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), opTimeout)
}

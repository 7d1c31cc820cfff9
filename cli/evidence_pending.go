package cli

import (
	"fmt"

	"kiemtra/model"
	"kiemtra/store"
)

// evidenceWaiting is how a list marks an attachment or a removal that
// waits for its finalized assessment to be reopened ("" for one that does
// not wait).
func evidenceWaiting(env *Env, r store.EvidenceRow) string {
	switch {
	case r.Pending && r.Removed:
		return env.T.T("cli.evidence_list.pending_add")
	case r.Pending:
		return env.T.T("cli.evidence_list.pending_remove", r.UpdatedBy, env.T.When(r.UpdatedAt.Local()))
	}
	return ""
}

// printPendingEvidence lists, after the conflicts, the evidence files
// changed on a laptop that had not seen their assessment's finalization.
func printPendingEvidence(env *Env, rows []store.EvidenceRow) {
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(env.Stdout, env.T.T("cli.evidence_pending.head", len(rows)))
	for _, r := range rows {
		fmt.Fprintf(env.Stdout, "  %s\t%s\t%s\t%s\t%s\n", model.ShortID(r.ID), r.UnitCode, r.ItemCode, r.Name, evidenceWaiting(env, r))
	}
}

package model

// Evidence files are sealed like findings: finalizing records, beside each
// item's finding revision, the attachments live at that moment. While the
// record shown is such a finalization, its files are exactly those: an
// attachment made on a laptop that had not seen the finalization is not
// shown, a removal made there is not applied. Both are kept (in the
// history, in bundles, in the attachment's row) and listed as pending;
// once the assessment is reopened the normal merge (CurrentAttachment)
// applies again. Like the rest of the merge this depends only on the
// union of revisions, never on the order of imports.

// CurrentFiles is the set of attachments the shown revision sealed, and
// whether it sealed files at all (a draft, or a finalization made by a
// kiemtra older than file seals, does not: its files follow the normal
// merge).
func (v AssessmentView) CurrentFiles() (map[string]bool, bool) {
	cur, ok := v.Current()
	if !ok {
		return nil, false
	}
	ids, ok := v.FileSeals[cur.ID]
	if !ok {
		return nil, false
	}
	set := make(map[string]bool, len(ids))
	for _, id := range ids {
		set[id] = true
	}
	return set, true
}

// ViewAttachment decides what the record of v shows of an attachment
// whose revisions merge to cur (CurrentAttachment): whether it is
// removed from the record, and whether the merge says otherwise
// (pending: a change the seal does not cover, waiting for a reopening).
func ViewAttachment(v AssessmentView, cur Attachment) (removed, pending bool) {
	sealed, ok := v.CurrentFiles()
	if !ok {
		return cur.Removed, false
	}
	removed = !sealed[cur.ID]
	return removed, removed != cur.Removed
}

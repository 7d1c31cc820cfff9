-- 011: an attachment change a finalized assessment's seal does not cover
-- (made on a laptop that had not seen the finalization) is kept but not
-- shown: removed is what the record shows, body the attachment's current
-- revision by the normal merge, and pending says the two disagree until
-- the assessment is reopened (model/merge_sealed_files.go).
ALTER TABLE attachments ADD COLUMN pending INTEGER NOT NULL DEFAULT 0;

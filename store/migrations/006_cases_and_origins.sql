-- 006: per-item rules of the checklists (issue 11).
--
-- A deduction item (điểm trừ) is answered with the number of cases found;
-- the score follows from it. Every finding before this version had none.
ALTER TABLE findings ADD COLUMN cases INTEGER NOT NULL DEFAULT 0 CHECK (cases >= 0);

-- Where a held checklist version came from: built in (builtin = 1), or
-- added from a file, named here with the SHA-256 of the bytes read, at
-- added_at. Versions recorded before this version have no file name.
ALTER TABLE checklists ADD COLUMN origin_file TEXT NOT NULL DEFAULT '';
ALTER TABLE checklists ADD COLUMN origin_hash TEXT NOT NULL DEFAULT '';

-- 003: imports look finding revisions up by ID (the same revision arriving
-- again, or arriving with other content). This index first shipped inside
-- 002 after 002 itself had shipped, so databases already at version 2 never
-- got it; IF NOT EXISTS keeps it harmless where they did.
CREATE INDEX IF NOT EXISTS audit_revision ON audit(revision);

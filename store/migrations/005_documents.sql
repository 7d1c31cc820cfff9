-- 005: what the documents print beyond the findings (model/document.go):
-- the letterhead, numbers and báo cáo of an inspection; the hours, the
-- unit's participants, the copies and the thông báo kết luận of a visit.
-- Each is one JSON object of those fields only (empty ones omitted), so
-- the records keep one shape in the database, in bundles and in the audit
-- history, and fields can be added without another migration.
ALTER TABLE inspections ADD COLUMN doc TEXT NOT NULL DEFAULT '{}';
ALTER TABLE assessments ADD COLUMN doc TEXT NOT NULL DEFAULT '{}';

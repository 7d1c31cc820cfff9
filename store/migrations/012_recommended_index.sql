-- 012: the findings that carry a kiến nghị, by assessment. About one
-- finding in ten has one, and two reads want only those: the summary's
-- kiến nghị table (store/summary.go) and the earlier kiến nghị it and
-- every document list (store/recommendations.go). Their WHERE holds this
-- index's term, which is what lets SQLite use a partial index: they read
-- those findings alone instead of every finding of a unit.
CREATE INDEX IF NOT EXISTS findings_recommended ON findings(assessment_id) WHERE recommendation <> '';

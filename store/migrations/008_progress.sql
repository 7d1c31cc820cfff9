-- 007: each assessment's progress kept beside its findings, so the unit
-- list shows how far every unit has come by reading one row per unit, not
-- every finding of the inspection. Triggers keep it exact in the same
-- transaction as the change, whichever code path writes a finding. It
-- can run again over its own tables and counts from the findings anew.

-- The item codes of every checklist version held, filled from its body when
-- it is added (a version never changes once held).
CREATE TABLE IF NOT EXISTS checklist_items (
	checklist_id TEXT NOT NULL,
	version      TEXT NOT NULL,
	code         TEXT NOT NULL,
	max          INTEGER NOT NULL, -- hundredths of a point
	na           TEXT NOT NULL,    -- what không áp dụng does (model.NAPolicy)
	PRIMARY KEY (checklist_id, version, code)
) STRICT, WITHOUT ROWID;

INSERT INTO checklist_items(checklist_id, version, code, max, na)
SELECT c.id, c.version, json_extract(i.value, '$.code'), coalesce(json_extract(i.value, '$.max'), 0),
	coalesce(json_extract(i.value, '$.not_applicable'), '')
FROM checklists c, json_each(c.body, '$.fields') f, json_each(f.value, '$.criteria') cr, json_each(cr.value, '$.items') i
WHERE true
ON CONFLICT DO NOTHING;

-- Each version's number of items and maximum (in hundredths), what the
-- unit list shows beside the progress without parsing the checklist.
CREATE TABLE IF NOT EXISTS checklist_totals (
	checklist_id TEXT NOT NULL,
	version      TEXT NOT NULL,
	items        INTEGER NOT NULL,
	max          INTEGER NOT NULL,
	PRIMARY KEY (checklist_id, version)
) STRICT, WITHOUT ROWID;

INSERT INTO checklist_totals(checklist_id, version, items, max)
SELECT c.id, c.version, count(*), coalesce(sum(json_extract(i.value, '$.max')), 0)
FROM checklists c, json_each(c.body, '$.fields') f, json_each(f.value, '$.criteria') cr, json_each(cr.value, '$.items') i
GROUP BY c.id, c.version
ON CONFLICT DO NOTHING;

CREATE TRIGGER IF NOT EXISTS checklist_items_add AFTER INSERT ON checklists BEGIN
	INSERT INTO checklist_items(checklist_id, version, code, max, na)
	SELECT NEW.id, NEW.version, json_extract(i.value, '$.code'), coalesce(json_extract(i.value, '$.max'), 0),
		coalesce(json_extract(i.value, '$.not_applicable'), '')
	FROM json_each(NEW.body, '$.fields') f, json_each(f.value, '$.criteria') cr, json_each(cr.value, '$.items') i
	WHERE true
	ON CONFLICT DO NOTHING;
	INSERT INTO checklist_totals(checklist_id, version, items, max)
	SELECT NEW.id, NEW.version, count(*), coalesce(sum(json_extract(i.value, '$.max')), 0)
	FROM json_each(NEW.body, '$.fields') f, json_each(f.value, '$.criteria') cr, json_each(cr.value, '$.items') i
	WHERE true
	ON CONFLICT DO NOTHING;
END;

-- Per assessment, over the findings whose item is in its checklist, as
-- model.Score counts them: how many are answered, the points they earn,
-- and the maxima of the items left out of the maximum. Không áp dụng
-- follows the item's rule: left out (the default), full marks ('full'),
-- or not an answer at all ('no').
CREATE TABLE IF NOT EXISTS progress (
	assessment_id TEXT PRIMARY KEY,
	answered      INTEGER NOT NULL,
	score         INTEGER NOT NULL,
	na_max        INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

DELETE FROM progress;
INSERT INTO progress(assessment_id, answered, score, na_max)
SELECT f.assessment_id, sum(CASE WHEN f.result = '' OR (f.result = 'na' AND ci.na = 'no') THEN 0 ELSE 1 END), sum(CASE WHEN f.result IN ('pass', 'partial', 'fail') THEN f.score WHEN f.result = 'na' AND ci.na = 'full' THEN ci.max ELSE 0 END), sum(CASE WHEN f.result = 'na' AND ci.na NOT IN ('full', 'no') THEN ci.max ELSE 0 END)
FROM findings f
JOIN assessments a ON a.id = f.assessment_id
JOIN checklist_items ci ON ci.checklist_id = a.checklist_id AND ci.version = a.checklist_version AND ci.code = f.item_code
GROUP BY f.assessment_id;

CREATE TRIGGER IF NOT EXISTS progress_add AFTER INSERT ON findings BEGIN
	INSERT INTO progress(assessment_id, answered, score, na_max)
	SELECT NEW.assessment_id, (CASE WHEN NEW.result = '' OR (NEW.result = 'na' AND ci.na = 'no') THEN 0 ELSE 1 END), (CASE WHEN NEW.result IN ('pass', 'partial', 'fail') THEN NEW.score WHEN NEW.result = 'na' AND ci.na = 'full' THEN ci.max ELSE 0 END), (CASE WHEN NEW.result = 'na' AND ci.na NOT IN ('full', 'no') THEN ci.max ELSE 0 END)
	FROM assessments a JOIN checklist_items ci ON ci.checklist_id = a.checklist_id AND ci.version = a.checklist_version AND ci.code = NEW.item_code
	WHERE a.id = NEW.assessment_id
	ON CONFLICT(assessment_id) DO UPDATE SET answered = answered + excluded.answered, score = score + excluded.score,
		na_max = na_max + excluded.na_max;
END;

CREATE TRIGGER IF NOT EXISTS progress_remove AFTER DELETE ON findings BEGIN
	INSERT INTO progress(assessment_id, answered, score, na_max)
	SELECT OLD.assessment_id, -(CASE WHEN OLD.result = '' OR (OLD.result = 'na' AND ci.na = 'no') THEN 0 ELSE 1 END), -(CASE WHEN OLD.result IN ('pass', 'partial', 'fail') THEN OLD.score WHEN OLD.result = 'na' AND ci.na = 'full' THEN ci.max ELSE 0 END), -(CASE WHEN OLD.result = 'na' AND ci.na NOT IN ('full', 'no') THEN ci.max ELSE 0 END)
	FROM assessments a JOIN checklist_items ci ON ci.checklist_id = a.checklist_id AND ci.version = a.checklist_version AND ci.code = OLD.item_code
	WHERE a.id = OLD.assessment_id
	ON CONFLICT(assessment_id) DO UPDATE SET answered = answered + excluded.answered, score = score + excluded.score,
		na_max = na_max + excluded.na_max;
END;

CREATE TRIGGER IF NOT EXISTS progress_change AFTER UPDATE OF assessment_id, item_code, result, score ON findings BEGIN
	INSERT INTO progress(assessment_id, answered, score, na_max)
	SELECT OLD.assessment_id, -(CASE WHEN OLD.result = '' OR (OLD.result = 'na' AND ci.na = 'no') THEN 0 ELSE 1 END), -(CASE WHEN OLD.result IN ('pass', 'partial', 'fail') THEN OLD.score WHEN OLD.result = 'na' AND ci.na = 'full' THEN ci.max ELSE 0 END), -(CASE WHEN OLD.result = 'na' AND ci.na NOT IN ('full', 'no') THEN ci.max ELSE 0 END)
	FROM assessments a JOIN checklist_items ci ON ci.checklist_id = a.checklist_id AND ci.version = a.checklist_version AND ci.code = OLD.item_code
	WHERE a.id = OLD.assessment_id
	ON CONFLICT(assessment_id) DO UPDATE SET answered = answered + excluded.answered, score = score + excluded.score,
		na_max = na_max + excluded.na_max;
	INSERT INTO progress(assessment_id, answered, score, na_max)
	SELECT NEW.assessment_id, (CASE WHEN NEW.result = '' OR (NEW.result = 'na' AND ci.na = 'no') THEN 0 ELSE 1 END), (CASE WHEN NEW.result IN ('pass', 'partial', 'fail') THEN NEW.score WHEN NEW.result = 'na' AND ci.na = 'full' THEN ci.max ELSE 0 END), (CASE WHEN NEW.result = 'na' AND ci.na NOT IN ('full', 'no') THEN ci.max ELSE 0 END)
	FROM assessments a JOIN checklist_items ci ON ci.checklist_id = a.checklist_id AND ci.version = a.checklist_version AND ci.code = NEW.item_code
	WHERE a.id = NEW.assessment_id
	ON CONFLICT(assessment_id) DO UPDATE SET answered = answered + excluded.answered, score = score + excluded.score,
		na_max = na_max + excluded.na_max;
END;

-- An assessment merged into another under the other's ID (store/import.go
-- rekeys the assessment row, then moves its findings) loses its row: the
-- findings moved after it are counted again under the ID they now have.
CREATE TRIGGER IF NOT EXISTS progress_rekey AFTER UPDATE OF id ON assessments BEGIN
	DELETE FROM progress WHERE assessment_id = OLD.id;
END;

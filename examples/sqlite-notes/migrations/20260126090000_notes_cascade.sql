-- SQLite cannot change a foreign key in place: notes is rebuilt (SQLite's 12 steps) so that
-- deleting a notebook deletes its notes. note_tags references notes, so foreign keys are turned
-- off around the rebuild, which must then run outside dbmate's transaction (PRAGMA foreign_keys
-- does nothing inside one) and hold its own.

-- migrate:up transaction:false
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE notes_new (
  id INTEGER PRIMARY KEY,
  notebook_id INTEGER NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  pinned INTEGER NOT NULL DEFAULT 0
);
INSERT INTO notes_new (id, notebook_id, body, created_at, pinned)
  SELECT id, notebook_id, body, created_at, pinned FROM notes;
DROP TABLE notes;
ALTER TABLE notes_new RENAME TO notes;
CREATE INDEX notes_notebook_id_idx ON notes (notebook_id);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

-- migrate:down transaction:false
PRAGMA foreign_keys = OFF;
BEGIN;
CREATE TABLE notes_old (
  id INTEGER PRIMARY KEY,
  notebook_id INTEGER NOT NULL REFERENCES notebooks (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  pinned INTEGER NOT NULL DEFAULT 0
);
INSERT INTO notes_old (id, notebook_id, body, created_at, pinned)
  SELECT id, notebook_id, body, created_at, pinned FROM notes;
DROP TABLE notes;
ALTER TABLE notes_old RENAME TO notes;
CREATE INDEX notes_notebook_id_idx ON notes (notebook_id);
PRAGMA foreign_key_check;
COMMIT;
PRAGMA foreign_keys = ON;

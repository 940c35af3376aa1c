-- The schema the notes app wants next: the history in migrations/, plus an archive date on notebooks.
CREATE TABLE notebooks (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL UNIQUE,
  archived_at TEXT
);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  notebook_id INTEGER NOT NULL REFERENCES notebooks (id) ON DELETE CASCADE,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  pinned INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX notes_notebook_id_idx ON notes (notebook_id);

CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE
);

CREATE TABLE note_tags (
  note_id INTEGER NOT NULL REFERENCES notes (id),
  tag_id INTEGER NOT NULL REFERENCES tags (id),
  PRIMARY KEY (note_id, tag_id)
);

CREATE INDEX note_tags_tag_id_idx ON note_tags (tag_id);

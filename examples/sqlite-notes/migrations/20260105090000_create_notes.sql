-- migrate:up
CREATE TABLE notebooks (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL UNIQUE
);

CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  notebook_id INTEGER NOT NULL REFERENCES notebooks (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE INDEX notes_notebook_id_idx ON notes (notebook_id);

-- migrate:down
DROP TABLE notes;
DROP TABLE notebooks;

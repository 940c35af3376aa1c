-- migrate:up
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

-- migrate:down
DROP TABLE note_tags;
DROP TABLE tags;

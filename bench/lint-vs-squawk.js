// bench: `lockstep lint` against squawk over the same large migration set. Prints both wall times,
// their ratio, and how the two tools' findings map onto each other, rule by rule.
//   npm run build && node bench/lint-vs-squawk.js [--files 2000]
//
// squawk comes from npm (squawk-cli). It is not a devDependency: this registry has only its
// linux-x64 binary package, and a lockfile that lacks the other platforms' packages breaks
// `npm ci` (as biome did). The bench installs it into the cache folder on first use.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { basename, join } from "node:path";

const SQUAWK_VERSION = "2.66.0";
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const files = arg("--files", 2000);

function squawkBinary() {
  const local = join(import.meta.dirname, "../node_modules/.bin/squawk");
  if (existsSync(local)) return local;
  const cache = join(process.env.LOCKSTEP_CACHE_DIR || join(homedir(), ".cache/lockstep"), "bench-squawk");
  const bin = join(cache, "node_modules/.bin/squawk");
  if (!existsSync(bin)) {
    mkdirSync(cache, { recursive: true });
    execFileSync("npm", ["install", "--no-save", "--prefix", cache, `squawk-cli@${SQUAWK_VERSION}`], {
      stdio: "ignore",
    });
  }
  return bin;
}

/** One statement a line, so both tools' line numbers name the same statement. */
const HAZARDS = [
  (t) => `CREATE INDEX ${t}_email_idx ON ${t} (email);`,
  (t) => `CREATE INDEX CONCURRENTLY ${t}_name_idx ON ${t} (name);`,
  (t) => `ALTER TABLE ${t} ADD COLUMN role text NOT NULL;`,
  (t) => `ALTER TABLE ${t} ADD COLUMN active boolean NOT NULL DEFAULT true;`,
  (t) => `ALTER TABLE ${t} ADD COLUMN token uuid DEFAULT gen_random_uuid();`,
  (t) => `ALTER TABLE ${t} ADD CONSTRAINT ${t}_owner_fk FOREIGN KEY (owner_id) REFERENCES owners (id);`,
  (t) => `ALTER TABLE ${t} ADD CONSTRAINT ${t}_score_check CHECK (score >= 0);`,
  (t) => `ALTER TABLE ${t} ALTER COLUMN name SET NOT NULL;`,
  (t) => `ALTER TABLE ${t} ALTER COLUMN score TYPE bigint;`,
  (t) => `ALTER TABLE ${t} DROP COLUMN legacy;`,
  (t) => `ALTER TABLE ${t} RENAME COLUMN name TO full_name;`,
  (t) => `ALTER TABLE ${t} ADD CONSTRAINT ${t}_email_key UNIQUE (email);`,
  (t) => `UPDATE ${t} SET score = 0;`,
  (t) => `DROP INDEX ${t}_old_idx;`,
  (t) => `DROP TABLE ${t}_archive;`,
  (t) => `CREATE TABLE ${t}_new (id int PRIMARY KEY, label varchar(40), at timestamp);`,
  () => `SET lock_timeout = '2s';`,
  (t) => `ALTER TABLE ${t} ADD COLUMN bio text;`,
];

const dir = mkdtempSync(join(tmpdir(), "lockstep-lint-bench-"));
const migrations = join(dir, "migrations");
mkdirSync(migrations);
for (let i = 0; i < files; i++) {
  const t = `t${i % 300}`;
  const stmts = Array.from({ length: 6 }, (_, k) => HAZARDS[(i * 7 + k * 5) % HAZARDS.length](t));
  writeFileSync(join(migrations, `${String(i + 1).padStart(5, "0")}_m.sql`), `${stmts.join("\n")}\n`);
}

function timed(cmd, args) {
  let best = Number.POSITIVE_INFINITY;
  let out = "";
  for (let run = 0; run < 2; run++) {
    const started = performance.now();
    const res = spawnSync(cmd, args, { encoding: "utf8", maxBuffer: 1 << 30 });
    best = Math.min(best, performance.now() - started);
    out = res.stdout;
  }
  return { ms: best, out };
}

const squawk = squawkBinary();
const ours = timed(process.execPath, [
  join(import.meta.dirname, "../bin/lockstep.js"),
  "lint",
  migrations,
  "--format",
  "json",
]);
const theirs = timed(squawk, ["--reporter", "json", "--assume-in-transaction", `${migrations}/*.sql`]);

/** squawk rule → the Lockstep rules that catch the same hazard. */
const MAP = {
  "require-concurrent-index-creation": ["require-concurrent-index"],
  "require-concurrent-index-deletion": ["require-concurrent-index-drop"],
  "ban-concurrent-index-creation-in-transaction": ["concurrently-in-transaction"],
  "adding-foreign-key-constraint": ["add-foreign-key-not-valid"],
  "constraint-missing-not-valid": ["add-foreign-key-not-valid", "add-check-not-valid"],
  "adding-required-field": ["add-required-column"],
  "adding-not-nullable-field": ["set-not-null-scan"],
  "adding-field-with-default": ["volatile-default-rewrite"],
  "changing-column-type": ["type-change-rewrite", "narrowing-type-change"],
  "renaming-column": ["rename-column"],
  "renaming-table": ["rename-table"],
  "ban-drop-column": ["drop-column"],
  "ban-drop-table": ["drop-table"],
  "ban-drop-database": ["drop-database"],
  "disallowed-unique-constraint": ["add-unique-constraint"],
  "adding-serial-primary-key-field": ["add-primary-key", "add-serial-column"],
  "transaction-nesting": ["transaction-nesting"],
  "ban-truncate-cascade": ["truncate-table"],
  "require-lock-timeout": ["require-lock-timeout"],
  "prefer-bigint-over-int": ["prefer-bigint"],
  "prefer-big-int": ["prefer-bigint"],
  "prefer-text-field": ["prefer-text"],
  "prefer-timestamptz": ["prefer-timestamptz"],
  "prefer-timestamp-tz": ["prefer-timestamptz"],
  "ban-char-field": ["ban-char"],
  "prefer-identity": ["prefer-identity"],
};

const ourFindings = JSON.parse(ours.out).findings.map((f) => ({ rule: f.rule, at: `${basename(f.file)}:${f.line}` }));
const theirFindings = JSON.parse(theirs.out).map((f) => ({
  rule: f.rule_name,
  at: `${basename(f.file)}:${f.line + 1}`,
}));
const ourAt = new Map();
for (const f of ourFindings) ourAt.set(`${f.rule}@${f.at}`, true);

const rows = new Map();
const row = (name) => rows.get(name) ?? rows.set(name, { both: 0, onlyOurs: 0, onlyTheirs: 0 }).get(name);
const matched = new Set();
for (const f of theirFindings) {
  const targets = MAP[f.rule];
  if (!targets) {
    row(`(squawk) ${f.rule}`).onlyTheirs++;
    continue;
  }
  const hit = targets.find((r) => ourAt.has(`${r}@${f.at}`));
  if (hit) {
    row(hit).both++;
    matched.add(`${hit}@${f.at}`);
  } else row(targets[0]).onlyTheirs++;
}
for (const f of ourFindings) if (!matched.has(`${f.rule}@${f.at}`)) row(f.rule).onlyOurs++;

console.log(`${files} migration files, ${files * 6} statements\n`);
console.log(`lockstep lint   ${(ours.ms / 1000).toFixed(2)} s   ${ourFindings.length} findings`);
console.log(`squawk ${SQUAWK_VERSION}   ${(theirs.ms / 1000).toFixed(2)} s   ${theirFindings.length} findings`);
console.log(`ratio (lockstep / squawk): ${(ours.ms / theirs.ms).toFixed(2)}\n`);
console.log(`${"rule".padEnd(44)} both  only lockstep  only squawk`);
for (const [name, r] of [...rows].sort()) {
  console.log(
    `${name.padEnd(44)} ${String(r.both).padStart(4)}  ${String(r.onlyOurs).padStart(13)}  ${String(r.onlyTheirs).padStart(11)}`,
  );
}
if (process.env.BENCH_KEEP) console.log(`\nkept ${migrations}`);
else rmSync(dir, { recursive: true, force: true });

/**
 * Lint results as SARIF 2.1.0 (one run), for GitHub code scanning and other SARIF viewers.
 * Fixes are given as text in the result's message: SARIF's `fixes` need exact replacement regions.
 */
import path from "node:path";
import type { RuleMeta } from "../lint/rule.js";
import type { Finding, Severity } from "../schema/finding.js";

export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
export const LOCKSTEP_INFORMATION_URI = "https://www.npmjs.com/package/lockstep";

export interface SarifOptions {
  /** Every rule that may appear (typically `RULES.map((r) => r.meta)`); rules only named by findings are added. */
  readonly rules: readonly RuleMeta[];
  /** Lockstep's version, as `tool.driver.version`. */
  readonly toolVersion: string;
  /** Where the tool is described; `LOCKSTEP_INFORMATION_URI` when absent. */
  readonly informationUri?: string;
  /** Absolute file paths are made relative to this folder (default: the current directory). */
  readonly root?: string;
  /**
   * The folder relative file paths are relative to, when it is not `root` (a command run below
   * the repository root): they are re-based on `root`, from which code scanning resolves uris.
   */
  readonly cwd?: string;
  /** Name `root` as the uri base `SRCROOT` (`originalUriBaseIds`), for viewers outside GitHub. */
  readonly declareRoot?: boolean;
  /** The run's property bag: what the command reports beside its findings (a plan's changes and steps). */
  readonly properties?: Readonly<Record<string, unknown>>;
}

type SarifLevel = "error" | "warning" | "note" | "none";

const LEVEL: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };

/** A SARIF 2.1.0 log (JSON text, ending in a newline) with one run of lockstep's findings. */
export function renderSarif(findings: readonly Finding[], options: SarifOptions): string {
  const rules: RuleMeta[] = [];
  const index = new Map<string, number>();
  const addRule = (meta: RuleMeta) => {
    if (index.has(meta.name)) return;
    index.set(meta.name, rules.length);
    rules.push(meta);
  };
  for (const meta of options.rules) addRule(meta);
  // Plan rules (and any rule the caller did not list) still get a descriptor, so ruleIndex is valid.
  for (const f of findings)
    if (!index.has(f.rule))
      addRule({ name: f.rule, severity: f.severity, description: f.rule.replace(/-/g, " "), docs: "" });

  const root = options.root ?? process.cwd();
  const from = options.cwd;
  const located = (f: Finding): Finding =>
    from && f.file && !path.isAbsolute(f.file) ? { ...f, file: path.resolve(from, f.file) } : f;
  const base = options.declareRoot ? { uriBaseId: SRCROOT } : {};
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "lockstep",
            version: options.toolVersion,
            informationUri: options.informationUri ?? LOCKSTEP_INFORMATION_URI,
            rules: rules.map(ruleDescriptor),
          },
        },
        ...(options.declareRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(root) } } } : {}),
        columnKind: "utf16CodeUnits",
        results: findings.map((f) => result(located(f), index.get(f.rule)!, root, base)),
        ...(options.properties ? { properties: options.properties } : {}),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function ruleDescriptor(meta: RuleMeta) {
  const docs = meta.docs.trim() || meta.description;
  const configuration =
    meta.severity === "off" ? { enabled: false, level: "warning" } : { level: LEVEL[meta.severity] };
  return {
    id: meta.name,
    name: meta.name,
    shortDescription: { text: meta.description },
    fullDescription: { text: docs },
    help: { text: docs },
    defaultConfiguration: configuration,
  };
}

function result(f: Finding, ruleIndex: number, root: string, base: { uriBaseId?: string }) {
  const fix = f.fix?.trim();
  const text = fix ? `${f.message}\n\nFix:\n${fix}` : f.message;
  const out: Record<string, unknown> = {
    ruleId: f.rule,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text },
  };
  if (f.file) {
    const uri = artifactUri(f.file, root);
    const physicalLocation: Record<string, unknown> = {
      artifactLocation: { uri, ...(uri.startsWith("file:") ? {} : base) },
    };
    if (f.line && f.line >= 1) {
      physicalLocation.region =
        f.column && f.column >= 1 ? { startLine: f.line, startColumn: f.column } : { startLine: f.line };
    }
    out.locations = [{ physicalLocation }];
  }
  return out;
}

/**
 * A file as a URI reference: relative, with forward slashes and each segment percent-encoded (so a
 * `:` or a space cannot be read as a scheme or break the URI). An absolute path outside `root`
 * becomes a `file://` URI.
 */
export function artifactUri(file: string, root: string = process.cwd()): string {
  const windows = /^[A-Za-z]:[\\/]/.test(file) || /^[A-Za-z]:[\\/]/.test(root);
  const paths = windows ? path.win32 : path.posix;
  let rel = file.replace(/\\/g, "/");
  if (paths.isAbsolute(file)) {
    const relative = paths.relative(root, file).replace(/\\/g, "/");
    if (relative === ".." || relative.startsWith("../") || paths.isAbsolute(relative)) {
      const abs = file.replace(/\\/g, "/");
      const drive = /^([A-Za-z]):(\/.*)$/.exec(abs);
      return drive ? `file:///${drive[1]}:${encodeSegments(drive[2]!)}` : `file://${encodeSegments(abs)}`;
    }
    rel = relative;
  }
  return encodeSegments(rel.replace(/^(\.\/)+/, ""));
}

/** The uri base id of the repository root in `originalUriBaseIds`. */
export const SRCROOT = "SRCROOT";

/** A folder as a `file://` URI ending in `/` (SARIF requires the slash on a base uri). */
function directoryUri(dir: string): string {
  const abs = path.resolve(dir).replace(/\\/g, "/");
  const drive = /^([A-Za-z]):(\/.*)$/.exec(abs);
  const uri = drive ? `file:///${drive[1]}:${encodeSegments(drive[2]!)}` : `file://${encodeSegments(abs)}`;
  return uri.endsWith("/") ? uri : `${uri}/`;
}

function encodeSegments(p: string): string {
  return p
    .split("/")
    .map((seg) => encodeURIComponent(seg))
    .join("/");
}

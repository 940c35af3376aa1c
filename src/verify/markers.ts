import { readFileSync } from "node:fs";
import type { MigrationFile } from "../frameworks/framework.js";
import type { Finding } from "../schema/finding.js";

/**
 * What a migration file says about itself, in comments a migration runner ignores:
 *
 *   -- lockstep: irreversible <reason>   no down on purpose: the round trip is skipped
 *   -- lockstep: data-loss <reason>      the down cannot bring back data the up removes
 *   -- DATA LOSS: <reason>               the same, as `lockstep plan` writes it in a step's header
 *
 * A marker without a reason does not count: the reason is what the reviewer reads.
 */
export interface Marker {
  readonly file: string;
  readonly line: number;
  /** Empty when the marker gives none. */
  readonly reason: string;
}

export interface Markers {
  readonly irreversible?: Marker;
  readonly dataLoss?: Marker;
}

const IRREVERSIBLE = /^--\s*lockstep:\s*irreversible\b[\s:]*(.*)$/i;
const DATA_LOSS = /^--\s*(?:lockstep:\s*data-loss\b|DATA LOSS:)[\s:]*(.*)$/i;

export function markersOf(m: MigrationFile, texts: (file: string) => string = readMarkerText): Markers {
  const files = [...new Set([m.up.file, ...(m.down ? [m.down.file] : [])])];
  let irreversible: Marker | undefined;
  let dataLoss: Marker | undefined;
  for (const file of files) {
    texts(file)
      .split(/\r?\n/)
      .forEach((raw, i) => {
        const line = raw.trim();
        const found = (re: RegExp) => {
          const reason = re.exec(line)?.[1]?.trim();
          return reason === undefined ? undefined : { file, line: i + 1, reason };
        };
        irreversible ??= found(IRREVERSIBLE);
        dataLoss ??= found(DATA_LOSS);
      });
  }
  return { ...(irreversible ? { irreversible } : {}), ...(dataLoss ? { dataLoss } : {}) };
}

/** A file's text, or none when it cannot be read. */
export function readMarkerText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

/** The marker that says the migration loses data, if it gives a reason. */
export function declaredLoss(markers: Markers): Marker | undefined {
  return [markers.dataLoss, markers.irreversible].find((m) => m?.reason);
}

/**
 * Why a migration's missing down is not an error: its format has no downs (Prisma: a warning,
 * and `lockstep downs` writes them), or no place for this one's (a Flyway repeatable: a notice).
 */
export interface NoDownsFormat {
  readonly severity: "warning" | "info";
  /** `the prisma format has no down migrations`. */
  readonly reason: string;
  readonly fix?: string;
}

/**
 * A migration without a down: a notice when it is marked irreversible with a reason; else
 * `missing-down`: an error where the format has downs, else as `optional` says.
 */
export function noDownFinding(
  file: string,
  markers: Markers,
  shown: (f: string) => string,
  optional?: NoDownsFormat,
): Finding {
  const marker = markers.irreversible;
  if (marker?.reason)
    return {
      rule: "irreversible",
      severity: "info",
      message: `${file} is marked irreversible (${marker.reason}): its round trip is not run`,
      file: shown(marker.file),
      line: marker.line,
    };
  if (optional)
    return {
      rule: "missing-down",
      severity: optional.severity,
      message: `${file} has no down: ${optional.reason}, so its round trip is not run`,
      ...(optional.fix ? { fix: optional.fix } : {}),
      file,
      line: 1,
    };
  const noReason = marker ? ` (its irreversible marker at line ${marker.line} gives no reason)` : "";
  return {
    rule: "missing-down",
    severity: "error",
    message: `${file} has no down: it cannot be rolled back${noReason}`,
    fix: "write the down; or mark the migration `-- lockstep: irreversible <reason>`",
    file,
    line: 1,
  };
}

import type { Finding } from "../schema/finding.js";
import { type Loss, lossKey } from "./fingerprint.js";
import type { Marker } from "./markers.js";

/**
 * Findings for seeded data a migration did not keep. Data the up removes is `lossy-down` (the
 * down cannot bring it back): a notice when the file says so, a warning when it does not. Data
 * the down (or the up run again) destroys although the up kept it is `down-loses-data`: a
 * rollback would wipe it, an error unless the file says so.
 */
export function dataLossFindings(
  file: string,
  byUp: readonly Loss[],
  byDown: readonly Loss[],
  declared: Marker | undefined,
): Finding[] {
  const says = declared ? `the file says so (line ${declared.line}: ${declared.reason})` : "the file does not say so";
  const fix = declared ? undefined : "say so in the file: `-- lockstep: data-loss <reason>`, and keep a backup step";
  const finding = (rule: string, severity: Finding["severity"], l: Loss, message: string): Finding => ({
    rule,
    severity,
    message,
    ...(fix ? { fix } : {}),
    file,
    line: declared?.line ?? 1,
    table: l.table,
    ...(l.column ? { column_name: l.column } : {}),
  });
  return [
    ...byUp.map((l) =>
      finding(
        "lossy-down",
        declared ? "info" : "warning",
        l,
        `seeded rows: ${lossKey(l)} ${l.what} by the up of ${file}; the down cannot bring them back; ${says}`,
      ),
    ),
    ...byDown.map((l) =>
      finding(
        "down-loses-data",
        declared ? "info" : "error",
        l,
        `seeded rows: ${lossKey(l)} ${l.what} by the down of ${file}, though the up kept them: a rollback would lose them; ${says}`,
      ),
    ),
  ];
}

import type { Stage } from "../../plan/ops.js";

/** What a step of each stage asks of the deploy, where its ops say nothing: how it runs on PostgreSQL. */
export const DEPLOY_NOTES: Record<Stage, string> = {
  enum: "Runs with the current code live.",
  main: "Runs with the current code live.",
  concurrent: "Runs outside a transaction. If it fails, drop the INVALID index it leaves behind and run it again.",
  validate: "VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on.",
  attach: "Runs with the current code live: a short lock.",
  "attach-validate": "VALIDATE scans under SHARE UPDATE EXCLUSIVE: reads and writes go on.",
  backfill: "Runs in batches of committed updates; safe while traffic flows.",
  "contract-check": "Runs with the current code live.",
  "contract-validate": "VALIDATE scans under SHARE UPDATE EXCLUSIVE; SET NOT NULL then trusts it.",
  contract: "Runs once the code no longer needs what it removes.",
};

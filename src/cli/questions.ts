import { changeName, type MissingInputs, type PlanAnswers } from "../plan/questions.js";
import { isYes, type Prompt } from "./confirm.js";

/**
 * One round of questions at a terminal, for everything a plan needs: each possible rename (y/n,
 * candidate by candidate), a value for each column that needs one, then the breaking changes to
 * confirm. `next(answers)` says what is still missing once the answers so far are taken (a
 * confirmed rename is itself breaking; a denied one may leave a column that needs a value).
 * Returns the answers for one re-plan, or undefined when the user says no or gives no value.
 */
export async function askPlanInputs(
  first: MissingInputs,
  given: PlanAnswers,
  next: (answers: PlanAnswers) => MissingInputs,
  prompt: Prompt,
  say: (text: string) => void,
  /** What a yes also does, in the confirmation question (` and write the files`). */
  alsoDoes = "",
): Promise<PlanAnswers | undefined> {
  const renames = [...given.renames];
  const notRenamed = [...given.notRenamed];
  for (const question of first.renames) {
    for (const candidate of question.candidates) {
      const spec = `${question.from}=${candidate}`;
      if (isYes(await prompt.ask(`Is ${question.from} renamed to ${candidate}? [y/N] `))) {
        renames.push(spec);
        break;
      }
      notRenamed.push(spec);
    }
  }
  const backfills = [...given.backfills];
  for (const b of next({ ...given, renames, notRenamed, backfills }).backfills) {
    const value = (
      await prompt.ask(`SQL value for the existing rows of ${b.column} (${b.type}), e.g. a literal or an expression: `)
    ).trim();
    if (value === "") {
      say(`No value for ${b.column}: nothing planned.\n`);
      return undefined;
    }
    backfills.push(`${b.column}=${value}`);
  }
  const answers = { ...given, renames, notRenamed, backfills };
  const breaking = next(answers).breaking;
  if (breaking.length === 0) return answers;
  say(`Breaking changes:\n${breaking.map((c) => `  ${changeName(c)}: ${c.reasons[0] ?? ""}\n`).join("")}`);
  const n = breaking.length;
  if (!isYes(await prompt.ask(`Confirm the ${n} breaking change${n === 1 ? "" : "s"}${alsoDoes}? [y/N] `))) {
    say("Not confirmed: nothing written.\n");
    return undefined;
  }
  return { ...answers, allowBreaking: true };
}

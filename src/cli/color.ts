/**
 * Whether a command's report is coloured: only on a terminal, and never when the user said no with
 * `--no-color` or with NO_COLOR set to anything but the empty string (https://no-color.org).
 */
export function wantsColor(options: {
  readonly flag: boolean | undefined;
  readonly env: NodeJS.ProcessEnv;
  readonly isTTY: boolean;
}): boolean {
  if (options.flag === false) return false;
  if (options.env.NO_COLOR) return false;
  return options.isTTY;
}

export const NO_COLOR_HELP = "plain text, no colour (also when NO_COLOR is set or stdout is not a terminal)";

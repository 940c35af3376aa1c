/** Phase timings on stderr when LOCKSTEP_TIMINGS is set: where a slow run spends its time. */
export function timings(): (phase: string) => void {
  if (!process.env.LOCKSTEP_TIMINGS) return () => {};
  let last = performance.now();
  return (phase) => {
    const now = performance.now();
    process.stderr.write(`lockstep timing: ${phase.padEnd(24)} ${(now - last).toFixed(0).padStart(6)} ms\n`);
    last = now;
  };
}

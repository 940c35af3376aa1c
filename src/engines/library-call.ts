import { type Engine, shutdownEngines } from "./engine.js";

/**
 * Library calls own the engines they start. An embedded engine's instance is shared by the process
 * (PGlite's costs a second to start), and its timers keep node alive for ~10 s after the work is done;
 * so when the last library call in flight ends, the engines are shut down and node exits at once.
 * The CLI and the tests call the inner functions and manage engines themselves.
 */
let inFlight = 0;
/** The call running now: calls wait their turn, since they share the one embedded database. */
let turn: Promise<unknown> = Promise.resolve();

async function release(): Promise<void> {
  inFlight -= 1;
  if (inFlight === 0) await shutdownEngines();
}

/**
 * `fn` as a library entry point: calls run one at a time (`Promise.all` of two plans would empty
 * each other's database), and the engines are stopped when no other call is waiting.
 */
export function libraryCall<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args: A) => {
    inFlight += 1;
    const run = turn.then(async () => {
      try {
        return await fn(...args);
      } finally {
        await release();
      }
    });
    turn = run.catch(() => undefined);
    return run;
  };
}

/** An engine opened for library users: closing it stops the embedded instance it started. */
export function libraryEngine(engine: Engine): Engine {
  inFlight += 1;
  let closed = false;
  return {
    kind: engine.kind,
    fresh: () => engine.fresh(),
    async close() {
      await engine.close();
      if (closed) return;
      closed = true;
      await release();
    },
  };
}

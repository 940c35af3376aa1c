import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Tests that run bin/lockstep.js or the packed tarball need dist/ built from this source: once.
    globalSetup: ["test/helpers/build.ts"],
    // PGlite instances are large (~700 MB); a few forks keep memory bounded on 2 cores.
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});

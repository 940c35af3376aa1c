import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { compareFlywayVersions, flywayReader, flywayWriter } from "./index.js";
import {
  addColumn,
  addColumnFiles,
  addIndex,
  dropPicture,
  expectMissingFolderError,
  expectReadError,
  expectRoundTrip,
  inputError,
  now,
  tempFolders,
} from "../shared/testing.js";
import { postgres } from "../../dialects/postgres/index.js";

const { root, folder } = tempFolders("lockstep-flyway-");
beforeAll(() => postgres.ready());

const readError = (dir: string) => inputError(() => flywayReader.read(dir, postgres));

describe("Flyway versions", () => {
  it("compare part by part as numbers, `_` separating parts too", () => {
    const versions = ["1.2.10", "1.2.9", "2", "1_3", "1.10", "1.2", "001.2.1"];
    expect([...versions].sort(compareFlywayVersions)).toEqual([
      "1.2",
      "001.2.1",
      "1.2.9",
      "1.2.10",
      "1_3",
      "1.10",
      "2",
    ]);
    expect(compareFlywayVersions("1.0", "1")).toBe(0);
  });
});

describe("Flyway reader", () => {
  it("orders versioned migrations numerically, pairs undos, then runs repeatables by description", () => {
    const dir = folder({
      "V1.2.10__later.sql": "SELECT 3;",
      "V1.2.9__earlier.sql": "SELECT 2;",
      "nested/V1_1__first_step.SQL": "SELECT 1;",
      "U1.2.9__earlier.sql": "SELECT -2;",
      "R__b_views.sql": "SELECT 'b';",
      "R__a_functions.sql": "SELECT 'a';",
      "Vacuum.sql": "-- not a migration name: ignored",
      "flyway.conf": "flyway.locations=filesystem:.",
    });
    const migrations = flywayReader.read(dir, postgres);
    expect(migrations.map((m) => [m.version, m.name, m.down?.text])).toEqual([
      ["1.1", "first_step", undefined],
      ["1.2.9", "earlier", "SELECT -2;"],
      ["1.2.10", "later", undefined],
      ["", "a_functions", undefined],
      ["", "b_views", undefined],
    ]);
    expect(migrations[0]!.path).toBe(path.join(dir, "nested", "V1_1__first_step.SQL"));
  });

  it("takes executeInTransaction from a .sql.conf, else detects what Flyway runs outside a transaction", () => {
    const dir = folder({
      "V1__conf.sql": "CREATE INDEX i1 ON t (a);",
      "V1__conf.sql.conf": "# script config\nexecuteInTransaction=false\n",
      "U1__conf.sql": "DROP INDEX i1;",
      "V2__detected.sql":
        "CREATE TABLE u (a int);\n-- Flyway runs this file outside a transaction\nCREATE INDEX CONCURRENTLY i2 ON u (a);",
      "V3__forced.sql": "CREATE INDEX CONCURRENTLY i3 ON u (a);",
      "V3__forced.sql.conf": "executeInTransaction = true",
      "V4__plain.sql": "-- the word concurrently in a comment does not count\nCREATE INDEX i4 ON u (a);",
    });
    const migrations = flywayReader.read(dir, postgres);
    expect(migrations.map((m) => [m.version, m.up.transactional, m.down?.transactional])).toEqual([
      ["1", false, true],
      ["2", false, undefined],
      ["3", true, undefined],
      ["4", true, undefined],
    ]);
  });

  it("reports a bad executeInTransaction value with its line", () => {
    const dir = folder({ "V1__a.sql": "", "V1__a.sql.conf": "\nexecuteInTransaction=no\n" });
    expectReadError(
      flywayReader,
      dir,
      { file: "V1__a.sql.conf", line: 2 },
      'executeInTransaction must be true or false, not "no"',
    );
  });

  it("reports a missing separator, a bad version, a repeatable with a version and a duplicate version", () => {
    expect(readError(folder({ "V1_init.sql": "" })).message).toContain("expected V<version>__<description>.sql");
    expect(readError(folder({ "V1.x__init.sql": "" })).message).toContain('not a Flyway version: "1.x"');
    expect(readError(folder({ "R1__views.sql": "" })).message).toContain(
      "a repeatable migration (R__) cannot have a version",
    );
    expect(readError(folder({ "V1__a.sql": "", "V1.0__b.sql": "" })).message).toMatch(
      /two migrations with version 1 \(also V1(\.0)?__[ab]\.sql\)/,
    );
  });

  it("rejects a binary file with its location", () => {
    const dir = folder({ "V1__a.sql": Buffer.from("SELECT 1;\nSELECT 2;\n\u0000") });
    expectReadError(flywayReader, dir, { file: "V1__a.sql", line: 3 }, "binary file (it holds a NUL byte)");
  });

  it("reports a missing folder", () => {
    expectMissingFolderError(flywayReader, root);
  });

  it("detects Flyway names", () => {
    expect(flywayReader.detect(folder({ "V1__init.sql": "" }))).toBe(true);
    expect(flywayReader.detect(folder({ "R__views.sql": "" }))).toBe(true);
    expect(flywayReader.detect(folder({ "1_init.sql": "" }))).toBe(false);
  });
});

describe("Flyway writer", () => {
  it("starts at version 1 in a new folder", () => {
    const files = flywayWriter.plan({ steps: [addColumn], name: "add_avatar", dir: folder(), now }, postgres);
    expect(files).toEqual(addColumnFiles("V1__add_avatar.sql", "U1__add_avatar.sql"));
  });

  it("increments the newest version's last part and writes .conf files for the non-transactional step", () => {
    const dir = folder({ "V1.2.9__a.sql": "", "V1.2.10__b.sql": "", "R__views.sql": "" });
    const files = flywayWriter.plan(
      {
        steps: [addColumn, addIndex, dropPicture],
        name: "add_avatar",
        dir,
        now,
      },
      postgres,
    );
    expect(files.map((f) => f.path)).toEqual([
      "V1.2.11__add_avatar_1_expand.sql",
      "U1.2.11__add_avatar_1_expand.sql",
      "V1.2.12__add_avatar_2.sql",
      "U1.2.12__add_avatar_2.sql",
      "V1.2.12__add_avatar_2.sql.conf",
      "U1.2.12__add_avatar_2.sql.conf",
      "V1.2.13__add_avatar_3_contract.sql",
      "U1.2.13__add_avatar_3_contract.sql",
    ]);
    expect(files[4]!.content).toBe("executeInTransaction=false\n");
    expect(files[7]!.content).toContain("-- DATA LOSS: users.picture values are not restored.\n");
  });

  it("keeps zero padding and timestamp versions", () => {
    const firstPath = (existing: string) =>
      flywayWriter.plan({ steps: [addColumn], name: "x", dir: folder({ [existing]: "" }), now }, postgres)[0]!.path;
    expect(firstPath("V009__a.sql")).toBe("V010__x.sql");
    expect(firstPath("V20240101000000__a.sql")).toBe("V20250304102030__x.sql");
  });

  it("round-trips through the reader", () => {
    const steps = [addColumn, addIndex, dropPicture];
    const dir = folder({
      "V1__init.sql": "CREATE TABLE users (picture text);",
      "U1__init.sql": "DROP TABLE users;",
    });
    const read = expectRoundTrip(flywayWriter, flywayReader, dir, steps, now);
    expect(read.map((m) => m.version)).toEqual(["2", "3", "4"]);
  });
});

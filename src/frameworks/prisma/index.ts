/**
 * Prisma: its migrations folder (`prisma/migrations/<timestamp>_<name>/migration.sql`, read and
 * written by migrations.ts with Prisma's statement headings), its project (the schema and where
 * it keeps migrations, project.ts), and its model: `schema.prisma` compiled by Prisma's own schema
 * engine (WebAssembly) into the DDL `prisma migrate dev` would write (model/).
 */
import type { Framework } from "../framework.js";
import { prismaReader, prismaWriter } from "./migrations.js";
import { isPrismaSchema, prismaSchemaDialect, prismaSchemaSource } from "./model/index.js";
import { PRISMA_PROJECT_FILES, prismaProject } from "./project.js";

export const prisma: Framework<"prisma"> = {
  name: "prisma",
  reader: prismaReader,
  writer: prismaWriter,
  // A migration file is sent as one query: several statements share a transaction, a lone one runs alone.
  runner: { bookkeepingTable: "_prisma_migrations", transactions: "one-query" },
  model: { isModel: isPrismaSchema, source: prismaSchemaSource, dialect: prismaSchemaDialect },
  project: prismaProject,
  projectFiles: PRISMA_PROJECT_FILES,
};

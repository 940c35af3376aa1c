-- Lockstep down: undoes migration.sql (apply with `prisma db execute --file`).

-- DropTable
DROP TABLE "Product";

-- DropTable
DROP TABLE "User";

-- DropEnum
DROP TYPE "Role";

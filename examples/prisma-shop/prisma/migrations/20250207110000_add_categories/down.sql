-- Lockstep down: undoes migration.sql (apply with `prisma db execute --file`).

-- DropTable
DROP TABLE "_CategoryToProduct";

-- DropTable
DROP TABLE "Category";

-- Lockstep down: undoes migration.sql (apply with `prisma db execute --file`).

-- DropTable
DROP TABLE "OrderItem";

-- DropTable
DROP TABLE "Order";

-- DropEnum
DROP TYPE "OrderStatus";

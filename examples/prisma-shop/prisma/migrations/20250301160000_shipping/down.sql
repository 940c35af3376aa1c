-- Lockstep down: undoes migration.sql (apply with `prisma db execute --file`).
-- DATA LOSS: Product.description is dropped; orders in SHIPPED go back to PAID.

-- AlterTable
ALTER TABLE "Product" DROP COLUMN "description";

-- AlterEnum: PostgreSQL cannot drop an enum value, so the type is rebuilt without it
UPDATE "Order" SET "status" = 'PAID' WHERE "status" = 'SHIPPED';
ALTER TYPE "OrderStatus" RENAME TO "OrderStatus_old";
CREATE TYPE "OrderStatus" AS ENUM ('PENDING', 'PAID', 'CANCELLED');
ALTER TABLE "Order" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "Order" ALTER COLUMN "status" TYPE "OrderStatus" USING ("status"::text::"OrderStatus");
ALTER TABLE "Order" ALTER COLUMN "status" SET DEFAULT 'PENDING';
DROP TYPE "OrderStatus_old";

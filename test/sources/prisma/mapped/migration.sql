-- What `prisma migrate dev` writes for schema.prisma (Prisma 6 conventions, written by hand).
-- CreateEnum
CREATE TYPE "account_status" AS ENUM ('active', 'disabled');

-- CreateTable
CREATE TABLE "accounts" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "user_handle" VARCHAR(30) NOT NULL,
    "status" "account_status" NOT NULL DEFAULT 'active',
    "small" SMALLSERIAL NOT NULL,
    "price" DECIMAL(10,2) NOT NULL,
    "ratio" REAL NOT NULL,
    "born" DATE NOT NULL,
    "seen_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "wakeAt" TIME(0),
    "code" CHAR(3) NOT NULL,
    "meta" JSON NOT NULL,
    "ip" INET,
    "flags" VARBIT(8),
    "docs" JSONB,
    "legacy" TEXT,
    "managerId" UUID,

    CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL,
    "note" TEXT NOT NULL,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Group" (
    "tenant" INTEGER NOT NULL,
    "slug" VARCHAR(50) NOT NULL,

    CONSTRAINT "group_pk" PRIMARY KEY ("tenant","slug")
);

-- CreateTable
CREATE TABLE "Channel" (
    "id" INTEGER NOT NULL,
    "groupTenant" INTEGER NOT NULL,
    "groupSlug" VARCHAR(50) NOT NULL,
    "aVeryLongColumnNameThatKeepsGoingAndGoingForever" TEXT NOT NULL,
    "pinnedSlug" VARCHAR(50),

    CONSTRAINT "Channel_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "_Follows" (
    "A" UUID NOT NULL,
    "B" UUID NOT NULL,

    CONSTRAINT "_Follows_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "account_handle_status_uq" ON "accounts"("user_handle", "status");

-- CreateIndex
CREATE INDEX "accounts_docs_idx" ON "accounts" USING GIN ("docs" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "accounts_user_handle_idx" ON "accounts" USING HASH ("user_handle");

-- CreateIndex
CREATE INDEX "accounts_born_idx" ON "accounts" USING BRIN ("born");

-- CreateIndex
CREATE UNIQUE INDEX "Channel_aVeryLongColumnNameThatKeepsGoingAndGoingForever_gr_key" ON "Channel"("aVeryLongColumnNameThatKeepsGoingAndGoingForever", "groupSlug");

-- CreateIndex
CREATE INDEX "Channel_groupTenant_groupSlug_aVeryLongColumnNameThatKeepsG_idx" ON "Channel"("groupTenant", "groupSlug", "aVeryLongColumnNameThatKeepsGoingAndGoingForever");

-- CreateIndex
CREATE INDEX "_Follows_B_index" ON "_Follows"("B");

-- AddForeignKey
ALTER TABLE "accounts" ADD CONSTRAINT "account_manager_fk" FOREIGN KEY ("managerId") REFERENCES "accounts"("id") ON DELETE NO ACTION ON UPDATE NO ACTION;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_groupTenant_groupSlug_fkey" FOREIGN KEY ("groupTenant", "groupSlug") REFERENCES "Group"("tenant", "slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Channel" ADD CONSTRAINT "Channel_groupTenant_pinnedSlug_fkey" FOREIGN KEY ("groupTenant", "pinnedSlug") REFERENCES "Group"("tenant", "slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Follows" ADD CONSTRAINT "_Follows_A_fkey" FOREIGN KEY ("A") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_Follows" ADD CONSTRAINT "_Follows_B_fkey" FOREIGN KEY ("B") REFERENCES "accounts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

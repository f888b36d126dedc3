-- Generated from the model by `dotnet run --project src/Pantau.Web -- schema-script`, then split by migration.
CREATE TABLE "AuditEntries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "Actor" TEXT NOT NULL,
    "ActorOfficeId" INTEGER NULL,
    "Action" TEXT NOT NULL,
    "RecordType" TEXT NOT NULL,
    "RecordIds" TEXT NOT NULL,
    "RecordOffices" TEXT NOT NULL,
    "Purpose" TEXT NOT NULL,
    "ClientAddress" TEXT NULL,
    "PreviousHash" TEXT NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE TABLE "AuditHeads" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AuditHeads" PRIMARY KEY,
    "Sequence" INTEGER NOT NULL,
    "Hash" TEXT NOT NULL
);

CREATE INDEX "IX_AuditEntries_ActorOfficeId" ON "AuditEntries" ("ActorOfficeId");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

INSERT INTO "AuditHeads" ("Id", "Sequence", "Hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

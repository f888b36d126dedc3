-- Open311: the keys of client applications an office let in (only their hashes).
CREATE TABLE "ApiClients" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiClients" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "KeyHash" TEXT NOT NULL,
    "OfficeId" INTEGER NULL,
    "CreatedAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_ApiClients_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_ApiClients_KeyHash" ON "ApiClients" ("KeyHash");

CREATE INDEX "IX_ApiClients_OfficeId" ON "ApiClients" ("OfficeId");

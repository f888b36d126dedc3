-- Open311: the keys of client applications an office let in (only their hashes).
CREATE TABLE "ApiClients" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "KeyHash" character varying(64) NOT NULL,
    "OfficeId" integer,
    "CreatedAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_ApiClients" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_ApiClients_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_ApiClients_KeyHash" ON "ApiClients" ("KeyHash");

CREATE INDEX "IX_ApiClients_OfficeId" ON "ApiClients" ("OfficeId");

-- Generated from the model by `dotnet run --project src/Pantau.Web -- schema-script`, then split by migration.
CREATE TABLE "AuditEntries" (
    "Sequence" bigint NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorId" uuid,
    "Actor" character varying(256) NOT NULL,
    "ActorOfficeId" integer,
    "Action" character varying(40) NOT NULL,
    "RecordType" character varying(40) NOT NULL,
    "RecordIds" text NOT NULL,
    "RecordOffices" text NOT NULL,
    "Purpose" character varying(300) NOT NULL,
    "ClientAddress" character varying(64),
    "PreviousHash" character varying(64) NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Sequence")
);

CREATE TABLE "AuditHeads" (
    "Id" integer NOT NULL,
    "Sequence" bigint NOT NULL,
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditHeads" PRIMARY KEY ("Id")
);

CREATE INDEX "IX_AuditEntries_ActorOfficeId" ON "AuditEntries" ("ActorOfficeId");

CREATE INDEX "IX_AuditEntries_At" ON "AuditEntries" ("At");

INSERT INTO "AuditHeads" ("Id", "Sequence", "Hash") VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

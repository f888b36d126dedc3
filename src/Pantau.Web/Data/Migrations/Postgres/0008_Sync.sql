-- Sync with the central immigration database: the people it knows, its events, snapshot imports (issue 6).

CREATE TABLE "CentralEvents" (
    "EventId" character varying(100) NOT NULL,
    "CentralId" character varying(40) NOT NULL,
    "Sequence" bigint NOT NULL,
    "Type" character varying(24),
    "State" character varying(12) NOT NULL,
    "Reason" character varying(500),
    "Payload" text,
    "OccurredAt" timestamp with time zone NOT NULL,
    "ReceivedAt" timestamp with time zone NOT NULL,
    "AppliedAt" timestamp with time zone,
    "ForeignerId" uuid,
    CONSTRAINT "PK_CentralEvents" PRIMARY KEY ("EventId")
);

CREATE TABLE "CentralPeople" (
    "CentralId" character varying(40) NOT NULL,
    "ForeignerId" uuid NOT NULL,
    "LastSequence" bigint NOT NULL,
    "RecordHash" character varying(64),
    "RecordVersion" integer NOT NULL,
    "LastSnapshotId" uuid,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CentralPeople" PRIMARY KEY ("CentralId")
);

CREATE TABLE "SnapshotImports" (
    "Id" uuid NOT NULL,
    "FileName" character varying(260) NOT NULL,
    "FilePath" character varying(1000) NOT NULL,
    "FileHash" character varying(64) NOT NULL,
    "FileSize" bigint NOT NULL,
    "Status" character varying(12) NOT NULL,
    "StartedBy" character varying(256) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    "LastCommittedLine" bigint NOT NULL,
    "Created" bigint NOT NULL,
    "Updated" bigint NOT NULL,
    "Unchanged" bigint NOT NULL,
    "Rejected" bigint NOT NULL,
    "Missing" bigint NOT NULL,
    "MissingSample" text,
    "Error" character varying(1000),
    CONSTRAINT "PK_SnapshotImports" PRIMARY KEY ("Id")
);

CREATE TABLE "SnapshotRejections" (
    "ImportId" uuid NOT NULL,
    "Line" bigint NOT NULL,
    "CentralId" character varying(40),
    "Reason" character varying(500) NOT NULL,
    CONSTRAINT "PK_SnapshotRejections" PRIMARY KEY ("ImportId", "Line"),
    CONSTRAINT "FK_SnapshotRejections_SnapshotImports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "SnapshotImports" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CentralEvents_AppliedAt" ON "CentralEvents" ("AppliedAt");

CREATE INDEX "IX_CentralEvents_CentralId_State_Sequence" ON "CentralEvents" ("CentralId", "State", "Sequence");

CREATE INDEX "IX_CentralEvents_State_ReceivedAt" ON "CentralEvents" ("State", "ReceivedAt");

CREATE UNIQUE INDEX "IX_CentralPeople_ForeignerId" ON "CentralPeople" ("ForeignerId");

CREATE INDEX "IX_SnapshotImports_FileHash" ON "SnapshotImports" ("FileHash");

CREATE INDEX "IX_SnapshotImports_StartedAt" ON "SnapshotImports" ("StartedAt");

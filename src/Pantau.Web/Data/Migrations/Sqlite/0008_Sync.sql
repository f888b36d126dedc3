-- Sync with the central immigration database: the people it knows, its events, snapshot imports (issue 6).

CREATE TABLE "CentralEvents" (
    "EventId" TEXT NOT NULL CONSTRAINT "PK_CentralEvents" PRIMARY KEY,
    "CentralId" TEXT NOT NULL,
    "Sequence" INTEGER NOT NULL,
    "Type" TEXT NULL,
    "State" TEXT NOT NULL,
    "Reason" TEXT NULL,
    "Payload" TEXT NULL,
    "OccurredAt" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "AppliedAt" TEXT NULL,
    "ForeignerId" TEXT NULL
);

CREATE TABLE "CentralPeople" (
    "CentralId" TEXT NOT NULL CONSTRAINT "PK_CentralPeople" PRIMARY KEY,
    "ForeignerId" TEXT NOT NULL,
    "LastSequence" INTEGER NOT NULL,
    "RecordHash" TEXT NULL,
    "RecordVersion" INTEGER NOT NULL,
    "LastSnapshotId" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL
);

CREATE TABLE "SnapshotImports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SnapshotImports" PRIMARY KEY,
    "FileName" TEXT NOT NULL,
    "FilePath" TEXT NOT NULL,
    "FileHash" TEXT NOT NULL,
    "FileSize" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "StartedBy" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "LastCommittedLine" INTEGER NOT NULL,
    "Created" INTEGER NOT NULL,
    "Updated" INTEGER NOT NULL,
    "Unchanged" INTEGER NOT NULL,
    "Rejected" INTEGER NOT NULL,
    "Missing" INTEGER NOT NULL,
    "MissingSample" TEXT NULL,
    "Error" TEXT NULL
);

CREATE TABLE "SnapshotRejections" (
    "ImportId" TEXT NOT NULL,
    "Line" INTEGER NOT NULL,
    "CentralId" TEXT NULL,
    "Reason" TEXT NOT NULL,
    CONSTRAINT "PK_SnapshotRejections" PRIMARY KEY ("ImportId", "Line"),
    CONSTRAINT "FK_SnapshotRejections_SnapshotImports_ImportId" FOREIGN KEY ("ImportId") REFERENCES "SnapshotImports" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_CentralEvents_AppliedAt" ON "CentralEvents" ("AppliedAt");

CREATE INDEX "IX_CentralEvents_CentralId_State_Sequence" ON "CentralEvents" ("CentralId", "State", "Sequence");

CREATE INDEX "IX_CentralEvents_State_ReceivedAt" ON "CentralEvents" ("State", "ReceivedAt");

CREATE UNIQUE INDEX "IX_CentralPeople_ForeignerId" ON "CentralPeople" ("ForeignerId");

CREATE INDEX "IX_SnapshotImports_FileHash" ON "SnapshotImports" ("FileHash");

CREATE INDEX "IX_SnapshotImports_StartedAt" ON "SnapshotImports" ("StartedAt");

-- Operations console: triage, dispatch, the team's findings, SLA timestamps; messages with the reporter; the queue's events.
ALTER TABLE "Reports" ADD COLUMN "Priority" TEXT NOT NULL DEFAULT 'Normal';
ALTER TABLE "Reports" ADD COLUMN "Revision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Reports" ADD COLUMN "TriagedAt" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "DispatchedAt" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "EnRouteAt" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "ArrivedAt" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "ClosedAt" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "TeamId" INTEGER NULL;
ALTER TABLE "Reports" ADD COLUMN "MergedIntoId" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "RejectionReason" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "ForwardedFromOfficeId" INTEGER NULL;
ALTER TABLE "Reports" ADD COLUMN "Outcome" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "FindingsNote" TEXT NULL;
ALTER TABLE "Reports" ADD COLUMN "ForeignersChecked" INTEGER NULL;
ALTER TABLE "Reports" ADD COLUMN "UnreadReplies" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "IX_Reports_TeamId_Status" ON "Reports" ("TeamId", "Status");

-- Reports closed before this version: their closing time is the last step of their history.
UPDATE "Reports" SET "ClosedAt" = (SELECT max(h."At") FROM "ReportStatusChanges" h WHERE h."ReportId" = "Reports"."Id")
WHERE "Status" IN ('Resolved', 'Rejected');

ALTER TABLE "ReportPhotos" ADD COLUMN "FromTeam" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "FieldChecks" ADD COLUMN "ReportId" TEXT NULL;
CREATE INDEX "IX_FieldChecks_ReportId" ON "FieldChecks" ("ReportId");

CREATE TABLE "QueueEvents" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_QueueEvents" PRIMARY KEY AUTOINCREMENT,
    "OfficeId" INTEGER NOT NULL,
    "ReportId" TEXT NOT NULL,
    "At" TEXT NOT NULL
);
CREATE INDEX "IX_QueueEvents_OfficeId_Id" ON "QueueEvents" ("OfficeId", "Id");

CREATE TABLE "ReportMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportMessages" PRIMARY KEY AUTOINCREMENT,
    "ReportId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "FromReporter" INTEGER NOT NULL,
    "AuthorId" TEXT NULL,
    "AuthorName" TEXT NULL,
    "Text" TEXT NOT NULL,
    CONSTRAINT "FK_ReportMessages_Reports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ReportMessages_ReportId" ON "ReportMessages" ("ReportId");

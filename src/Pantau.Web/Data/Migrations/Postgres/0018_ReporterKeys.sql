-- Issue 13: the reporter's key is a secret of its own (only its hash is kept), and officers' notes are internal: what
-- the reporter and the public are told is a separate public note. Existing reports get no key here (there is no one to
-- hand it to): their reporters reach the thread again through the link in the next message an officer sends them, and
-- their earlier notes stay internal. A report sent by an Open311 client application remembers which one.
ALTER TABLE "Reports" ADD "PublicNote" character varying(500);
ALTER TABLE "Reports" ADD "ApiClientId" uuid;
ALTER TABLE "ReportStatusChanges" ADD "PublicNote" character varying(500);
CREATE TABLE "ReportKeys" (
    "Hash" character varying(64) NOT NULL,
    "ReportId" uuid NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ReportKeys" PRIMARY KEY ("Hash"),
    CONSTRAINT "FK_ReportKeys_Reports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);
CREATE INDEX "IX_ReportKeys_ReportId" ON "ReportKeys" ("ReportId");

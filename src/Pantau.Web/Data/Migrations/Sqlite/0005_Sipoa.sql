-- SIPOA: public reports, verified reporters, incidents, the message outbox.
CREATE TABLE "Incidents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Incidents" PRIMARY KEY,
    "Category" TEXT NOT NULL,
    "OfficeId" INTEGER NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "VillageCode" TEXT NOT NULL,
    "FirstReportAt" TEXT NOT NULL,
    "LastReportAt" TEXT NOT NULL
);

CREATE TABLE "OutboxMessages" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_OutboxMessages" PRIMARY KEY AUTOINCREMENT,
    "Recipient" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "At" TEXT NOT NULL
);

CREATE TABLE "ReporterCodes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ReporterCodes" PRIMARY KEY,
    "Phone" TEXT NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "UsedAt" TEXT NULL
);

CREATE TABLE "Reporters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Reporters" PRIMARY KEY,
    "Phone" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConfirmedReports" INTEGER NOT NULL,
    "FalseReports" INTEGER NOT NULL,
    "BlockedAt" TEXT NULL
);

CREATE TABLE "ReporterSessions" (
    "TokenHash" TEXT NOT NULL CONSTRAINT "PK_ReporterSessions" PRIMARY KEY,
    "ReporterId" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL
);

CREATE TABLE "Reports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Reports" PRIMARY KEY,
    "Ticket" TEXT NOT NULL,
    "Category" TEXT NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "VillageCode" TEXT NULL,
    "Address" TEXT NULL,
    "OccurredAt" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "PersonNationality" TEXT NULL,
    "PersonName" TEXT NULL,
    "Workplace" TEXT NULL,
    "ReporterId" TEXT NULL,
    "TrustedReporterId" TEXT NULL,
    "OfficeId" INTEGER NOT NULL,
    "IncidentId" TEXT NULL,
    "Status" TEXT NOT NULL,
    "StatusNote" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "VerifiedAt" TEXT NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "VerificationToken" TEXT NULL,
    "DeviceId" TEXT NULL,
    "ClientAddress" TEXT NULL
);

CREATE TABLE "ReportPhotos" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ReportPhotos" PRIMARY KEY,
    "ReportId" TEXT NOT NULL,
    "ContentType" TEXT NOT NULL,
    "Content" BLOB NOT NULL,
    CONSTRAINT "FK_ReportPhotos_Reports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ReportStatusChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReportStatusChanges" PRIMARY KEY AUTOINCREMENT,
    "ReportId" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "Note" TEXT NULL,
    CONSTRAINT "FK_ReportStatusChanges_Reports_ReportId" FOREIGN KEY ("ReportId") REFERENCES "Reports" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Incidents_OfficeId_Category_LastReportAt" ON "Incidents" ("OfficeId", "Category", "LastReportAt");

CREATE INDEX "IX_ReporterCodes_Phone_SentAt" ON "ReporterCodes" ("Phone", "SentAt");

CREATE UNIQUE INDEX "IX_Reporters_Phone" ON "Reporters" ("Phone");

CREATE INDEX "IX_ReportPhotos_ReportId" ON "ReportPhotos" ("ReportId");

CREATE INDEX "IX_Reports_DeviceId_CreatedAt" ON "Reports" ("DeviceId", "CreatedAt");

CREATE UNIQUE INDEX "IX_Reports_IdempotencyKey" ON "Reports" ("IdempotencyKey");

CREATE INDEX "IX_Reports_IncidentId" ON "Reports" ("IncidentId");

CREATE INDEX "IX_Reports_OfficeId_Status_CreatedAt" ON "Reports" ("OfficeId", "Status", "CreatedAt");

CREATE INDEX "IX_Reports_ReporterId_CreatedAt" ON "Reports" ("ReporterId", "CreatedAt");

CREATE UNIQUE INDEX "IX_Reports_Ticket" ON "Reports" ("Ticket");

CREATE INDEX "IX_Reports_VerificationToken" ON "Reports" ("VerificationToken");

CREATE INDEX "IX_ReportStatusChanges_ReportId" ON "ReportStatusChanges" ("ReportId");

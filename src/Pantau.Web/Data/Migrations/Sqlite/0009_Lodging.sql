-- Lodging reports (APOA) and permit-expiry alerts: lodgings, their guests' stays, the office's flags, the daily
-- job's claimed days and the reminders sent to sponsors; the sponsor's phone on a permit.

ALTER TABLE "StayPermits" ADD COLUMN "SponsorPhone" TEXT NULL;

CREATE TABLE "Lodgings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Lodgings" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "VillageCode" TEXT NOT NULL,
    "RegencyCode" TEXT NOT NULL,
    "Address" TEXT NOT NULL,
    "ContactName" TEXT NOT NULL,
    "ContactPhone" TEXT NOT NULL,
    "OfficeId" INTEGER NOT NULL,
    "AccountId" TEXT NOT NULL,
    "State" TEXT NOT NULL,
    "RegisteredAt" TEXT NOT NULL,
    "DecidedAt" TEXT NULL,
    "DecidedBy" TEXT NULL,
    "DecisionNote" TEXT NULL,
    CONSTRAINT "FK_Lodgings_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Lodgings_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "GuestStays" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_GuestStays" PRIMARY KEY,
    "LodgingId" TEXT NOT NULL,
    "OfficeId" INTEGER NOT NULL,
    "PassportNumber" TEXT NOT NULL,
    "Nationality" TEXT NOT NULL,
    "GuestName" TEXT NULL,
    "Room" TEXT NOT NULL,
    "CheckIn" TEXT NOT NULL,
    "PlannedCheckOut" TEXT NULL,
    "CheckedOutOn" TEXT NULL,
    "ForeignerId" TEXT NULL,
    "Source" TEXT NOT NULL,
    "ReportedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_GuestStays_Lodgings_LodgingId" FOREIGN KEY ("LodgingId") REFERENCES "Lodgings" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LodgingFlags" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_LodgingFlags" PRIMARY KEY,
    "OfficeId" INTEGER NOT NULL,
    "LodgingId" TEXT NOT NULL,
    "StayId" TEXT NOT NULL,
    "Reason" TEXT NOT NULL,
    "ForeignerId" TEXT NULL,
    "PermitExpiry" TEXT NULL,
    "RaisedAt" TEXT NOT NULL,
    "ResolvedAt" TEXT NULL,
    "ResolvedBy" TEXT NULL,
    "Resolution" TEXT NULL,
    CONSTRAINT "FK_LodgingFlags_GuestStays_StayId" FOREIGN KEY ("StayId") REFERENCES "GuestStays" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ScheduledRuns" (
    "Job" TEXT NOT NULL,
    "Day" TEXT NOT NULL,
    "Instance" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "FinishedAt" TEXT NULL,
    "Expiring" INTEGER NOT NULL,
    "Lapsed" INTEGER NOT NULL,
    "RemindersSent" INTEGER NOT NULL,
    CONSTRAINT "PK_ScheduledRuns" PRIMARY KEY ("Job", "Day")
);

CREATE TABLE "PermitReminders" (
    "PermitId" TEXT NOT NULL,
    "ExpiryDate" TEXT NOT NULL,
    "ForeignerId" TEXT NOT NULL,
    "Phone" TEXT NOT NULL,
    "RunDay" TEXT NOT NULL,
    "SentAt" TEXT NOT NULL,
    CONSTRAINT "PK_PermitReminders" PRIMARY KEY ("PermitId", "ExpiryDate")
);

CREATE UNIQUE INDEX "IX_Lodgings_AccountId" ON "Lodgings" ("AccountId");

CREATE INDEX "IX_Lodgings_OfficeId_State_RegisteredAt" ON "Lodgings" ("OfficeId", "State", "RegisteredAt");

CREATE INDEX "IX_GuestStays_ForeignerId" ON "GuestStays" ("ForeignerId");

CREATE UNIQUE INDEX "IX_GuestStays_LodgingId_PassportNumber_CheckIn" ON "GuestStays" ("LodgingId", "PassportNumber", "CheckIn");

CREATE INDEX "IX_GuestStays_LodgingId_ReportedAt" ON "GuestStays" ("LodgingId", "ReportedAt");

CREATE INDEX "IX_LodgingFlags_OfficeId_ResolvedAt_RaisedAt" ON "LodgingFlags" ("OfficeId", "ResolvedAt", "RaisedAt");

CREATE UNIQUE INDEX "IX_LodgingFlags_StayId_Reason" ON "LodgingFlags" ("StayId", "Reason");

CREATE INDEX "IX_PermitReminders_RunDay" ON "PermitReminders" ("RunDay");

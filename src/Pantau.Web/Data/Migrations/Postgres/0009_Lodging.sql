-- Lodging reports (APOA) and permit-expiry alerts: lodgings, their guests' stays, the office's flags, the daily
-- job's claimed days and the reminders sent to sponsors; the sponsor's phone on a permit.

ALTER TABLE "StayPermits" ADD COLUMN "SponsorPhone" character varying(16);

CREATE TABLE "Lodgings" (
    "Id" uuid NOT NULL,
    "Name" character varying(200) NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "VillageCode" character varying(13) NOT NULL,
    "RegencyCode" character varying(5) NOT NULL,
    "Address" character varying(300) NOT NULL,
    "ContactName" character varying(200) NOT NULL,
    "ContactPhone" character varying(16) NOT NULL,
    "OfficeId" integer NOT NULL,
    "AccountId" uuid NOT NULL,
    "State" character varying(12) NOT NULL,
    "RegisteredAt" timestamp with time zone NOT NULL,
    "DecidedAt" timestamp with time zone,
    "DecidedBy" uuid,
    "DecisionNote" character varying(500),
    CONSTRAINT "PK_Lodgings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Lodgings_AspNetUsers_AccountId" FOREIGN KEY ("AccountId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_Lodgings_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "GuestStays" (
    "Id" uuid NOT NULL,
    "LodgingId" uuid NOT NULL,
    "OfficeId" integer NOT NULL,
    "PassportNumber" character varying(9) NOT NULL,
    "Nationality" character varying(3) NOT NULL,
    "GuestName" character varying(200),
    "Room" character varying(50) NOT NULL,
    "CheckIn" date NOT NULL,
    "PlannedCheckOut" date,
    "CheckedOutOn" date,
    "ForeignerId" uuid,
    "Source" character varying(8) NOT NULL,
    "ReportedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_GuestStays" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_GuestStays_Lodgings_LodgingId" FOREIGN KEY ("LodgingId") REFERENCES "Lodgings" ("Id") ON DELETE CASCADE
);

CREATE TABLE "LodgingFlags" (
    "Id" uuid NOT NULL,
    "OfficeId" integer NOT NULL,
    "LodgingId" uuid NOT NULL,
    "StayId" uuid NOT NULL,
    "Reason" character varying(16) NOT NULL,
    "ForeignerId" uuid,
    "PermitExpiry" date,
    "RaisedAt" timestamp with time zone NOT NULL,
    "ResolvedAt" timestamp with time zone,
    "ResolvedBy" uuid,
    "Resolution" character varying(500),
    CONSTRAINT "PK_LodgingFlags" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_LodgingFlags_GuestStays_StayId" FOREIGN KEY ("StayId") REFERENCES "GuestStays" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ScheduledRuns" (
    "Job" character varying(50) NOT NULL,
    "Day" date NOT NULL,
    "Instance" character varying(200) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "FinishedAt" timestamp with time zone,
    "Expiring" integer NOT NULL,
    "Lapsed" integer NOT NULL,
    "RemindersSent" integer NOT NULL,
    CONSTRAINT "PK_ScheduledRuns" PRIMARY KEY ("Job", "Day")
);

CREATE TABLE "PermitReminders" (
    "PermitId" uuid NOT NULL,
    "ExpiryDate" date NOT NULL,
    "ForeignerId" uuid NOT NULL,
    "Phone" character varying(16) NOT NULL,
    "RunDay" date NOT NULL,
    "SentAt" timestamp with time zone NOT NULL,
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

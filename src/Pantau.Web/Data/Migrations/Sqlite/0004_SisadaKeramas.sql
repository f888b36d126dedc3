-- Sisada Keramas: field checks, neighbourhood and public counts, partner access requests, field activity.
CREATE TABLE "AccessRequests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AccessRequests" PRIMARY KEY,
    "PartnerId" TEXT NOT NULL,
    "PartnerName" TEXT NOT NULL,
    "PermitId" TEXT NOT NULL,
    "ForeignerId" TEXT NOT NULL,
    "OfficeId" INTEGER NOT NULL,
    "Reason" TEXT NOT NULL,
    "RequestedAt" TEXT NOT NULL,
    "Decision" TEXT NOT NULL,
    "DecidedBy" TEXT NULL,
    "DecidedAt" TEXT NULL,
    "DecisionNote" TEXT NULL,
    "OpenUntil" TEXT NULL
);

CREATE TABLE "FieldChecks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_FieldChecks" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "OfficerId" TEXT NOT NULL,
    "OfficeId" INTEGER NULL,
    "Purpose" TEXT NOT NULL,
    "Query" TEXT NOT NULL,
    "Latitude" REAL NULL,
    "Longitude" REAL NULL,
    "Registered" INTEGER NOT NULL,
    "ForeignerIds" TEXT NOT NULL
);

CREATE TABLE "FieldPositions" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_FieldPositions" PRIMARY KEY AUTOINCREMENT,
    "OfficerId" TEXT NOT NULL,
    "OfficerName" TEXT NOT NULL,
    "OfficeId" INTEGER NOT NULL,
    "At" TEXT NOT NULL,
    "ReceivedAt" TEXT NOT NULL,
    "Latitude" REAL NOT NULL,
    "Longitude" REAL NOT NULL,
    "Activity" TEXT NOT NULL,
    "Note" TEXT NULL
);

CREATE TABLE "NationalityCounts" (
    "DistrictCode" TEXT NOT NULL,
    "Nationality" TEXT NOT NULL,
    "RegencyCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_NationalityCounts" PRIMARY KEY ("DistrictCode", "Nationality")
);

CREATE TABLE "ResidentCounts" (
    "VillageCode" TEXT NOT NULL,
    "Rw" INTEGER NOT NULL,
    "Rt" INTEGER NOT NULL,
    "DistrictCode" TEXT NOT NULL,
    "RegencyCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Count" INTEGER NOT NULL,
    CONSTRAINT "PK_ResidentCounts" PRIMARY KEY ("VillageCode", "Rw", "Rt")
);

CREATE INDEX "IX_AccessRequests_OfficeId_RequestedAt" ON "AccessRequests" ("OfficeId", "RequestedAt");

CREATE INDEX "IX_AccessRequests_PartnerId_RequestedAt" ON "AccessRequests" ("PartnerId", "RequestedAt");

CREATE INDEX "IX_FieldChecks_OfficerId_At" ON "FieldChecks" ("OfficerId", "At");

CREATE INDEX "IX_FieldPositions_OfficeId_At" ON "FieldPositions" ("OfficeId", "At");

CREATE INDEX "IX_FieldPositions_OfficerId_At" ON "FieldPositions" ("OfficerId", "At");

CREATE INDEX "IX_NationalityCounts_ProvinceCode" ON "NationalityCounts" ("ProvinceCode");

CREATE INDEX "IX_NationalityCounts_RegencyCode" ON "NationalityCounts" ("RegencyCode");

CREATE INDEX "IX_ResidentCounts_DistrictCode" ON "ResidentCounts" ("DistrictCode");

CREATE INDEX "IX_ResidentCounts_ProvinceCode" ON "ResidentCounts" ("ProvinceCode");

CREATE INDEX "IX_ResidentCounts_RegencyCode" ON "ResidentCounts" ("RegencyCode");

-- Counts of the people already registered.
INSERT INTO "ResidentCounts" ("VillageCode", "Rw", "Rt", "DistrictCode", "RegencyCode", "ProvinceCode", "Count")
SELECT "VillageCode", "Rw", "Rt", MIN("DistrictCode"), MIN("RegencyCode"), MIN("ProvinceCode"), COUNT(*)
FROM "Foreigners" WHERE "Status" = 'Active' GROUP BY "VillageCode", "Rw", "Rt";

INSERT INTO "NationalityCounts" ("DistrictCode", "Nationality", "RegencyCode", "ProvinceCode", "Count")
SELECT "DistrictCode", "Nationality", MIN("RegencyCode"), MIN("ProvinceCode"), COUNT(*)
FROM "Foreigners" WHERE "Status" = 'Active' GROUP BY "DistrictCode", "Nationality";

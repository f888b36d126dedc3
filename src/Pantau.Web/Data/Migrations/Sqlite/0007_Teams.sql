-- TIMPORA teams (immigration officers with police and military members) and the office's duty roster.
CREATE TABLE "Teams" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Teams" PRIMARY KEY AUTOINCREMENT,
    "OfficeId" INTEGER NOT NULL,
    "Name" TEXT NOT NULL,
    "Active" INTEGER NOT NULL,
    CONSTRAINT "FK_Teams_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "RosterShifts" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RosterShifts" PRIMARY KEY AUTOINCREMENT,
    "OfficeId" INTEGER NOT NULL,
    "TeamId" INTEGER NOT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndsAt" TEXT NOT NULL,
    CONSTRAINT "FK_RosterShifts_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_RosterShifts_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TeamMembers" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_TeamMembers" PRIMARY KEY AUTOINCREMENT,
    "TeamId" INTEGER NOT NULL,
    "StaffUserId" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Agency" TEXT NOT NULL,
    CONSTRAINT "FK_TeamMembers_AspNetUsers_StaffUserId" FOREIGN KEY ("StaffUserId") REFERENCES "AspNetUsers" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_TeamMembers_Teams_TeamId" FOREIGN KEY ("TeamId") REFERENCES "Teams" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RosterShifts_OfficeId_StartsAt" ON "RosterShifts" ("OfficeId", "StartsAt");

CREATE INDEX "IX_RosterShifts_TeamId_StartsAt" ON "RosterShifts" ("TeamId", "StartsAt");

CREATE INDEX "IX_TeamMembers_StaffUserId" ON "TeamMembers" ("StaffUserId");

CREATE INDEX "IX_TeamMembers_TeamId" ON "TeamMembers" ("TeamId");

CREATE UNIQUE INDEX "IX_Teams_OfficeId_Name" ON "Teams" ("OfficeId", "Name");

-- Generated from the model by `dotnet run --project src/Pantau.Web -- schema-script`, then split by migration.
CREATE TABLE "Foreigners" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Foreigners" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "NameKey" TEXT NOT NULL,
    "Sex" TEXT NOT NULL,
    "DateOfBirth" TEXT NOT NULL,
    "Nationality" TEXT NOT NULL,
    "Status" TEXT NOT NULL,
    "VillageCode" TEXT NOT NULL,
    "DistrictCode" TEXT NOT NULL,
    "RegencyCode" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL,
    "Rw" INTEGER NOT NULL,
    "Rt" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Offices" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_Offices" PRIMARY KEY AUTOINCREMENT,
    "Code" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "ProvinceCode" TEXT NOT NULL
);

CREATE TABLE "Regions" (
    "Code" TEXT NOT NULL CONSTRAINT "PK_Regions" PRIMARY KEY,
    "ParentCode" TEXT NULL,
    "Name" TEXT NOT NULL,
    "Level" INTEGER NOT NULL
);

CREATE TABLE "NameTokens" (
    "ForeignerId" TEXT NOT NULL,
    "Token" TEXT NOT NULL,
    CONSTRAINT "PK_NameTokens" PRIMARY KEY ("ForeignerId", "Token"),
    CONSTRAINT "FK_NameTokens_Foreigners_ForeignerId" FOREIGN KEY ("ForeignerId") REFERENCES "Foreigners" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Passports" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Passports" PRIMARY KEY,
    "ForeignerId" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "IssuingState" TEXT NOT NULL,
    "ExpiryDate" TEXT NOT NULL,
    CONSTRAINT "FK_Passports_Foreigners_ForeignerId" FOREIGN KEY ("ForeignerId") REFERENCES "Foreigners" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ResidenceAddresses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ResidenceAddresses" PRIMARY KEY,
    "ForeignerId" TEXT NOT NULL,
    "VillageCode" TEXT NOT NULL,
    "Rw" INTEGER NOT NULL,
    "Rt" INTEGER NOT NULL,
    "Street" TEXT NULL,
    "Since" TEXT NOT NULL,
    "Until" TEXT NULL,
    CONSTRAINT "FK_ResidenceAddresses_Foreigners_ForeignerId" FOREIGN KEY ("ForeignerId") REFERENCES "Foreigners" ("Id") ON DELETE CASCADE
);

CREATE TABLE "StayPermits" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_StayPermits" PRIMARY KEY,
    "ForeignerId" TEXT NOT NULL,
    "Type" TEXT NOT NULL,
    "Number" TEXT NOT NULL,
    "IssueDate" TEXT NOT NULL,
    "ExpiryDate" TEXT NOT NULL,
    "Purpose" TEXT NULL,
    "Sponsor" TEXT NULL,
    "CancelledOn" TEXT NULL,
    CONSTRAINT "FK_StayPermits_Foreigners_ForeignerId" FOREIGN KEY ("ForeignerId") REFERENCES "Foreigners" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "FullName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "OfficeId" INTEGER NULL,
    "ProvinceCode" TEXT NULL,
    "DistrictCodes" TEXT NULL,
    "VillageCode" TEXT NULL,
    "Rw" INTEGER NULL,
    "Rt" INTEGER NULL,
    "IsDisabled" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL,
    CONSTRAINT "FK_AspNetUsers_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE RESTRICT
);

CREATE TABLE "OfficeJurisdictions" (
    "OfficeId" INTEGER NOT NULL,
    "RegencyCode" TEXT NOT NULL,
    CONSTRAINT "PK_OfficeJurisdictions" PRIMARY KEY ("OfficeId", "RegencyCode"),
    CONSTRAINT "FK_OfficeJurisdictions_Offices_OfficeId" FOREIGN KEY ("OfficeId") REFERENCES "Offices" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE INDEX "IX_AspNetUsers_OfficeId" ON "AspNetUsers" ("OfficeId");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE INDEX "IX_Foreigners_DistrictCode" ON "Foreigners" ("DistrictCode");

CREATE INDEX "IX_Foreigners_NameKey" ON "Foreigners" ("NameKey");

CREATE INDEX "IX_Foreigners_Nationality" ON "Foreigners" ("Nationality");

CREATE INDEX "IX_Foreigners_ProvinceCode" ON "Foreigners" ("ProvinceCode");

CREATE INDEX "IX_Foreigners_RegencyCode" ON "Foreigners" ("RegencyCode");

CREATE INDEX "IX_Foreigners_VillageCode_Rw_Rt" ON "Foreigners" ("VillageCode", "Rw", "Rt");

CREATE INDEX "IX_NameTokens_Token" ON "NameTokens" ("Token");

CREATE UNIQUE INDEX "IX_OfficeJurisdictions_RegencyCode" ON "OfficeJurisdictions" ("RegencyCode");

CREATE UNIQUE INDEX "IX_Offices_Code" ON "Offices" ("Code");

CREATE INDEX "IX_Passports_ForeignerId" ON "Passports" ("ForeignerId");

CREATE UNIQUE INDEX "IX_Passports_Number_IssuingState" ON "Passports" ("Number", "IssuingState");

CREATE INDEX "IX_Regions_ParentCode" ON "Regions" ("ParentCode");

CREATE INDEX "IX_ResidenceAddresses_ForeignerId" ON "ResidenceAddresses" ("ForeignerId");

CREATE INDEX "IX_StayPermits_ExpiryDate" ON "StayPermits" ("ExpiryDate");

CREATE INDEX "IX_StayPermits_ForeignerId" ON "StayPermits" ("ForeignerId");

CREATE UNIQUE INDEX "IX_StayPermits_Number" ON "StayPermits" ("Number");

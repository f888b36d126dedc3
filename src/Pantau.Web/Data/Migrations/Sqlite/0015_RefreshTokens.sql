-- Single-use refresh tokens (issue 12, sessions): one row per token handed out; a family is every token descended
-- from one login.
CREATE TABLE "RefreshTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RefreshTokens" PRIMARY KEY,
    "FamilyId" TEXT NOT NULL,
    "AccountId" TEXT NOT NULL,
    "IssuedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL,
    "RevokedAt" TEXT NULL
);
CREATE INDEX "IX_RefreshTokens_FamilyId" ON "RefreshTokens" ("FamilyId");
CREATE INDEX "IX_RefreshTokens_AccountId" ON "RefreshTokens" ("AccountId");

-- Single-use refresh tokens (issue 12, sessions): one row per token handed out; a family is every token descended
-- from one login.
CREATE TABLE "RefreshTokens" (
    "Id" uuid NOT NULL,
    "FamilyId" uuid NOT NULL,
    "AccountId" uuid NOT NULL,
    "IssuedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_RefreshTokens" PRIMARY KEY ("Id")
);
CREATE INDEX "IX_RefreshTokens_FamilyId" ON "RefreshTokens" ("FamilyId");
CREATE INDEX "IX_RefreshTokens_AccountId" ON "RefreshTokens" ("AccountId");

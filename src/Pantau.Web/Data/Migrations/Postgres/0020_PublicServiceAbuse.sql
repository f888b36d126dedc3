-- Abuse of the public service (issue 13.7): hourly counters shared by every instance (SMS budgets, code requests per
-- client address, used challenges); a report's submission hash (an Idempotency-Key bound to its body); the
-- per-address limit of unverified reports reads by address and time. Phone codes now are HMACs under
-- Reports:CodeKey: codes sent before this version (five minutes' worth) no longer verify; they are dropped.
CREATE TABLE "HourlyCounts" (
    "Key" character varying(100) NOT NULL,
    "Hour" timestamp with time zone NOT NULL,
    "Count" integer NOT NULL,
    CONSTRAINT "PK_HourlyCounts" PRIMARY KEY ("Key", "Hour")
);
CREATE INDEX "IX_HourlyCounts_Hour" ON "HourlyCounts" ("Hour");

ALTER TABLE "Reports" ADD COLUMN "SubmissionHash" character varying(64);
CREATE INDEX "IX_Reports_ClientAddress_CreatedAt" ON "Reports" ("ClientAddress", "CreatedAt");

DELETE FROM "ReporterCodes" WHERE "UsedAt" IS NULL;

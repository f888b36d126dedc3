-- From now on every data-protection key is stored encrypted with the operator's certificate (the package
-- Microsoft.AspNetCore.DataProtection.EntityFrameworkCore keeps using this table as it is). The keys stored before
-- were plain XML: anyone with a copy of the database could forge tokens and cookies with them, so they are dropped;
-- the app makes a new, encrypted key at start and everyone signs in once more.
DELETE FROM "DataProtectionKeys" WHERE "Xml" NOT LIKE '%encryptedSecret%';

-- /health/ready writes and reads its instance's row here.
CREATE TABLE "ReadinessProbes" (
    "Instance" character varying(200) NOT NULL,
    "CheckedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_ReadinessProbes" PRIMARY KEY ("Instance")
);

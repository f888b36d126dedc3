-- The audit head is keyed (issue 12): the app writes the MAC of (sequence, hash) on its next append; until then the
-- head is unsealed, which the app accepts only before it has written any checkpoint (see docs/decisions/003-audit-chain.md).
ALTER TABLE "AuditHeads" ADD "Mac" character varying(64) NOT NULL DEFAULT '';
ALTER TABLE "AuditHeads" ALTER COLUMN "Mac" DROP DEFAULT;

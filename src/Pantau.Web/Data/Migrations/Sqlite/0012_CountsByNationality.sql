-- Sums over a kecamatan, regency or province now read NationalityCounts (a few dozen rows per kecamatan); the RT
-- counts are read by their key only. Without these indexes, which held the count, changing a count rewrites no
-- index entry (a HOT update on PostgreSQL).
DROP INDEX "IX_ResidentCounts_DistrictCode_Count";
DROP INDEX "IX_ResidentCounts_RegencyCode_Count";
DROP INDEX "IX_ResidentCounts_ProvinceCode_Count";

-- A count of a kecamatan, regency or province sums thousands of RT rows at a million residents: with the count in the
-- index, the sum reads the index alone instead of looking up every row.
DROP INDEX "IX_ResidentCounts_DistrictCode";
DROP INDEX "IX_ResidentCounts_RegencyCode";
DROP INDEX "IX_ResidentCounts_ProvinceCode";
CREATE INDEX "IX_ResidentCounts_DistrictCode_Count" ON "ResidentCounts" ("DistrictCode", "Count");
CREATE INDEX "IX_ResidentCounts_RegencyCode_Count" ON "ResidentCounts" ("RegencyCode", "Count");
CREATE INDEX "IX_ResidentCounts_ProvinceCode_Count" ON "ResidentCounts" ("ProvinceCode", "Count");

-- 027 (issue 12 §1, Korean conventions): how a client's name is ordered when shown (NULL: auto, by the
-- script: 김민지, Xiaoling Wu; or family_first, given_first as the client prefers), and an address as
-- Korea writes it: the road-name address stays in address (시/도 시군구 도로명 건물번호), the rest of
-- it (상세주소: floor, flat) in address_detail, the five-digit postal code (우편번호) in postal_code, and
-- the country of the address (ISO 3166 alpha-2; NULL: Korea) in address_country.
ALTER TABLE clients ADD COLUMN name_order TEXT;
ALTER TABLE clients ADD COLUMN address_detail TEXT;
ALTER TABLE clients ADD COLUMN postal_code TEXT;
ALTER TABLE clients ADD COLUMN address_country TEXT;

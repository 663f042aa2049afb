-- 030 (issue 15): the episodes a worker is the primary case manager of, found through an index. A
-- worker's clients (home page), their caseload and the capacity check of every assignment start
-- from these and from team_members_staff; without it each read every episode (1,000,000 in a city).
CREATE INDEX episodes_primary ON episodes(primary_cm, status);

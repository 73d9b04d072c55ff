-- Declarative partitioning of the case events by month, measured on the 1M-case database of bench/big_db.py
-- (3M events): psql -f bench/partition_events.sql against that cluster. Results: bench/results/partitioning-1m.txt
\timing on
SELECT min(at)::date, max(at)::date FROM cases_caseevent;
CREATE TABLE ev_part (LIKE cases_caseevent INCLUDING DEFAULTS) PARTITION BY RANGE (at);
DO $$
DECLARE m date := date_trunc('month', (SELECT min(at) FROM cases_caseevent))::date;
BEGIN
  WHILE m <= (SELECT max(at) FROM cases_caseevent) LOOP
    EXECUTE format('CREATE TABLE ev_part_%s PARTITION OF ev_part FOR VALUES FROM (%L) TO (%L)', to_char(m, 'YYYYMM'), m, (m + interval '1 month')::date);
    m := (m + interval '1 month')::date;
  END LOOP;
END $$;
INSERT INTO ev_part SELECT * FROM cases_caseevent;
CREATE INDEX ON ev_part (case_id);
ANALYZE ev_part;
SELECT count(*) AS partitions FROM pg_inherits WHERE inhparent = 'ev_part'::regclass;
-- one case's timeline (what every case page reads), 200 random cases
EXPLAIN (ANALYZE, SUMMARY ON) SELECT * FROM cases_caseevent WHERE case_id IN (SELECT (random()*999000)::int + 1 FROM generate_series(1,200)) ORDER BY case_id, at, id;
EXPLAIN (ANALYZE, SUMMARY ON) SELECT * FROM ev_part WHERE case_id IN (SELECT (random()*999000)::int + 1 FROM generate_series(1,200)) ORDER BY case_id, at, id;
-- a single case, plain vs partitioned (no time bound: every partition's index probed)
EXPLAIN (ANALYZE, SUMMARY ON) SELECT * FROM cases_caseevent WHERE case_id = 500000 ORDER BY at, id;
EXPLAIN (ANALYZE, SUMMARY ON) SELECT * FROM ev_part WHERE case_id = 500000 ORDER BY at, id;
-- retention: removing the oldest month
BEGIN;
EXPLAIN (ANALYZE, SUMMARY ON) DELETE FROM cases_caseevent WHERE at < (SELECT min(at) FROM cases_caseevent) + interval '1 month';
ROLLBACK;
SELECT relname FROM pg_class WHERE relname LIKE 'ev_part_%' ORDER BY 1 LIMIT 1 \gset
BEGIN;
ALTER TABLE ev_part DETACH PARTITION :relname;
DROP TABLE :relname;
ROLLBACK;
DROP TABLE ev_part;

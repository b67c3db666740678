-- The extractor version is an integer (facts.ExtractorVersion): `ingest --reextract` selects
-- the articles with extractor_version < the current one, a plain comparison of numbers that
-- articles_extractor_idx serves, rather than of text by length and then bytes.
ALTER TABLE articles DROP CONSTRAINT articles_extractor_version_check;
ALTER TABLE articles
    ALTER COLUMN extractor_version TYPE integer USING extractor_version::integer,
    ADD CONSTRAINT articles_extractor_version_check CHECK (extractor_version > 0);

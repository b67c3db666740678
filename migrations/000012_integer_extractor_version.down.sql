ALTER TABLE articles DROP CONSTRAINT articles_extractor_version_check;
ALTER TABLE articles
    ALTER COLUMN extractor_version TYPE text COLLATE "C" USING extractor_version::text,
    ADD CONSTRAINT articles_extractor_version_check CHECK (extractor_version <> '');

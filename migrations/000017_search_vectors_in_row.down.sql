-- The vector's default storage again; rows keep theirs until rewritten, which reads the same.
ALTER TABLE articles ALTER search SET STORAGE EXTENDED;

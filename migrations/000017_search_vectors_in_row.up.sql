-- An article's search vector is kept in its row (issue 12: a search for a word of middle
-- frequency). A search tests its window, the newest ~420 rows of the list, one by one with @@;
-- the vector is about 1.4 KB in the generated corpus, and beside a body of about the same size
-- the row passed PostgreSQL's 2 KB toast threshold, so the toaster compressed the body, then
-- the vector, and moved the vector out of line (the larger of the two): each test was a probe
-- of the toast table's index, a page of it and an LZ4 decompression, three buffers a row
-- (1,635 for a window of 412 rows against 418 for the rows themselves). With storage MAIN the
-- toaster moves the body out of line first and keeps the vector in the row, compressed only
-- when the row still does not fit; reading an article alone then fetches its body from the
-- toast table instead, one probe a request.
--
-- Stored rows keep their vectors where they are until rewritten: CLUSTER rewrites the table
-- (the toaster decides again for every row) in the order of the list, so that the rows a
-- window reads also lie on adjacent pages. It holds an exclusive lock on articles while it runs
-- (reads and saves wait): about 12 seconds at 100,000 articles. The table is not kept in that
-- order (SET WITHOUT CLUSTER): news arrives roughly in it anyway.
ALTER TABLE articles ALTER search SET STORAGE MAIN;
CLUSTER articles USING articles_published_idx;
ALTER TABLE articles SET WITHOUT CLUSTER;
ANALYZE articles;

// Package gazetteer holds the embedded name lists the extractor reads: countries (names,
// spellings, demonyms, capitals), titles, organization head-words, regions, event words.
package gazetteer

// Gazetteer is a read-only set of name lists with lookups.
// TODO(extract): placeholder; the extraction work fills it.
type Gazetteer struct{}

// Default returns the embedded gazetteer, loaded once.
func Default() *Gazetteer { return &Gazetteer{} }

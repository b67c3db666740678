package postgres

// Wrap exposes wrap to the external tests.
var Wrap = wrap

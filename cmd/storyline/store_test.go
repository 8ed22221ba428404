package main

import "github.com/storyline-news/storyline/internal/storetest"

// The conformance suite checks what the commands call: its Store and
// theirs hold the same methods.
var (
	_ Store           = storetest.Store(nil)
	_ storetest.Store = Store(nil)
)

package storedrows

// CopyKeysFiled is how many articles a store files a copy key under at
// most (a batch saved in one statement may pass it by its own size). A
// key with more is a common stem, whose articles a store's CopyCandidates
// never reads: filing the rest cost most of the copy index's rows (95%
// at 100,000 generated articles) and of its writes.
const CopyKeysFiled = 64

// CandidatesPerKey is how many articles filed under one key CopyCandidates
// reads at most when asked for perKey: fewer than CopyKeysFiled, since a
// key filed under that many is a common stem.
func CandidatesPerKey(perKey int) int { return min(perKey, CopyKeysFiled-1) }

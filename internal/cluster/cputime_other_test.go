//go:build !unix

package cluster

import "time"

// cpuTime is not measured here.
func cpuTime() time.Duration { return 0 }

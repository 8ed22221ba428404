//go:build unix

package cluster

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time (user and system) used by the process, which
// contention from other processes inflates much less than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

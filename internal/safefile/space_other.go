//go:build !linux && !darwin && !windows

package safefile

// freeSpace cannot tell on this system.
func freeSpace(string) (uint64, bool) { return 0, false }

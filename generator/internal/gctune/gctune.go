// Package gctune owns how the Loa process sets Go's garbage collector: the
// command calls Tune first thing, and the benchmarks that time what a user
// of the command waits for (serve's save-to-reload) call it too, so that
// they measure the same process.
package gctune

import (
	"os"
	"runtime/debug"
)

// Limit is the soft memory limit Tune sets: a national build (10,000
// units) or preview then peaks well under the 512 MiB of a small CI runner.
const Limit = 400 << 20

// Percent is the GOGC Tune sets: under the limit the collector runs half
// as often as by default, which a rebuild spends less on.
const Percent = 200

// Tune sets the memory limit and GOGC, each unless the environment sets
// it (GOMEMLIMIT, GOGC), as for any Go program.
func Tune() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(Limit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(Percent)
	}
}

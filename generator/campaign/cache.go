package campaign

import (
	"slices"
	"sync"

	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
)

// Cache keeps, from one New to the next, what New made of each report and
// each unit's history, so that after a report is saved (serve) the
// model is made without reading again the hundred reports that did not
// change: on a national site that is a million lines.
//
// A report is known by what load made of its file (load.Cache gives the
// same *load.Report for a file that did not change). What New reads it
// against is the key of the whole cache: the unit files (their
// *load.Group), whether one is unread, and the population of site.toml;
// when any changed, the cache starts afresh. The reports and histories
// kept are shared by the models made, which never change them.
//
// A Cache is used by one New at a time.
type Cache struct {
	mu   sync.Mutex
	last *cached // of the last New; nil before one
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{} }

// cached is what one New left for the next.
type cached struct {
	groups      []*load.Group
	unitsUnread bool
	population  int64
	reports     map[*load.Report]*readReport
	hist        *histories
}

// readReport is what newReport made of one report file.
type readReport struct {
	newest  bool   // it was the latest report: its unknown units are worded so
	report  Report // Change and HasChange unset; counts shared, never changed
	at      []int32
	diags   []diag.Diagnostic
	leftOut int64 // the problems it left out (see leftOut)
}

// histories are the units' histories of one model, by the unit's place in
// Campaign.Units (before the retired units are split off).
type histories struct {
	read   []*readReport // the reports they were made from, in order
	hist   [][]Point
	last   []int32 // the last report that lists the unit; -1 for none
	warned []bool  // a count of the unit went down: it is made again
}

func population(c *Campaign) int64 {
	if c.Audience == nil {
		return 0
	}
	return c.Audience.Population14Plus
}

// begin returns what the last New left, when it was made against the same
// units as c; nil otherwise, or without a cache.
func (cache *Cache) begin(c *Campaign, groups []*load.Group) *cached {
	if cache == nil {
		return nil
	}
	cache.mu.Lock()
	last := cache.last
	cache.mu.Unlock()
	if last == nil || last.unitsUnread != c.leftOut.units || last.population != population(c) || !slices.Equal(last.groups, groups) {
		return nil
	}
	return last
}

// end keeps what this New made, for the next: the reports it read, and
// the units' histories.
func (cache *Cache) end(c *Campaign, groups []*load.Group, reports []*load.Report, read []*readReport, hist *histories) {
	if cache == nil {
		return
	}
	next := &cached{
		groups:      slices.Clone(groups),
		unitsUnread: c.leftOut.units,
		population:  population(c),
		reports:     make(map[*load.Report]*readReport, len(reports)),
		hist:        hist,
	}
	for i, lr := range reports {
		next.reports[lr] = read[i]
	}
	cache.mu.Lock()
	cache.last = next
	cache.mu.Unlock()
}

// unchanged tells, for the units of a model read from the reports read,
// which have the history they had in the last model: the same reports
// give every unit the same counts; a report read again gives the same
// counts to the units whose count did not change. nil means none (no
// last model, or reports added, removed or moved).
func (last *cached) unchanged(read []*readReport, units int) []bool {
	if last == nil || last.hist == nil || len(last.hist.read) != len(read) || len(last.hist.hist) != units {
		return nil
	}
	same := make([]bool, units)
	for i := range same {
		same[i] = !last.hist.warned[i]
	}
	for i, e := range read {
		old := last.hist.read[i]
		if old == e {
			continue
		}
		if !old.report.Date.Equal(e.report.Date) {
			return nil
		}
		for u, n := range e.report.counts {
			if old.report.counts[u] != n {
				same[u] = false
			}
		}
	}
	return same
}

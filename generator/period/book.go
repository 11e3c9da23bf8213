package period

import (
	"runtime"
	"sync"
	"weak"

	"github.com/loa-vn/loa/generator/campaign"
)

// book is what the periods of one campaign keep for the next call of Of
// for the same period: its ranking, a few bytes a unit, where a Period
// holds a hundred and forty. A build makes each period's report page and
// its open data in two jobs, the one at its start and the other at its
// end: holding whole Periods between them would hold a hundred of them on
// a national site (150 MB), and making each twice sorted ten thousand
// units twice.
type book struct {
	mu       sync.Mutex
	rankings map[int]*ranking // by report index
}

// ranking is the ranking of the units of one period.
type ranking struct {
	report *campaign.Report
	units  int     // len(Period.Units)
	order  []int32 // Period.Ranked, as places in Period.Units
	group  []int32 // the GroupRank of each of Period.Units
}

// books holds the book of each campaign whose periods are asked for, as
// long as the campaign lives: the key is a weak pointer, and the book is
// dropped when the campaign is collected (serve makes a new one on every
// save). Nothing in a book points to its campaign.
var books sync.Map // weak.Pointer[campaign.Campaign] -> *book

// bookOf returns the book of c, new on the first call.
func bookOf(c *campaign.Campaign) *book {
	k := weak.Make(c)
	if b, ok := books.Load(k); ok {
		return b.(*book)
	}
	b, loaded := books.LoadOrStore(k, &book{rankings: map[int]*ranking{}})
	if !loaded {
		runtime.AddCleanup(c, func(k weak.Pointer[campaign.Campaign]) { books.Delete(k) }, k)
	}
	return b.(*book)
}

// ranking returns the ranking kept for report r, c.Reports[i]; nil
// without one.
func (b *book) ranking(i int, r *campaign.Report) *ranking {
	b.mu.Lock()
	defer b.mu.Unlock()
	if k := b.rankings[i]; k != nil && k.report == r {
		return k
	}
	return nil
}

// keep keeps the ranking of p, report r, c.Reports[i], whose ranked units
// are at places of p.Units.
func (b *book) keep(i int, r *campaign.Report, p *Period, places []int32) {
	k := &ranking{report: r, units: len(p.Units), order: places, group: make([]int32, len(p.Units))}
	for n, u := range p.Units {
		k.group[n] = int32(u.GroupRank)
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.rankings[i] = k
}

// fits reports whether the ranking can be the one of p, which has ranked
// units with a share.
func (k *ranking) fits(p *Period, ranked int) bool {
	if k.units != len(p.Units) || len(k.order) != ranked {
		return false
	}
	for _, at := range k.order {
		if !p.Units[at].HasShare {
			return false
		}
	}
	return true
}

// apply sets p's Ranked, and its units' Rank and GroupRank.
func (k *ranking) apply(p *Period) {
	if len(k.order) > 0 {
		p.Ranked = make([]*Unit, len(k.order))
	}
	for n, at := range k.order {
		u := p.Units[at]
		p.Ranked[n] = u
		u.Rank = n + 1
	}
	for n, u := range p.Units {
		u.GroupRank = int(k.group[n])
	}
}

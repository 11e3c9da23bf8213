package intake

import (
	"cmp"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/scaffold"
	"github.com/loa-vn/loa/generator/vi"
)

// Settings are what the office says about the report to write.
type Settings struct {
	Date time.Time
	// Followers is the account's total on Date; HasFollowers is false when
	// it was not given (then the report must exist already).
	Followers    int64
	HasFollowers bool
	// Force lets counts already in the report be replaced.
	Force bool
	// Files are the files read, named in the new report's first comment.
	Files []string
}

// Action is what a plan does with one unit's count.
type Action int

const (
	// Add lists the unit, which the report did not list.
	Add Action = iota
	// Replace changes the count the report gives the unit (--force).
	Replace
	// Keep leaves the report's count, which is the same.
	Keep
)

// Line is one unit's count in a plan.
type Line struct {
	Entry
	Action Action
	// Previous is the unit's count in the latest report before the date
	// that lists it; HasPrevious is false when none does.
	Previous     int64
	PreviousDate time.Time
	HasPrevious  bool
	// Old is the count the existing report gave the unit (Replace, Keep).
	Old int64
}

// Change is Count minus Previous (Count for a first count).
func (l Line) Change() int64 { return l.Count - l.Previous }

// Dropped reports whether the count is lower than the previous one.
func (l Line) Dropped() bool { return l.HasPrevious && l.Count < l.Previous }

// Plan is the report an import writes, set against what the site has.
type Plan struct {
	Path   string // content/reports/<date>.toml under the site
	Date   time.Time
	Exists bool // the report of the date exists and is edited in place

	Followers int64
	// OldFollowers is the existing report's total, when it changes.
	OldFollowers     int64
	FollowersChanged bool
	// The report before Date, when there is one.
	PrevFollowers int64
	PrevDate      time.Time
	HasPrev       bool

	Lines []Line
	// NotReported lists, in the site's order, the units the report will
	// not list.
	NotReported []*campaign.Unit

	c     *campaign.Campaign
	files []string
	dir   string
}

// NewPlan sets entries against the site of c in dir. Problems (a missing
// --followers, a count that differs from the report's without --force, no
// count at all) go to diags.
func NewPlan(c *campaign.Campaign, dir string, s Settings, entries []Entry, diags *diag.List) *Plan {
	day := s.Date.Format("2006-01-02")
	p := &Plan{
		Path:  filepath.Join(dir, "content", "reports", day+".toml"),
		Date:  s.Date,
		c:     c,
		files: s.Files,
		dir:   dir,
	}
	var existing *campaign.Report
	for _, r := range c.Reports {
		switch {
		case r.Date.Equal(s.Date):
			existing = r
		case r.Date.Before(s.Date):
			p.PrevFollowers, p.PrevDate, p.HasPrev = r.Followers, r.Date, true
		}
	}
	if len(entries) == 0 && !diags.HasErrors() {
		pos := diag.Pos{File: "report import"}
		if len(s.Files) > 0 {
			pos.File = s.Files[0]
		}
		diags.Errorf(pos, msgNothing, defaultColumn)
	}
	if existing == nil {
		p.Followers = s.Followers
		if !s.HasFollowers {
			diags.Errorf(diag.Pos{File: "--followers"}, msgNeedFollowers, p.rel(), vi.ShortDate(s.Date))
		}
	} else {
		p.Exists = true
		p.Followers = existing.Followers
		if s.HasFollowers && s.Followers != existing.Followers {
			if !s.Force {
				diags.Errorf(diag.Pos{File: "--followers"}, msgFollowersDiffer, p.rel(), vi.Int(existing.Followers), vi.Int(s.Followers))
			}
			p.Followers, p.OldFollowers, p.FollowersChanged = s.Followers, existing.Followers, true
		}
	}
	listed := map[*campaign.Unit]bool{}
	for _, e := range entries {
		if !e.Unit.CountsAt(s.Date) {
			diags.Errorf(e.Pos, msgRetired, e.Unit.ID, e.Unit.Name, e.Unit.Retired.Format("2006-01-02"), day, e.Unit.Pos.File)
			continue
		}
		l := Line{Entry: e}
		for _, h := range e.Unit.History {
			if !h.Date.Before(s.Date) {
				break
			}
			l.Previous, l.PreviousDate, l.HasPrevious = h.Count, h.Date, true
		}
		if existing != nil {
			if old, ok := existing.Count(e.Unit); ok {
				l.Old, l.Action = old, Keep
				if old != e.Count {
					l.Action = Replace
					if !s.Force {
						diags.Errorf(e.Pos, msgCountDiffers, e.Unit.ID, vi.Int(old), p.rel(), vi.Int(e.Count))
					}
				}
			}
		}
		listed[e.Unit] = true
		p.Lines = append(p.Lines, l)
	}
	for _, u := range c.All {
		if listed[u] || !u.CountsAt(s.Date) {
			continue
		}
		if existing != nil {
			if _, ok := existing.Count(u); ok {
				continue
			}
		}
		p.NotReported = append(p.NotReported, u)
	}
	// The lines in the site's order, as the report lists them.
	order := make(map[*campaign.Unit]int, len(c.All))
	for i, u := range c.All {
		order[u] = i
	}
	sortLines(p.Lines, order)
	return p
}

func (p *Plan) rel() string {
	if r, err := filepath.Rel(p.dir, p.Path); err == nil {
		return filepath.ToSlash(r)
	}
	return p.Path
}

// Summary prints what the plan does: the total, every unit matched with
// its change since its previous count (drops flagged), and the units that
// did not report.
func (p *Plan) Summary(w io.Writer) {
	state := "new"
	if p.Exists {
		state = "exists: counts are added to it"
	}
	fmt.Fprintf(w, sumReport, vi.ShortDate(p.Date), p.rel(), state)
	switch {
	case p.FollowersChanged:
		fmt.Fprintf(w, sumFollowersChanged, vi.Int(p.Followers), vi.Int(p.OldFollowers))
	case p.HasPrev:
		fmt.Fprintf(w, sumFollowersPrev, vi.Int(p.Followers), vi.Int(p.PrevFollowers), vi.ShortDate(p.PrevDate), vi.Signed(p.Followers-p.PrevFollowers))
	default:
		fmt.Fprintf(w, sumFollowers, vi.Int(p.Followers))
	}
	var sum int64
	drops, added, replaced := 0, 0, 0
	for _, l := range p.Lines {
		sum += l.Count
		switch l.Action {
		case Add:
			added++
		case Replace:
			replaced++
		}
		if l.Dropped() {
			drops++
		}
	}
	fmt.Fprintf(w, sumMatched, len(p.Lines), len(p.files))
	for _, l := range p.Lines {
		var change, note string
		if l.HasPrevious {
			change = vi.Int(l.Previous) + " -> " + vi.Int(l.Count) + "  " + vi.Signed(l.Change())
		} else {
			change = vi.Int(l.Count) + "  " + sumFirst
		}
		if l.Dropped() {
			note += "  " + sumDropped
		}
		switch l.Action {
		case Replace:
			note += fmt.Sprintf("  "+sumReplaces, vi.Int(l.Old))
		case Keep:
			note += "  " + sumSame
		}
		fmt.Fprintf(w, "  %-20s %-40s %s%s\n", l.Unit.ID, l.Unit.Name, change, note)
	}
	if p.Exists {
		fmt.Fprintf(w, sumExisting, added, replaced)
	}
	if drops > 0 {
		fmt.Fprintf(w, sumDrops, drops)
	}
	if sum > p.Followers {
		fmt.Fprintf(w, sumOverTotal, vi.Int(sum), vi.Int(p.Followers))
	}
	fmt.Fprintf(w, sumNotReported, len(p.NotReported))
	for _, u := range p.NotReported {
		last := sumNever
		for _, h := range u.History {
			if h.Date.Before(p.Date) {
				last = fmt.Sprintf(sumLast, vi.Int(h.Count), vi.ShortDate(h.Date))
			}
		}
		fmt.Fprintf(w, "  %-20s %-40s %s\n", u.ID, u.Name, last)
	}
}

// Write writes the report: a new file in the layout of new report, or the
// existing one edited in place (its comments and other lines kept). The
// text goes to a temporary file in the same folder, renamed over the
// report once whole; a new report never replaces a file that appeared in
// the meantime.
func (p *Plan) Write() error {
	if !p.Exists {
		counts := scaffold.Counts{Followers: p.Followers, Units: map[*campaign.Unit]int64{}}
		for _, r := range p.c.Reports {
			if r.Date.Before(p.Date) {
				counts.Source = r.Source
			}
		}
		for _, f := range p.files {
			counts.From = append(counts.From, filepath.Base(f))
		}
		for _, l := range p.Lines {
			counts.Units[l.Unit] = l.Count
		}
		text, err := scaffold.ReportText(p.c, p.Date, counts)
		if err != nil {
			return err
		}
		return writeFile(p.Path, text, false)
	}
	old, err := os.ReadFile(p.Path)
	if err != nil {
		return err
	}
	text, err := p.edit(old)
	if err != nil {
		return err
	}
	return writeFile(p.Path, text, true)
}

// writeFile writes data to path through a temporary file in the same
// folder. With replace false it fails when path exists.
func writeFile(path string, data []byte, replace bool) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".loa-*")
	if err != nil {
		return err
	}
	name := tmp.Name()
	defer os.Remove(name) // after a link or a rename, a name no longer there
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(name, 0o644)
	}
	if err != nil {
		return err
	}
	if replace {
		return os.Rename(name, path)
	}
	if err := os.Link(name, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf(msgAppeared, path)
		}
		return err
	}
	return nil
}

func sortLines(lines []Line, order map[*campaign.Unit]int) {
	slices.SortStableFunc(lines, func(a, b Line) int { return cmp.Compare(order[a.Unit], order[b.Unit]) })
}

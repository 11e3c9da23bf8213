package opendata

// The encoders of the open data as they were before they were written by
// hand (reflection, json.Encoder with SetIndent, encoding/csv): the
// reference the new ones must match byte for byte (equal_test.go).

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"regexp"
	"strconv"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/period"
)

type progress struct {
	Campaign  info      `json:"campaign"`
	Latest    *string   `json:"latest"`
	Followers *int64    `json:"followers"`
	Reach     *float64  `json:"reach"`
	Target    *int64    `json:"target"`
	Audience  *audience `json:"audience"`
	Reports   []report  `json:"reports"`
	Groups    []group   `json:"groups"`
	Units     []unit    `json:"units"`
}

type info struct {
	Name      string  `json:"name"`
	Channel   string  `json:"channel"`
	FollowURL string  `json:"follow_url"`
	Target    *int64  `json:"target"`
	Start     *string `json:"start"`
	End       *string `json:"end"`
}

type audience struct {
	Population14Plus int64   `json:"population_14plus"`
	SmartphoneShare  float64 `json:"smartphone_share"`
	SmartphoneUsers  int64   `json:"smartphone_users"`
	VNeIDLevel2      *int64  `json:"vneid_level2"`
}

type report struct {
	Date      string `json:"date"`
	Followers int64  `json:"followers"`
	Source    string `json:"source,omitempty"`
}

type group struct {
	ID     string   `json:"id"`
	Name   string   `json:"name"`
	Target *int64   `json:"target"`
	Count  int64    `json:"count"`
	Units  []string `json:"units"`
}

type unit struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Short    string   `json:"short"`
	Group    string   `json:"group"`
	Target   *int64   `json:"target"`
	Audience *int64   `json:"audience"`
	Count    *int64   `json:"count"`
	Reported *string  `json:"reported"`
	Aliases  []string `json:"aliases"`
	History  []point  `json:"history"`
	URL      string   `json:"url"`
	// Retired and MergedInto are written for retired units only.
	Retired    string `json:"retired,omitempty"`
	MergedInto string `json:"merged_into,omitempty"`
}

type point struct {
	Date  string `json:"date"`
	Count int64  `json:"count"`
}

// oldDates are the reports' dates formatted once: the histories of ten
// thousand units repeat them a million times.
type oldDates map[time.Time]string

func oldDatesOf(c *campaign.Campaign) oldDates {
	d := make(oldDates, len(c.Reports))
	for _, r := range c.Reports {
		d[r.Date] = isoDate(r.Date)
	}
	return d
}

func (d oldDates) of(t time.Time) string {
	if s, ok := d[t]; ok {
		return s
	}
	return isoDate(t)
}

// oldWriteJSON is WriteJSON as it was.
func oldWriteJSON(w io.Writer, c *campaign.Campaign) error {
	p := progressOf(c, false)
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(p); err != nil {
		return err // only plain types: cannot happen
	}
	head := b.Bytes()
	const empty = "[]\n}\n" // how the encoder ends: "units": []
	if len(c.All) == 0 || !bytes.HasSuffix(head, []byte(empty)) {
		_, err := w.Write(head)
		return err
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head[:len(head)-len(empty)+1]) // up to and with the '['
	dates := oldDatesOf(c)
	var ub bytes.Buffer
	uenc := json.NewEncoder(&ub)
	uenc.SetEscapeHTML(false)
	for i, u := range c.All {
		ub.Reset()
		if err := uenc.Encode(unitOf(c, u, dates)); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n    ")
		bw.Write(bytes.TrimSuffix(ub.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n  ]\n}\n")
	return bw.Flush()
}

// progressOf is the content of tien-do.json, without its units unless
// withUnits.
func progressOf(c *campaign.Campaign, withUnits bool) progress {
	p := progress{
		Campaign: info{
			Name:      c.Info.Name,
			Channel:   c.Info.Channel,
			FollowURL: c.Info.FollowURL,
			Target:    optInt(c.Info.Target),
			Start:     optDate(c.Info.Start),
			End:       optDate(c.Info.End),
		},
		Target:  optInt(c.Target()),
		Reports: []report{},
		Groups:  []group{},
		Units:   []unit{},
	}
	if c.Latest != nil {
		p.Latest = optDate(c.Latest.Date)
		f := c.Latest.Followers
		p.Followers = &f
	}
	if c.HasReach {
		r := math.Round(c.Reach*1e6) / 1e6
		p.Reach = &r
	}
	if a := c.Audience; a != nil {
		p.Audience = &audience{
			Population14Plus: a.Population14Plus,
			SmartphoneShare:  a.SmartphoneShare,
			SmartphoneUsers:  a.SmartphoneUsers(),
			VNeIDLevel2:      optInt(a.VNeIDLevel2),
		}
	}
	for _, r := range c.Reports {
		p.Reports = append(p.Reports, report{Date: isoDate(r.Date), Followers: r.Followers, Source: r.Source})
	}
	for _, g := range c.Groups {
		jg := group{ID: g.ID, Name: g.Name, Target: optInt(g.Target), Count: g.Count, Units: []string{}}
		for _, u := range g.Units {
			jg.Units = append(jg.Units, u.ID)
		}
		p.Groups = append(p.Groups, jg)
	}
	if withUnits {
		dates := oldDatesOf(c)
		for _, u := range c.All {
			p.Units = append(p.Units, *unitOf(c, u, dates))
		}
	}
	return p
}

// unitOf is one unit of tien-do.json.
func unitOf(c *campaign.Campaign, u *campaign.Unit, dates oldDates) *unit {
	ju := unit{
		ID:       u.ID,
		Name:     u.Name,
		Short:    u.Short,
		Group:    u.Group.ID,
		Target:   optInt(u.Target),
		Audience: optInt(u.Audience),
		Aliases:  append([]string{}, u.Aliases...),
		History:  []point{},
		URL:      c.Site.BaseURL + "don-vi/" + u.ID + "/",
	}
	if !u.Retired.IsZero() {
		ju.Retired = isoDate(u.Retired)
	}
	if u.MergedInto != nil {
		ju.MergedInto = u.MergedInto.ID
	}
	if u.HasCount {
		n := u.Count
		ju.Count = &n
		ju.Reported = optDate(u.Reported)
	}
	ju.History = make([]point, 0, len(u.History))
	for _, h := range u.History {
		ju.History = append(ju.History, point{Date: dates.of(h.Date), Count: h.Count})
	}
	return &ju
}

// oldWriteCSV is WriteCSV as it was.
func oldWriteCSV(out io.Writer, c *campaign.Campaign) error {
	w := csv.NewWriter(out)
	w.UseCRLF = true // RFC 4180
	_ = w.Write([]string{"date", "unit", "group", "count", "name", "target"})
	// A million rows nationally: what is the same on many is made once.
	// Every unit, retired ones too: their history stays theirs.
	targets := make([]string, len(c.All))
	for i, u := range c.All {
		if u.Target > 0 {
			targets[i] = strconv.FormatInt(u.Target, 10)
		}
	}
	// The text cells, made safe once per unit (see TextCell).
	ids, groups, names := make([]string, len(c.All)), make([]string, len(c.All)), make([]string, len(c.All))
	for i, u := range c.All {
		ids[i], groups[i], names[i] = TextCell(u.ID), TextCell(u.Group.ID), TextCell(u.Name)
	}
	row := make([]string, 6)
	for _, r := range c.Reports {
		date := isoDate(r.Date)
		for i, u := range c.All {
			n, ok := r.Count(u)
			if !ok {
				continue
			}
			row[0], row[1], row[2], row[3], row[4], row[5] = date, ids[i], groups[i], strconv.FormatInt(n, 10), names[i], targets[i]
			if err := w.Write(row); err != nil {
				return err
			}
		}
	}
	w.Flush()
	return w.Error()
}

type periodReport struct {
	Date            string        `json:"date"`
	Previous        *string       `json:"previous"`
	Followers       int64         `json:"followers"`
	FollowersChange *int64        `json:"followers_change"`
	Reach           *float64      `json:"reach"`
	Groups          []periodGroup `json:"groups"`
	Units           []string      `json:"units"` // placeholders, see oldReportJSON
	NotReported     []string      `json:"not_reported"`
	Dropped         []string      `json:"dropped"`
}

type periodGroup struct {
	ID       string `json:"id"`
	Name     string `json:"name"`
	Units    int    `json:"units"`
	Reported int    `json:"reported"`
	Count    int64  `json:"count"`
	Change   *int64 `json:"change"`
}

type periodUnit struct {
	ID       string   `json:"id"`
	Group    string   `json:"group"`
	Count    *int64   `json:"count"`
	Change   *int64   `json:"change"`
	Reported bool     `json:"reported"`
	Target   *int64   `json:"target"`
	Share    *float64 `json:"share"`
	Rank     *int     `json:"rank"`
}

// oldReportJSON is ReportJSON as it was.
func oldReportJSON(p *period.Period) []byte {
	out := periodReport{
		Date:        isoDate(p.Date),
		Followers:   p.Followers,
		NotReported: []string{},
		Dropped:     []string{},
	}
	var units []periodUnit
	if p.Previous != nil {
		d := isoDate(p.Previous.Date)
		out.Previous = &d
		ch := p.Change
		out.FollowersChange = &ch
	}
	if p.HasReach {
		r := round6(p.Reach)
		out.Reach = &r
	}
	for _, g := range p.Groups {
		pg := periodGroup{ID: g.Group.ID, Name: g.Group.Name, Units: len(g.Units), Reported: g.Reported, Count: g.Count}
		// The change of a total is its difference with the previous date:
		// 0 for a group none of whose units has a count yet (its count is
		// 0 here), null only at the first report.
		if g.HasChange || p.Previous != nil {
			ch := g.Change
			pg.Change = &ch
		}
		out.Groups = append(out.Groups, pg)
	}
	for _, u := range p.Units {
		pu := periodUnit{ID: u.Unit.ID, Group: u.Unit.Group.ID, Reported: u.Listed, Target: optInt(u.Unit.Target)}
		if u.HasCount {
			n := u.Count
			pu.Count = &n
		}
		if u.HasChange {
			ch := u.Change
			pu.Change = &ch
		}
		if u.HasShare {
			s, r := round6(u.Share), u.Rank
			pu.Share, pu.Rank = &s, &r
		}
		units = append(units, pu)
		out.Units = append(out.Units, "\x00unit "+strconv.Itoa(len(units)-1))
		if !u.Listed {
			out.NotReported = append(out.NotReported, u.Unit.ID)
		}
	}
	for _, u := range p.Dropped {
		out.Dropped = append(out.Dropped, u.Unit.ID)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	_ = enc.Encode(out) // plain values: cannot fail
	// Each unit compact on its line: the encoder indents everything, so
	// the units went in as placeholders, now replaced.
	return placeholder.ReplaceAllFunc(b.Bytes(), func(m []byte) []byte {
		i, _ := strconv.Atoi(string(placeholder.FindSubmatch(m)[1]))
		var ub bytes.Buffer
		uenc := json.NewEncoder(&ub)
		uenc.SetEscapeHTML(false)
		_ = uenc.Encode(units[i])
		return bytes.TrimSuffix(ub.Bytes(), []byte("\n"))
	})
}

var placeholder = regexp.MustCompile(`"\\u0000unit (\d+)"`)

func optDate(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	s := isoDate(t)
	return &s
}

func optInt(n int64) *int64 {
	if n == 0 {
		return nil
	}
	return &n
}

// oldString is s as encoding/json wrote it.
func oldString(s string) []byte { return oldEncode(s) }

// oldFloat is x as encoding/json wrote it.
func oldFloat(x float64) []byte { return oldEncode(x) }

func oldEncode(v any) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		panic(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// oldCSVField is a record of one field s as encoding/csv wrote it, without
// its line end.
func oldCSVField(s string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	_ = w.Write([]string{s})
	w.Flush()
	return bytes.TrimSuffix(b.Bytes(), []byte("\r\n"))
}

// Package opendata owns the campaign's progress as open data:
// /du-lieu/tien-do.json and /du-lieu/tien-do.csv in the shape CONTENT.md
// promises. It turns the model into bytes and writes nothing itself.
package opendata

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/ctrlchar"
)

// JSONPath and CSVPath are where the files go, relative to the output root.
const (
	JSONPath = "du-lieu/tien-do.json"
	CSVPath  = "du-lieu/tien-do.csv"
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

func isoDate(t time.Time) string { return t.Format("2006-01-02") }

// isoDates are the reports' dates formatted once: the histories of ten
// thousand units repeat them a million times.
type isoDates map[time.Time]string

func datesOf(c *campaign.Campaign) isoDates {
	d := make(isoDates, len(c.Reports))
	for _, r := range c.Reports {
		d[r.Date] = isoDate(r.Date)
	}
	return d
}

func (d isoDates) of(t time.Time) string {
	if s, ok := d[t]; ok {
		return s
	}
	return isoDate(t)
}

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

// JSON returns tien-do.json: keys in a fixed order, absent optional values
// as null; indented, but each unit on one line (see WriteJSON).
func JSON(c *campaign.Campaign) []byte {
	var b bytes.Buffer
	if err := WriteJSON(&b, c); err != nil {
		panic("opendata: " + err.Error()) // a bytes.Buffer: cannot fail
	}
	return b.Bytes()
}

// WriteJSON writes tien-do.json to w, unit by unit: a national campaign's
// file holds a million points of history, and holding it whole (three
// times over, as json.Encoder indents a copy of a copy) was most of the
// memory a build needed at its end.
//
// The campaign, the reports and the groups are indented two spaces a
// level; each unit is written compact on a line of its own. Indented, a
// point of history took four lines and 75 bytes; on the unit's line it
// takes 33, which halves the file of a national campaign (83 MB -> 40 MB)
// and still lets a reader, grep or a diff find a unit by its line.
func WriteJSON(w io.Writer, c *campaign.Campaign) error {
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
	dates := datesOf(c)
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
		dates := datesOf(c)
		for _, u := range c.All {
			p.Units = append(p.Units, *unitOf(c, u, dates))
		}
	}
	return p
}

// unitOf is one unit of tien-do.json.
func unitOf(c *campaign.Campaign, u *campaign.Unit, dates isoDates) *unit {
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

// CSV returns tien-do.csv: a header row, then one row per unit per report
// that lists it, oldest report first, units in the model's order.
func CSV(c *campaign.Campaign) []byte {
	var b bytes.Buffer
	if err := WriteCSV(&b, c); err != nil {
		panic("opendata: " + err.Error()) // a bytes.Buffer: cannot fail
	}
	return b.Bytes()
}

// WriteCSV writes tien-do.csv to w, row by row. Its text cells (unit,
// group, name) are written through TextCell.
func WriteCSV(out io.Writer, c *campaign.Campaign) error {
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

// TextCell returns a text cell of tien-do.csv as it is written, so that no
// spreadsheet takes it for a formula: a cell that begins with "=", "+",
// "-", "@", a tab or a carriage return (the characters OWASP lists: a
// spreadsheet runs =HYPERLINK(...) and DDE payloads from such cells) or a
// line feed gets a leading "'", which spreadsheets read as "this is text".
// So does a cell that begins with "'", so that a program gets every name
// back by removing one leading "'" from the cells that have one
// (docs/format.md).
//
// It is also the writer's last defence for what load already guarantees:
// the characters of package ctrlchar are dropped, and a carriage return
// alone or before a line feed becomes a line feed (encoding/csv would drop
// a lone CR, and turns LF into CRLF in quoted cells).
func TextCell(s string) string {
	s = ctrlchar.Strip(s)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	}
	if s != "" && strings.IndexByte("=+-@\t\r\n'", s[0]) >= 0 {
		return "'" + s
	}
	return s
}

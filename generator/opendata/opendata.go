// Package opendata owns the campaign's progress as open data:
// /du-lieu/tien-do.json and /du-lieu/tien-do.csv in the shape CONTENT.md
// promises. It turns the model into bytes and writes nothing itself.
package opendata

import (
	"bytes"
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

func isoDate(t time.Time) string { return t.Format("2006-01-02") }

// JSON returns tien-do.json: keys in a fixed order, absent optional values
// as null; indented, but each unit on one line (see WriteJSON).
func JSON(c *campaign.Campaign) []byte {
	var b bytes.Buffer
	if err := WriteJSON(&b, c); err != nil {
		panic("opendata: " + err.Error()) // a bytes.Buffer: cannot fail
	}
	return b.Bytes()
}

// flushAt is how much of a file is made before it is written out.
const flushAt = 64 << 10

// WriteJSON writes tien-do.json to w, unit by unit: a national campaign's
// file holds a million points of history, and is never held whole.
//
// The campaign, the reports and the groups are indented two spaces a
// level; each unit is written compact on a line of its own. Indented, a
// point of history took four lines and 75 bytes; on the unit's line it
// takes 33, which halves the file of a national campaign (83 MB -> 40 MB)
// and still lets a reader, grep or a diff find a unit by its line.
//
// The keys, in their order, and the nulls:
//
//	campaign: name, channel, follow_url, target (null without), start, end (null without)
//	latest (null without a report), followers (null without a report),
//	reach (six decimals; null without a report or an audience baseline),
//	target (null without), audience (null without):
//	    population_14plus, smartphone_share, smartphone_users, vneid_level2 (null without)
//	reports: date, followers, source (left out when empty)
//	groups: id, name, target (null without), count, units (their ids)
//	units: id, name, short, group, target, audience (null without), count,
//	    reported (null without a count), aliases, history (date, count), url,
//	    retired and merged_into (left out for a unit that takes part)
func WriteJSON(w io.Writer, c *campaign.Campaign) error {
	out := &indented{b: make([]byte, 0, flushAt+4<<10)}
	if !writeHead(out, c) {
		return errNotFinite
	}
	out.key(`"units"`)
	out.open('[')
	if len(c.All) == 0 {
		out.close(']')
		out.close('}')
		out.b = append(out.b, '\n')
		_, err := w.Write(out.b)
		return err
	}
	b := out.b
	dates := reportDates(c)
	for i, u := range c.All {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, "\n    "...)
		b = appendUnit(b, c, u, dates)
		if len(b) >= flushAt {
			if _, err := w.Write(b); err != nil {
				return err
			}
			b = b[:0]
		}
	}
	b = append(b, "\n  ]\n}\n"...)
	_, err := w.Write(b)
	return err
}

// writeHead writes tien-do.json up to its units, the object left open;
// false when a figure is not finite.
func writeHead(w *indented, c *campaign.Campaign) bool {
	ok := true
	w.open('{')
	w.key(`"campaign"`)
	w.open('{')
	w.key(`"name"`)
	w.str(c.Info.Name)
	w.key(`"channel"`)
	w.str(c.Info.Channel)
	w.key(`"follow_url"`)
	w.str(c.Info.FollowURL)
	w.key(`"target"`)
	w.optInt(c.Info.Target)
	w.key(`"start"`)
	w.optDate(c.Info.Start)
	w.key(`"end"`)
	w.optDate(c.Info.End)
	w.close('}')
	w.key(`"latest"`)
	if c.Latest != nil {
		w.optDate(c.Latest.Date)
	} else {
		w.null()
	}
	w.key(`"followers"`)
	if c.Latest != nil {
		w.int(c.Latest.Followers)
	} else {
		w.null()
	}
	w.key(`"reach"`)
	if c.HasReach {
		ok = w.float(math.Round(c.Reach*1e6)/1e6) && ok
	} else {
		w.null()
	}
	w.key(`"target"`)
	w.optInt(c.Target())
	w.key(`"audience"`)
	if a := c.Audience; a != nil {
		w.open('{')
		w.key(`"population_14plus"`)
		w.int(a.Population14Plus)
		w.key(`"smartphone_share"`)
		ok = w.float(a.SmartphoneShare) && ok
		w.key(`"smartphone_users"`)
		w.int(a.SmartphoneUsers())
		w.key(`"vneid_level2"`)
		w.optInt(a.VNeIDLevel2)
		w.close('}')
	} else {
		w.null()
	}
	w.key(`"reports"`)
	w.open('[')
	for _, r := range c.Reports {
		w.elem()
		w.open('{')
		w.key(`"date"`)
		w.date(r.Date)
		w.key(`"followers"`)
		w.int(r.Followers)
		if r.Source != "" {
			w.key(`"source"`)
			w.str(r.Source)
		}
		w.close('}')
	}
	w.close(']')
	w.key(`"groups"`)
	w.open('[')
	for _, g := range c.Groups {
		w.elem()
		w.open('{')
		w.key(`"id"`)
		w.str(g.ID)
		w.key(`"name"`)
		w.str(g.Name)
		w.key(`"target"`)
		w.optInt(g.Target)
		w.key(`"count"`)
		w.int(g.Count)
		w.key(`"units"`)
		w.open('[')
		for _, u := range g.Units {
			w.elem()
			w.str(u.ID)
		}
		w.close(']')
		w.close('}')
	}
	w.close(']')
	return ok
}

// reportDates are the reports' dates as JSON strings, made once: the
// histories of ten thousand units repeat them a million times.
func reportDates(c *campaign.Campaign) [][]byte {
	d := make([][]byte, len(c.Reports))
	for i, r := range c.Reports {
		d[i] = appendString(nil, isoDate(r.Date))
	}
	return d
}

// appendUnit appends one unit of tien-do.json, compact.
func appendUnit(b []byte, c *campaign.Campaign, u *campaign.Unit, dates [][]byte) []byte {
	b = append(b, `{"id":`...)
	b = appendString(b, u.ID)
	b = append(b, `,"name":`...)
	b = appendString(b, u.Name)
	b = append(b, `,"short":`...)
	b = appendString(b, u.Short)
	b = append(b, `,"group":`...)
	b = appendString(b, u.Group.ID)
	b = append(b, `,"target":`...)
	b = appendOptInt(b, u.Target)
	b = append(b, `,"audience":`...)
	b = appendOptInt(b, u.Audience)
	b = append(b, `,"count":`...)
	if u.HasCount {
		b = strconv.AppendInt(b, u.Count, 10)
		b = append(b, `,"reported":`...)
		if u.Reported.IsZero() {
			b = append(b, "null"...)
		} else {
			b = appendString(b, isoDate(u.Reported))
		}
	} else {
		b = append(b, `null,"reported":null`...)
	}
	b = append(b, `,"aliases":[`...)
	for i, a := range u.Aliases {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, a)
	}
	b = append(b, `],"history":[`...)
	// The history's dates are reports' dates, in the same order: a
	// cursor on the reports finds each one's string.
	k := 0
	for i, h := range u.History {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"date":`...)
		for k < len(c.Reports) && c.Reports[k].Date.Before(h.Date) {
			k++
		}
		if k < len(c.Reports) && c.Reports[k].Date == h.Date {
			b = append(b, dates[k]...)
		} else {
			b = appendString(b, isoDate(h.Date))
		}
		b = append(b, `,"count":`...)
		b = strconv.AppendInt(b, h.Count, 10)
		b = append(b, '}')
	}
	b = append(b, `],"url":"`...)
	b = appendEscaped(b, c.Site.BaseURL)
	b = append(b, "don-vi/"...)
	b = appendEscaped(b, u.ID)
	b = append(b, `/"`...)
	if !u.Retired.IsZero() {
		b = append(b, `,"retired":`...)
		b = appendString(b, isoDate(u.Retired))
	}
	if u.MergedInto != nil && u.MergedInto.ID != "" {
		b = append(b, `,"merged_into":`...)
		b = appendString(b, u.MergedInto.ID)
	}
	return append(b, '}')
}

// appendOptInt appends n, or null for 0 (an absent target, audience...).
func appendOptInt(b []byte, n int64) []byte {
	if n == 0 {
		return append(b, "null"...)
	}
	return strconv.AppendInt(b, n, 10)
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

// WriteCSV writes tien-do.csv to w, row by row, as RFC 4180 says (CRLF
// line ends; a cell quoted when it holds a comma, a quote or a line
// break). Its text cells (unit, group, name) are written through
// TextCell.
func WriteCSV(w io.Writer, c *campaign.Campaign) error {
	b := make([]byte, 0, flushAt+4<<10)
	b = append(b, "date,unit,group,count,name,target\r\n"...)
	// A million rows nationally: what is the same on many is made once,
	// a unit's row but its date and count. Every unit, retired ones
	// too: their history stays theirs.
	mid, tail := make([]string, len(c.All)), make([]string, len(c.All))
	var cell []byte
	for i, u := range c.All {
		cell = append(cell[:0], ',')
		cell = appendCSVField(cell, TextCell(u.ID))
		cell = append(cell, ',')
		cell = appendCSVField(cell, TextCell(u.Group.ID))
		cell = append(cell, ',')
		mid[i] = string(cell)
		cell = append(cell[:0], ',')
		cell = appendCSVField(cell, TextCell(u.Name))
		cell = append(cell, ',')
		if u.Target > 0 {
			cell = strconv.AppendInt(cell, u.Target, 10)
		}
		cell = append(cell, '\r', '\n')
		tail[i] = string(cell)
	}
	for _, r := range c.Reports {
		date := appendCSVField(nil, isoDate(r.Date))
		for i, u := range c.All {
			n, ok := r.Count(u)
			if !ok {
				continue
			}
			b = append(b, date...)
			b = append(b, mid[i]...)
			b = strconv.AppendInt(b, n, 10)
			b = append(b, tail[i]...)
			if len(b) >= flushAt {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
	}
	_, err := w.Write(b)
	return err
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

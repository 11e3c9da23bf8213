// Package scaffold owns writing new content files for staff: a report
// pre-filled with every unit's last count, and a directive skeleton. The
// file texts are templates embedded beside the code. It never overwrites a
// file.
package scaffold

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/template"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/vi"
)

//go:embed templates
var files embed.FS

var tmpl = template.Must(template.ParseFS(files, "templates/*"))

type groupLines struct {
	Name  string
	Units []struct{ Line string }
}

// Counts are the figures of a report to write.
type Counts struct {
	Followers int64
	Source    string
	// Units holds the count of every unit the report lists; a unit not in
	// it is written as a comment: it did not report.
	Units map[*campaign.Unit]int64
	// From names the files the counts were read from (report import), for
	// a comment at the top; empty for a report to edit by hand.
	From []string
}

// Report writes content/reports/<date>.toml into the site dir, listing
// every unit with its count as of date: its count in the latest report
// before date (a unit without one is listed as a comment, never as 0). A
// date between existing reports is a late report for a missed date. Units
// retired before date are left out. It returns the path written.
func Report(dir string, c *campaign.Campaign, date time.Time) (string, error) {
	path := filepath.Join(dir, "content", "reports", date.Format("2006-01-02")+".toml")
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("%s already exists: it is left as it is", path)
	}
	// A date between two reports is a late report for a missed date:
	// every figure is as of that date, from the reports before it.
	if len(c.Reports) > 0 && !date.After(c.Reports[0].Date) {
		return "", fmt.Errorf("the first report is dated %s: a new report must come after it (a date between two reports is fine)", c.Reports[0].Date.Format("2006-01-02"))
	}
	counts := Counts{Units: map[*campaign.Unit]int64{}}
	for _, r := range c.Reports {
		if r.Date.Before(date) {
			counts.Followers, counts.Source = r.Followers, r.Source
		}
	}
	for _, u := range c.All {
		if !u.CountsAt(date) {
			continue
		}
		if p, ok := previous(u, date); ok {
			counts.Units[u] = p.Count
		}
	}
	text, err := ReportText(c, date, counts)
	if err != nil {
		return "", err
	}
	return path, writeNew(path, text)
}

// ReportText returns the text of content/reports/<date>.toml holding
// counts, in the layout of Report: the units by group in the site's order,
// each line with the unit's name and its count in the latest report before
// date, and a comment for each unit counts lacks; units retired before
// date are left out.
func ReportText(c *campaign.Campaign, date time.Time, counts Counts) ([]byte, error) {
	data := struct {
		Date, PrevDate, Source, From string
		Followers, PrevFollowers     int64
		Groups                       []groupLines
	}{Date: date.Format("2006-01-02"), Followers: counts.Followers, Source: tomlString(counts.Source)}
	if len(counts.From) > 0 {
		data.From = oneLine(strings.Join(counts.From, ", "))
	}
	for _, r := range c.Reports {
		if r.Date.Before(date) {
			data.PrevDate, data.PrevFollowers = vi.ShortDate(r.Date), r.Followers
		}
	}
	for _, g := range c.Groups {
		gl := groupLines{Name: oneLine(g.Name)}
		for _, u := range g.All {
			if !u.CountsAt(date) {
				continue // retired before date: the report may not list it
			}
			n, listed := counts.Units[u]
			line := UnitLine(u, date, n)
			if !listed {
				line = unlistedLine(u, date)
			}
			gl.Units = append(gl.Units, struct{ Line string }{line})
		}
		data.Groups = append(data.Groups, gl)
	}
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, "report.toml", data); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// UnitLine is the line of a report dated date that gives u the count n:
// "id = n   # name, kỳ trước: 12 (04/11/2023)", with the unit's count in
// the latest report before date that lists it.
func UnitLine(u *campaign.Unit, date time.Time, n int64) string {
	line := u.ID + " = " + strconv.FormatInt(n, 10) + "   # " + oneLine(u.Name)
	if p, ok := previous(u, date); ok {
		return line + ", kỳ trước: " + strconv.FormatInt(p.Count, 10) + " (" + vi.ShortDate(p.Date) + ")"
	}
	if len(u.History) > 0 {
		return line // counted only after date: no previous figure to give
	}
	return line + ": báo cáo lần đầu"
}

// unlistedLine is the comment standing for a unit a report does not list.
func unlistedLine(u *campaign.Unit, date time.Time) string {
	line := "# " + u.ID + " =    # " + oneLine(u.Name) + ": chưa báo cáo"
	if p, ok := previous(u, date); ok {
		line += " kỳ này (kỳ trước: " + strconv.FormatInt(p.Count, 10) + ", " + vi.ShortDate(p.Date) + ")"
	}
	return line
}

// previous is u's count in the latest report dated before date that
// lists it.
func previous(u *campaign.Unit, date time.Time) (campaign.Point, bool) {
	var p campaign.Point
	ok := false
	for _, h := range u.History {
		if !h.Date.Before(date) {
			break
		}
		p, ok = h, true
	}
	return p, ok
}

// oneLine keeps a name from ending the comment it is written in.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}

// tomlString quotes s as a TOML basic string.
func tomlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Directive writes content/directives/<slug>.md, a draft addressed to every
// group. It returns the path written.
func Directive(dir string, c *campaign.Campaign, slug string, date time.Time) (string, error) {
	if !vi.IsSlug(slug) {
		return "", fmt.Errorf("%q is not a slug (lower-case letters, digits and dashes): try %q", slug, vi.Slug(slug))
	}
	var ids []string
	for _, g := range c.Groups {
		ids = append(ids, `"`+g.ID+`"`)
	}
	data := struct{ Date, Suffix, To, FirstGroup, Subject, Signer, Body string }{
		Date:    date.Format("2006-01-02"),
		Suffix:  "UBND-VP",
		To:      strings.Join(ids, ", "),
		Subject: load.PlaceholderSubject,
		Signer:  load.PlaceholderSigner,
		Body:    load.PlaceholderBody,
	}
	if len(c.Groups) > 0 {
		data.FirstGroup = c.Groups[0].ID
	}
	return write(filepath.Join(dir, "content", "directives", slug+".md"), "directive.md", data)
}

func write(path, name string, data any) (string, error) {
	var b bytes.Buffer
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return path, writeNew(path, b.Bytes())
}

// writeNew writes a file that must not exist yet.
func writeNew(path string, text []byte) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("%s already exists: it is left as it is", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(text); err != nil {
		f.Close()
		os.Remove(path)
		return err
	}
	return f.Close()
}

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

type unitLine struct {
	ID, Name, Date string
	Count          int64
	Has            bool
}

type groupLines struct {
	Name  string
	Units []unitLine
}

// Report writes content/reports/<date>.toml into the site dir, listing
// every unit with its last count (a unit that never reported is listed as a
// comment, never as 0). It returns the path written.
func Report(dir string, c *campaign.Campaign, date time.Time) (string, error) {
	data := struct {
		Date, PrevDate, Source string
		Followers              int64
		Groups                 []groupLines
	}{Date: date.Format("2006-01-02"), Followers: c.Followers()}
	path := filepath.Join(dir, "content", "reports", data.Date+".toml")
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("%s already exists: it is left as it is", path)
	}
	if c.Latest != nil {
		if !date.After(c.Latest.Date) {
			return "", fmt.Errorf("the latest report is already dated %s: a new report must come after it", c.Latest.Date.Format("2006-01-02"))
		}
		data.PrevDate = vi.ShortDate(c.Latest.Date)
		data.Source = c.Latest.Source
	}
	for _, g := range c.Groups {
		gl := groupLines{Name: g.Name}
		for _, u := range g.Units {
			l := unitLine{ID: u.ID, Name: u.Name, Has: u.HasCount, Count: u.Count}
			if u.HasCount {
				l.Date = vi.ShortDate(u.Reported)
			}
			gl.Units = append(gl.Units, l)
		}
		data.Groups = append(data.Groups, gl)
	}
	return write(path, "report.toml", data)
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
	if _, err := os.Stat(path); err == nil {
		return "", fmt.Errorf("%s already exists: it is left as it is", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		os.Remove(path)
		return "", err
	}
	return path, f.Close()
}

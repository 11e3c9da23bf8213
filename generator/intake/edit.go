package intake

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/scaffold"

	"github.com/loa-vn/loa/generator/diag"
)

var (
	headerLine      = regexp.MustCompile(`^\s*\[\s*([^\]]*?)\s*\]\s*(#.*)?$`)
	countLine       = regexp.MustCompile(`^(\s*)([A-Za-z0-9_-]+)(\s*=\s*)([0-9][0-9_]*)(.*)$`)
	placeholderLine = regexp.MustCompile(`^\s*#\s*([a-z0-9-]+)\s*=`)
)

// edit returns the text of the existing report old with the plan's counts:
// a replaced count or total changes on its own line; an added unit takes
// the place of its comment "# id =" (as new report and import write a unit
// that did not report) or goes at the end of [units]. Every other line is
// kept as it is. The result is decoded again and compared with the plan
// before it is used.
func (p *Plan) edit(old []byte) ([]byte, error) {
	nl := "\n"
	if bytes.Contains(old, []byte("\r\n")) {
		nl = "\r\n"
	}
	lines := strings.SplitAfter(string(old), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	body := func(i int) string { return strings.TrimRight(lines[i], "\r\n") }
	ending := func(i int) string { return lines[i][len(body(i)):] }

	section := ""
	unitsEnd := -1 // the index after the last line of [units]
	count := map[string]int{}
	placeholder := map[string]int{}
	followers := -1
	for i := range lines {
		l := body(i)
		if m := headerLine.FindStringSubmatch(l); m != nil {
			section = m[1]
			if section == "units" {
				unitsEnd = i + 1
			}
			continue
		}
		if section == "units" {
			unitsEnd = i + 1
		}
		m := countLine.FindStringSubmatch(l)
		switch {
		case m != nil && section == "units":
			count[m[2]] = i
		case m != nil && section == "" && m[2] == "followers":
			followers = i
		case section == "units":
			if m := placeholderLine.FindStringSubmatch(l); m != nil {
				if _, ok := placeholder[m[1]]; !ok {
					placeholder[m[1]] = i
				}
			}
		}
	}
	setValue := func(i int, n int64) {
		m := countLine.FindStringSubmatch(body(i))
		lines[i] = m[1] + m[2] + m[3] + strconv.FormatInt(n, 10) + m[5] + ending(i)
	}
	lineOf := func(u *campaign.Unit) (int, bool) {
		if i, ok := count[u.ID]; ok {
			return i, true
		}
		for _, a := range u.Aliases {
			if i, ok := count[a]; ok {
				return i, true
			}
		}
		return 0, false
	}
	if p.FollowersChanged {
		if followers < 0 {
			return nil, diag.Textf(msgCannotEdit, p.rel(), diag.Textf("no line followers = N"))
		}
		setValue(followers, p.Followers)
	}
	var appended []string
	for _, l := range p.Lines {
		switch l.Action {
		case Replace:
			i, ok := lineOf(l.Unit)
			if !ok {
				return nil, diag.Textf(msgCannotEdit, p.rel(), diag.Textf("no line %s = N", l.Unit.ID))
			}
			setValue(i, l.Count)
		case Add:
			line := scaffold.UnitLine(l.Unit, p.Date, l.Count)
			if i, ok := placeholder[l.Unit.ID]; ok {
				lines[i] = line + ending(i)
				if ending(i) == "" {
					lines[i] += nl
				}
			} else {
				appended = append(appended, line+nl)
			}
		}
	}
	if len(appended) > 0 {
		if unitsEnd < 0 {
			appended = append([]string{nl, "[units]" + nl}, appended...)
			unitsEnd = len(lines)
		}
		if unitsEnd > 0 && !strings.HasSuffix(lines[unitsEnd-1], "\n") {
			lines[unitsEnd-1] += nl
		}
		lines = append(lines[:unitsEnd], append(appended, lines[unitsEnd:]...)...)
	}
	text := []byte(strings.Join(lines, ""))
	if err := p.verify(text); err != nil {
		return nil, diag.Textf(msgCannotEdit, p.rel(), err)
	}
	return text, nil
}

// verify decodes text and checks that it gives the plan's figures.
func (p *Plan) verify(text []byte) error {
	var r struct {
		Followers int64
		Units     map[string]int64
	}
	if _, err := toml.Decode(string(text), &r); err != nil {
		return err
	}
	if r.Followers != p.Followers {
		return diag.Textf("followers came out as %d", r.Followers)
	}
	for _, l := range p.Lines {
		got, ok := r.Units[l.Unit.ID]
		for _, a := range l.Unit.Aliases {
			if n, has := r.Units[a]; has && !ok {
				got, ok = n, true
			}
		}
		if !ok || got != l.Count {
			return diag.Textf("the count of %s came out as %d", l.Unit.ID, got)
		}
	}
	return nil
}

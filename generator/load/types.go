// Package load owns reading a site from disk: site.toml, content/units,
// content/reports, content/directives and the pages, into plain structs in
// which every value keeps its position. It normalises text (NFC, CRLF, BOM;
// control and bidirectional formatting characters removed, with a warning)
// and checks each file on its own: syntax, unknown and missing keys, types,
// slugs, dates, negative numbers, URLs. Cross-references between files
// (a unit named in a report, a recipient of a directive) are checked by the
// model, which knows them all. load renders nothing.
package load

import (
	"math"
	"time"

	"github.com/loa-vn/loa/generator/diag"
)

// Site is everything read from a site folder.
type Site struct {
	Dir        string // the site folder as given
	Config     Config
	Groups     []*Group     // sorted by file name
	Reports    []*Report    // sorted by date
	Directives []*Directive // sorted by file name; drafts included
	Pages      []*Page      // free pages, sorted by file name; drafts included
	Home       *Page        // content/_index.md, nil when absent
	// Unread lists the unit files and reports that could not be read at
	// all (see unread.go): the model leaves out the problems that follow
	// from their absence.
	Unread []Unread
}

// Config is site.toml.
type Config struct {
	Title    string
	BaseURL  string // as written, validated absolute http(s)
	Language string // default "vi"
	Theme    string // default "default"
	RawHTML  bool   // [markdown] raw_html = true lets Markdown carry raw HTML (an extension of the format)

	Authority Authority
	Campaign  Campaign
	Audience  *Audience   // nil when the table is absent
	Report    ReportTable // the [report] table, zero when absent
	CMS       *CMS        // nil when the table is absent: no admin is written

	Pos diag.Pos // site.toml:1:1
	// Keys holds the position of every key of site.toml, by dotted path
	// ("campaign.follow_url").
	Keys map[string]diag.Pos
}

// CMS is the [cms] table: the editing interface (Decap CMS) and the git
// host it saves to.
type CMS struct {
	// Backend is Decap's backend name: "gitlab", "github", "gitea", …
	Backend string
	// Options are the table's other keys but script and media_folder,
	// passed to Decap's backend as they are (repo, branch, auth_type,
	// app_id, base_url, api_root, …), sorted by key.
	Options []Option
	// Script is the URL of the CMS script when the office hosts it
	// itself; "" means the pinned version from the public CDN.
	Script string
	// MediaFolder is the folder of uploaded files, relative to the site
	// ("static/anh"); "" when the site takes no uploads.
	MediaFolder string
	Pos         diag.Pos // the [cms] header
}

// Option is one backend option of [cms]: a string, a whole number or a
// boolean.
type Option struct {
	Key   string
	Value any
}

// Authority is the [authority] table.
type Authority struct {
	Name   string
	Header []string
	Place  string
}

// ReportTable is the [report] table: how the leaders' report of every period
// (/bao-cao/<date>/) is numbered, addressed and signed.
type ReportTable struct {
	Number string   // the number's symbol, "/BC-UBND"; empty when absent
	To     []string // Kính gửi
	Sign   []string // the signer's title lines
	Signer string
}

// Campaign is the [campaign] table.
type Campaign struct {
	Name      string
	Channel   string
	FollowURL string
	Start     time.Time // zero when absent
	End       time.Time // zero when absent
	Target    int64     // 0 when absent
}

// Audience is the [audience] table.
type Audience struct {
	Population14Plus int64
	SmartphoneShare  float64
	VNeIDLevel2      int64
}

// Group is one file content/units/<id>.toml.
type Group struct {
	ID    string // the file name without .toml
	Name  string
	Order int // 0 when absent
	Units []*Unit
	File  string // path relative to the site, slash-separated
	Pos   diag.Pos
}

// Unit is one [[unit]] entry.
type Unit struct {
	ID       string
	Name     string
	Short    string
	Target   int64
	Audience int64
	Aliases  []string
	Pos      diag.Pos // the [[unit]] header
	IDPos    diag.Pos // the id value (the [[unit]] header when id is absent)
	// TargetPos is the target value (the [[unit]] header when absent).
	TargetPos diag.Pos
	// AliasPos holds the position of each alias, in order.
	AliasPos []diag.Pos
	// Retired is the date the unit stopped taking part, zero when it
	// takes part; MergedInto the id of the unit that carries on its work,
	// "" when none (docs/format.md, "Units that come and go").
	Retired       time.Time
	RetiredPos    diag.Pos
	MergedInto    string
	MergedIntoPos diag.Pos
}

// Report is one file content/reports/YYYY-MM-DD.toml.
type Report struct {
	Date      time.Time
	Followers int64
	Source    string
	Note      string
	Units     []UnitCount // in file order
	File      string
	Pos       diag.Pos
	// FollowersPos is the value of followers (line 1 column 1 when absent).
	FollowersPos diag.Pos
}

// UnitCount is one line of a report's [units] table.
type UnitCount struct {
	ID    string
	Count int64
	// Line and Col are where the line is in the report's file (PosOf
	// gives the position): a national site holds a million counts, and a
	// diag.Pos with the file's name is 48 bytes of the 72 each would take.
	Line, Col int32
}

// PosOf is the position of uc, a count of the report.
func (r *Report) PosOf(uc UnitCount) diag.Pos {
	return diag.Pos{File: r.File, Line: int(uc.Line), Col: int(uc.Col)}
}

// countAt is a count at line and col of its file (clamped to 32 bits: a
// file that long would not be read).
func countAt(id string, n int64, line, col int) UnitCount {
	return UnitCount{ID: id, Count: n, Line: int32(min(line, math.MaxInt32)), Col: int32(min(col, math.MaxInt32))}
}

// Directive is one file content/directives/<slug>.md.
type Directive struct {
	Slug    string
	Kind    string
	Number  string
	Date    time.Time
	Subject string
	To      []Ref
	CC      []string
	Sign    []string
	Signer  string
	Draft   bool
	Tasks   []Task

	Body     []byte // the Markdown body, NFC, LF line endings
	BodyLine int    // the line of the file on which Body starts
	File     string
	Pos      diag.Pos
}

// Ref is a group or unit id written in a directive, with its position.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Task is one [[task]] of a directive.
type Task struct {
	To   []Ref
	Text string
	Due  time.Time // zero when absent
	Pos  diag.Pos
}

// Page is a free page content/<slug>.md, or the home page content/_index.md
// (Slug "").
type Page struct {
	Slug        string
	Title       string
	Description string
	Weight      int
	Draft       bool
	Body        []byte
	BodyLine    int
	File        string
	Pos         diag.Pos
}

package opendata

import (
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/ctrlchar"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
)

func day(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }

func model(t *testing.T) *campaign.Campaign {
	t.Helper()
	s := &load.Site{
		Config: load.Config{
			BaseURL:  "https://kienan.example.vn/zalo/",
			Campaign: load.Campaign{Name: "Quan tâm", FollowURL: "https://zalo.me/1", Target: 82500},
			Audience: &load.Audience{Population14Plus: 99400, SmartphoneShare: 0.83, VNeIDLevel2: 70872},
		},
		Groups: []*load.Group{{ID: "phuong", Name: "UBND các phường", Units: []*load.Unit{
			{ID: "bac-son", Name: "UBND phường Bắc Sơn", Target: 8200},
			{ID: "dong-hoa", Name: "UBND phường Đồng Hòa, \"mới\""},
			{ID: "lam-ha", Name: "UBND phường Lãm Hà"},
		}}},
		Reports: []*load.Report{
			{Date: day("2023-10-21"), Followers: 120, Units: []load.UnitCount{{ID: "bac-son", Count: 12}}},
			{Date: day("2023-11-04"), Followers: 330, Units: []load.UnitCount{{ID: "bac-son", Count: 41}, {ID: "dong-hoa", Count: 18}}},
		},
	}
	var d diag.List
	c := campaign.New(s, campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	return c
}

func TestJSONFollowsTheContract(t *testing.T) {
	var got map[string]any
	if err := json.Unmarshal(JSON(model(t)), &got); err != nil {
		t.Fatal(err)
	}
	if got["latest"] != "2023-11-04" || got["followers"] != 330.0 {
		t.Fatalf("latest/followers: %v %v", got["latest"], got["followers"])
	}
	// 330 / (99400 * 0.83) = 0.0039999..., which is the 0,4% of the letter.
	if r := got["reach"].(float64); r < 0.00399 || r > 0.00401 {
		t.Fatalf("reach %v", r)
	}
	camp := got["campaign"].(map[string]any)
	if camp["follow_url"] != "https://zalo.me/1" || camp["target"] != 82500.0 {
		t.Fatalf("campaign %v", camp)
	}
	reps := got["reports"].([]any)
	if len(reps) != 2 || reps[0].(map[string]any)["date"] != "2023-10-21" {
		t.Fatalf("reports %v", reps)
	}
	units := got["units"].([]any)
	bs := units[0].(map[string]any)
	if bs["id"] != "bac-son" || bs["count"] != 41.0 || bs["reported"] != "2023-11-04" || bs["group"] != "phuong" ||
		bs["url"] != "https://kienan.example.vn/zalo/don-vi/bac-son/" || bs["target"] != 8200.0 {
		t.Fatalf("bac-son %v", bs)
	}
	if h := bs["history"].([]any); len(h) != 2 || h[0].(map[string]any)["count"] != 12.0 {
		t.Fatalf("history %v", h)
	}
	// Never reported: count and reported null, history empty, target null.
	lh := units[2].(map[string]any)
	if lh["count"] != nil || lh["reported"] != nil || lh["target"] != nil || len(lh["history"].([]any)) != 0 {
		t.Fatalf("lam-ha %v", lh)
	}
	if _, present := lh["count"]; !present {
		t.Fatal("count must be present as null")
	}
}

func TestJSONWithoutReports(t *testing.T) {
	c := model(t)
	c.Latest, c.Reports, c.HasReach = nil, nil, false
	var got map[string]any
	if err := json.Unmarshal(JSON(c), &got); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"latest", "followers", "reach"} {
		if v, ok := got[k]; !ok || v != nil {
			t.Errorf("%s = %v, want null", k, v)
		}
	}
}

func TestCSV(t *testing.T) {
	raw := CSV(model(t))
	if !strings.Contains(string(raw), "\r\n") {
		t.Error("RFC 4180 wants CRLF line ends")
	}
	rows, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"date", "unit", "group", "count"},
		{"2023-10-21", "bac-son", "phuong", "12"},
		{"2023-11-04", "bac-son", "phuong", "41"},
		{"2023-11-04", "dong-hoa", "phuong", "18"},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %v", rows)
	}
	for i, w := range want {
		for j, cell := range w {
			if rows[i][j] != cell {
				t.Errorf("row %d col %d = %q, want %q", i, j, rows[i][j], cell)
			}
		}
	}
	if rows[3][4] != `UBND phường Đồng Hòa, "mới"` {
		t.Errorf("quoted name read back as %q", rows[3][4])
	}
}

// TestCSVCellsAreNeverFormulas: names that a spreadsheet would run as a
// formula are written with a leading "'", as OWASP advises; removing one
// leading "'" gives every name back. The control and direction characters
// that load removes, should any reach the writer, are dropped, and a lone
// CR is a line break rather than lost.
func TestCSVCellsAreNeverFormulas(t *testing.T) {
	names := map[string]string{ // the name -> its cell
		`=HYPERLINK("https://evil.example/","Bấm")`: `'=HYPERLINK("https://evil.example/","Bấm")`,
		"@SUM(1)":                    "'@SUM(1)",
		"-1+1":                       "'-1+1",
		"+84 Thôn":                   "'+84 Thôn",
		"\tThôn Tư":                  "'\tThôn Tư",
		"\rThôn\rBa\r\nX":            "'\nThôn\nBa\nX",
		"'Thôn' Năm":                 "''Thôn' Năm",
		"Thôn = 1 + 1":               "Thôn = 1 + 1",
		"Thôn\x00Một\x07":            "ThônMột",
		"\u202e=1+1":                 "'=1+1",
		"Thôn \u2066Sáu\u2069\u200f": "Thôn Sáu",
	}
	s := &load.Site{
		Config:  load.Config{BaseURL: "https://x.example/", Campaign: load.Campaign{Name: "C", FollowURL: "https://zalo.me/1"}},
		Groups:  []*load.Group{{ID: "g", Name: "G"}},
		Reports: []*load.Report{{Date: day("2023-10-21"), Followers: 100}},
	}
	var i int
	for name := range names {
		id := "u" + strconv.Itoa(i)
		i++
		s.Groups[0].Units = append(s.Groups[0].Units, &load.Unit{ID: id, Name: name})
		s.Reports[0].Units = append(s.Reports[0].Units, load.UnitCount{ID: id, Count: 1})
	}
	var d diag.List
	c := campaign.New(s, campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	b := CSV(c)
	if i := ctrlchar.IndexBytes(b); i >= 0 {
		t.Errorf("the file holds %q", b[i:i+1])
	}
	rows, err := csv.NewReader(strings.NewReader(string(b))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(names)+1 {
		t.Fatalf("%d rows", len(rows))
	}
	for _, row := range rows[1:] {
		u, ok := c.Unit(row[1])
		if !ok {
			t.Fatalf("no unit %q", row[1])
		}
		if want := names[u.Name]; row[4] != want {
			t.Errorf("name %q: cell %q, want %q", u.Name, row[4], want)
		}
	}
}

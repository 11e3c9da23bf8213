package opendata

import (
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/loa-vn/loa/generator/campaign"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/load"
	"github.com/loa-vn/loa/generator/period"
)

// keys are the sorted keys of a JSON object.
func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, " ")
}

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// TestReportJSONKeysAndNulls checks du-lieu/bao-cao/<date>.json of both
// reports of the model: exactly the keys issue 12 lists, and its nulls.
func TestReportJSONKeysAndNulls(t *testing.T) {
	c := model(t)
	first := decode(t, ReportJSON(period.Of(c, 0)))
	if got := keys(first); got != "date dropped followers followers_change groups not_reported previous reach units" {
		t.Errorf("keys %s", got)
	}
	if first["date"] != "2023-10-21" || first["previous"] != nil || first["followers_change"] != nil || first["followers"] != 120.0 {
		t.Errorf("the first report: %v", first)
	}
	g := first["groups"].([]any)[0].(map[string]any)
	if keys(g) != "change count id name reported units" || g["change"] != nil || g["count"] != 12.0 || g["units"] != 3.0 || g["reported"] != 1.0 {
		t.Errorf("group %v", g)
	}

	last := decode(t, ReportJSON(period.Of(c, 1)))
	if last["previous"] != "2023-10-21" || last["followers_change"] != 210.0 {
		t.Errorf("previous %v, change %v", last["previous"], last["followers_change"])
	}
	// 330 / (99400 * 0.83), six decimals.
	if last["reach"] != 0.004 {
		t.Errorf("reach %v", last["reach"])
	}
	units := map[string]map[string]any{}
	for _, u := range last["units"].([]any) {
		m := u.(map[string]any)
		if keys(m) != "change count group id rank reported share target" {
			t.Errorf("unit keys %s", keys(m))
		}
		units[m["id"].(string)] = m
	}
	// bac-son: 41 of 8200, from 12: the only one with a share, rank 1.
	if u := units["bac-son"]; u["count"] != 41.0 || u["change"] != 29.0 || u["reported"] != true || u["share"] != 0.005 || u["rank"] != 1.0 || u["target"] != 8200.0 {
		t.Errorf("bac-son %v", u)
	}
	// dong-hoa: first count, from 0; no target: no share, no rank.
	if u := units["dong-hoa"]; u["count"] != 18.0 || u["change"] != 18.0 || u["share"] != nil || u["rank"] != nil || u["target"] != nil {
		t.Errorf("dong-hoa %v", u)
	}
	// lam-ha never reported: count and change null, not reported.
	if u := units["lam-ha"]; u["count"] != nil || u["change"] != nil || u["reported"] != false || u["group"] != "phuong" {
		t.Errorf("lam-ha %v", u)
	}
	if nr := last["not_reported"].([]any); len(nr) != 1 || nr[0] != "lam-ha" {
		t.Errorf("not_reported %v", nr)
	}
	if d := last["dropped"].([]any); len(d) != 0 {
		t.Errorf("dropped %v", d)
	}
	if g := last["groups"].([]any)[0].(map[string]any); g["count"] != 59.0 || g["change"] != 47.0 {
		t.Errorf("group %v: the change is the difference of the totals, 59 - 12", g)
	}
}

// TestReportJSONWithoutAudience checks that reach is null without a
// baseline.
func TestReportJSONWithoutAudience(t *testing.T) {
	c := model(t)
	c.Audience = nil
	if m := decode(t, ReportJSON(period.Of(c, 1))); m["reach"] != nil {
		t.Errorf("reach %v", m["reach"])
	}
}

// TestReportJSONGroupWithoutCounts checks a group none of whose units has
// reported yet, at a report that has a previous one: its count is 0, so
// its change, the difference of that total with the previous date, is 0,
// not null (null is for the first report only, docs/format.md).
func TestReportJSONGroupWithoutCounts(t *testing.T) {
	s := &load.Site{
		Config: load.Config{
			BaseURL:  "https://kienan.example.vn/zalo/",
			Campaign: load.Campaign{Name: "Quan tâm", FollowURL: "https://zalo.me/1"},
		},
		Groups: []*load.Group{
			{ID: "phuong", Name: "UBND các phường", Units: []*load.Unit{{ID: "bac-son", Name: "UBND phường Bắc Sơn", Target: 8200}}},
			{ID: "truong-hoc", Name: "Các trường học", Units: []*load.Unit{{ID: "mam-non", Name: "Trường Mầm non Văn Đẩu", Target: 400}}},
		},
		Reports: []*load.Report{
			{Date: day("2023-10-21"), Followers: 120, Units: []load.UnitCount{{ID: "bac-son", Count: 12}}},
			{Date: day("2023-11-04"), Followers: 330, Units: []load.UnitCount{{ID: "bac-son", Count: 41}}},
		},
	}
	var d diag.List
	c := campaign.New(s, campaign.Options{}, &d)
	if d.HasErrors() {
		t.Fatal(d.Err())
	}
	first := decode(t, ReportJSON(period.Of(c, 0)))["groups"].([]any)[1].(map[string]any)
	if first["id"] != "truong-hoc" || first["count"] != 0.0 || first["change"] != nil {
		t.Errorf("at the first report: %v, want count 0 and change null", first)
	}
	last := decode(t, ReportJSON(period.Of(c, 1)))["groups"].([]any)[1].(map[string]any)
	if last["id"] != "truong-hoc" || last["count"] != 0.0 || last["change"] != 0.0 || last["reported"] != 0.0 {
		t.Errorf("at the second report: %v, want count 0, change 0, reported 0", last)
	}
}

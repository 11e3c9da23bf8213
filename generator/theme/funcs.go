package theme

import (
	"fmt"
	"html/template"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/loa-vn/loa/generator/vi"
)

// base is where the site is served: its absolute URL and its path, both
// ending in "/".
type base struct {
	url  string // "https://kienan.example.vn/zalo/"
	path string // "/zalo/"
}

func newBase(baseURL string) base {
	if !strings.HasSuffix(baseURL, "/") {
		baseURL += "/"
	}
	b := base{url: baseURL, path: "/"}
	if u, err := url.Parse(baseURL); err == nil && u.Path != "" {
		b.path = u.Path
		if !strings.HasSuffix(b.path, "/") {
			b.path += "/"
		}
	}
	return b
}

// funcs returns the functions every template may call. They are bound to
// t's base URL and static files.
//
//	date t        "ngày 04 tháng 11 năm 2023" (Nghị định 30 style)
//	shortdate t   "04/11/2023"
//	daymonth t    "04/11"
//	isodate t     "2023-11-04", for <time datetime>
//	num n         "70.872"
//	signed n      "+1.234", "-5", "0"
//	pct r [prec]  0.004 -> "0,4%" (prec defaults to 1)
//	dec f prec    "0,4"
//	upper s       Vietnamese upper case
//	capfirst s    the first letter in upper case
//	url p         "don-vi/bac-son/" -> "/zalo/don-vi/bac-son/"
//	absurl p      "don-vi/bac-son/" -> "https://x.vn/zalo/don-vi/bac-son/"
//	static name   "style.css" -> "/zalo/static/style.css?v=<hash>"
//	https u       u when it is an https: URL with a host, "" otherwise
//	coord f       a coordinate with at most two decimals: "12.35"
//	join sep list texts joined by sep
//	add a b, sub a b   integer arithmetic
//	abs n         a number without its sign, formatted: -1234 -> "1.234"
//	dict k v ...  a map, to pass several values to a partial
func (t *Theme) funcs() template.FuncMap {
	b := t.base
	return template.FuncMap{
		"date":      vi.LongDate,
		"shortdate": vi.ShortDate,
		"daymonth":  func(d time.Time) string { return vi.ShortDate(d)[:5] },
		"isodate":   func(d time.Time) string { return d.Format("2006-01-02") },
		"num":       func(n any) (string, error) { v, err := toInt64(n); return vi.Int(v), err },
		"signed":    func(n any) (string, error) { v, err := toInt64(n); return vi.Signed(v), err },
		"abs": func(n any) (string, error) {
			v, err := toInt64(n)
			return vi.Int(max(v, -v)), err
		},
		"pct": func(r float64, prec ...int) string {
			p := 1
			if len(prec) > 0 {
				p = prec[0]
			}
			return vi.Percent(r, p)
		},
		"dec":      vi.Decimal,
		"upper":    vi.Upper,
		"capfirst": capFirst,
		"url":      func(p string) string { return b.path + strings.TrimPrefix(p, "/") },
		"absurl":   func(p string) string { return b.url + strings.TrimPrefix(p, "/") },
		"static": func(name string) string {
			name = strings.TrimPrefix(name, "/")
			u := b.path + "static/" + name
			if h, ok := t.hashes[name]; ok {
				u += "?v=" + h
			}
			return u
		},
		"https": HTTPS,
		"coord": func(f float64) string {
			return strconv.FormatFloat(math.Round(f*100)/100, 'f', -1, 64)
		},
		"join": func(sep string, list []string) string { return strings.Join(list, sep) },
		"add":  func(a, b int) int { return a + b },
		"sub":  func(a, b int) int { return a - b },
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict: odd number of arguments")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict: key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
	}
}

// HTTPS returns u when it is an absolute https: URL with a host, and ""
// otherwise, so that a link from data is never javascript: or plain http.
func HTTPS(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme != "https" || p.Host == "" {
		return ""
	}
	return u
}

func capFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || r == utf8.RuneError {
		return s
	}
	return vi.NFC(string(unicode.ToUpper(r)) + s[n:])
}

func toInt64(n any) (int64, error) {
	switch v := n.(type) {
	case int:
		return int64(v), nil
	case int64:
		return v, nil
	case int32:
		return int64(v), nil
	case uint:
		return int64(v), nil
	case uint32:
		return int64(v), nil
	case uint64:
		return int64(v), nil
	}
	return 0, fmt.Errorf("not an integer: %T", n)
}

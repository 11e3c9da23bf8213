package serve

import (
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
)

// statusWithHost asks the server at addr (host:port) for target with the
// Host header host.
func statusWithHost(t *testing.T, addr, target, host string) int {
	t.Helper()
	req, err := http.NewRequest("GET", "http://"+addr+target, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestServeBeyondLoopback serves on every interface (--addr :PORT), as a
// clerk previewing on a phone does: the terminal says so, and a page
// elsewhere that points its own domain at this machine (DNS rebinding)
// gets 403 on loopback and on the network address alike, while the
// machine's own names and addresses get the site.
func TestServeBeyondLoopback(t *testing.T) {
	p := startPreviewAt(t, ":0", "testdata/site")
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(p.origin, "http://"))
	if !strings.Contains(p.log.String(), "beyond loopback") || !strings.Contains(p.log.String(), "anyone on the network") {
		t.Errorf("the log does not say the preview listens beyond loopback:\n%s", p.log)
	}
	page := "/zalo/"
	addrs := []string{net.JoinHostPort("127.0.0.1", port)}
	as, _ := net.InterfaceAddrs()
	for _, a := range as {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && !n.IP.IsLoopback() {
			addrs = append(addrs, net.JoinHostPort(n.IP.String(), port))
			if !strings.Contains(p.log.String(), "http://"+addrs[len(addrs)-1]+page) {
				t.Errorf("the log does not give the address http://%s%s:\n%s", addrs[len(addrs)-1], page, p.log)
			}
			break
		}
	}
	for _, addr := range addrs {
		for _, evil := range []string{"evil.example:" + port, "evil.example", "127.0.0.1.evil.example:" + port, "localhost.evil.example:" + port} {
			if got := statusWithHost(t, addr, page, evil); got != http.StatusForbidden {
				t.Errorf("GET %s with Host %q: %d, want 403", addr, evil, got)
			}
		}
		good := []string{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, addr}
		if name, err := os.Hostname(); err == nil {
			good = append(good, strings.ToUpper(name)+":"+port)
		}
		for _, host := range good {
			if got := statusWithHost(t, addr, page, host); got != http.StatusOK {
				t.Errorf("GET %s with Host %q: %d, want 200", addr, host, got)
			}
		}
	}
}

// TestServeLoopbackHosts is the same DNS-rebinding check on the default,
// loopback, address.
func TestServeLoopbackHosts(t *testing.T) {
	p := startPreview(t, "testdata/site")
	addr := strings.TrimPrefix(p.origin, "http://")
	_, port, _ := net.SplitHostPort(addr)
	if got := statusWithHost(t, addr, "/zalo/", "evil.example:"+port); got != http.StatusForbidden {
		t.Errorf("Host evil.example: %d, want 403", got)
	}
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port} {
		if got := statusWithHost(t, addr, "/zalo/", host); got != http.StatusOK {
			t.Errorf("Host %s: %d, want 200", host, got)
		}
	}
	if strings.Contains(p.log.String(), "beyond loopback") {
		t.Errorf("a loopback preview warns of the network:\n%s", p.log)
	}
}

func TestHostsAllowed(t *testing.T) {
	h := newHosts()
	h.name = "may-cua-xa"
	h.addrs["192.0.2.7"] = true
	for host, want := range map[string]bool{
		"127.0.0.1:1313":          true,
		"localhost":               true,
		"LOCALHOST:1313":          true,
		"may-cua-xa:1313":         true,
		"May-Cua-Xa.":             true,
		"192.0.2.7:1313":          true,
		"[::1]:1313":              true,
		"192.0.2.8:1313":          false,
		"may-cua-xa.evil.example": false,
		"evil.example:1313":       false,
		"":                        false,
		":1313":                   false,
	} {
		if got := h.allowed(host); got != want {
			t.Errorf("allowed(%q) = %v, want %v", host, got, want)
		}
	}
}

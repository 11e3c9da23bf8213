package serve

import (
	"net"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// hosts tells the Host headers that name this machine: loopback names
// and addresses, its host name, and the addresses of its interfaces. Any
// other Host is a page elsewhere that pointed its own domain at this
// machine (DNS rebinding) to read the preview: it gets 403, whatever
// address the preview listens on. The port is not checked: it names no
// other site, and a forwarded port (ssh -L 8080:127.0.0.1:1313) changes it.
type hosts struct {
	name string // the host name, lower case; "" if unknown

	mu    sync.Mutex
	addrs map[string]bool // the interfaces' addresses, as net.IP.String gives them
	read  time.Time       // when addrs was read
}

// refresh is the least time between two readings of the interfaces'
// addresses: they change (a new Wi-Fi network), so an address not known is
// looked up again, but not on every request.
const refresh = 2 * time.Second

func newHosts() *hosts {
	h := &hosts{}
	if name, err := os.Hostname(); err == nil {
		h.name = strings.ToLower(name)
	}
	h.readAddrs()
	return h
}

// readAddrs reads the interfaces' addresses; h.mu is held or h is new.
func (h *hosts) readAddrs() {
	h.addrs = map[string]bool{}
	h.read = time.Now()
	as, err := net.InterfaceAddrs()
	if err != nil {
		return
	}
	for _, a := range as {
		if n, ok := a.(*net.IPNet); ok {
			h.addrs[n.IP.String()] = true
		}
	}
}

// allowed reports whether the Host header host names this machine.
func (h *hosts) allowed(host string) bool {
	if hp, _, err := net.SplitHostPort(host); err == nil {
		host = hp
	}
	host = strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(host, "["), "]"))
	if host == "" {
		return false
	}
	if loopbackHost(host) {
		return true
	}
	if ip := net.ParseIP(host); ip != nil {
		return h.hasAddr(ip.String())
	}
	return h.name != "" && strings.TrimSuffix(host, ".") == h.name
}

func (h *hosts) hasAddr(ip string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.addrs[ip] {
		return true
	}
	if time.Since(h.read) < refresh {
		return false
	}
	h.readAddrs()
	return h.addrs[ip]
}

// networkURLs are the addresses, other than loopback, at which a server
// listening on addr can be reached, as http://host:port URLs ending in
// path: every interface's for a wildcard address.
func networkURLs(addr *net.TCPAddr, path string) []string {
	port := addr.Port
	var ips []net.IP
	if addr.IP.IsUnspecified() {
		as, _ := net.InterfaceAddrs()
		for _, a := range as {
			if n, ok := a.(*net.IPNet); ok && !n.IP.IsLoopback() && !n.IP.IsLinkLocalUnicast() {
				if addr.IP.To4() != nil && n.IP.To4() == nil {
					continue // 0.0.0.0 listens on IPv4 only
				}
				ips = append(ips, n.IP)
			}
		}
	} else {
		ips = append(ips, addr.IP)
	}
	var urls []string
	for _, ip := range ips {
		urls = append(urls, "http://"+net.JoinHostPort(ip.String(), strconv.Itoa(port))+path)
	}
	return urls
}

package loadtest

import (
	"fmt"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// Nodes is a set of server nodes that serve one platform, as a load
// balancer in front of them would: each request goes to the next node in
// turn, whatever node the client was made for.
type Nodes struct {
	Hosts []string // host:port of each node
	next  atomic.Uint64
}

// pick is the node of the next request.
func (n *Nodes) pick() string {
	return n.Hosts[int(n.next.Add(1)-1)%len(n.Hosts)]
}

// DeviceTransport carries one device's requests: from a loopback address
// of its own (127.1.x.y, so that the server's limits per address count
// each device apart, as they would count phones on the network), to the
// nodes in turn, through the recorder.
func DeviceTransport(n int, nodes *Nodes, rec *Recorder) http.RoundTripper {
	local := &net.TCPAddr{IP: net.IPv4(127, 1, byte(n>>8), byte(n))}
	dialer := &net.Dialer{LocalAddr: local, Timeout: 5 * time.Second}
	base := &http.Transport{
		DialContext:         dialer.DialContext,
		MaxIdleConnsPerHost: 2,
		IdleConnTimeout:     30 * time.Second,
		DisableCompression:  false,
	}
	return rec.Transport(roundRobin{nodes: nodes, next: base})
}

// roundRobin sends each request to the next node.
type roundRobin struct {
	nodes *Nodes
	next  http.RoundTripper
}

func (rr roundRobin) RoundTrip(req *http.Request) (*http.Response, error) {
	if len(rr.nodes.Hosts) == 0 {
		return nil, fmt.Errorf("no node to send %s to", req.URL.Path)
	}
	r := req.Clone(req.Context())
	r.URL.Host = rr.nodes.pick()
	r.Host = r.URL.Host
	return rr.next.RoundTrip(r)
}

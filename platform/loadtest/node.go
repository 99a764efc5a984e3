package loadtest

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"sync"
	"time"

	"jiangsupass/platform"
)

// Node is a cmd/platform process serving on a loopback port.
type Node struct {
	cmd       *exec.Cmd
	URL       string // http://127.0.0.1:port
	Host      string // 127.0.0.1:port
	TokenFile string // where it wrote the admin token
	done      chan struct{}
}

// CodeBook keeps the one-time codes the nodes wrote to their logs, by the
// phone's kept form, as a person reads the code from a text message.
type CodeBook struct {
	mu    sync.Mutex
	codes map[string]string
	got   chan struct{} // closed and replaced at every new code
}

// NewCodeBook is an empty code book.
func NewCodeBook() *CodeBook { return &CodeBook{codes: map[string]string{}, got: make(chan struct{})} }

var codeLine = regexp.MustCompile(`sign-in code for (\S+): ([0-9]{6})`)

// read takes the codes from a node's log until it ends.
func (b *CodeBook) read(r io.Reader) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		if m := codeLine.FindStringSubmatch(sc.Text()); m != nil {
			b.mu.Lock()
			b.codes[m[1]] = m[2]
			close(b.got)
			b.got = make(chan struct{})
			b.mu.Unlock()
		}
	}
}

// Wait is the newest code sent to phone, once a log has it; each code is
// given once.
func (b *CodeBook) Wait(ctx context.Context, phone string) (string, error) {
	p, err := platform.ParsePhone(phone)
	if err != nil {
		return "", err
	}
	for {
		b.mu.Lock()
		c, ok := b.codes[p.String()]
		got := b.got
		if ok {
			delete(b.codes, p.String())
		}
		b.mu.Unlock()
		if ok {
			return c, nil
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("no code for %s in the nodes' logs: %w", phone, ctx.Err())
		case <-got:
		}
	}
}

// StartNode starts cmd, a cmd/platform process serving on a loopback
// port (--addr 127.0.0.1:0), reads the codes it logs into codes, and
// returns once it serves, with its address and admin token file.
func StartNode(ctx context.Context, cmd *exec.Cmd, codes *CodeBook) (*Node, error) {
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	n := &Node{cmd: cmd, done: make(chan struct{})}
	go codes.read(stderr)
	lines := make(chan string, 2)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			default:
			}
		}
		close(lines)
	}()
	go func() { _ = cmd.Wait(); close(n.done) }()
	wait, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	for n.TokenFile == "" {
		select {
		case l, ok := <-lines:
			if !ok {
				return nil, errors.New("the node ended before it served")
			}
			if u, ok := strings.CutPrefix(l, "Jiangsu Pass reference platform: "); ok {
				n.URL = u
				n.Host = strings.TrimPrefix(u, "http://")
			}
			if _, rest, ok := strings.Cut(l, "admin token in "); ok {
				n.TokenFile, _, _ = strings.Cut(rest, ";")
			}
		case <-wait.Done():
			n.Stop()
			return nil, fmt.Errorf("the node did not start serving: %w", wait.Err())
		}
	}
	return n, nil
}

// Pid is the node's process ID.
func (n *Node) Pid() int { return n.cmd.Process.Pid }

// Stop interrupts the node and waits for it to end, killing it after 10 s.
func (n *Node) Stop() {
	_ = n.cmd.Process.Signal(os.Interrupt)
	select {
	case <-n.done:
	case <-time.After(10 * time.Second):
		_ = n.cmd.Process.Kill()
		<-n.done
	}
}

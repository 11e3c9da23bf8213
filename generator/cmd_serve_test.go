package main

import (
	"bytes"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

func TestServeUsage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
	}{
		{[]string{"serve", "-h"}, 0},
		{[]string{"serve", "--nope"}, 2},
		{[]string{"serve", "extra"}, 2},
		{[]string{"serve", "--addr", "1313"}, 2},
	} {
		var out, errs bytes.Buffer
		if code := run(c.args, &out, &errs); code != c.code {
			t.Errorf("%v: exit %d, want %d\n%s", c.args, code, c.code, errs.String())
		}
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	var out, errs bytes.Buffer
	if code := run([]string{"serve", "-s", "serve/testdata/site", "--addr", ln.Addr().String()}, &out, &errs); code != 1 {
		t.Errorf("exit %d, want 1\n%s", code, errs.String())
	}
}

// TestServeInterrupt runs the command as people do and stops it with
// Ctrl-C: it must exit 0.
func TestServeInterrupt(t *testing.T) {
	var out, errs lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"serve", "-s", "serve/testdata/site", "--addr", "127.0.0.1:0"}, &out, &errs)
	}()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(out.String(), "đang phục vụ") {
		select {
		case code := <-done:
			t.Fatalf("exit %d before serving\n%s", code, errs.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("not serving after 20s\n%s", errs.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	line := out.String()
	if !strings.Contains(line, `"Thử nghiệm xem trước" tại http://127.0.0.1:`) || !strings.Contains(line, "/zalo/ (Ctrl-C để dừng)") {
		t.Errorf("ready line %q", line)
	}
	// The command is listening for the signal now: it does not end the test.
	if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after Ctrl-C, want 0\n%s", code, errs.String())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("still running 5s after Ctrl-C")
	}
}

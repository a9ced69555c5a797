//go:build e2e

package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStdinNotATerminal: with stdout a terminal but stdin a file, the TUI says
// stdin is not a terminal (exit 2) instead of an internal epoll error (issue 13,
// item 10).
func TestStdinNotATerminal(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed: .ci/run installs it (apt-get install -y tmux)")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	empty, status := filepath.Join(dir, "empty"), filepath.Join(dir, "status")
	os.WriteFile(empty, nil, 0o644)
	m := &tmux{t: t, session: "brewloop-stdin-" + filepath.Base(dir)}
	m.run("new-session", "-d", "-s", m.session, "-x", "120", "-y", "20",
		"env TERM=xterm-256color "+bin+" < "+empty+" 2>&1; echo EXIT=$? > "+status+"; sleep 30")
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", m.session).Run() })
	deadline := time.Now().Add(20 * time.Second)
	for {
		if b, err := os.ReadFile(status); err == nil && len(b) > 0 {
			if got := strings.TrimSpace(string(b)); got != "EXIT=2" {
				t.Errorf("brewloop < file exited with %s, want EXIT=2", got)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("brewloop < file did not exit; screen:\n%s", m.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if s := m.screen(); !strings.Contains(s, "stdin is not a terminal") || strings.Contains(s, "epoll") {
		t.Errorf("screen does not say stdin is not a terminal:\n%s", s)
	}
}

//go:build e2e

package main

// The terminal end-to-end test: the built binary in a real terminal (tmux at
// 120x40). It is the one test that runs on the wall clock, because a terminal is
// what it tests; it polls the screen with generous time limits. .ci/run runs it
// with `go test -tags e2e -run TestTerminal .` after installing tmux if needed.

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

type tmux struct {
	t       *testing.T
	session string
}

func (m *tmux) run(args ...string) string {
	m.t.Helper()
	out, err := exec.Command("tmux", args...).CombinedOutput()
	if err != nil {
		m.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

func (m *tmux) screen() string { return m.run("capture-pane", "-p", "-t", m.session) }

func (m *tmux) keys(k ...string) { m.run(append([]string{"send-keys", "-t", m.session}, k...)...) }

// waitFor polls the screen until ok accepts it, or fails after the limit.
func (m *tmux) waitFor(what string, ok func(string) bool) string {
	m.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s := m.screen()
		if ok(s) {
			return s
		}
		if time.Now().After(deadline) {
			m.t.Fatalf("timed out waiting for %s; screen:\n%s", what, s)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var clockRE = regexp.MustCompile(`\d\d:\d\d:\d\d\.\d`)

func clockOf(s string) string { return clockRE.FindString(s) }

var arrivalsRE = regexp.MustCompile(`Arrivals[^\n]*?(\d+\.\d+)/min`)

func TestTerminal(t *testing.T) {
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed: .ci/run installs it (apt-get install -y tmux)")
	}
	dir := t.TempDir()
	bin := filepath.Join(dir, "brewloop")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	status := filepath.Join(dir, "status")
	m := &tmux{t: t, session: "brewloop-e2e-" + strings.ReplaceAll(filepath.Base(dir), "/", "")}
	exec.Command("tmux", "kill-session", "-t", m.session).Run()
	m.run("new-session", "-d", "-s", m.session, "-x", "120", "-y", "40",
		"env TERM=xterm-256color "+bin+"; echo EXIT=$? > "+status+"; sleep 30")
	t.Cleanup(func() { exec.Command("tmux", "kill-session", "-t", m.session).Run() })

	titles := []string{"brewloop", "Queue", "Baristas", "Machines", "Tasks", "Events", "Arrivals", "Brew", "RUNNING"}
	s := m.waitFor("every pane title", func(s string) bool {
		for _, w := range titles {
			if !strings.Contains(s, w) {
				return false
			}
		}
		return clockOf(s) != ""
	})
	first := clockOf(s)
	m.waitFor("the clock to advance", func(s string) bool { c := clockOf(s); return c != "" && c != first })

	m.keys("Space")
	s = m.waitFor("PAUSED", func(s string) bool { return strings.Contains(s, "PAUSED") })
	paused := clockOf(s)
	time.Sleep(700 * time.Millisecond) // several frames: a paused clock must not move
	if c := clockOf(m.screen()); c != paused {
		t.Errorf("clock moved while paused: %s -> %s", paused, c)
	}

	// The Arrivals slider has focus at start: right arrow raises it.
	before := arrivalsRE.FindStringSubmatch(m.screen())
	if before == nil {
		t.Fatalf("no Arrivals value on screen:\n%s", m.screen())
	}
	m.keys("Right")
	m.waitFor("the Arrivals value to change", func(s string) bool {
		v := arrivalsRE.FindStringSubmatch(s)
		return v != nil && v[1] != before[1]
	})

	m.keys("q")
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, err := os.ReadFile(status)
		if err == nil && len(b) > 0 {
			if got := strings.TrimSpace(string(b)); got != "EXIT=0" {
				t.Errorf("brewloop exited with %s, want EXIT=0", got)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("brewloop did not exit after q; screen:\n%s", m.screen())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The terminal is restored: the alternate screen is off and the shell's
	// line is visible again.
	if alt := strings.TrimSpace(m.run("display-message", "-p", "-t", m.session, "#{alternate_on}")); alt != "0" {
		t.Errorf("alternate screen still on after quitting (alternate_on=%s)", alt)
	}
}

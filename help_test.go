package main

import (
	"bytes"
	"context"
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"charm.land/lipgloss/v2"
)

// The help pages as fang v1.0.0 drew them without a terminal: testdata/help holds
// its output from before help.go replaced it, and writeHelp must match it byte for
// byte.
func TestHelpPages(t *testing.T) {
	for _, tc := range []struct {
		golden string
		args   []string
	}{
		{"root", []string{"--help"}},
		{"root", []string{"-h"}},
		{"help", []string{"help"}}, // cobra has by then given help its own --help flag
		{"run", []string{"run", "--help"}},
		{"run", []string{"help", "run"}},
		{"replay", []string{"replay", "--help"}},
		{"validate", []string{"validate", "-h"}},
		{"scenarios", []string{"scenarios", "--help"}},
		{"completion", []string{"completion", "--help"}},
		{"completion-bash", []string{"completion", "bash", "--help"}},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			code, out, errs := cli(t, tc.args...)
			if code != 0 || errs != "" {
				t.Fatalf("exit %d, stderr %q; want 0 and nothing", code, errs)
			}
			golden(t, filepath.Join("help", tc.golden+".txt"), []byte(out))
		})
	}
}

func TestVersionAndCompletion(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-v"}} {
		if code, out, _ := cli(t, args...); code != 0 || out != "brewloop version "+version+"\n" {
			t.Errorf("brewloop %v: exit %d, %q; want 0, %q", args, code, out, "brewloop version "+version+"\n")
		}
	}
	code, out, _ := cli(t, "completion", "bash")
	if code != 0 || !strings.HasPrefix(out, "# bash completion V2 for brewloop") || !strings.Contains(out, "__start_brewloop") {
		t.Errorf("completion bash: exit %d, %.80q; want cobra's bash script for brewloop", code, out)
	}
	code, out, _ = cli(t, "__complete", "--sc")
	if code != 0 || !strings.Contains(out, "--scenario") {
		t.Errorf("__complete --sc: exit %d, %q; want --scenario offered", code, out)
	}
	code, out, _ = cli(t, "man")
	if code != 0 || !strings.Contains(out, ".TH BREWLOOP") {
		t.Errorf("man: exit %d, %.80q; want a man page", code, out)
	}
}

func TestDarkBackground(t *testing.T) {
	for v, dark := range map[string]bool{"": true, "15;0": true, "0;15": false, "0;7": false, "7;8": true, "0;default;15": false, "junk": true} {
		if got := darkBackground(func(string) string { return v }); got != dark {
			t.Errorf("COLORFGBG=%q: dark %v, want %v", v, got, dark)
		}
	}
}

// TestNoTerminalQuery runs the built binary in a pseudo-terminal that never answers
// (script from util-linux): a bad flag must exit 2 with its one-line message, and
// help must draw, without sending the background-colour query (OSC 11) whose answer
// fang waited 2 s for, twice. The 30 s limit only guards against a hang.
func TestNoTerminalQuery(t *testing.T) {
	script, err := exec.LookPath("script")
	if err != nil {
		t.Skip("script (util-linux) is not installed:", err)
	}
	bin := filepath.Join(t.TempDir(), "brewloop")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	for _, tc := range []struct {
		args string
		code int
		want string
	}{
		{"--bogus", 2, "brewloop: unknown flag: --bogus"},
		{"run --seed x", 2, "brewloop: invalid argument"},
		{"--help", 0, "USAGE"},
		{"run --help", 0, "--transcript"},
	} {
		t.Run(tc.args, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			// script -e returns the command's exit code; stdin is empty, so the
			// terminal never answers anything.
			cmd := exec.CommandContext(ctx, script, "-qec", bin+" "+tc.args, "/dev/null")
			var out bytes.Buffer
			cmd.Stdout, cmd.Stderr = &out, &out
			start := time.Now()
			err := cmd.Run()
			took := time.Since(start)
			if ctx.Err() != nil {
				t.Fatalf("brewloop %s in a silent terminal still running after 30 s:\n%q", tc.args, out.String())
			}
			code := 0
			var ee *exec.ExitError
			if errors.As(err, &ee) {
				code = ee.ExitCode()
			} else if err != nil {
				t.Fatal(err)
			}
			t.Logf("brewloop %s under script: exit %d in %v", tc.args, code, took.Round(time.Millisecond))
			if code != tc.code || !strings.Contains(out.String(), tc.want) {
				t.Errorf("brewloop %s: exit %d, output %q; want exit %d and %q", tc.args, code, out.String(), tc.code, tc.want)
			}
			if strings.Contains(out.String(), "\x1b]11;?") {
				t.Errorf("brewloop %s asked the terminal for its background colour: %q", tc.args, out.String())
			}
		})
	}
}

// TestExampleLine checks how the words of an example are told apart, with each
// style marking its words instead of colouring them.
func TestExampleLine(t *testing.T) {
	mark := func(tag string) lipgloss.Style {
		return lipgloss.NewStyle().Transform(func(s string) string { return tag + "<" + s + ">" })
	}
	ws := wordStyles{
		name: mark("N"), command: mark("C"), flag: mark("F"), arg: mark("A"),
		dim: lipgloss.NewStyle(), quoted: mark("Q"), comment: mark("#"),
	}
	root := newRootCmd(&env{})
	for line, want := range map[string]string{
		"brewloop run --json # run":        "N<brewloop> C<run> F<--json> A<#> A<run>",
		"brewloop --scenario mmc --seed=7": "N<brewloop> F<--scenario> A<mmc> F<--seed=>A<7>",
		`brewloop run --set "a b" " c " x`: `N<brewloop> C<run> F<--set> Q<"a> Q<b"> Q<"> Q<c> Q<"> A<x>`,
		"brewloop scenarios | less":        "N<brewloop> C<scenarios> | A<less>",
		"run brewloop":                     "A<run> N<brewloop>",
	} {
		if got := exampleLine(root, line, ws); got != want {
			t.Errorf("exampleLine(%q)\n got %s\nwant %s", line, got, want)
		}
	}
}

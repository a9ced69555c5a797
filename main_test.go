package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/replay"
	"github.com/brewloop/brewloop/ui"
)

// cli runs brewloop in process with args and returns the exit code and output.
func cli(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func summaryOf(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("summary is not JSON: %v\n%s", err, s)
	}
	return m
}

func TestRunJSONSummary(t *testing.T) {
	code, out, errs := cli(t, "run", "--duration", "10m", "--json")
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	m := summaryOf(t, out)
	for _, k := range []string{"seed", "scenario", "sim_time_s", "arrived", "served", "balked", "reneged", "in_system",
		"wait_mean_s", "wait_p50_s", "wait_p95_s", "wait_p99_s", "sojourn_mean_s", "queue_len_mean",
		"utilization_baristas", "utilization_machines", "throughput_per_hour", "lateness_p95_s",
		"lateness_max_s", "blocked_s", "events", "fingerprint", "trace_sha256", "theory"} {
		if _, ok := m[k]; !ok {
			t.Errorf("summary has no key %q", k)
		}
	}
	if m["sim_time_s"] != 600.0 || m["scenario"] != "coffee-shop" {
		t.Errorf("sim_time_s = %v, scenario = %v; want 600, coffee-shop", m["sim_time_s"], m["scenario"])
	}
	_, again, _ := cli(t, "run", "--duration", "10m", "--json")
	_, other, _ := cli(t, "run", "--duration", "10m", "--json", "--seed", "2")
	// --json fingerprints the run inside the engine; the trace's SHA-256 is
	// computed only when --trace writes it.
	if h1, h2 := m["fingerprint"], summaryOf(t, again)["fingerprint"]; h1 != h2 || len(h1.(string)) != 16 {
		t.Errorf("same run twice: fingerprint %v then %v, want the same 16 hex digits", h1, h2)
	}
	if m["fingerprint"] == summaryOf(t, other)["fingerprint"] {
		t.Error("--seed 2 gave the same fingerprint as seed 42")
	}
	if m["trace_sha256"] != "" {
		t.Errorf("trace_sha256 = %v without --trace, want empty", m["trace_sha256"])
	}
	if th := summaryOf(t, mustRun(t, "run", "--scenario", "mmc", "--duration", "1h", "--json"))["theory"]; th == nil {
		t.Error("mmc summary has theory null, want the M/M/4 prediction")
	}
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	code, out, errs := cli(t, args...)
	if code != 0 {
		t.Fatalf("brewloop %v: exit %d, stderr %q", args, code, errs)
	}
	return out
}

func TestTraceFileHashMatchesSummary(t *testing.T) {
	dir := t.TempDir()
	trace := filepath.Join(dir, "t.jsonl")
	out := mustRun(t, "run", "--duration", "5m", "--json", "--trace", trace, "--perfetto", filepath.Join(dir, "p.json"))
	data, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	if got, want := hex.EncodeToString(sum[:]), summaryOf(t, out)["trace_sha256"]; got != want {
		t.Errorf("sha256 of the --trace file = %s, summary says %v", got, want)
	}
	var p struct{ TraceEvents []map[string]any }
	pd, _ := os.ReadFile(filepath.Join(dir, "p.json"))
	if err := json.Unmarshal(pd, &p); err != nil || len(p.TraceEvents) == 0 {
		t.Errorf("--perfetto file: %v, %d events", err, len(p.TraceEvents))
	}
	// --trace - puts the trace on stdout and the summary on stderr.
	code, stdout, stderr := cli(t, "run", "--duration", "1m", "--trace", "-")
	if code != 0 || !strings.HasPrefix(stdout, `{"t":`) || !strings.Contains(stderr, "customers") {
		t.Errorf("--trace -: exit %d, stdout starts %.40q, stderr %.80q", code, stdout, stderr)
	}
}

func TestNotATerminalRunsHeadless(t *testing.T) {
	code, out, errs := cli(t, "--set", "run.duration=1m")
	if code != 0 || !strings.Contains(errs, "not a terminal") || !strings.Contains(out, "customers") {
		t.Errorf("brewloop with a pipe: exit %d, stderr %q, stdout %.100q", code, errs, out)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("shop:\n  baristaz: 2\n  machines: -1\n"), 0o644)
	cases := []struct {
		name string
		args []string
		want []string // substrings of stderr
	}{
		{"unknown key with suggestion", []string{"run", "--config", bad}, []string{bad + ":2:3", `did you mean "baristas"`, bad + ":3:"}},
		{"validate reports every error", []string{"validate", bad}, []string{"baristaz", "machines"}},
		{"missing config", []string{"run", "--config", filepath.Join(dir, "nope.yaml")}, []string{"nope.yaml"}},
		{"bad --set", []string{"run", "--set", "shop.baristas=0"}, []string{"shop.baristas"}},
		{"unknown scenario", []string{"run", "--scenario", "mcc"}, []string{"mcc", "mmc"}},
		{"unknown flag", []string{"run", "--nope"}, []string{"--nope"}},
		{"extra argument", []string{"run", "extra"}, []string{"extra"}},
		{"unknown command", []string{"ruin"}, []string{"ruin"}},
		{"transcript with json", []string{"run", "--transcript", "--json"}, []string{"--transcript"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := cli(t, tc.args...)
			if code != 2 {
				t.Errorf("brewloop %v: exit %d, want 2 (stderr %q)", tc.args, code, errs)
			}
			for _, w := range tc.want {
				if !strings.Contains(errs, w) {
					t.Errorf("stderr %q does not mention %q", errs, w)
				}
			}
			if strings.Contains(errs, "goroutine ") || strings.Contains(errs, "panic") {
				t.Errorf("stderr shows a panic or stack trace: %q", errs)
			}
			if out != "" {
				t.Errorf("stdout %q, want nothing on bad input", out)
			}
		})
	}
	if code, out, _ := cli(t, "validate", "config.yaml"); code != 0 || !strings.Contains(out, "ok") {
		t.Errorf("validate config.yaml: exit %d, %q", code, out)
	}
}

// recordLive builds a recording of a live run with control changes, as the TUI's
// `w` would write it: sliders, baristas, machines and the brew mode moved at
// different virtual times.
func recordLive(t *testing.T, path string) *replay.Recording {
	t.Helper()
	s := &session{cfg: embedded(t, ""), scenario: "coffee-shop", record: path}
	if _, err := s.start(42); err != nil {
		t.Fatal(err)
	}
	defer s.player.Close()
	steps := []func(){
		func() { s.player.Apply(model.ArrivalRate(1.7)) },
		func() { s.player.Apply(model.Baristas(4)) },
		func() { s.player.Apply(model.BrewMode(config.ModeHandsOn)) },
		func() { s.player.Apply(model.Machines(1)) },
		func() { s.player.Apply(model.BrewRate(0.6)) },
		func() { s.player.Apply(model.Baristas(1)) },
	}
	for i, f := range steps {
		s.player.AdvanceTo(time.Duration(i+1)*97*time.Second+time.Duration(i)*time.Millisecond, 1<<30)
		f()
	}
	s.player.AdvanceTo(15*time.Minute, 1<<30)
	if _, err := s.write(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := replay.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Controls) != len(steps) {
		t.Fatalf("recording has %d control changes, want %d", len(rec.Controls), len(steps))
	}
	return rec
}

func TestRecordAndReplay(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.json")
	rec := recordLive(t, path)

	code, out, errs := cli(t, "replay", path, "--verify")
	if code != 0 || !strings.HasPrefix(out, "verified") {
		t.Fatalf("replay --verify: exit %d, stdout %q, stderr %q", code, out, errs)
	}
	out = mustRun(t, "replay", path, "--headless", "--json")
	if got := summaryOf(t, out)["fingerprint"]; got != rec.Fingerprint {
		t.Errorf("replay --headless fingerprint = %v, recorded %s", got, rec.Fingerprint)
	}

	// Headless record, then verify.
	hp := filepath.Join(dir, "headless.json")
	mustRun(t, "run", "--scenario", "rush-hour", "--duration", "3h", "--record", hp)
	if code, out, errs := cli(t, "replay", hp, "--verify"); code != 0 {
		t.Errorf("verify a headless recording: exit %d, %q %q", code, out, errs)
	}

	// A tampered recording fails verification, naming where.
	var raw map[string]any
	data, _ := os.ReadFile(path)
	json.Unmarshal(data, &raw)
	raw["controls"].([]any)[1].(map[string]any)["value"] = "3"
	tampered := filepath.Join(dir, "tampered.json")
	b, _ := json.Marshal(raw)
	os.WriteFile(tampered, b, 0o644)
	code, _, errs = cli(t, "replay", tampered, "--verify")
	if code != 1 || !strings.Contains(errs, "differs") || !strings.Contains(errs, "event #") {
		t.Errorf("verify a tampered recording: exit %d, stderr %q; want 1 naming the first differing event", code, errs)
	}

	// A damaged fingerprint with every checkpoint intact: the message says the
	// checkpoints match up to where they end, and where the difference can be.
	json.Unmarshal(data, &raw)
	raw["fingerprint"] = "0123456789abcdef"
	damaged := filepath.Join(dir, "damaged.json")
	b, _ = json.Marshal(raw)
	os.WriteFile(damaged, b, 0o644)
	code, _, errs = cli(t, "replay", damaged, "--verify")
	if code != 1 || !strings.Contains(errs, "every checkpoint (to event #") || !strings.Contains(errs, "after the last checkpoint, or the recording's fingerprint is damaged") {
		t.Errorf("verify a recording with a damaged fingerprint: exit %d, stderr %q; want 1, the checkpoints matched and where the difference is", code, errs)
	}
}

// TestReplaySpeedsAndFrameRates drives the TUI's model frame by frame on a
// replay, at several speeds and frame rates, and checks that the trace up to the
// recorded end is the recorded one: wall-clock timing never changes the run.
func TestReplaySpeedsAndFrameRates(t *testing.T) {
	rec := recordLive(t, filepath.Join(t.TempDir(), "r.json"))
	for _, tc := range []struct {
		speed float64
		fps   int
	}{{1, 30}, {37, 7}, {1000, 60}, {250, 1}} {
		cfg := embedded(t, "")
		shop, err := model.NewShop(cfg, model.WithScenario(rec.Scenario), model.WithFingerprint(), model.WithEventLog(100))
		if err != nil {
			t.Fatal(err)
		}
		player := model.Replay(shop, rec.Changes(), rec.End())
		app := ui.New(ui.Options{Shop: player, Seed: cfg.Seed, Speed: tc.speed, FPS: tc.fps, StepBudget: 1 << 30})
		app.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		for i := 0; shop.Now() <= rec.End() && i < 1_000_000; i++ {
			app.Update(app.NextFrame())
		}
		// The run went on past the recorded end: its checkpoints up to there are
		// the recorded ones.
		_, events, every, cps := shop.Fingerprint()
		if every != rec.CheckpointEvery || events < rec.Events || !slices.Equal(cps[:len(rec.Checkpoints)], rec.Checkpoints) {
			t.Errorf("speed x%v at %d fps: %d checkpoints of %d events differ from the recorded %d of %d", tc.speed, tc.fps, len(cps), every, len(rec.Checkpoints), rec.CheckpointEvery)
		}
		app.Close()
	}
}

// TestSeekBackThenForward: seeking back then forward gives the same snapshot as
// going straight there.
func TestSeekBackThenForward(t *testing.T) {
	rec := recordLive(t, filepath.Join(t.TempDir(), "r.json"))
	s := &session{cfg: embedded(t, ""), scenario: "coffee-shop"}
	if _, err := s.replay(rec.Changes(), rec.End()); err != nil {
		t.Fatal(err)
	}
	s.player.AdvanceTo(10*time.Minute, 1<<30)
	s.player.Close()
	back, err := s.seek(3 * time.Minute) // a fresh run; the UI fast-forwards it
	if err != nil {
		t.Fatal(err)
	}
	back.AdvanceTo(3*time.Minute, 1<<30)
	back.AdvanceTo(8*time.Minute, 1<<30) // ] ] ] ] ]: forward by fast-forwarding
	got := back.Snapshot()
	s.player.Close()

	// Going straight there in the TUI (g 8m) fast-forwards a fresh run.
	straight, err := model.Seek(embedded(t, ""), rec.Changes(), 0, rec.End(), model.WithScenario("coffee-shop"), model.WithEventLog(eventLogSize))
	if err != nil {
		t.Fatal(err)
	}
	defer straight.Close()
	straight.AdvanceTo(8*time.Minute, 1<<30)
	want := straight.Snapshot()
	gj, _ := json.Marshal(got)
	wj, _ := json.Marshal(want)
	if !bytes.Equal(gj, wj) {
		t.Errorf("snapshot after seeking 10m -> 3m -> 8m differs from going straight to 8m")
	}
	// Re-simulating without frames (model.Seek, as headless replays do) reaches the
	// same state too; only the chart samples, taken as frames advance, are absent.
	direct, err := model.Seek(embedded(t, ""), rec.Changes(), 8*time.Minute, rec.End(), model.WithScenario("coffee-shop"), model.WithEventLog(eventLogSize))
	if err != nil {
		t.Fatal(err)
	}
	defer direct.Close()
	d := direct.Snapshot()
	got.History, d.History = nil, nil
	gj, _ = json.Marshal(got)
	dj, _ := json.Marshal(d)
	if !bytes.Equal(gj, dj) {
		t.Errorf("snapshot at 8m by frames differs from model.Seek straight to 8m (chart samples aside)")
	}
	if got.Now != 8*time.Minute || got.EventsTotal == 0 {
		t.Errorf("snapshot at %v with %d events", got.Now, got.EventsTotal)
	}
}

func TestBadRecordings(t *testing.T) {
	dir := t.TempDir()
	good := recordLive(t, filepath.Join(dir, "good.json"))
	goodData, _ := os.ReadFile(filepath.Join(dir, "good.json"))
	mutate := func(f func(m map[string]any)) []byte {
		var m map[string]any
		json.Unmarshal(goodData, &m)
		f(m)
		b, _ := json.Marshal(m)
		return b
	}
	cases := []struct {
		name string
		data []byte
		want string
	}{
		{"empty", nil, "empty"},
		{"truncated", goodData[:len(goodData)/2], "truncated"},
		{"not json", []byte("seed: 42\n"), "not a brewloop recording"},
		{"wrong format", mutate(func(m map[string]any) { m["format"] = "something-else" }), "format"},
		{"unknown version", mutate(func(m map[string]any) { m["version"] = 99 }), "version 99"},
		{"config no longer validates", mutate(func(m map[string]any) { m["config"].(map[string]any)["shop"].(map[string]any)["baristas"] = 0 }), "does not validate"},
		{"controls out of order", mutate(func(m map[string]any) {
			c := m["controls"].([]any)
			c[0], c[1] = c[1], c[0]
		}), "time order"},
		{"bad control value", mutate(func(m map[string]any) { m["controls"].([]any)[0].(map[string]any)["value"] = "fast" }), "arrival_rate"},
		{"negative control time", mutate(func(m map[string]any) { m["controls"].([]any)[0].(map[string]any)["t"] = -5 }), "negative"},
		{"unknown scenario", mutate(func(m map[string]any) { m["scenario"] = "nope\x1b[2J" }), `scenario "nope\x1b[2J" is not`},
		{"empty scenario", mutate(func(m map[string]any) { m["scenario"] = "" }), `scenario "" is not`},
		{"trailing data", append(append([]byte(nil), goodData...), "{}"...), "more data after"},
		{"fingerprint not hex", mutate(func(m map[string]any) { m["fingerprint"] = strings.Repeat("z", 16) }), "fingerprint must be 16 hex digits"},
		{"checkpoint not hex", mutate(func(m map[string]any) { m["checkpoints"].([]any)[0] = "xyz" }), "checkpoints[0] must be 16 hex digits"},
		{"checkpoints missing", mutate(func(m map[string]any) { m["checkpoints"] = []any{} }), "checkpoints"},
		{"checkpoints not a list", mutate(func(m map[string]any) { m["checkpoints"] = "abc" }), "checkpoints must be a list"},
		{"seed as text", mutate(func(m map[string]any) { m["seed"] = "42" }), "seed must be a whole number, 0 or more, not text"},
		{"syntax error column", []byte(`{"format": x}`), "line 1, column 12"},
		{"end past the longest run", mutate(func(m map[string]any) { m["end_ns"] = int64(1) << 62 }), "past 10000h"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".json")
			os.WriteFile(p, tc.data, 0o644)
			code, out, errs := cli(t, "replay", p, "--headless")
			if code != 2 || !strings.Contains(errs, tc.want) || out != "" {
				t.Errorf("replay %s: exit %d, stderr %q, stdout %.60q; want exit 2 mentioning %q", tc.name, code, errs, out, tc.want)
			}
			if strings.Contains(errs, "Go ") || strings.Contains(errs, "unmarshal") || strings.Contains(errs, "\x1b") {
				t.Errorf("replay %s: stderr %q speaks Go or carries an escape sequence", tc.name, errs)
			}
		})
	}
	if code, _, errs := cli(t, "replay", filepath.Join(dir, "missing.json")); code != 2 || !strings.Contains(errs, "missing.json") {
		t.Errorf("replay a missing file: exit %d, %q", code, errs)
	}
	_ = good
}

// TestInterruptFlushesOutputs sends SIGTERM to a long headless run of the built
// binary: the summary so far is printed and the trace is complete JSON Lines.
func TestInterruptFlushesOutputs(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "brewloop")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	// The trace goes to stdout, the summary to stderr.
	cmd := exec.Command(bin, "run", "--scenario", "mmc", "--duration", "10000h", "--trace", "-", "--json")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once the run is under way (1 MiB of trace has arrived), interrupt it.
	head := make([]byte, 1<<20)
	if _, err := io.ReadFull(pipe, head); err != nil {
		t.Fatal(err)
	}
	cmd.Process.Signal(syscall.SIGTERM)
	rest, _ := io.ReadAll(pipe)
	err = cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code != 1 {
		t.Errorf("exit code %d (%v), want 1; stderr %.300q", code, err, stderr.String())
	}
	errs := stderr.String()
	if !strings.Contains(errs, "interrupted") {
		t.Errorf("stderr %.300q does not say the run was interrupted", errs)
	}
	m := summaryOf(t, errs[:strings.LastIndex(errs, "}\n")+1])
	trace := append(head, rest...)
	if len(trace) == 0 || trace[len(trace)-1] != '\n' {
		t.Fatal("the trace does not end with a complete line")
	}
	n := 0
	for _, line := range bytes.Split(trace[:len(trace)-1], []byte("\n")) {
		if !json.Valid(line) {
			t.Fatalf("trace line %d is not JSON: %q", n+1, line)
		}
		n++
	}
	if float64(n) != m["events"].(float64) {
		t.Errorf("trace has %d lines, summary says %v events", n, m["events"])
	}
	if got := sha256.Sum256(trace); hex.EncodeToString(got[:]) != m["trace_sha256"] {
		t.Errorf("the interrupted trace's sha256 does not match the summary's trace_sha256")
	}
}

// TestSeekShowsReplayUntilKnownHistoryEnds: seeking back in a live run replays
// known history (REPLAY) until the run passes the furthest time it had reached,
// or until a control change forks it.
func TestSeekShowsReplayUntilKnownHistoryEnds(t *testing.T) {
	s := &session{cfg: embedded(t, ""), scenario: "coffee-shop"}
	shop, err := s.start(42)
	if err != nil {
		t.Fatal(err)
	}
	shop.AdvanceTo(10*time.Minute, 1<<30)
	shop.Apply(model.Baristas(3))
	shop.AdvanceTo(12*time.Minute, 1<<30)
	shop.Close()
	got, err := s.seek(5 * time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	got.AdvanceTo(5*time.Minute, 1<<30)
	r := got
	if !r.Replaying() {
		t.Fatalf("after seeking back to 5m: Replaying() = false, want true")
	}
	got.AdvanceTo(11*time.Minute, 1<<30)
	if !r.Replaying() || got.Snapshot().Controls.Baristas != 3 {
		t.Errorf("at 11m: Replaying() = %v, baristas %d; want the recorded change replayed (3)", r.Replaying(), got.Snapshot().Controls.Baristas)
	}
	got.AdvanceTo(13*time.Minute, 1<<30)
	if r.Replaying() {
		t.Error("at 13m, past the 12m the run had reached: Replaying() = true, want a live run")
	}
	got.Close()
	again, _ := s.seek(2 * time.Minute)
	again.Apply(model.BrewRate(2))
	if again.Replaying() {
		t.Error("after a control change: Replaying() = true, want a fork")
	}
	again.Close()
}

// TestTUIFlowRecordAndReplay drives the real TUI as a program (teatest) on seed 42:
// moves the Arrivals slider, adds a barista, changes the brew mode and the speed,
// pauses, steps, records with w and quits. The control log holds the changes, and
// a headless replay of the recording reproduces its trace hash.
func TestTUIFlowRecordAndReplay(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flow.json")
	s := &session{cfg: embedded(t, ""), scenario: "coffee-shop", record: path}
	shop, err := s.start(42)
	if err != nil {
		t.Fatal(err)
	}
	app := ui.New(ui.Options{Shop: shop, Seed: 42, Scenario: "coffee-shop", Speed: 100, FPS: 30,
		Restart: s.start, Seek: s.seek, Record: s.write, Getenv: func(string) string { return "" }})
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 40))
	wait := func(what string) {
		teatest.WaitFor(t, tm.Output(), func(b []byte) bool { return bytes.Contains(b, []byte(what)) },
			teatest.WithDuration(15*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
	}
	key := func(k string) {
		r := []rune(k)
		switch k {
		case "right":
			tm.Send(tea.KeyPressMsg{Code: tea.KeyRight})
		case "space":
			tm.Send(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "})
		default:
			tm.Send(tea.KeyPressMsg{Code: r[0], Text: k})
		}
	}
	wait("Tasks")
	key("right")
	key("b")
	key("x")
	key("+")
	key("space")
	wait("PAUSED")
	key(".")
	key("w")
	wait("recorded to")
	key("q")
	final := tm.FinalModel(t, teatest.WithFinalTimeout(15*time.Second))
	if final == nil {
		t.Fatal("no final model")
	}
	var controls []string
	for _, c := range s.player.Changes() {
		controls = append(controls, c.String())
	}
	if len(controls) != 3 || !strings.HasPrefix(controls[0], "arrival_rate=") || controls[1] != "baristas=3" || controls[2] != "brew_mode=hands-on" {
		t.Errorf("control log = %q, want arrival_rate, baristas=3, brew_mode=hands-on", controls)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rec, _, err := replay.Parse(path, data)
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Controls) != 3 || rec.End() == 0 {
		t.Errorf("recording has %d controls, ends at %v", len(rec.Controls), rec.End())
	}
	out := mustRun(t, "replay", path, "--headless", "--json")
	if got := summaryOf(t, out)["trace_sha256"]; got != rec.TraceSHA256 {
		t.Errorf("headless replay of the TUI recording: trace_sha256 %v, recorded %s", got, rec.TraceSHA256)
	}
	if code, out, errs := cli(t, "replay", path, "--verify"); code != 0 {
		t.Errorf("replay --verify: exit %d, %q %q", code, out, errs)
	}
	s.player.Close()
}

// A version-1 recording (made by the engine before the asyncio-exact one; this
// file was written by that build) still loads and replays, but --verify says it
// cannot be verified, as bad input.
func TestVersion1Recording(t *testing.T) {
	const path = "testdata/recording/v1-coffee-shop.json"
	out := mustRun(t, "replay", path, "--headless", "--json")
	if m := summaryOf(t, out); m["scenario"] != "coffee-shop" || m["sim_time_s"] != 1800.0 {
		t.Errorf("replay --headless of a version-1 recording: scenario %v, sim_time_s %v; want coffee-shop, 1800", m["scenario"], m["sim_time_s"])
	}
	code, stdout, errs := cli(t, "replay", path, "--verify")
	if code != 2 || stdout != "" || !strings.Contains(errs, "recorded by an older engine") {
		t.Errorf("replay --verify of a version-1 recording: exit %d, stdout %q, stderr %q; want 2 saying it was recorded by an older engine", code, stdout, errs)
	}
}

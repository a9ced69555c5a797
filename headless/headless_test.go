package headless

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/replay"
	"github.com/brewloop/brewloop/sim"
)

func resolve(t *testing.T, scenario string, sets ...string) *config.Config {
	t.Helper()
	base, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml", Data: base}, Scenario: scenario, Sets: sets})
	if err != nil {
		t.Fatalf("Resolve(%q, %q) = %v", scenario, sets, err)
	}
	return cfg
}

func summaryJSON(t *testing.T, b []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("summary is not JSON: %v\n%s", err, b)
	}
	return m
}

// TestRunRecordReplayVerify runs a live shop with a recording, replays the
// recording headless and verifies it: the same fingerprint three ways.
func TestRunRecordReplayVerify(t *testing.T) {
	cfg := resolve(t, "coffee-shop")
	var out bytes.Buffer
	finished := false
	res, err := Run(context.Background(), Job{
		Config: cfg, Scenario: "coffee-shop", Stop: 10 * time.Minute,
		Record: true, Summary: &out, JSON: true, Version: "test",
		Finish: func() error { finished = true; return nil },
	})
	if err != nil {
		t.Fatalf("Run = %v", err)
	}
	if !finished {
		t.Error("Run did not call Finish")
	}
	if res.Now != 10*time.Minute {
		t.Errorf("Run stopped at %v, want 10m", res.Now)
	}
	live := summaryJSON(t, out.Bytes())
	rec, rcfg, err := replay.Parse("rec.json", res.Recording)
	if err != nil {
		t.Fatalf("ParseRecording(Run's recording) = %v", err)
	}
	if live["fingerprint"] != rec.Fingerprint || rec.Fingerprint == "" {
		t.Errorf("summary fingerprint = %v, recording's %q", live["fingerprint"], rec.Fingerprint)
	}

	out.Reset()
	var trace bytes.Buffer
	if _, err := Run(context.Background(), Job{
		Config: rcfg, Scenario: rec.Scenario, Stop: rec.End(), Replay: true, Controls: rec.Changes(),
		Trace: sim.NewJSONWriter(&trace), Summary: &out, JSON: true, Fingerprint: true,
	}); err != nil {
		t.Fatalf("Run(replay) = %v", err)
	}
	sum := summaryJSON(t, out.Bytes())
	if sum["fingerprint"] != rec.Fingerprint {
		t.Errorf("replay's fingerprint = %v, recorded %s", sum["fingerprint"], rec.Fingerprint)
	}
	if got := sum["trace_sha256"]; got == "" || trace.Len() == 0 {
		t.Errorf("replay with a trace: trace_sha256 %v, %d bytes of trace; want both", got, trace.Len())
	}
	if v, err := replay.Verify(context.Background(), rec, rcfg); err != nil || v.Events != rec.Events || v.Fingerprint != rec.Fingerprint {
		t.Errorf("Verify = %+v, %v; want %d events, %s", v, err, rec.Events, rec.Fingerprint)
	}
}

// TestRunTranscript prints what a lesson's tasks say and no summary.
func TestRunTranscript(t *testing.T) {
	var transcript, summary bytes.Buffer
	_, err := Run(context.Background(), Job{
		Config: resolve(t, "count"), Scenario: "count", Stop: time.Hour,
		Transcript: &transcript, Summary: &summary,
	})
	if err != nil {
		t.Fatalf("Run(count --transcript) = %v", err)
	}
	if summary.Len() != 0 {
		t.Errorf("summary printed with a transcript: %q", summary.String())
	}
	if got := transcript.String(); !strings.Contains(got, "One") || !strings.Contains(got, "Two") {
		t.Errorf("transcript = %q, want the count lesson's One and Two", got)
	}
}

// TestRunInterrupted: a ctx that has ended stops the run at once; the summary
// says so and the error names the virtual time.
func TestRunInterrupted(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	_, err := Run(ctx, Job{Config: resolve(t, "mmc"), Scenario: "mmc", Stop: time.Hour, Summary: &out, JSON: true})
	if err == nil || !strings.Contains(err.Error(), "interrupted at") {
		t.Fatalf("Run(cancelled ctx) = %v, want an interrupted error", err)
	}
	if got := summaryJSON(t, out.Bytes())["stopped_early"]; got != "interrupted" {
		t.Errorf("stopped_early = %v, want interrupted", got)
	}
}

// TestRunOutputFailed: when ctx ends because an output failed, that error is the
// run's, not an interrupt.
func TestRunOutputFailed(t *testing.T) {
	full := errors.New("disk full")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out bytes.Buffer
	_, err := Run(ctx, Job{
		Config: resolve(t, "mmc"), Scenario: "mmc", Stop: time.Hour, Summary: &out,
		OutputErr: func() error { return full },
	})
	if !errors.Is(err, full) {
		t.Errorf("Run = %v, want %v", err, full)
	}
}

// TestRunBadConfig: a config that does not validate is a *config.Error and
// nothing runs.
func TestRunBadConfig(t *testing.T) {
	cfg := resolve(t, "coffee-shop")
	cfg.Shop.Baristas = 0
	var out bytes.Buffer
	_, err := Run(context.Background(), Job{Config: cfg, Scenario: "coffee-shop", Stop: time.Hour, Summary: &out})
	var cerr *config.Error
	if !errors.As(err, &cerr) {
		t.Errorf("Run(baristas 0) = %v, want a *config.Error", err)
	}
	if out.Len() != 0 {
		t.Errorf("Run(baristas 0) printed %q, want nothing", out.String())
	}
}

// TestRunOverload: a shop that overflows stops with *model.OverloadError, and the
// summary says why it stopped early.
func TestRunOverload(t *testing.T) {
	cfg := resolve(t, "mmc", "arrivals.interarrival=fixed(1ms)", "shop.baristas=1", "customers.patience=none")
	var out bytes.Buffer
	_, err := Run(context.Background(), Job{Config: cfg, Scenario: "mmc", Stop: time.Hour, Summary: &out, JSON: true})
	var over *model.OverloadError
	if !errors.As(err, &over) {
		t.Fatalf("Run(overloaded) = %v, want *model.OverloadError", err)
	}
	if got := summaryJSON(t, out.Bytes())["stopped_early"]; got != over.Error() {
		t.Errorf("stopped_early = %v, want %q", got, over.Error())
	}
}

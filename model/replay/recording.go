// Package replay holds recordings and their replay: the recording file (recording.go:
// config, seed, control changes, end, the engine's fingerprint and checkpoints; version 1
// files had a trace hash instead), Verify, which re-simulates a recording and locates
// where a replay departs from it (verify.go), and a hasher of the JSON trace with
// checkpoints (tracehash.go), which tests use. Playing a recording is model.Replay's job.
package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/internal/say"
	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
)

// The recording file format. A recording fully defines a run: the resolved config
// (with its seed) and the control changes with their virtual times. The engine's
// fingerprint of the run and the summary at the end let a replay prove it
// reproduced the run.
//
// Version 2 came with the asyncio-exact engine, whose order of events differs
// from the engine before it: it holds the engine's fingerprint and fingerprint
// checkpoints. Version 1 files (trace_sha256 and hash checkpoints of the old
// engine's JSON trace) still load and replay, but cannot be verified.
const (
	Format  = "brewloop-recording"
	Version = 2
)

// Recording is the JSON document `--record` and the TUI's `w` write.
type Recording struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	Brewloop    string            `json:"brewloop"`
	Scenario    string            `json:"scenario"`
	Seed        uint64            `json:"seed"`
	Config      json.RawMessage   `json:"config"`
	Controls    []RecordedControl `json:"controls"` // as written; Changes has them typed
	EndNS       int64             `json:"end_ns"`
	Events      uint64            `json:"events"`
	Fingerprint string            `json:"fingerprint,omitempty"`  // version 2
	TraceSHA256 string            `json:"trace_sha256,omitempty"` // version 1
	// CheckpointEvery is how many events each checkpoint covers: CheckpointEvery
	// (256), doubled as often as needed to keep fewer than MaxCheckpoints. Files
	// without it were written with 256.
	CheckpointEvery uint64        `json:"checkpoint_every"`
	Checkpoints     []string      `json:"checkpoints"`
	Summary         model.Summary `json:"summary"`

	changes []model.ControlChange // Controls, checked and typed by Parse
}

// RecordedControl is a control change as a recording writes it: the virtual time in
// nanoseconds, the knob's name and the value's text ("1.5", "3", "hands-on").
type RecordedControl struct {
	T       time.Duration `json:"t"`
	Control string        `json:"control"`
	Value   string        `json:"value"`
}

// Changes returns the recorded control changes, typed: what a Player replays.
func (r *Recording) Changes() []model.ControlChange {
	return append([]model.ControlChange(nil), r.changes...)
}

// New captures the shop's run so far. The shop must keep a fingerprint
// (model.WithFingerprint).
func New(s *model.Shop, version string) (*Recording, error) {
	cfg, err := json.Marshal(s.Config())
	if err != nil {
		return nil, err
	}
	changes := s.Changes()
	ctl := make([]RecordedControl, len(changes))
	for i, c := range changes {
		ctl[i] = RecordedControl{T: c.T, Control: c.Knob.String(), Value: c.Value()}
	}
	fp, events, every, cps := s.Fingerprint()
	if fp == "" {
		return nil, errors.New("model: a recording needs a shop made WithFingerprint")
	}
	if cps == nil {
		cps = []string{}
	}
	return &Recording{
		Format: Format, Version: Version, Brewloop: version,
		Scenario: s.Scenario(), Seed: s.Config().Seed, Config: cfg, Controls: ctl, changes: changes,
		EndNS: int64(s.Now()), Events: events, Fingerprint: fp,
		CheckpointEvery: every, Checkpoints: cps,
		Summary: s.Summary(""),
	}, nil
}

// End returns the virtual end time.
func (r *Recording) End() time.Duration { return time.Duration(r.EndNS) }

// Marshal returns the recording as the file holds it: indented JSON and a newline.
func (r *Recording) Marshal() ([]byte, error) {
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}

// Parse checks a recording file's contents and returns it with its
// configuration. name is the file name used in messages. Every problem is reported
// as one clear error: not JSON, truncated, trailing data, wrong format or version,
// an unknown scenario, a config that no longer validates, control changes that are
// invalid or out of order, an end past the longest run, malformed hashes.
func Parse(name string, data []byte) (*Recording, *config.Config, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, fmt.Errorf("%s: empty file, not a brewloop recording", name)
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte order mark, as configs allow
	var r Recording
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, nil, fmt.Errorf("%s: not a brewloop recording: %s", name, jsonErr(data, err))
	}
	keys := topKeys(data)
	if off := dec.InputOffset(); len(bytes.TrimSpace(data[off:])) > 0 {
		line, col := lineCol(data, off+int64(len(data[off:])-len(bytes.TrimLeft(data[off:], " \t\r\n"))))
		return nil, nil, fmt.Errorf("%s: line %d, column %d: more data after the recording's JSON object", name, line, col)
	}
	if r.Format != Format {
		return nil, nil, fmt.Errorf("%s: format is %s, want %q", name, quoteText(r.Format), Format)
	}
	if r.Version != Version && r.Version != 1 {
		return nil, nil, fmt.Errorf("%s: recording version %d is not supported (this brewloop reads versions 1 and %d)", name, r.Version, Version)
	}
	if _, ok := config.LookupScenario(r.Scenario); !ok {
		return nil, nil, fmt.Errorf("%s: scenario %s is not one of brewloop's (see brewloop scenarios)", name, quoteText(r.Scenario))
	}
	if len(r.Config) == 0 {
		return nil, nil, fmt.Errorf("%s: the recording has no config", name)
	}
	cfg, err := config.Load(configSource(name, data, keys, r.Config))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: the recorded config does not validate:\n%w", name, err)
	}
	if cfg.Seed != r.Seed {
		return nil, nil, fmt.Errorf("%s: seed %d does not match the config's seed %d", name, r.Seed, cfg.Seed)
	}
	if r.EndNS < 0 {
		return nil, nil, fmt.Errorf("%s: end_ns %d is negative", name, r.EndNS)
	}
	if r.End() > config.MaxRunDuration {
		return nil, nil, fmt.Errorf("%s: end_ns %d (%s) is past %s, the longest run brewloop simulates", name, r.EndNS, r.End(), say.Hours(config.MaxRunDuration))
	}
	var prev time.Duration
	for i, c := range r.Controls {
		where := name + ": controls[" + strconv.Itoa(i) + "]"
		if c.T < 0 {
			return nil, nil, fmt.Errorf("%s: time %d ns is negative", where, c.T)
		}
		if c.T < prev {
			return nil, nil, fmt.Errorf("%s: at %d ns comes after %d ns: control changes must be in time order", where, c.T, prev)
		}
		if c.T > r.End() {
			return nil, nil, fmt.Errorf("%s: at %d ns is after the recording's end (%d ns)", where, c.T, r.EndNS)
		}
		typed, err := model.ParseControl(c.Control, c.Value)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", where, err)
		}
		r.changes = append(r.changes, model.ControlChange{T: c.T, Control: typed})
		prev = c.T
	}
	switch {
	case r.Version == 1 && !isHex(r.TraceSHA256, 64):
		return nil, nil, fmt.Errorf("%s: trace_sha256 must be 64 hex digits, got %s", name, quoteText(say.Clip(r.TraceSHA256)))
	case r.Version == 1 && r.Fingerprint != "":
		return nil, nil, fmt.Errorf("%s: a version 1 recording has no fingerprint", name)
	case r.Version != 1 && !isHex(r.Fingerprint, 16):
		return nil, nil, fmt.Errorf("%s: fingerprint must be 16 hex digits, got %s", name, quoteText(say.Clip(r.Fingerprint)))
	case r.Version != 1 && r.TraceSHA256 != "":
		return nil, nil, fmt.Errorf("%s: a version %d recording has a fingerprint, not a trace_sha256", name, r.Version)
	}
	if _, ok := keys["checkpoint_every"]; !ok {
		r.CheckpointEvery = CheckpointEvery // written before the field existed
	}
	if err := r.checkCheckpoints(); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	return &r, cfg, nil
}

// checkCheckpoints checks the checkpoint list: one 16-hex-digit hash per complete
// block of checkpoint_every events, a power of two times CheckpointEvery.
func (r *Recording) checkCheckpoints() error {
	e := r.CheckpointEvery
	if e == 0 || e%CheckpointEvery != 0 || (e/CheckpointEvery)&(e/CheckpointEvery-1) != 0 {
		return fmt.Errorf("checkpoint_every must be %d times a power of two, got %d", CheckpointEvery, e)
	}
	if want := r.Events / e; uint64(len(r.Checkpoints)) != want {
		return fmt.Errorf("checkpoints: %d events make %d blocks of %d, but the list has %d checkpoints", r.Events, want, e, len(r.Checkpoints))
	}
	for i, c := range r.Checkpoints {
		if !isHex(c, 16) {
			return fmt.Errorf("checkpoints[%d] must be 16 hex digits, got %s", i, quoteText(say.Clip(c)))
		}
	}
	return nil
}

func isHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range []byte(s) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

package model

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// The recording file format. A recording fully defines a run: the resolved config
// (with its seed) and the control changes with their virtual times. The trace hash
// and summary at the end let a replay prove it reproduced the run.
const (
	RecordingFormat  = "brewloop-recording"
	RecordingVersion = 1
	// CheckpointEvery is how many events each checkpoint hash covers; a replay that
	// diverges is located to the first block whose hash differs.
	CheckpointEvery = 256
)

// Recording is the JSON document `--record` and the TUI's `w` write.
type Recording struct {
	Format      string          `json:"format"`
	Version     int             `json:"version"`
	Brewloop    string          `json:"brewloop"`
	Scenario    string          `json:"scenario"`
	Seed        uint64          `json:"seed"`
	Config      json.RawMessage `json:"config"`
	Controls    []ControlChange `json:"controls"`
	EndNS       int64           `json:"end_ns"`
	Events      uint64          `json:"events"`
	TraceSHA256 string          `json:"trace_sha256"`
	Checkpoints []string        `json:"checkpoints"`
	Summary     Summary         `json:"summary"`
}

// TraceHasher is a tracer that computes the trace hash (the SHA-256 of the JSON
// Lines encoding, as --trace writes it) and a short hash per block of
// CheckpointEvery events.
type TraceHasher struct {
	buf         []byte
	all, block  hash.Hash
	n           uint64
	checkpoints []string
}

// NewTraceHasher returns an empty hasher.
func NewTraceHasher() *TraceHasher {
	return &TraceHasher{all: sha256.New(), block: sha256.New(), buf: make([]byte, 0, 256)}
}

// Event hashes ev.
func (h *TraceHasher) Event(ev sim.Event) {
	h.buf = sim.AppendJSON(h.buf[:0], ev)
	h.all.Write(h.buf)
	h.block.Write(h.buf)
	h.n++
	if h.n%CheckpointEvery == 0 {
		h.checkpoints = append(h.checkpoints, hex.EncodeToString(h.block.Sum(nil)[:8]))
		h.block.Reset()
	}
}

// Sum returns the hex SHA-256 of the trace so far.
func (h *TraceHasher) Sum() string { return hex.EncodeToString(h.all.Sum(nil)) }

// Count returns the number of events hashed.
func (h *TraceHasher) Count() uint64 { return h.n }

// Checkpoints returns the hashes of the complete blocks so far.
func (h *TraceHasher) Checkpoints() []string { return append([]string(nil), h.checkpoints...) }

// NewRecording captures the shop's run so far. h must have traced the whole run.
func NewRecording(s *Shop, h *TraceHasher, version string) (*Recording, error) {
	cfg, err := json.Marshal(s.cfg)
	if err != nil {
		return nil, err
	}
	ctl := s.Changes()
	if ctl == nil {
		ctl = []ControlChange{}
	}
	return &Recording{
		Format: RecordingFormat, Version: RecordingVersion, Brewloop: version,
		Scenario: s.scenario, Seed: s.cfg.Seed, Config: cfg, Controls: ctl,
		EndNS: int64(s.Now()), Events: h.Count(), TraceSHA256: h.Sum(), Checkpoints: h.Checkpoints(),
		Summary: s.Summary(h.Sum()),
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

// ParseRecording checks a recording file's contents and returns it with its
// configuration. name is the file name used in messages. Every problem is reported
// as one clear error: not JSON, truncated, wrong format or version, a config that
// no longer validates, or control changes that are invalid or out of order.
func ParseRecording(name string, data []byte) (*Recording, *Config, error) {
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, nil, fmt.Errorf("%s: empty file, not a brewloop recording", name)
	}
	var r Recording
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&r); err != nil {
		return nil, nil, fmt.Errorf("%s: not a brewloop recording: %s", name, jsonErr(data, err))
	}
	if r.Format != RecordingFormat {
		return nil, nil, fmt.Errorf("%s: format is %q, want %q", name, r.Format, RecordingFormat)
	}
	if r.Version != RecordingVersion {
		return nil, nil, fmt.Errorf("%s: recording version %d is not supported (this brewloop reads version %d)", name, r.Version, RecordingVersion)
	}
	if len(r.Config) == 0 {
		return nil, nil, fmt.Errorf("%s: the recording has no config", name)
	}
	cfg, err := Load(Source{Name: name + " (config)", Data: r.Config})
	if err != nil {
		return nil, nil, fmt.Errorf("%s: the recorded config does not validate:\n%w", name, err)
	}
	if cfg.Seed != r.Seed {
		return nil, nil, fmt.Errorf("%s: seed %d does not match the config's seed %d", name, r.Seed, cfg.Seed)
	}
	if r.EndNS < 0 {
		return nil, nil, fmt.Errorf("%s: end_ns %d is negative", name, r.EndNS)
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
		if err := checkControl(c); err != nil {
			return nil, nil, fmt.Errorf("%s: %w", where, err)
		}
		prev = c.T
	}
	if len(r.TraceSHA256) != 64 {
		return nil, nil, fmt.Errorf("%s: trace_sha256 must be 64 hex digits", name)
	}
	return &r, cfg, nil
}

// jsonErr describes a JSON decoding error with the line and column where it is known.
func jsonErr(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = se.Offset
	case errors.As(err, &te):
		off = te.Offset
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the file ends early (truncated JSON)"
	}
	if off < 0 {
		return err.Error()
	}
	line, col := 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return fmt.Sprintf("line %d, column %d: %v", line, col, err)
}

package model

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"
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
	RecordingFormat  = "brewloop-recording"
	RecordingVersion = 2
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
	Fingerprint string          `json:"fingerprint,omitempty"`  // version 2
	TraceSHA256 string          `json:"trace_sha256,omitempty"` // version 1
	// CheckpointEvery is how many events each checkpoint covers: CheckpointEvery
	// (256), doubled as often as needed to keep fewer than MaxCheckpoints. Files
	// without it were written with 256.
	CheckpointEvery uint64   `json:"checkpoint_every"`
	Checkpoints     []string `json:"checkpoints"`
	Summary         Summary  `json:"summary"`
}

// NewRecording captures the shop's run so far. The shop must keep a fingerprint
// (WithFingerprint).
func NewRecording(s *Shop, version string) (*Recording, error) {
	cfg, err := json.Marshal(s.cfg)
	if err != nil {
		return nil, err
	}
	ctl := s.Changes()
	if ctl == nil {
		ctl = []ControlChange{}
	}
	fp, events, every, cps := s.Fingerprint()
	if fp == "" {
		return nil, errors.New("model: a recording needs a shop made WithFingerprint")
	}
	if cps == nil {
		cps = []string{}
	}
	return &Recording{
		Format: RecordingFormat, Version: RecordingVersion, Brewloop: version,
		Scenario: s.scenario, Seed: s.cfg.Seed, Config: cfg, Controls: ctl,
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

// ParseRecording checks a recording file's contents and returns it with its
// configuration. name is the file name used in messages. Every problem is reported
// as one clear error: not JSON, truncated, trailing data, wrong format or version,
// an unknown scenario, a config that no longer validates, control changes that are
// invalid or out of order, an end past the longest run, malformed hashes.
func ParseRecording(name string, data []byte) (*Recording, *Config, error) {
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
	if r.Format != RecordingFormat {
		return nil, nil, fmt.Errorf("%s: format is %s, want %q", name, quoteText(r.Format), RecordingFormat)
	}
	if r.Version != RecordingVersion && r.Version != 1 {
		return nil, nil, fmt.Errorf("%s: recording version %d is not supported (this brewloop reads versions 1 and %d)", name, r.Version, RecordingVersion)
	}
	if _, ok := LookupScenario(r.Scenario); !ok {
		return nil, nil, fmt.Errorf("%s: scenario %s is not one of brewloop's (see brewloop scenarios)", name, quoteText(r.Scenario))
	}
	if len(r.Config) == 0 {
		return nil, nil, fmt.Errorf("%s: the recording has no config", name)
	}
	cfg, err := Load(configSource(name, data, keys, r.Config))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: the recorded config does not validate:\n%w", name, err)
	}
	if cfg.Seed != r.Seed {
		return nil, nil, fmt.Errorf("%s: seed %d does not match the config's seed %d", name, r.Seed, cfg.Seed)
	}
	if r.EndNS < 0 {
		return nil, nil, fmt.Errorf("%s: end_ns %d is negative", name, r.EndNS)
	}
	if r.End() > MaxRunDuration {
		return nil, nil, fmt.Errorf("%s: end_ns %d (%s) is past %s, the longest run brewloop simulates", name, r.EndNS, r.End(), fmtDurationCap(MaxRunDuration))
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
	switch {
	case r.Version == 1 && !isHex(r.TraceSHA256, 64):
		return nil, nil, fmt.Errorf("%s: trace_sha256 must be 64 hex digits, got %s", name, quoteText(clip(r.TraceSHA256)))
	case r.Version == 1 && r.Fingerprint != "":
		return nil, nil, fmt.Errorf("%s: a version 1 recording has no fingerprint", name)
	case r.Version != 1 && !isHex(r.Fingerprint, 16):
		return nil, nil, fmt.Errorf("%s: fingerprint must be 16 hex digits, got %s", name, quoteText(clip(r.Fingerprint)))
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

// configSource is the recording's config as a source whose errors point into the
// recording file: the file's text with everything before the config value blanked
// out (newlines kept), so lines and columns are the file's. Should the value not be
// found there, it is the config alone, named "(config)".
func configSource(name string, data []byte, keys map[string]topKey, config []byte) Source {
	k, ok := keys["config"]
	if !ok || !bytes.HasPrefix(data[k.value:], config) || k.value+int64(len(config)) > MaxConfigBytes {
		// (A config after a long checkpoint list would pass the config size limit.)
		return Source{Name: name + " (config)", Data: config}
	}
	src := make([]byte, k.value+int64(len(config)))
	for i, c := range data[:k.value] {
		if c != '\n' {
			c = ' '
		}
		src[i] = c
	}
	copy(src[k.value:], config)
	return Source{Name: name, Data: src}
}

// topKey is where a key of the recording's top-level object is in the file: the
// offsets of its opening quote and of its value.
type topKey struct{ key, value int64 }

// topKeys returns the top-level keys of the JSON object in data (the last of a
// repeated one, as decoding keeps the last), or nil when data is not an object.
func topKeys(data []byte) map[string]topKey {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	skip := func(i int64, chars string) int64 {
		for i < int64(len(data)) && strings.IndexByte(chars, data[i]) >= 0 {
			i++
		}
		return i
	}
	keys := map[string]topKey{}
	for dec.More() {
		start := skip(dec.InputOffset(), " \t\r\n,")
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		value := skip(dec.InputOffset(), " \t\r\n:")
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return keys
		}
		if k, ok := t.(string); ok {
			keys[k] = topKey{start, value}
		}
	}
	return keys
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
			return fmt.Errorf("checkpoints[%d] must be 16 hex digits, got %s", i, quoteText(clip(c)))
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

// quoteText quotes user text for a message, escaping what a terminal would act on.
func quoteText(s string) string { return strconv.Quote(s) }

// jsonErr describes a JSON decoding error in user terms, with the line and column
// where it is known.
func jsonErr(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read, the bad one included.
		line, col := lineCol(data, se.Offset-1)
		return fmt.Sprintf("line %d, column %d: %s", line, col, strings.TrimPrefix(se.Error(), "json: "))
	case errors.As(err, &te):
		// Offset is just past the value of the wrong type; point at its start.
		start := valueStart(data, te.Offset)
		line, col := lineCol(data, start)
		field := te.Field
		switch {
		case field == "":
			field = "the recording"
		case listField(field) && te.Type.Kind() != reflect.Slice:
			field = "each item of " + field
		}
		return fmt.Sprintf("line %d, column %d: %s must be %s, not %s", line, col, field, jsonKind(te.Type.Kind()), jsonValueName(te.Value))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the file ends early (truncated JSON)"
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok {
		msg = "unknown field " + f
		if k, ok := topKeys(data)[unquote(f)]; ok {
			line, col := lineCol(data, k.key)
			msg = fmt.Sprintf("line %d, column %d: %s (a recording has format, version, brewloop, scenario, seed, config, controls, end_ns, events, fingerprint (version 1: trace_sha256), checkpoint_every, checkpoints, summary)", line, col, msg)
		}
	}
	return msg
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// listField says whether the recording's top-level field named by its JSON key is
// a list, so that a type error in it is about its items.
func listField(key string) bool {
	t := reflect.TypeFor[Recording]()
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag == key {
			return t.Field(i).Type.Kind() == reflect.Slice && t.Field(i).Type != reflect.TypeFor[json.RawMessage]()
		}
	}
	return false
}

// lineCol returns the 1-based line and column of byte offset off.
func lineCol(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// valueStart finds where the JSON value that ends at end begins: after the colon,
// comma or bracket before it.
func valueStart(data []byte, end int64) int64 {
	end = min(end, int64(len(data)))
	i := end - 1
	inString := i >= 0 && data[i] == '"'
	for i > 0 {
		c := data[i-1]
		if inString {
			if c == '"' && (i < 2 || data[i-2] != '\\') {
				return i - 1
			}
		} else if c == ':' || c == ',' || c == '[' || c == ' ' || c == '\n' || c == '\t' {
			return i
		}
		i--
	}
	return max(i, 0)
}

func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "text in quotes"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list [...]"
	}
	return "an object {...}"
}

func jsonValueName(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "number":
		return "a number"
	case strings.HasPrefix(v, "number "):
		return "the number " + strings.TrimPrefix(v, "number ")
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "bool":
		return "true or false"
	}
	return v
}

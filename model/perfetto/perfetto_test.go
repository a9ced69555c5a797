package perfetto

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// The -update flag regenerates golden files. Another test file (or the golden
// package) may already have registered it; then the tests share that flag.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "update golden files")
	}
}

func updateGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// perfRecord is one trace event as a viewer reads it.
type perfRecord struct {
	Name string         `json:"name"`
	Ph   string         `json:"ph"`
	S    string         `json:"s"`
	Ts   *float64       `json:"ts"`
	Dur  *float64       `json:"dur"`
	Pid  int            `json:"pid"`
	Tid  int            `json:"tid"`
	Args map[string]any `json:"args"`
}

// start and end return the record's interval in nanoseconds of virtual time.
func (r perfRecord) start() time.Duration { return time.Duration(math.Round(*r.Ts * 1000)) }
func (r perfRecord) end() time.Duration {
	return r.start() + time.Duration(math.Round(*r.Dur*1000))
}

// parsePerfetto decodes a trace file and checks what every viewer relies on: the
// JSON object format, known phases with their fields, pid 1, non-negative
// durations, a thread_name before a thread is used, and, per thread, slices in
// file order that never overlap (each starts at or after the previous one ended).
func parsePerfetto(t *testing.T, data []byte) []perfRecord {
	t.Helper()
	var file struct {
		TraceEvents []perfRecord `json:"traceEvents"`
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&file); err != nil {
		t.Fatalf("json: decoding the trace file: %v\n%s", err, tail(data))
	}
	if dec.More() {
		t.Fatalf("trace file has data after the JSON object")
	}
	named := map[int]bool{}
	lastEnd := map[int]time.Duration{}
	for i, r := range file.TraceEvents {
		if r.Pid != 1 {
			t.Errorf("event %d %q: pid = %d, want 1", i, r.Name, r.Pid)
		}
		switch r.Ph {
		case "M":
			if r.Name == "thread_name" {
				if name, _ := r.Args["name"].(string); name == "" {
					t.Errorf("event %d: thread_name of tid %d has no name", i, r.Tid)
				}
				named[r.Tid] = true
			}
			continue
		case "X", "i", "C":
		default:
			t.Fatalf("event %d %q: unexpected phase %q", i, r.Name, r.Ph)
		}
		if r.Ts == nil {
			t.Fatalf("event %d %q (%s) has no ts", i, r.Name, r.Ph)
		}
		switch r.Ph {
		case "X":
			if r.Dur == nil || *r.Dur < 0 {
				t.Fatalf("event %d %q on tid %d: dur = %v, want >= 0", i, r.Name, r.Tid, r.Dur)
			}
			if prev, ok := lastEnd[r.Tid]; ok && r.start() < prev {
				t.Errorf("event %d %q on tid %d starts at %v, before the previous slice ended at %v", i, r.Name, r.Tid, r.start(), prev)
			}
			lastEnd[r.Tid] = r.end()
		case "i":
			if r.S != "t" {
				t.Errorf("instant %d %q: scope %q, want \"t\"", i, r.Name, r.S)
			}
		case "C":
			if _, ok := r.Args["value"].(float64); !ok || len(r.Args) != 1 {
				t.Errorf("counter %d %q: args = %v, want {\"value\": number}", i, r.Name, r.Args)
			}
			continue
		}
		if !named[r.Tid] {
			t.Errorf("event %d %q uses tid %d before its thread_name", i, r.Name, r.Tid)
		}
	}
	return file.TraceEvents
}

func tail(b []byte) []byte {
	if len(b) > 300 {
		return b[len(b)-300:]
	}
	return b
}

// perfProgram runs a few tasks that use every kind of slice and instant: sleeps, a
// bounded queue, a semaphore, a timeout, a blocking call, a cancel, a failure, a
// say and silent yields. It samples the queue length and the busy machines.
func perfProgram(e *sim.Engine, p *Writer) {
	q := sim.NewQueue[int](e, "orders", 1)
	machines := sim.NewSemaphore(e, "machines", 1)
	busy := func(t *sim.Task) { p.Counter("busy machines", t.Now(), float64(machines.Held())) }
	e.Spawn("sleeper", func(t *sim.Task) error {
		if err := t.Sleep(1500*time.Microsecond + 250); err != nil {
			return err
		}
		t.Say("hello")
		return nil
	})
	e.Spawn("producer", func(t *sim.Task) error {
		for i := range 3 {
			if err := t.Sleep(time.Second); err != nil {
				return err
			}
			if err := q.Put(t, i); err != nil {
				return err
			}
			p.Counter("queue length", t.Now(), float64(q.Len()))
		}
		return nil
	})
	e.Spawn("consumer", func(t *sim.Task) error {
		for range 3 {
			if _, err := q.Get(t); err != nil {
				return err
			}
			p.Counter("queue length", t.Now(), float64(q.Len()))
			if err := t.Sleep(2 * time.Second); err != nil {
				return err
			}
		}
		return nil
	})
	brew := func(t *sim.Task) error {
		if err := machines.Acquire(t); err != nil {
			return err
		}
		busy(t)
		defer func() { machines.Release(); busy(t) }()
		return t.Sleep(2 * time.Second)
	}
	e.SpawnN("brewer", 1, brew)
	e.SpawnN("brewer", 2, brew)
	e.Spawn("patient", func(t *sim.Task) error {
		err := sim.WaitFor(t, 3*time.Second, func(t *sim.Task) error { return t.Sleep(10 * time.Second) })
		if !errors.Is(err, sim.ErrTimeout) {
			return errors.New("want a timeout")
		}
		return nil
	})
	e.Spawn("blocker", func(t *sim.Task) error {
		if err := t.Sleep(5 * time.Second); err != nil {
			return err
		}
		t.Block(2 * time.Second)
		return nil
	})
	victim := e.Spawn("victim", func(t *sim.Task) error { return t.Sleep(time.Hour) })
	e.Spawn("killer", func(t *sim.Task) error {
		if err := t.Sleep(4 * time.Second); err != nil {
			return err
		}
		victim.Cancel()
		return nil
	})
	e.Spawn("failer", func(t *sim.Task) error {
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		return errors.New("boom")
	})
	yielder := func(t *sim.Task) error {
		if err := t.Yield(); err != nil {
			return err
		}
		return t.Yield()
	}
	e.SpawnN("yielder", 1, yielder)
	e.SpawnN("yielder", 2, yielder)
}

func us(d time.Duration) float64 { return float64(d) / 1000 }

// TestPerfettoProgram runs a real program through the exporter and checks the file
// against the engine's own trace.
func TestPerfettoProgram(t *testing.T) {
	var out bytes.Buffer
	p := New(&out)
	rec := &sim.Recorder{}
	e := sim.New(sim.WithTracer(sim.Tee(rec, p)))
	defer e.Close()
	perfProgram(e, p)
	if err := e.RunUntilIdle(); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("Run() = %v, want the failer's boom", err)
	}
	if err := p.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	recs := parsePerfetto(t, out.Bytes())

	// Thread names follow the task names.
	names := map[int]string{}
	for _, r := range recs {
		if r.Ph == "M" && r.Name == "thread_name" {
			names[r.Tid] = r.Args["name"].(string)
		}
	}
	spawned, ended := map[int]time.Duration{}, map[int]time.Duration{}
	for _, ev := range rec.Events {
		switch {
		case ev.Kind == sim.KindSpawn:
			spawned[ev.Task] = ev.Time
			if names[ev.Task] != ev.Name {
				t.Errorf("thread_name of tid %d = %q, want %q", ev.Task, names[ev.Task], ev.Name)
			}
		case ev.Kind == sim.KindDone, ev.Kind == sim.KindFail, ev.Kind == sim.KindCancel && ev.Detail == "ended":
			ended[ev.Task] = ev.Time
		}
	}
	if len(spawned) != 12 || len(ended) != 12 {
		t.Fatalf("program spawned %d and ended %d tasks, want 12 and 12", len(spawned), len(ended))
	}

	// Each task's slices tile its life: from its spawn to its end, without gaps.
	byTid := map[int][]perfRecord{}
	for _, r := range recs {
		if r.Ph == "X" {
			byTid[r.Tid] = append(byTid[r.Tid], r)
		}
	}
	for id, from := range spawned {
		xs := byTid[id]
		if len(xs) == 0 {
			t.Errorf("task %s has no slices", names[id])
			continue
		}
		at := from
		for _, x := range xs {
			if x.start() != at {
				t.Errorf("task %s: slice %q starts at %v, want %v (right after the previous one)", names[id], x.Name, x.start(), at)
			}
			at = x.end()
		}
		if at != ended[id] {
			t.Errorf("task %s: last slice ends at %v, want its end at %v", names[id], at, ended[id])
		}
	}

	// Every sleep, wait, block and run of the engine's trace starts the matching slice.
	starts := map[string]bool{}
	for _, r := range recs {
		if r.Ph == "X" {
			starts[r.Name+"@"+names[r.Tid]+"@"+r.start().String()] = true
		}
	}
	for _, ev := range rec.Events {
		name := map[sim.Kind]string{sim.KindSleep: "sleeping", sim.KindWait: "waiting " + ev.Object, sim.KindBlock: "blocked", sim.KindRun: "running"}[ev.Kind]
		if name == "" {
			continue
		}
		if key := name + "@" + ev.Name + "@" + ev.Time.String(); !starts[key] {
			t.Errorf("no %q slice on %s at %v for event %q", name, ev.Name, ev.Time, ev.String())
		}
	}

	// Times worked out by hand, in microseconds.
	slicesWant := []struct {
		task, name string
		ts, dur    float64
	}{
		{"sleeper", "sleeping", 0, 1500.25},
		{"sleeper", "ready", 1500.25, 0},
		{"sleeper", "running", 1500.25, 0},
		{"consumer", "waiting orders", 0, 1e6},
		{"brewer-2", "waiting machines", 0, 2e6},
		{"patient", "sleeping", 0, 3e6},
		{"victim", "sleeping", 0, 4e6},
		{"blocker", "blocked", 5e6, 2e6},
		{"yielder-2", "ready", 0, 0},
	}
	for _, w := range slicesWant {
		found := false
		for _, r := range recs {
			if r.Ph == "X" && names[r.Tid] == w.task && r.Name == w.name && *r.Ts == w.ts && *r.Dur == w.dur {
				found = true
			}
		}
		if !found {
			t.Errorf("no X %q on %s with ts %v and dur %v", w.name, w.task, w.ts, w.dur)
		}
	}
	// The two yielders take turns: each runs three times, and its two silent Yields
	// show as ready slices that end when it runs again.
	for _, y := range []string{"yielder-1", "yielder-2"} {
		if n := countRecords(recs, "X", y, "running", names); n != 3 {
			t.Errorf("%s has %d running slices, want 3", y, n)
		}
		if n := countRecords(recs, "X", y, "ready", names); n != 3 {
			t.Errorf("%s has %d ready slices, want 3 (spawn and two yields)", y, n)
		}
	}

	instantsWant := []struct {
		task, name string
		ts         float64
		args       map[string]any
	}{
		{"sleeper", "spawn", 0, nil},
		{"sleeper", "hello", 1500.25, nil},
		{"failer", "fail", us(time.Second), map[string]any{"detail": `sim: task "failer" failed: boom`}},
		{"patient", "timeout", us(3 * time.Second), map[string]any{"detail": "after 3s"}},
		{"victim", "cancel", us(4 * time.Second), map[string]any{"detail": "requested"}},
	}
	for _, w := range instantsWant {
		found := false
		for _, r := range recs {
			if r.Ph == "i" && names[r.Tid] == w.task && r.Name == w.name && *r.Ts == w.ts && mapsEqual(r.Args, w.args) {
				found = true
			}
		}
		if !found {
			t.Errorf("no instant %q on %s at %v µs with args %v", w.name, w.task, w.ts, w.args)
		}
	}
	if n := countRecords(recs, "i", "", "spawn", names); n != 12 {
		t.Errorf("%d spawn instants, want 12", n)
	}

	// Counters: the samples in order, at their virtual times.
	var queue, machines []string
	for _, r := range recs {
		if r.Ph != "C" {
			continue
		}
		s := r.start().String() + "=" + jsonText(r.Args["value"])
		switch r.Name {
		case "queue length":
			queue = append(queue, s)
		case "busy machines":
			machines = append(machines, s)
		default:
			t.Errorf("unexpected counter %q", r.Name)
		}
	}
	// At 5s the blocker freezes the loop for 2s, so the consumer's get due at 5s
	// happens at 7s.
	if got, want := strings.Join(queue, " "), "1s=1 1s=0 2s=1 3s=0 3s=1 5s=0"; got != want {
		t.Errorf("queue length samples = %s, want %s", got, want)
	}
	if got, want := strings.Join(machines, " "), "0s=1 2s=1 2s=1 4s=0"; got != want {
		t.Errorf("busy machines samples = %s, want %s", got, want)
	}
}

func countRecords(recs []perfRecord, ph, task, name string, names map[int]string) int {
	n := 0
	for _, r := range recs {
		if r.Ph == ph && r.Name == name && (task == "" || names[r.Tid] == task) {
			n++
		}
	}
	return n
}

func mapsEqual(a, b map[string]any) bool {
	return jsonText(a) == jsonText(b)
}

func jsonText(v any) string {
	if m, ok := v.(map[string]any); ok && len(m) == 0 {
		v = nil
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// TestPerfettoInterrupted stops a run half-way, as Ctrl+C does: Close still writes a
// valid file whose open slices end at the last time seen.
func TestPerfettoInterrupted(t *testing.T) {
	var out bytes.Buffer
	p := New(&out)
	rec := &sim.Recorder{}
	e := sim.New(sim.WithTracer(sim.Tee(rec, p)))
	perfProgram(e, p)
	_ = e.RunUntil(2500 * time.Millisecond) // the failer's error is not the point here
	last := rec.Events[len(rec.Events)-1].Time
	if err := p.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	size := out.Len()
	e.Close()
	p.Event(sim.Record{Time: time.Hour, Task: 99, Name: "late", Kind: sim.KindSpawn})
	p.Counter("queue length", time.Hour, 1)
	if err := p.Close(); err != nil {
		t.Fatalf("second Close() = %v", err)
	}
	if out.Len() != size {
		t.Fatalf("the exporter wrote %d bytes after Close", out.Len()-size)
	}
	if !bytes.HasSuffix(out.Bytes(), []byte("\n]}\n")) {
		t.Fatalf("file does not end with the trailer: %q", tail(out.Bytes()))
	}
	recs := parsePerfetto(t, out.Bytes())

	live := map[int]bool{}
	for _, ev := range rec.Events {
		switch {
		case ev.Kind == sim.KindSpawn:
			live[ev.Task] = true
		case ev.Kind == sim.KindDone, ev.Kind == sim.KindFail, ev.Kind == sim.KindCancel && ev.Detail == "ended":
			delete(live, ev.Task)
		}
	}
	if len(live) == 0 {
		t.Fatal("no task was live at the interruption; the test proves nothing")
	}
	lastEnd := map[int]time.Duration{}
	for _, r := range recs {
		if r.Ph == "X" {
			lastEnd[r.Tid] = r.end()
		}
	}
	for id := range live {
		if lastEnd[id] != last {
			t.Errorf("live task %d: last slice ends at %v, want the last time seen %v", id, lastEnd[id], last)
		}
	}
}

// TestPerfettoGolden compares a tiny program's file with testdata/perfetto/tiny.json
// (regenerate with go test ./model/perfetto -run Golden -update).
func TestPerfettoGolden(t *testing.T) {
	var out bytes.Buffer
	p := New(&out)
	e := sim.New(sim.WithTracer(p))
	defer e.Close()
	cups := sim.NewQueue[string](e, "cups", 0)
	e.Spawn("alice", func(t *sim.Task) error {
		if err := t.Sleep(1500*time.Microsecond + 1); err != nil {
			return err
		}
		if err := cups.Put(t, "latte"); err != nil {
			return err
		}
		p.Counter("queue length", t.Now(), float64(cups.Len()))
		t.Say(`one "latte"` + "\n")
		return nil
	})
	e.Spawn("bob\t2", func(t *sim.Task) error {
		if _, err := cups.Get(t); err != nil {
			return err
		}
		p.Counter("queue length", t.Now(), float64(cups.Len()))
		return t.Yield()
	})
	if err := e.RunUntilIdle(); err != nil {
		t.Fatalf("Run() = %v", err)
	}
	if err := p.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	parsePerfetto(t, out.Bytes())

	path := filepath.Join("testdata", "perfetto", "tiny.json")
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("reading the golden file (run with -update to create it): %v", err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		t.Errorf("trace differs from %s (run with -update if the change is intended)\ngot:\n%s\nwant:\n%s", path, out.Bytes(), want)
	}
}

// TestPerfettoEscaping checks names that need JSON escaping, and invalid UTF-8.
func TestPerfettoEscaping(t *testing.T) {
	var out bytes.Buffer
	p := New(&out)
	names := []string{`quote"back\slash`, "tab\tnl\nbell\x07", "café ☕", "bad\xffutf8", "", strings.Repeat("long ☕ ", 1000)}
	for i, n := range names {
		id := i + 1
		p.Event(sim.Record{Time: 0, Task: id, Name: n, Kind: sim.KindSpawn})
		p.Event(sim.Record{Time: 1, Task: id, Name: n, Kind: sim.KindRun})
		p.Event(sim.Record{Time: 2, Task: id, Name: n, Kind: sim.KindWait, Object: n})
		p.Event(sim.Record{Time: 3, Task: id, Name: n, Kind: sim.KindSay, Detail: n})
		p.Event(sim.Record{Time: 4, Task: id, Name: n, Kind: sim.KindDone})
	}
	p.Counter(names[0], 5, 1.5)
	p.Counter("nan", 5, math.NaN())
	if err := p.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
	recs := parsePerfetto(t, out.Bytes())
	want := map[string]bool{}
	for _, n := range names {
		want[strings.ToValidUTF8(n, "\uFFFD")] = true
	}
	got := map[string]int{}
	for _, r := range recs {
		switch {
		case r.Ph == "M" && r.Name == "thread_name":
			got[r.Args["name"].(string)]++
		case r.Ph == "X" && strings.HasPrefix(r.Name, "waiting "):
			got[strings.TrimPrefix(r.Name, "waiting ")]++
		case r.Ph == "i" && r.Name != "spawn":
			got[r.Name]++
		case r.Ph == "C":
			got[r.Name]++
		}
	}
	for n := range want {
		wantN := 3
		if n == "" {
			wantN = 2 // the empty thread name becomes "task 5"
		}
		if n == names[0] {
			wantN = 4
		}
		if got[n] != wantN {
			t.Errorf("name %q appears %d times, want %d", n, got[n], wantN)
		}
	}
	if got["task 5"] != 1 || got["nan"] != 0 {
		t.Errorf("got %d threads named \"task 5\" and %d NaN counters, want 1 and 0", got["task 5"], got["nan"])
	}
}

// TestPerfettoMicros checks the timestamp format: microseconds, exact to the
// nanosecond, without trailing zeros.
func TestPerfettoMicros(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"},
		{1, "0.001"},
		{10, "0.01"},
		{999, "0.999"},
		{1000, "1"},
		{1500, "1.5"},
		{1500*time.Microsecond + 250, "1500.25"},
		{time.Hour, "3600000000"},
		{-1500, "-1.5"},
		{math.MinInt64, "-9223372036854775.808"},
	} {
		if got := string(perfAppendMicros(nil, c.d)); got != c.want {
			t.Errorf("perfAppendMicros(%d ns) = %s, want %s", int64(c.d), got, c.want)
		}
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{ n int }

func (w *failingWriter) Write(b []byte) (int, error) {
	if w.n -= len(b); w.n < 0 {
		return 0, errDiskFull
	}
	return len(b), nil
}

// TestPerfettoWriteError checks that Close reports the first write error.
func TestPerfettoWriteError(t *testing.T) {
	p := New(&failingWriter{n: 100 << 10})
	for i := range 5000 {
		p.Event(sim.Record{Time: time.Duration(i), Task: i + 1, Name: "customer", Kind: sim.KindSpawn})
		p.Event(sim.Record{Time: time.Duration(i), Task: i + 1, Name: "customer", Kind: sim.KindDone})
	}
	if err := p.Close(); !errors.Is(err, errDiskFull) {
		t.Fatalf("Close() = %v, want %v", err, errDiskFull)
	}
	if err := p.Close(); !errors.Is(err, errDiskFull) {
		t.Fatalf("second Close() = %v, want %v again", err, errDiskFull)
	}
}

// perfShop records the events of a small coffee shop: customers arrive, wait for
// one of two machines with patience, brew and leave.
func perfShop(customers int) []sim.Record {
	rec := &sim.Recorder{}
	e := sim.New(sim.WithTracer(rec), sim.WithSeed(1))
	defer e.Close()
	machines := sim.NewSemaphore(e, "machines", 2)
	orders := sim.NewQueue[int](e, "orders", 0)
	arrivals, brew := e.Rand("arrivals"), e.Rand("brew")
	counter := e.Spawn("counter", func(t *sim.Task) error {
		for {
			if _, err := orders.Get(t); err != nil {
				return err
			}
		}
	})
	e.Spawn("arrivals", func(t *sim.Task) error {
		for i := range customers {
			if err := t.Sleep(time.Duration(arrivals.ExpFloat64() * float64(time.Second))); err != nil {
				return err
			}
			t.SpawnN("customer", i, func(t *sim.Task) error {
				err := sim.WaitFor(t, 3*time.Second, machines.Acquire)
				if err != nil {
					t.Say("reneged")
					return nil
				}
				defer machines.Release()
				if err := orders.Put(t, i); err != nil {
					return err
				}
				return t.Sleep(time.Duration(brew.ExpFloat64() * float64(1500*time.Millisecond)))
			})
		}
		if err := t.Sleep(time.Hour); err != nil {
			return err
		}
		counter.Cancel()
		return nil
	})
	if err := e.RunUntilIdle(); err != nil {
		panic(err)
	}
	return rec.Events
}

// replayer feeds a recorded run to an exporter again and again, each round later
// in time and with fresh task ids, as one long run would.
type replayer struct {
	evs    []sim.Record
	span   time.Duration
	maxID  int
	i      int
	offT   time.Duration
	offID  int
	target sim.Tracer
}

func newReplayer(evs []sim.Record, target sim.Tracer) *replayer {
	r := &replayer{evs: evs, target: target}
	for _, ev := range evs {
		r.maxID = max(r.maxID, ev.Task)
	}
	r.span = evs[len(evs)-1].Time + time.Second
	return r
}

func (r *replayer) next() {
	ev := r.evs[r.i]
	ev.Time += r.offT
	ev.Task += r.offID
	r.target.Event(ev)
	if r.i++; r.i == len(r.evs) {
		r.i, r.offT, r.offID = 0, r.offT+r.span, r.offID+r.maxID
	}
}

// TestPerfettoSteadyState checks that memory follows live tasks: after a run the
// exporter holds no task, reuses the states of ended ones, and encodes events
// without allocating.
func TestPerfettoSteadyState(t *testing.T) {
	evs := perfShop(500)
	p := New(io.Discard)
	r := newReplayer(evs, p)
	for range len(evs) {
		r.next()
	}
	if len(p.tasks) != 0 {
		t.Errorf("after a whole run the exporter holds %d tasks, want 0", len(p.tasks))
	}
	if n := len(p.free); n == 0 || n > 50 {
		t.Errorf("the exporter keeps %d free task states for a run of 502 tasks, want a few (the peak of live tasks)", n)
	}
	allocs := testing.AllocsPerRun(5, func() {
		for range len(evs) {
			r.next()
		}
	})
	if allocs != 0 {
		t.Errorf("replaying %d events allocated %v times, want 0", len(evs), allocs)
	}
	if err := p.Close(); err != nil {
		t.Fatalf("Close() = %v", err)
	}
}

// BenchmarkPerfetto measures encoding a recorded coffee-shop run into io.Discard;
// one op is one event. Run it as: go test ./model/perfetto -run '^$' -bench Perfetto -benchmem
func BenchmarkPerfetto(b *testing.B) {
	evs := perfShop(2000)
	p := New(io.Discard)
	r := newReplayer(evs, p)
	for range len(evs) { // warm up: buffers and the task map at their working size
		r.next()
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		r.next()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
	if err := p.Close(); err != nil {
		b.Fatal(err)
	}
}

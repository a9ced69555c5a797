package sim

import (
	"strconv"
	"time"
)

// Kind names a transition in the trace.
type Kind uint8

// The transitions a trace records. The names (Kind.String) are part of the JSON Lines
// format and must not change.
const (
	KindSpawn   Kind = iota + 1 // a task was created and scheduled
	KindRun                     // the loop resumed a task
	KindSleep                   // a task started sleeping until a time
	KindWake                    // a sleep's timer fired (detail carries the lateness)
	KindWait                    // a task started waiting on an object
	KindAcquire                 // a task acquired a permit, lock or worker
	KindRelease                 // a permit, lock or worker was given back
	KindPut                     // an item went into a queue
	KindGet                     // an item came out of a queue
	KindTimeout                 // a deadline expired
	KindCancel                  // a task was asked to cancel
	KindDone                    // a task returned normally
	KindFail                    // a task returned an error or panicked
	KindBlock                   // a task froze the whole loop
	KindUnblock                 // the loop came back from a blocking call
	KindSet                     // a future, event or barrier was completed
	KindSay                     // a task printed a line (lessons)
	kindEnd
)

var kindNames = [...]string{
	KindSpawn: "spawn", KindRun: "run", KindSleep: "sleep", KindWake: "wake", KindWait: "wait",
	KindAcquire: "acquire", KindRelease: "release", KindPut: "put", KindGet: "get",
	KindTimeout: "timeout", KindCancel: "cancel", KindDone: "done", KindFail: "fail",
	KindBlock: "block", KindUnblock: "unblock", KindSet: "set", KindSay: "say",
}

// String returns the kind's stable name, as used in the JSON Lines trace.
func (k Kind) String() string {
	if k > 0 && k < kindEnd {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// Kinds lists every kind in order, for filters and documentation.
func Kinds() []Kind {
	ks := make([]Kind, 0, kindEnd-1)
	for k := KindSpawn; k < kindEnd; k++ {
		ks = append(ks, k)
	}
	return ks
}

// ParseKind returns the kind with the given name.
func ParseKind(s string) (Kind, bool) {
	for k := KindSpawn; k < kindEnd; k++ {
		if kindNames[k] == s {
			return k, true
		}
	}
	return 0, false
}

// Record is one transition of the loop. It is a plain comparable value: tests compare
// events with ==, the UI keeps them in a ring buffer, and headless runs encode them.
type Record struct {
	Time   time.Duration // virtual time since the start of the run
	Seq    uint64        // position in the trace, from 1
	Task   int           // id of the task the event is about (0: the loop itself)
	Name   string        // that task's name
	Kind   Kind          // what happened
	Object string        // what it happened on: "queue orders", "machines", ...
	Detail string        // human-readable extra: "until 00:03.000", "late 1.5s", "2/3 held"
}

// String prints the event as one stable line:
//
//	00:01.500  #42  barista-2   acquire   machines (2/3 held)
//
// Columns are padded only when something follows them, so a line never ends in
// spaces: an event without object and detail ends with its kind.
func (ev Record) String() string {
	s := FormatClock(ev.Time) + "  #" + strconv.Itoa(ev.Task) + "  " + pad(oneLine(ev.Name), 11) + " " + ev.Kind.String()
	rest := oneLine(ev.Detail)
	if ev.Object != "" {
		rest = oneLine(ev.Object)
		if ev.Detail != "" {
			rest += " (" + oneLine(ev.Detail) + ")"
		}
	}
	if rest == "" {
		return s
	}
	return pad(s, len(s)+9-len(ev.Kind.String())) + " " + rest
}

// oneLine escapes control characters (a newline in a Say text, say) as Go does
// (\n, \t, \r, \x00), so that String stays one line.
func oneLine(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != 0x7f {
			if b != nil {
				b = append(b, c)
			}
			continue
		}
		if b == nil {
			b = append(make([]byte, 0, len(s)+8), s[:i]...)
		}
		switch c {
		case '\n':
			b = append(b, '\\', 'n')
		case '\t':
			b = append(b, '\\', 't')
		case '\r':
			b = append(b, '\\', 'r')
		default:
			b = append(b, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

func pad(s string, n int) string {
	for len(s) < n {
		s += " "
	}
	return s
}

// FormatClock formats a virtual time as MM:SS.mmm, or H:MM:SS.mmm from one hour on.
func FormatClock(d time.Duration) string {
	var b [24]byte
	return string(appendClock(b[:0], d))
}

// appendClock appends d as FormatClock writes it. Built by hand: it runs for every
// sleep of a traced run.
func appendClock(b []byte, d time.Duration) []byte {
	neg := d < 0
	if neg {
		d = -d
	}
	ms := int64(d / time.Millisecond)
	h, m, s, milli := ms/3_600_000, ms/60_000%60, ms/1000%60, ms%1000
	if neg {
		b = append(b, '-')
	}
	if h > 0 {
		b = strconv.AppendInt(b, h, 10)
		b = append(b, ':')
	}
	return append(b, byte('0'+m/10), byte('0'+m%10), ':', byte('0'+s/10), byte('0'+s%10), '.',
		byte('0'+milli/100), byte('0'+milli/10%10), byte('0'+milli%10))
}

// clockDetail is prefix followed by FormatClock(d), built with one allocation.
func clockDetail(prefix string, d time.Duration) string {
	var b [48]byte
	return string(appendClock(append(b[:0], prefix...), d))
}

// countDetail is "<n>/<limit> <what>" (or "<n> <what>" when limit < 0), built with
// one allocation, for the trace details of queues and semaphores.
func countDetail(n, limit int, what string) string {
	var b [64]byte
	d := strconv.AppendInt(b[:0], int64(n), 10)
	if limit >= 0 {
		d = strconv.AppendInt(append(d, '/'), int64(limit), 10)
	}
	return string(append(append(d, ' '), what...))
}

// A Tracer receives every event of a loop, in order. Tracers run on the loop: they
// must not call back into it.
type Tracer interface {
	Event(ev Record)
}

// TracerFunc adapts a function to the Tracer interface.
type TracerFunc func(Record)

// Event calls f(ev).
func (f TracerFunc) Event(ev Record) { f(ev) }

// Tee returns a tracer that hands each event to every non-nil tracer in turn.
func Tee(ts ...Tracer) Tracer {
	var out multiTracer
	for _, t := range ts {
		if t != nil {
			out = append(out, t)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

type multiTracer []Tracer

func (m multiTracer) Event(ev Record) {
	for _, t := range m {
		t.Event(ev)
	}
}

// Recorder is a tracer that keeps every event, for tests and short runs.
type Recorder struct {
	Events []Record
}

// Event appends ev.
func (r *Recorder) Event(ev Record) { r.Events = append(r.Events, ev) }

// Lines returns each recorded event's String form.
func (r *Recorder) Lines() []string {
	out := make([]string, len(r.Events))
	for i, ev := range r.Events {
		out[i] = ev.String()
	}
	return out
}

// Package perfetto exports a run's trace as a Chrome trace event file that
// ui.perfetto.dev and chrome://tracing open: a Writer is a sim.Tracer, and takes the
// shop's counters (queue length, busy baristas, ...) as counter tracks.
package perfetto

import (
	"bufio"
	"io"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/sim"
)

// Writer is a sim.Tracer that writes a Chrome trace event JSON file (the "JSON
// Object Format" of the Trace Event Format), which ui.perfetto.dev and
// chrome://tracing open.
//
// Every task is a thread of process 1 (tid = task id, named after the task). Its
// track is tiled with complete ("X") slices that never overlap:
//
//	ready            spawn, wake or a silent Yield → the task's next run
//	running          run → the task's next transition, or another task's run
//	sleeping         sleep → wake (or the run that delivers a cancellation)
//	waiting <object> wait → the task's next run
//	blocked          block → unblock
//
// A slice is written when it ends, so the file streams in event order and the
// exporter holds state only for live tasks. Spawn, cancel requests, timeouts, say
// lines and failures are thread-scoped instant ("i") events; Counter writes counter
// ("C") events. Times are virtual: microseconds since the start of the run, with
// nanoseconds as up to three decimals.
//
// On the virtual clock a task runs in zero time, so running and ready slices have
// dur 0 and show as ticks; time passes only in sleeping, waiting and blocked slices.
//
// Close must be called to end open slices and write the closing "]}", also when the
// run was interrupted; until then the output is not valid JSON.
type Writer struct {
	w *bufio.Writer

	// The last timestamp formatted: a task's slices and instants mostly share it,
	// and number formatting is most of the cost of a record.
	tsAt  time.Duration
	tsBuf []byte

	tasks map[int]*perfTask // live tasks only: memory follows live tasks, not events
	free  []*perfTask       // states of ended tasks, reused
	cur   *perfTask         // the task whose running slice is open, if any
	hit   *perfTask         // the last task looked up (consecutive events share a task)

	now    time.Duration // the latest time seen
	closed bool
	err    error // the first write error: later records are dropped
}

// perfState is what a task's open slice shows.
type perfState uint8

const (
	perfNone perfState = iota
	perfReady
	perfRunning
	perfSleeping
	perfWaiting
	perfBlocked
)

var perfStateNames = [...]string{
	perfReady: "ready", perfRunning: "running", perfSleeping: "sleeping",
	perfWaiting: "waiting ", perfBlocked: "blocked",
}

// perfTask is the exporter's state of one live task: its open slice.
type perfTask struct {
	id    int
	open  perfState
	start time.Duration
	obj   string // what a waiting slice waits on
	tidN  uint8  // tid[:tidN] is the id in decimal, formatted once per task
	tid   [20]byte
}

// perfettoHeader opens the file and names the process; every later record starts
// with a comma, so no record needs to know whether it is the first.
const perfettoHeader = `{"traceEvents":[` + "\n" +
	`{"name":"process_name","ph":"M","pid":1,"args":{"name":"brewloop"}}`

// New returns an exporter writing to w through a buffer. Nothing reaches w
// until the buffer fills or Close is called.
func New(w io.Writer) *Writer {
	p := &Writer{
		w:     bufio.NewWriterSize(w, 64<<10),
		tasks: make(map[int]*perfTask),
	}
	p.tsBuf = perfAppendMicros(make([]byte, 0, 32), 0)
	p.w.WriteString(perfettoHeader)
	return p
}

// Event turns one engine event into trace records. It implements sim.Tracer.
func (p *Writer) Event(ev sim.Record) {
	if p.closed || p.err != nil {
		return
	}
	t := ev.Time
	p.now = max(p.now, t)
	switch ev.Kind {
	case sim.KindSpawn:
		st, fresh := p.task(ev)
		if fresh {
			st.open, st.start = perfReady, t
		}
		p.instant("spawn", ev, ev.Object, "")
	case sim.KindRun:
		st, _ := p.task(ev)
		if c := p.cur; c != nil && c != st {
			// The running task suspended without an event of its own: Yield. It is
			// ready again from the moment the next task runs.
			p.switchTo(c, perfReady, t, "")
		}
		if st.open != perfRunning { // still open: a Yield resumed at once
			p.switchTo(st, perfRunning, t, "")
		}
		p.cur = st
	case sim.KindSleep:
		st, _ := p.task(ev)
		p.switchTo(st, perfSleeping, t, "")
	case sim.KindWait:
		st, _ := p.task(ev)
		p.switchTo(st, perfWaiting, t, ev.Object)
	case sim.KindBlock:
		st, _ := p.task(ev)
		p.switchTo(st, perfBlocked, t, "")
	case sim.KindWake:
		st, _ := p.task(ev)
		p.switchTo(st, perfReady, t, "")
	case sim.KindUnblock:
		// The loop resumes the task at once; its run event opens the next slice.
		st, _ := p.task(ev)
		p.switchTo(st, perfNone, t, "")
	case sim.KindTimeout:
		p.instant("timeout", ev, ev.Object, ev.Detail)
	case sim.KindSay:
		p.instant(ev.Detail, ev, ev.Object, "")
	case sim.KindCancel:
		if ev.Detail != "ended" {
			p.instant("cancel", ev, ev.Object, ev.Detail)
			return
		}
		p.end(ev)
	case sim.KindFail:
		p.instant("fail", ev, ev.Object, ev.Detail)
		p.end(ev)
	case sim.KindDone:
		p.end(ev)
	case sim.KindAcquire, sim.KindRelease, sim.KindPut, sim.KindGet, sim.KindSet:
		// Not a change of what the task is doing: the wait or run around it is.
	}
}

// Counter records a sample of a counter track ("queue length", "busy machines") at
// virtual time t. Non-finite values are dropped: JSON cannot encode them.
func (p *Writer) Counter(name string, t time.Duration, v float64) {
	if p.closed || p.err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return
	}
	p.now = max(p.now, t)
	b := append(p.record(), ",\n{\"name\":"...)
	b = sim.AppendJSONString(b, name)
	b = append(b, `,"ph":"C","ts":`...)
	b = p.appendTs(b, t)
	b = append(b, `,"pid":1,"args":{"value":`...)
	b = strconv.AppendFloat(b, v, 'g', -1, 64)
	b = append(b, "}}"...)
	p.flush(b)
}

// Close ends every open slice at the latest time seen (in task id order), writes the
// closing "]}" and flushes. It returns the first write error. Later calls return
// the same error and write nothing; events and counters after Close are dropped.
func (p *Writer) Close() error {
	if p.closed {
		return p.err
	}
	if p.err == nil {
		ids := make([]int, 0, len(p.tasks))
		for id := range p.tasks {
			ids = append(ids, id)
		}
		slices.Sort(ids) // the output must not depend on map order
		for _, id := range ids {
			p.switchTo(p.tasks[id], perfNone, p.now, "")
		}
		p.w.WriteString("\n]}\n")
		p.err = p.w.Flush()
	}
	p.closed = true
	p.cur, p.hit, p.tasks, p.free = nil, nil, nil, nil
	return p.err
}

// task returns the state of ev's task, creating it (and naming its track) on
// first sight; fresh reports that it was created.
func (p *Writer) task(ev sim.Record) (st *perfTask, fresh bool) {
	if h := p.hit; h != nil && h.id == ev.Task {
		return h, false
	}
	st = p.tasks[ev.Task]
	if st == nil {
		if n := len(p.free); n > 0 {
			st = p.free[n-1]
			p.free = p.free[:n-1]
		} else {
			st = new(perfTask)
		}
		st.id = ev.Task
		st.tidN = uint8(len(strconv.AppendInt(st.tid[:0], int64(ev.Task), 10)))
		p.tasks[ev.Task] = st
		p.meta(st, ev.Name)
		fresh = true
	}
	p.hit = st
	return st, fresh
}

// end closes the task's track at its last event and forgets the task.
func (p *Writer) end(ev sim.Record) {
	st, _ := p.task(ev)
	p.switchTo(st, perfNone, ev.Time, "")
	delete(p.tasks, st.id)
	*st = perfTask{}
	p.free = append(p.free, st)
	p.hit = nil
}

// switchTo writes st's open slice, ending at t, and opens the next one.
func (p *Writer) switchTo(st *perfTask, next perfState, t time.Duration, obj string) {
	if st.open != perfNone {
		b := append(p.record(), ",\n{\"name\":\""...)
		b = append(b, perfStateNames[st.open]...)
		if st.open == perfWaiting {
			b = sim.AppendJSONEscaped(b, st.obj)
		}
		b = append(b, `","ph":"X","ts":`...)
		b = p.appendTs(b, st.start)
		if d := t - st.start; d == 0 {
			b = append(b, `,"dur":0`...)
		} else {
			b = append(b, `,"dur":`...)
			b = perfAppendMicros(b, d)
		}
		b = append(b, `,"pid":1,"tid":`...)
		b = append(b, st.tid[:st.tidN]...)
		b = append(b, '}')
		p.flush(b)
	}
	if st == p.cur && next != perfRunning {
		p.cur = nil
	}
	st.open, st.start, st.obj = next, t, obj
}

// instant writes a thread-scoped instant event on ev's track.
func (p *Writer) instant(name string, ev sim.Record, obj, detail string) {
	st, _ := p.task(ev) // names the track if the task is new
	b := append(p.record(), ",\n{\"name\":"...)
	b = sim.AppendJSONString(b, name)
	b = append(b, `,"ph":"i","s":"t","ts":`...)
	b = p.appendTs(b, ev.Time)
	b = append(b, `,"pid":1,"tid":`...)
	b = append(b, st.tid[:st.tidN]...)
	if obj != "" || detail != "" {
		b = append(b, `,"args":{`...)
		if obj != "" {
			b = append(b, `"object":`...)
			b = sim.AppendJSONString(b, obj)
			if detail != "" {
				b = append(b, ',')
			}
		}
		if detail != "" {
			b = append(b, `"detail":`...)
			b = sim.AppendJSONString(b, detail)
		}
		b = append(b, '}')
	}
	b = append(b, '}')
	p.flush(b)
}

// meta names a task's track and sorts tracks by task id.
func (p *Writer) meta(st *perfTask, name string) {
	tid := st.tid[:st.tidN]
	if name == "" {
		name = "task " + string(tid)
		if st.id == 0 {
			name = "loop"
		}
	}
	b := append(p.record(), ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":"...)
	b = append(b, tid...)
	b = append(b, `,"args":{"name":`...)
	b = sim.AppendJSONString(b, name)
	b = append(b, "}},\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":"...)
	b = append(b, tid...)
	b = append(b, `,"args":{"sort_index":`...)
	b = append(b, tid...)
	b = append(b, "}}"...)
	p.flush(b)
}

// perfRecordRoom is the free buffer space a record is started in. A longer record
// (a long name or say line) still works: append moves it to a fresh slice.
const perfRecordRoom = 1 << 10

// record returns the free tail of the writer's buffer to append one record to,
// so a record is formatted in place instead of being copied in.
func (p *Writer) record() []byte {
	if p.w.Available() < perfRecordRoom {
		if err := p.w.Flush(); err != nil && p.err == nil {
			p.err = err // Event and Counter stop; Close reports it
		}
	}
	return p.w.AvailableBuffer()
}

// flush commits a record started with record. The writer keeps its first error
// for the next Flush.
func (p *Writer) flush(b []byte) { p.w.Write(b) }

// appendTs appends a timestamp, reusing the last one formatted.
func (p *Writer) appendTs(b []byte, t time.Duration) []byte {
	if t != p.tsAt {
		p.tsAt, p.tsBuf = t, perfAppendMicros(p.tsBuf[:0], t)
	}
	return append(b, p.tsBuf...)
}

// perfAppendMicros appends d as microseconds, with the nanoseconds as up to three
// decimals: exact, and a valid JSON number.
func perfAppendMicros(b []byte, d time.Duration) []byte {
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/1000, 10)
	if f := u % 1000; f != 0 {
		b = append(b, '.', byte('0'+f/100), byte('0'+f/10%10), byte('0'+f%10))
		for b[len(b)-1] == '0' {
			b = b[:len(b)-1]
		}
	}
	return b
}

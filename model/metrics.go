package model

import (
	"time"

	"github.com/brewloop/brewloop/model/stats"
	"github.com/brewloop/brewloop/sim"
)

// metrics collects the shop's statistics as the run goes. Quantiles come from
// bounded-memory sketches and averages over time from TimeAverage, so memory does
// not grow with the number of customers.
type metrics struct {
	s                                *Shop
	arrived, served, balked, reneged int

	wait, sojourn, late *stats.Sketch
	queueLen            stats.TimeAverage
	busyBaristas        stats.TimeAverage
	baristas            stats.TimeAverage
	busyMachines        stats.TimeAverage
	machines            stats.TimeAverage
	lateMax             time.Duration

	// for the chart: waits of orders taken since the last sample
	sampleWait  time.Duration
	sampleWaitN int
}

func (m *metrics) init(s *Shop) {
	m.s = s
	m.wait, m.sojourn, m.late = stats.NewSketch(), stats.NewSketch(), stats.NewSketch()
	m.machines.Set(0, float64(s.controls.Machines))
}

func (m *metrics) arrive() { m.arrived++ }
func (m *metrics) balk()   { m.balked++ }
func (m *metrics) renege() { m.reneged++ }

func (m *metrics) inSystem() int { return m.arrived - m.served - m.balked - m.reneged }

// took records the wait in queue of an order a barista has just taken.
func (m *metrics) took(now time.Duration, o *Order) {
	w := now - o.Arrived
	m.wait.Add(w.Seconds())
	m.sampleWait += w
	m.sampleWaitN++
}

// served records a customer who got the drink.
func (m *metrics) serve(now time.Duration, o *Order) {
	m.served++
	m.sojourn.Add((now - o.Arrived).Seconds())
}

// wakeLate records how late a sleep woke (the engine's OnWake hook).
func (m *metrics) wakeLate(l time.Duration) {
	m.late.Add(l.Seconds())
	m.lateMax = max(m.lateMax, l)
}

func (m *metrics) baristasChanged(now time.Duration) {
	n := 0
	for _, b := range m.s.baristas {
		if !b.leaving {
			n++
		}
	}
	m.baristas.Set(now, float64(n))
}

func (m *metrics) busyBaristasDelta(now time.Duration, busy bool) {
	d := -1.0
	if busy {
		d = 1
	}
	m.busyBaristas.Set(now, m.busyBaristas.Value()+d)
}

func (m *metrics) busyMachinesDelta(now time.Duration, d int) {
	m.busyMachines.Set(now, m.busyMachines.Value()+float64(d))
	if m.s.counter != nil {
		m.s.counter("busy machines", now, m.busyMachines.Value())
	}
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}

func secs(x float64) time.Duration { return time.Duration(x * float64(time.Second)) }

// Metrics returns the statistics so far.
func (s *Shop) Metrics() Metrics {
	m := &s.m
	now := s.e.Now()
	var tp float64
	if now > 0 {
		tp = float64(m.served) / now.Hours()
	}
	return Metrics{
		Arrived: m.arrived, Served: m.served, Balked: m.balked, Reneged: m.reneged, InSystem: m.inSystem(),
		WaitMean: secs(m.wait.Mean()), WaitP50: secs(m.wait.Quantile(0.5)),
		WaitP95: secs(m.wait.Quantile(0.95)), WaitP99: secs(m.wait.Quantile(0.99)),
		SojournMean:       secs(m.sojourn.Mean()),
		QueueLenMean:      m.queueLen.Mean(now),
		UtilBaristas:      ratio(m.busyBaristas.Mean(now), m.baristas.Mean(now)),
		UtilMachines:      ratio(m.busyMachines.Mean(now), m.machines.Mean(now)),
		ThroughputPerHour: tp,
		LatenessP95:       secs(m.late.Quantile(0.95)),
		LatenessMax:       m.lateMax,
		Blocked:           s.e.BlockedTotal(),
	}
}

// EventLog is a tracer that keeps the most recent events in a ring buffer: memory
// stays bounded however long the run.
type EventLog struct {
	buf   []sim.Record
	next  int
	total uint64
}

// NewEventLog returns a log keeping the last n events.
func NewEventLog(n int) *EventLog { return &EventLog{buf: make([]sim.Record, 0, n)} }

// Event records ev, dropping the oldest when full.
func (l *EventLog) Event(ev sim.Record) {
	l.total++
	if len(l.buf) < cap(l.buf) {
		l.buf = append(l.buf, ev)
		return
	}
	l.buf[l.next] = ev
	l.next = (l.next + 1) % len(l.buf)
}

// Total returns how many events the log has seen.
func (l *EventLog) Total() uint64 { return l.total }

// Append appends the kept events, oldest first, to dst.
func (l *EventLog) Append(dst []sim.Record) []sim.Record {
	dst = append(dst, l.buf[l.next:]...)
	return append(dst, l.buf[:l.next]...)
}

// history keeps chart samples at a fixed virtual interval in a ring.
type history struct {
	every time.Duration
	next  time.Duration
	buf   []Sample
	head  int
}

func (h *history) init(every time.Duration, n int) {
	h.every, h.next, h.buf = every, every, make([]Sample, 0, n)
}

func (h *history) add(smp Sample) {
	if len(h.buf) < cap(h.buf) {
		h.buf = append(h.buf, smp)
		return
	}
	h.buf[h.head] = smp
	h.head = (h.head + 1) % len(h.buf)
}

func (h *history) append(dst []Sample) []Sample {
	dst = append(dst, h.buf[h.head:]...)
	return append(dst, h.buf[:h.head]...)
}

// sampleUpTo records chart samples for every sample time up to and including t,
// with the state as it is now (nothing happens between events).
func (s *Shop) sampleUpTo(t time.Duration) {
	for s.history.next <= t {
		smp := Sample{T: s.history.next, QueueLen: s.waiting}
		if s.m.sampleWaitN > 0 {
			smp.WaitMean = s.m.sampleWait / time.Duration(s.m.sampleWaitN)
			s.m.sampleWait, s.m.sampleWaitN = 0, 0
		} else if n := len(s.history.buf); n > 0 {
			smp.WaitMean = s.history.buf[(s.history.head+n-1)%n].WaitMean
		}
		s.history.add(smp)
		s.history.next += s.history.every
	}
}

package ui

import "github.com/brewloop/brewloop/sim"

// EventLogCap is how many events the UI keeps for the event log: a ring buffer, so
// the memory stays the same however long the shop runs.
const EventLogCap = 2048

// eventRing is a fixed-size ring of the most recent events, oldest first, with the
// number of events of each kind it holds (so a filter knows its size without a scan).
type eventRing struct {
	buf     []sim.Record
	start   int // index of the oldest event
	n       int
	lastSeq uint64 // the newest event taken, so overlapping snapshots add nothing twice
	perKind [32]int
}

func newEventRing(capacity int) eventRing {
	return eventRing{buf: make([]sim.Record, max(capacity, 1))}
}

// len returns how many events the ring holds.
func (r *eventRing) len() int { return r.n }

// at returns the i-th event, 0 being the oldest.
func (r *eventRing) at(i int) *sim.Record { return &r.buf[(r.start+i)%len(r.buf)] }

// push appends ev, dropping the oldest event when full.
func (r *eventRing) push(ev sim.Record) {
	if r.n == len(r.buf) {
		old := &r.buf[r.start]
		r.perKind[kindIndex(old.Kind)]--
		*old = ev
		r.start = (r.start + 1) % len(r.buf)
	} else {
		r.buf[(r.start+r.n)%len(r.buf)] = ev
		r.n++
	}
	r.perKind[kindIndex(ev.Kind)]++
	r.lastSeq = ev.Seq
}

// reset empties the ring, for a restarted shop whose sequence numbers start again.
func (r *eventRing) reset() {
	clear(r.buf)
	r.start, r.n, r.lastSeq = 0, 0, 0
	r.perKind = [32]int{}
}

// count returns how many held events pass filter f.
func (r *eventRing) count(f eventFilter) int {
	if f.mask == allKinds {
		return r.n
	}
	n := 0
	for k, c := range r.perKind {
		if f.mask&(1<<uint(k)) != 0 {
			n += c
		}
	}
	return n
}

func kindIndex(k sim.Kind) int {
	if int(k) < 32 {
		return int(k)
	}
	return 0
}

// eventFilter selects event kinds for the log.
type eventFilter struct {
	name string
	mask uint32 // bit k set: kind k shown
}

const allKinds = ^uint32(0)

func kindMask(ks ...sim.Kind) uint32 {
	var m uint32
	for _, k := range ks {
		m |= 1 << uint(kindIndex(k))
	}
	return m
}

// match reports whether f shows kind k.
func (f eventFilter) match(k sim.Kind) bool { return f.mask&(1<<uint(kindIndex(k))) != 0 }

// eventFilters lists the filters the f key cycles through. The first hides the run
// events: there is one for every resume, and they drown the story.
func eventFilters() []eventFilter {
	return []eventFilter{
		{"all but run", allKinds &^ kindMask(sim.KindRun)},
		{"all", allKinds},
		{"sleep/wake", kindMask(sim.KindSleep, sim.KindWake)},
		{"wait/acquire", kindMask(sim.KindWait, sim.KindAcquire, sim.KindRelease, sim.KindSet)},
		{"put/get", kindMask(sim.KindPut, sim.KindGet)},
		{"timeout/cancel", kindMask(sim.KindTimeout, sim.KindCancel, sim.KindFail)},
		{"spawn/done", kindMask(sim.KindSpawn, sim.KindDone, sim.KindFail)},
		{"block", kindMask(sim.KindBlock, sim.KindUnblock)},
	}
}

package ui

import (
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/sim"
)

// busySnapshot is a shop under heavy load: 2,000 customers queued (the snapshot holds
// the first model.MaxQueueShown), 5,000 live tasks, a full event log, long history.
func busySnapshot() model.Snapshot {
	s := sampleSnapshot()
	now := 2 * time.Hour
	s.Now = now
	s.Queue = s.Queue[:0]
	for i := range model.MaxQueueShown {
		s.Queue = append(s.Queue, model.QueuedCustomer{ID: 10_000 + i, Item: "flat white", Arrived: now - time.Duration(3000-i)*time.Second})
	}
	s.QueueLen, s.QueueCap = 2000, 0
	s.Baristas = s.Baristas[:0]
	for i := range 8 {
		s.Baristas = append(s.Baristas, model.BaristaView{Name: "barista-" + strconv.Itoa(i+1), State: model.BaristaState(i % 5),
			Order: 9000 + i, Item: "cappuccino", Start: now - time.Second, End: now + time.Second})
	}
	s.Machines = s.Machines[:0]
	for i := range 6 {
		s.Machines = append(s.Machines, model.MachineView{Busy: i%3 != 0, Order: 9000 + i, Item: "mocha", Start: now - time.Second, End: now + 2*time.Second})
	}
	s.Tasks = make([]sim.TaskInfo, 0, 5000)
	s.TaskCounts = [sim.NumStates]int{}
	states := []sim.State{sim.StateWaiting, sim.StateSleeping, sim.StateReady, sim.StateWaiting, sim.StateBlocked}
	for i := range 5000 {
		st := states[i%len(states)]
		s.Tasks = append(s.Tasks, sim.TaskInfo{ID: i + 1, Name: "customer-" + strconv.Itoa(i+1), State: st,
			Awaiting: "future drink", Since: now - time.Duration(i)*time.Millisecond, Until: now + time.Second})
		s.TaskCounts[st]++
	}
	s.Events = make([]sim.Record, 0, EventLogCap)
	kinds := sim.Kinds()
	for i := range EventLogCap {
		k := kinds[i%len(kinds)]
		s.Events = append(s.Events, sim.Record{Time: now - time.Duration(EventLogCap-i)*time.Millisecond, Seq: uint64(1_000_000 + i),
			Task: i % 5000, Name: "customer-" + strconv.Itoa(i%5000), Kind: k, Object: "queue orders", Detail: "late 12ms"})
	}
	s.EventsTotal = 1_000_000 + EventLogCap
	s.History = s.History[:0]
	for i := range 600 {
		s.History = append(s.History, model.Sample{T: now - time.Duration(600-i)*time.Second, QueueLen: 1000 + i, WaitMean: time.Duration(i) * time.Second})
	}
	s.Theory = &model.Theory{Model: "M/M/8", Rho: 1.4, Stable: false, WaitMean: 1 << 62}
	return s
}

// BenchmarkView renders a 160x48 screen of a busy shop: the UI's per-frame drawing
// cost, which must stay well under a frame (the target is 2 ms).
func BenchmarkView(b *testing.B) {
	f := newFakeShop(42)
	f.snap = busySnapshot()
	f.now = f.snap.Now
	a := New(Options{Shop: f, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second, Seed: 42, Speed: 100, Getenv: func(string) string { return "" }})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	a.Update(a.NextFrame())
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

// BenchmarkFrame is a whole frame on the fake shop: advance, snapshot, ingest, draw.
func BenchmarkFrame(b *testing.B) {
	f := newFakeShop(42)
	f.snap = busySnapshot()
	f.now = f.snap.Now
	a := New(Options{Shop: f, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second, Seed: 42, Speed: 100, Getenv: func(string) string { return "" }})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	b.ReportAllocs()
	for b.Loop() {
		a.Update(a.NextFrame())
		_ = a.View()
	}
}

// BenchmarkViewLesson renders a 120x40 lesson screen with its panel: the panel wraps
// its texts on every frame, which must stay cheap.
func BenchmarkViewLesson(b *testing.B) {
	f := newFakeShop(42)
	f.snap = busySnapshot()
	f.now = f.snap.Now
	a := New(Options{Shop: f, MeanInterarrival: 2 * time.Second, MeanBrew: 3 * time.Second, Seed: 42, Speed: 100, Lesson: sampleLesson(), Getenv: func(string) string { return "" }})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	a.Update(a.NextFrame())
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

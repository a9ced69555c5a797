package ui

import (
	"fmt"
	"regexp"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/lesson"
	"github.com/brewloop/brewloop/sim"
)

// fakeShop is a Shop for tests: it records every call, moves its clock as asked, and
// returns a fixed snapshot with its own clock and controls.
type fakeShop struct {
	seed     uint64
	now      time.Duration
	controls model.Controls
	snap     model.Snapshot // template; Now, Seed and Controls are filled in
	calls    []string       // control calls, as "SetBaristas(3)"
	advances []advanceCall
	steps    int
	snaps    int  // Snapshot calls
	lag      bool // AdvanceTo runs out of budget halfway
	closed   bool
	err      error // what Err returns: a task's failure
	stepRuns []int // task ids successive Steps report as LastRan
}

type advanceCall struct {
	t        time.Duration
	maxSteps int
}

func newFakeShop(seed uint64) *fakeShop {
	return &fakeShop{
		seed:     seed,
		controls: model.Controls{ArrivalRate: 1, BrewRate: 1, Baristas: 2, Machines: 2, Mode: config.ModeHandsOn},
		snap:     model.Snapshot{Scenario: "coffee-shop"},
	}
}

func (f *fakeShop) Snapshot() model.Snapshot {
	f.snaps++
	s := f.snap
	s.Now, s.Seed, s.Controls = f.now, f.seed, f.controls
	return s
}

func (f *fakeShop) AdvanceTo(t time.Duration, maxSteps int) bool {
	f.advances = append(f.advances, advanceCall{t, maxSteps})
	if f.lag {
		f.now += (t - f.now) / 2
		return false
	}
	f.now = t
	return true
}

func (f *fakeShop) Step() bool {
	f.steps++
	if len(f.stepRuns) > 0 {
		f.snap.LastRan, f.stepRuns = f.stepRuns[0], f.stepRuns[1:]
		return true
	}
	return false
}

func (f *fakeShop) Now() time.Duration { return f.now }

// Apply records the change as the setter it stands for ("SetBaristas(3)").
func (f *fakeShop) Apply(c model.Control) error {
	switch c.Knob {
	case model.KnobArrivalRate:
		f.controls.ArrivalRate = c.Rate
		f.calls = append(f.calls, "SetArrivalRate("+strconv.FormatFloat(c.Rate, 'g', -1, 64)+")")
	case model.KnobBrewRate:
		f.controls.BrewRate = c.Rate
		f.calls = append(f.calls, "SetBrewRate("+strconv.FormatFloat(c.Rate, 'g', -1, 64)+")")
	case model.KnobBaristas:
		f.controls.Baristas = c.N
		f.calls = append(f.calls, fmt.Sprintf("SetBaristas(%d)", c.N))
	case model.KnobMachines:
		f.controls.Machines = c.N
		f.calls = append(f.calls, fmt.Sprintf("SetMachines(%d)", c.N))
	case model.KnobBrewMode:
		f.controls.Mode = c.Mode
		f.calls = append(f.calls, "SetBrewMode("+c.Mode.String()+")")
	}
	return nil
}

func (f *fakeShop) Replaying() bool { return false }
func (f *fakeShop) Err() error      { return f.err }
func (f *fakeShop) Close()          { f.closed = true }

// sampleSnapshot is a small, busy-looking shop at 00:01:30 for golden views.
func sampleSnapshot() model.Snapshot {
	now := 90 * time.Second
	s := model.Snapshot{
		Now: now, Scenario: "coffee-shop", Seed: 42,
		Controls: model.Controls{ArrivalRate: 1, BrewRate: 1, Baristas: 2, Machines: 2, Mode: config.ModeHandsOn},
		QueueLen: 5, QueueCap: 20,
		Baristas: []model.BaristaView{
			{Name: "barista-1", State: model.BaristaBrewing, Order: 17, Item: "latte", Since: now - 2*time.Second, Start: now - 2*time.Second, End: now + 2*time.Second},
			{Name: "barista-2", State: model.BaristaWaitMachine, Order: 18, Item: "mocha", Since: now - time.Second},
		},
		Machines: []model.MachineView{
			{Busy: true, Order: 17, Item: "latte", Start: now - 2*time.Second, End: now + 2*time.Second},
			{},
		},
		Current: 0, LastRan: 3,
		EventsTotal: 4321,
		Metrics: model.Metrics{
			Arrived: 60, Served: 48, Balked: 3, Reneged: 2, InSystem: 7,
			WaitMean: 4200 * time.Millisecond, WaitP95: 11 * time.Second, SojournMean: 9 * time.Second,
			QueueLenMean: 2.31, UtilBaristas: 0.83, UtilMachines: 0.6, ThroughputPerHour: 1920,
		},
		Theory: &model.Theory{Model: "M/M/2/20", Rho: 0.83, Stable: true, PWait: 0.6, PBlock: 0.04,
			WaitMean: 3900 * time.Millisecond, SojournMean: 8 * time.Second, QueueLenMean: 2.1},
	}
	items := []string{"latte", "espresso", "cappuccino", "mocha", "flat white"}
	for i := range 5 {
		s.Queue = append(s.Queue, model.QueuedCustomer{ID: 19 + i, Item: items[i], Arrived: now - time.Duration(12-2*i)*time.Second})
	}
	s.Tasks = []sim.TaskInfo{
		{ID: 1, Name: "arrivals", State: sim.StateSleeping, Since: now - time.Second, Until: now + 1500*time.Millisecond},
		{ID: 2, Name: "barista-1", State: sim.StateSleeping, Since: now - 2*time.Second, Until: now + 2*time.Second},
		{ID: 3, Name: "barista-2", State: sim.StateWaiting, Awaiting: "semaphore machines", Since: now - time.Second},
		{ID: 17, Name: "customer-17", State: sim.StateWaiting, Awaiting: "future drink #17", Since: now - 5*time.Second},
		{ID: 18, Name: "customer-18", State: sim.StateWaiting, Awaiting: "future drink #18", Since: now - 3*time.Second},
		{ID: 19, Name: "customer-19", State: sim.StateReady, Since: now},
	}
	s.TaskCounts[sim.StateSleeping] = 2
	s.TaskCounts[sim.StateWaiting] = 3
	s.TaskCounts[sim.StateReady] = 1
	kinds := []sim.Kind{sim.KindSpawn, sim.KindRun, sim.KindSleep, sim.KindWake, sim.KindWait, sim.KindAcquire, sim.KindPut, sim.KindGet, sim.KindTimeout, sim.KindDone}
	for i := range 20 {
		k := kinds[i%len(kinds)]
		ev := sim.Record{Time: now - time.Duration(20-i)*300*time.Millisecond, Seq: uint64(4301 + i), Task: 2 + i%3, Name: "barista-" + strconv.Itoa(1+i%2), Kind: k}
		switch k {
		case sim.KindSleep:
			ev.Detail = "until " + sim.FormatClock(ev.Time+time.Second)
		case sim.KindWake:
			ev.Detail = "late 120ms"
		case sim.KindWait, sim.KindAcquire:
			ev.Object, ev.Detail = "semaphore machines", "1/2 held"
		case sim.KindPut, sim.KindGet:
			ev.Object = "queue orders"
		}
		s.Events = append(s.Events, ev)
	}
	for i := range 60 {
		s.History = append(s.History, model.Sample{T: time.Duration(i) * 1500 * time.Millisecond, QueueLen: (i * 7) % 11, WaitMean: time.Duration((i*5)%9) * 700 * time.Millisecond})
	}
	return s
}

// ansiRE matches the escape sequences Lip Gloss writes: CSI (colours) and OSC.
var ansiRE = regexp.MustCompile(`\x1b\[[0-9;:?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)`)

// stripANSI removes escape sequences, for golden files that hold only the text.
func stripANSI(s string) string { return ansiRE.ReplaceAllString(s, "") }

// fakePlayer is a fakeShop that replays a recording, like model.Player: it reports
// Replaying until any control change through it forks the run.
type fakePlayer struct {
	*fakeShop
	forked bool
}

func (p *fakePlayer) Replaying() bool { return !p.forked }

func (p *fakePlayer) Apply(c model.Control) error {
	p.forked = true
	return p.fakeShop.Apply(c)
}

// sampleLesson is a lesson with a program of its own (never run by the fake shop),
// whose Python is taller than an 80x24 screen can show.
func sampleLesson() *lesson.Lesson {
	l := shopPanel()
	l.Main = func(*sim.Task) error { return nil }
	return l
}

// shopPanel is a lesson panel without a program: it describes the shop, like
// model.PanelFor's for the coffee shop.
func shopPanel() *lesson.Lesson {
	return &lesson.Lesson{
		Name:    "gather",
		Summary: "run coroutines at once and wait for all",
		About: "Three coroutines sleep at the same time. gather waits for all of them, so the " +
			"whole run takes as long as the longest sleep, not the sum: 3 seconds, not 6.",
		Python: `import asyncio


async def work(name, delay):
	print(f"{name} starts")
	await asyncio.sleep(delay)
	print(f"{name} done after {delay}s")
	return delay


async def main():
	results = await asyncio.gather(work("a", 1), work("b", 2), work("c", 3))
	print("all done:", results)


asyncio.run(main())
`,
		Watch: "In Tasks, three tasks sleep together; in Events, their wake events come 1s apart. " +
			"The clock ends at 00:00:03.",
	}
}

package model

import (
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

// Snapshot is a read-only picture of the shop at one virtual time: everything the UI
// draws. It holds values only; changing the shop goes through Player.Apply.
type Snapshot struct {
	Now      time.Duration
	Scenario string
	Seed     uint64
	Controls Controls // the live control values

	Queue    []QueuedCustomer // the waiting customers in order, at most MaxQueueShown
	QueueLen int              // all waiting customers
	QueueCap int              // 0: unlimited

	Baristas []BaristaView
	Machines []MachineView
	Executor ExecutorView // executor mode: the worker pool

	Tasks       []sim.TaskInfo     // every live task, by id
	TaskCounts  [sim.NumStates]int // live tasks per state
	Current     int                // id of the running task, 0 between steps
	LastRan     int                // id of the task the last Step resumed (step mode highlight)
	LastStep    string             // what the last Step did: "ran #4 count-3", "timer fired: woke #4 count-3"
	StepTask    int                // id of the task the last Step was about, 0 if none
	Finished    bool               // nothing is left to run (a lesson that ended, a drained shop)
	Blocked     bool               // the loop is frozen by a blocking call
	BlockedBy   string             // the task that blocks it
	BlockedTill time.Duration

	Events      []sim.Record // the most recent events, oldest first (at most the log's capacity)
	EventsTotal uint64       // events since the start of the run

	History []Sample // queue length and wait over the recent past, oldest first

	Metrics Metrics
	Theory  *Theory // nil when the configuration is not a textbook queue
}

// MaxQueueShown bounds Snapshot.Queue so a long queue costs a bounded copy per frame.
const MaxQueueShown = 200

// QueuedCustomer is one customer waiting in the order queue.
type QueuedCustomer struct {
	ID      int // order number
	Item    string
	Arrived time.Duration
}

// BaristaState is what a barista is doing.
type BaristaState uint8

// The barista states the Baristas pane shows.
const (
	BaristaIdle         BaristaState = iota // waiting for an order
	BaristaTaking                           // taking an order
	BaristaBrewing                          // brewing (hands-on, blocking) or handing off (async, executor)
	BaristaWaitMachine                      // waiting for a free espresso machine
	BaristaBlocked                          // brewing with a blocking call: the loop is frozen
	BaristaWaitExecutor                     // waiting for the executor to finish a brew
	BaristaLeaving                          // removed by the control, finishing the current order
)

var baristaStateNames = [...]string{"idle", "taking order", "brewing", "waiting for machine", "blocked", "waiting for executor", "leaving"}

// String returns the state as the Baristas pane shows it.
func (s BaristaState) String() string {
	if int(s) < len(baristaStateNames) {
		return baristaStateNames[s]
	}
	return "?"
}

// BaristaView is one barista.
type BaristaView struct {
	Name  string
	State BaristaState
	Order int    // order number being handled, 0 if none
	Item  string // its drink
	Since time.Duration
	Start time.Duration // hands-on or blocking brew: start and end, for a progress bar
	End   time.Duration
}

// MachineView is one espresso machine.
type MachineView struct {
	Busy  bool
	Order int
	Item  string
	Start time.Duration
	End   time.Duration
}

// ExecutorView is the executor pool (executor mode).
type ExecutorView struct {
	Workers int
	Busy    int
	Queued  int
	Jobs    []MachineView // one per worker
}

// Sample is one point of the live charts.
type Sample struct {
	T        time.Duration
	QueueLen int
	WaitMean time.Duration // mean wait of the customers whose order was taken since the previous sample
}

// Controls are the live control values (sliders and keys).
type Controls struct {
	ArrivalRate float64         // factor on the arrival rate (1 = as configured)
	BrewRate    float64         // factor on the brew speed (1 = as configured)
	Baristas    int             //
	Machines    int             //
	Mode        config.BrewMode //
}

// Metrics are the shop's running statistics.
type Metrics struct {
	Arrived, Served, Balked, Reneged, InSystem int

	WaitMean, WaitP50, WaitP95, WaitP99 time.Duration // arrival until a barista takes the order
	SojournMean                         time.Duration // arrival until the drink is received

	QueueLenMean      float64 // time-average queue length
	UtilBaristas      float64 // busy fraction, 0..1
	UtilMachines      float64 // busy fraction, 0..1
	ThroughputPerHour float64 // served per virtual hour

	LatenessP95, LatenessMax time.Duration // how late sleeps woke (blocking mode makes this > 0)
	Blocked                  time.Duration // total time the loop was frozen
}

// Theory is what queueing theory predicts for a textbook configuration.
type Theory struct {
	Model        string  // "M/M/4" or "M/M/4/10"
	Rho          float64 // utilisation per server, lambda/(c mu)
	Stable       bool    // rho < 1 (always true with a finite capacity)
	PWait        float64 // probability an arrival waits (Erlang C)
	PBlock       float64 // probability an arrival is turned away (M/M/c/K), 0 without capacity
	WaitMean     time.Duration
	SojournMean  time.Duration
	QueueLenMean float64
}

package model

import (
	"errors"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/lesson"
	"github.com/brewloop/brewloop/sim"
)

// Shop is the coffee shop on a sim loop: an arrival task, customers, baristas, brew
// tasks, espresso machines (a semaphore) and, in executor mode, a thread pool. It is
// driven and changed only through a Player (player.go), whose control changes take
// effect at the current virtual time and are logged for replay.
type Shop struct {
	cfg      *config.Config
	scenario string
	e        *sim.Engine
	log      *EventLog // recent events for the UI, nil when not kept

	orders   *sim.Queue[*Order]
	machines *sim.Semaphore
	slots    []*Order // which order each machine brews (display)
	exec     *sim.Executor
	baristas []*barista
	nextB    int

	controls Controls
	changes  []ControlChange

	rArrive, rMenu, rBrew, rPatience, rOrder *rand.Rand
	menuCum                                  []float64 // cumulative weights

	nextOrder    int
	served       []*Order // served customers' orders, whose storage the next arrivals reuse
	arrivalsDone bool
	stopped      bool
	waiting      int // customers in the order queue (not yet taken, not reneged)

	m        metrics
	history  history
	err      error
	lesson   *lesson.Lesson
	lastStep string // what the last Step did, for the step-mode header
	stepTask int    // the task it was about
	counter  func(name string, t time.Duration, v float64)
}

// Order is one customer's order.
type Order struct {
	ID                 int
	Item               int // index into the menu
	Arrived            time.Duration
	Taken              time.Duration
	brew               time.Duration // sampled at arrival, before the brew rate
	order              time.Duration // order-taking time, sampled at arrival
	patience           time.Duration // 0: waits forever
	gone               bool          // reneged: baristas skip it
	brewStart, brewEnd time.Duration
	taken              sim.Event // set when a barista takes the order (only with patience)
	ready              sim.Event // set when the drink is ready
	run                sim.Func  // the customer's task body, made once per Order storage
}

type barista struct {
	s       *Shop
	name    string
	task    *sim.Task
	state   BaristaState
	order   *Order
	since   time.Duration
	start   time.Duration
	end     time.Duration
	leaving bool
}

// Option configures a Shop.
type Option func(*shopOptions)

type shopOptions struct {
	fingerprint bool
	tracer      sim.Tracer
	logSize     int
	scenario    string
	counter     func(name string, t time.Duration, v float64)
}

// WithCounters calls fn whenever the queue length or the number of busy machines
// changes (the Perfetto exporter's counter tracks).
func WithCounters(fn func(name string, t time.Duration, v float64)) Option {
	return func(o *shopOptions) { o.counter = fn }
}

// WithTracer hands every event of the run to tr (a trace file, a hash).
func WithTracer(tr sim.Tracer) Option { return func(o *shopOptions) { o.tracer = tr } }

// WithFingerprint has the engine fingerprint the run's events (for summaries,
// recordings and --verify; see Shop.Fingerprint). It costs a few nanoseconds an
// event, far less than hashing the trace's JSON.
func WithFingerprint() Option { return func(o *shopOptions) { o.fingerprint = true } }

// WithEventLog keeps the last n events for Snapshot.Events (the UI's event log).
func WithEventLog(n int) Option { return func(o *shopOptions) { o.logSize = n } }

// WithScenario records the scenario name shown in snapshots and summaries.
func WithScenario(name string) Option { return func(o *shopOptions) { o.scenario = name } }

// NewShop builds the shop of cfg at virtual time 0. It validates cfg first.
func NewShop(cfg *config.Config, opts ...Option) (*Shop, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	var o shopOptions
	for _, opt := range opts {
		opt(&o)
	}
	s := &Shop{cfg: cfg.Clone(), scenario: o.scenario, counter: o.counter}
	if o.logSize > 0 {
		s.log = NewEventLog(o.logSize)
	}
	eopts := []sim.Option{sim.WithSeed(cfg.Seed), sim.WithTracer(sim.Tee(o.tracer, logTracer(s.log)))}
	if o.fingerprint {
		eopts = append(eopts, sim.WithFingerprint())
	}
	s.e = sim.New(eopts...)
	s.rArrive, s.rMenu = s.e.Rand("arrivals"), s.e.Rand("menu")
	s.rBrew, s.rPatience, s.rOrder = s.e.Rand("brew"), s.e.Rand("patience"), s.e.Rand("order")
	total := 0.0
	for _, it := range s.cfg.Menu {
		total += it.Weight
		s.menuCum = append(s.menuCum, total)
	}
	s.controls = Controls{
		ArrivalRate: s.cfg.Arrivals.Rate, BrewRate: s.cfg.Brew.Rate,
		Baristas: s.cfg.Shop.Baristas, Machines: s.cfg.Shop.Machines, Mode: s.cfg.Shop.BrewMode,
	}
	s.orders = sim.NewQueue[*Order](s.e, "orders", 0)
	s.machines = sim.NewSemaphore(s.e, "machines", s.controls.Machines)
	s.slots = make([]*Order, s.controls.Machines)
	s.exec = sim.NewExecutor(s.e, "executor", s.cfg.Shop.ExecutorWorkers)
	s.m.init(s)
	s.e.OnWake(s.m.wakeLate) // the loop's lateness: every sleep's wake, of every task
	s.history.init(time.Second, 3600)
	if l, ok := lesson.Lookup(o.scenario); ok {
		s.runLesson(l)
		return s, nil
	}
	s.e.Spawn("arrivals", s.arrivals)
	for i := 0; i < s.controls.Baristas; i++ {
		s.addBarista()
	}
	return s, nil
}

func logTracer(l *EventLog) sim.Tracer {
	if l == nil {
		return nil
	}
	return l
}

// Config returns a copy of the shop's configuration.
func (s *Shop) Config() *config.Config { return s.cfg.Clone() }

// Scenario returns the scenario name.
func (s *Shop) Scenario() string { return s.scenario }

// Now returns the virtual time.
func (s *Shop) Now() time.Duration { return s.e.Now() }

// Events returns how many events the run has produced.
func (s *Shop) Events() uint64 { return s.e.Events() }

// Finished reports whether the run has nothing left to do (a customers-limited
// run that has drained).
func (s *Shop) Finished() bool { return s.e.Idle() && s.e.NumLive() == 0 }

// Close ends the run's coroutines. The shop cannot advance afterwards.
func (s *Shop) Close() { s.e.Close() }

// MeanInterarrival returns the configured mean time between arrivals at rate 1.
func (s *Shop) MeanInterarrival() time.Duration { return s.cfg.Arrivals.Interarrival.Mean() }

// MeanBrew returns the configured mean brew time at rate 1 (menu weighted).
func (s *Shop) MeanBrew() time.Duration {
	var sum, w float64
	for _, it := range s.cfg.Menu {
		sum += it.Weight * float64(it.Brew.Mean())
		w += it.Weight
	}
	return time.Duration(sum / w)
}

// arrivalFactor is the arrival-rate factor in force at now: the live control times
// the schedule step that has started.
func (s *Shop) arrivalFactor(now time.Duration) float64 {
	f := s.controls.ArrivalRate
	for _, st := range s.cfg.Arrivals.Schedule {
		if st.From <= now {
			f = s.controls.ArrivalRate * st.Rate
		}
	}
	return f
}

// arrivals is the task that spawns customers until the run's customer limit.
// Every draw for a customer (menu item, brew time, patience, order time) is made
// here, at arrival, from its own stream: the same customers arrive whatever the
// number of baristas or the brew mode.
func (s *Shop) arrivals(t *sim.Task) error {
	for {
		if n := s.cfg.Run.Customers; n > 0 && s.nextOrder >= n {
			s.arrivalsDone = true
			s.maybeClose()
			return nil
		}
		gap := s.cfg.Arrivals.Interarrival.Sample(s.rArrive)
		f := s.arrivalFactor(t.Now())
		if err := t.Sleep(time.Duration(float64(gap) / f)); err != nil {
			return err
		}
		o := s.drawOrder(t.Now())
		s.m.arrive() // counted now, so the shop cannot close before this customer runs
		// Nothing awaits a customer: the loop reuses its task's storage once it is done.
		t.SpawnN("customer", o.ID, o.run).Release()
		if err := s.checkLoad(); err != nil {
			return err // bounded memory: see MaxCustomersInShop
		}
	}
}

// drawOrder draws the order of the next customer, arriving now.
func (s *Shop) drawOrder(now time.Duration) *Order {
	s.nextOrder++
	o := s.newOrder()
	*o = Order{ID: s.nextOrder, Arrived: now, Item: s.pickItem(), run: o.run}
	o.brew = s.cfg.Menu[o.Item].Brew.Sample(s.rBrew)
	if p := s.cfg.Customers.Patience; !p.IsNone() {
		o.patience = max(p.Sample(s.rPatience), 1) // a zero patience still queues for an instant
	}
	o.order = s.cfg.Customers.OrderTime.Sample(s.rOrder)
	return o
}

func (s *Shop) pickItem() int {
	if len(s.menuCum) == 1 {
		return 0
	}
	x := s.rMenu.Float64() * s.menuCum[len(s.menuCum)-1]
	for i, c := range s.menuCum {
		if x < c {
			return i
		}
	}
	return len(s.menuCum) - 1
}

// customer is the task of o's customer: it joins the queue (or balks when the
// queue is full), waits for a barista to take the order (reneging if its patience
// runs out first), then waits for the drink and leaves.
func (s *Shop) customer(t *sim.Task, o *Order) error {
	if limit := s.cfg.Shop.QueueCapacity; limit > 0 && s.waiting >= limit {
		s.say(t, o, "queue full, leaving")
		s.m.balk()
		s.maybeClose()
		return nil
	}
	s.say(t, o, "Customer arrived!")
	o.ready = sim.MakeEvent(s.e, "drink")
	if o.patience > 0 {
		o.taken = sim.MakeEvent(s.e, "barista")
	}
	s.setWaiting(t.Now(), s.waiting+1)
	if err := s.orders.Put(t, o); err != nil {
		return err
	}
	if o.patience > 0 {
		err := sim.WaitFor(t, o.patience, o.taken.Wait)
		if errors.Is(err, sim.ErrTimeout) && o.taken.IsSet() {
			// A barista took the order at the very instant patience ran out (the
			// wake and the deadline fell due together, and asyncio's wait_for
			// reports the timeout then): the order is taken, so the customer stays.
			err = nil
		}
		if errors.Is(err, sim.ErrTimeout) {
			o.gone = true
			s.setWaiting(t.Now(), s.waiting-1)
			s.say(t, o, "waited too long, leaving")
			s.m.renege()
			s.maybeClose()
			return nil
		}
		if err != nil {
			return err
		}
	}
	if err := o.ready.Wait(t); err != nil {
		return err
	}
	s.m.serve(t.Now(), o)
	s.maybeClose()
	s.served = append(s.served, o)
	return nil
}

// newOrder returns storage for an order: a served customer's, or a new one. A
// served order is referenced by nothing once its customer's task has returned
// (which it does right after putting the order on the served list, before any
// other task runs): it left the queue when a barista took it, its machine slot
// was freed before its drink was ready, the barista has moved on, and snapshots
// hold order numbers, not orders. A reneged order is never reused (it stays in
// the queue until a barista drops it). The list is never longer than the most
// customers ever in the shop at once.
func (s *Shop) newOrder() *Order {
	n := len(s.served)
	if n == 0 {
		o := new(Order)
		o.run = func(t *sim.Task) error { return s.customer(t, o) }
		return o
	}
	o := s.served[n-1]
	s.served[n-1] = nil
	s.served = s.served[:n-1]
	return o
}

// say makes t say "Order N: what" when the config narrates. The event counts
// whatever the outputs; its text is built only when something listens (it costs
// time on a million customers).
func (s *Shop) say(t *sim.Task, o *Order, what string) {
	switch {
	case !s.cfg.Shop.Narrate:
	case s.e.Tracing():
		t.Say("Order " + strconv.Itoa(o.ID) + ": " + what)
	default:
		t.Say("")
	}
}

// sayBrewing says how long o's brew takes, as the asyncio tutorial's shop does.
func (s *Shop) sayBrewing(t *sim.Task, o *Order, d time.Duration) {
	switch {
	case !s.cfg.Shop.Narrate:
	case s.e.Tracing():
		t.Say("Order " + strconv.Itoa(o.ID) + ": Brewing coffee... (takes " + seconds(d) + " seconds)")
	default:
		t.Say("")
	}
}

func (s *Shop) setWaiting(now time.Duration, n int) {
	s.waiting = n
	s.m.queueLen.Set(now, float64(n))
	if s.counter != nil {
		s.counter("queue length", now, float64(n))
	}
}

// maybeClose ends a customers-limited run once the last customer has left: the
// baristas are cancelled so the loop runs out of work instead of waiting forever.
func (s *Shop) maybeClose() {
	if !s.arrivalsDone || s.stopped || s.m.inSystem() > 0 {
		return
	}
	s.stopped = true
	s.orders.Close()
}

// runLesson starts the lesson's main task in place of the shop's tasks.
func (s *Shop) runLesson(l *lesson.Lesson) {
	s.lesson = l
	s.e.Spawn("main", l.Main)
}

// Lesson returns the lesson the shop runs, or nil for a coffee shop.
func (s *Shop) Lesson() *lesson.Lesson { return s.lesson }

// Fingerprint returns the engine's fingerprint of the run so far, the number of
// events it covers, and its checkpoints (see sim.Engine.FingerprintCheckpoints);
// all empty unless the shop was made WithFingerprint.
func (s *Shop) Fingerprint() (sum string, events, every uint64, checkpoints []string) {
	every, checkpoints = s.e.FingerprintCheckpoints()
	return s.e.Fingerprint(), s.e.Events(), every, checkpoints
}

package config

import (
	"slices"
	"strings"
)

// Scenario is a named preset: a config overlay applied over the defaults (and over a --config
// file) by Resolve, listed by `brewloop scenarios`.
//
// A shop scenario's overlay sets every key that defines the shop — shop, arrivals, customers,
// menu, brew and run — so the scenario means the same whatever file it is layered on; it
// leaves seed and ui to the user.
type Scenario struct {
	Name        string
	Summary     string // one line for `brewloop scenarios`
	Overlay     string // YAML, layered like a --config file
	StartPaused bool   // the TUI starts paused (for step-by-step lessons)
	Lesson      string // the asyncio lesson a lesson scenario teaches; empty for shops
}

// Scenarios returns every scenario, sorted by name. The slice is built on each call, so
// callers may change it freely.
func Scenarios() []Scenario {
	s := []Scenario{
		{
			Name:    "coffee-shop",
			Summary: "the asyncio tutorial's coffee shop: a customer every 1-3 s, brews of 1-5 s, async baristas (the default)",
			Overlay: coffeeShopOverlay,
		},
		{
			Name:    "mmc",
			Summary: "a textbook M/M/4 queue: hands-on baristas, exponential arrivals and brews, utilisation 0.9, checked against theory",
			Overlay: mmcOverlay,
		},
		{
			Name:    "rush-hour",
			Summary: "a 12-hour day with morning, lunch and afternoon rushes; a full queue turns customers away and impatient ones leave",
			Overlay: rushHourOverlay,
		},
		// Lesson scenarios run a lesson's program (model/lesson) instead of the shop. The
		// overlay only restates the default shop, so that every key is set (the shop is unused).
		{Name: "count", Lesson: "count", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: three count() tasks gathered say One, One, One, then Two, Two, Two a second later; ends at 1 s"},
		{Name: "count-sequential", Lesson: "count-sequential", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: the same count() awaited three times in a row runs them one after another; ends at 3 s"},
		{Name: "gather", Lesson: "gather", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: hello(1), world() and hello(3) gathered: 1 Hello and 3 Hello at once, world! at 3 s"},
		{Name: "sequential", Lesson: "sequential", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: hello(1), world() and hello(3) awaited in turn: 3 Hello waits for world! at 3 s"},
		{Name: "blocking", Lesson: "blocking", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: time.sleep in a coroutine stops the whole loop; the clock task's tick comes 2.5 s late"},
		{Name: "to-thread", Lesson: "to-thread", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: the same blocking brew in a worker thread (asyncio.to_thread); every tick is on time"},
		{Name: "timeout", Lesson: "timeout", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: wait_for gives up on a 5 s brew after 2 s: the brew is cancelled and the customer leaves"},
		{Name: "cancel", Lesson: "cancel", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: two brew tasks, one cancelled: done(), cancelled() and result() before and after"},
		{Name: "primitives", Lesson: "primitives", StartPaused: true, Overlay: coffeeShopOverlay,
			Summary: "asyncio lesson: Queue, Event, Semaphore, Lock, Condition and Barrier in one small coffee shop"},
	}
	slices.SortFunc(s, func(a, b Scenario) int { return strings.Compare(a.Name, b.Name) })
	return s
}

// ScenarioNames returns the scenarios' names, sorted.
func ScenarioNames() []string {
	s := Scenarios()
	names := make([]string, len(s))
	for i, sc := range s {
		names[i] = sc.Name
	}
	return names
}

// LookupScenario returns the scenario with the given name.
func LookupScenario(name string) (Scenario, bool) {
	for _, s := range Scenarios() {
		if s.Name == name {
			return s, true
		}
	}
	return Scenario{}, false
}

// coffeeShopOverlay restates config.yaml's shop, so that --scenario coffee-shop also resets a
// --config file's shop to the default one.
const coffeeShopOverlay = `
shop:
  baristas: 2
  machines: 3
  queue_capacity: 0
  brew_mode: async
  executor_workers: 4
  narrate: true
arrivals:
  interarrival: uniform(1s, 3s)
  rate: 1.0
  schedule: []
customers:
  order_time: fixed(0s)
  patience: none
menu:
  - name: espresso
    weight: 1
    brew: uniform(1s, 5s)
brew:
  rate: 1.0
run:
  duration: 1h
  customers: 0
`

// mmcOverlay is the M/M/c queue: Poisson arrivals at lambda = 1/16.667s, exponential
// service at mu = 1/60s per server, c = 4 servers (a barista brewing hands-on holds one of
// the 4 machines, so baristas and machines are the same servers), no order time, no
// capacity, no reneging. rho = lambda / (c mu) = 60 / (4 * 16.667) = 0.9. At rho = 0.9
// waits are long and correlated, so 100 virtual hours (about 21,600 customers) are needed
// for the simulated means to settle near Erlang C's.
const mmcOverlay = `
shop: {baristas: 4, machines: 4, queue_capacity: 0, brew_mode: hands-on, executor_workers: 4, narrate: false}
arrivals: {interarrival: exponential(16.667s), rate: 1.0, schedule: []}
customers: {order_time: fixed(0s), patience: none}
menu:
  - {name: espresso, weight: 1, brew: exponential(60s)}
brew: {rate: 1.0}
run: {duration: 100h, customers: 0}
`

// rushHourOverlay is a day from 07:00 (time 0) to 19:00. Two baristas take orders in 30 s on
// average: 4 orders a minute. Customers arrive 2 a minute, 5 in the morning rush and 4 at
// lunch, so the queue fills up: at 10 waiting, newcomers balk, and those waiting longer than
// their patience (about 4 minutes) renege. Four machines brew about 5 drinks a minute,
// enough for everyone who orders.
const rushHourOverlay = `
shop:
  baristas: 2
  machines: 4
  queue_capacity: 10
  brew_mode: async
  executor_workers: 4
  narrate: true
arrivals:
  interarrival: exponential(30s)
  rate: 1.0
  schedule:
    - {from: 0s, rate: 1.0}       # 07:00 opening
    - {from: 1h, rate: 2.5}       # 08:00 morning rush
    - {from: 2h30m, rate: 1.0}    # 09:30
    - {from: 5h, rate: 2.0}       # 12:00 lunch
    - {from: 6h30m, rate: 0.7}    # 13:30 afternoon lull
    - {from: 9h, rate: 1.5}       # 16:00 school's out
    - {from: 10h, rate: 0.5}      # 17:00 evening
customers:
  order_time: uniform(20s, 40s)
  patience: normal(4m, 1m30s)
menu:
  - name: espresso
    weight: 3
    brew: uniform(20s, 40s)
  - name: latte
    weight: 4
    brew: normal(1m, 15s)
  - name: cappuccino
    weight: 2
    brew: lognormal(50s, 15s)
brew:
  rate: 1.0
run:
  duration: 12h
  customers: 0
`

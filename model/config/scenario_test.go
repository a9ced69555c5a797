package config

import (
	"math"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model/dist"
)

func TestScenariosListed(t *testing.T) {
	s := Scenarios()
	names := ScenarioNames()
	if !slices.IsSorted(names) {
		t.Errorf("ScenarioNames() = %v, want sorted", names)
	}
	if len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Errorf("ScenarioNames() = %v, want unique names", names)
	}
	for _, want := range []string{"coffee-shop", "mmc", "rush-hour"} {
		if !slices.Contains(names, want) {
			t.Errorf("ScenarioNames() = %v, want it to include %q", names, want)
		}
	}
	for i, sc := range s {
		if sc.Name != names[i] {
			t.Errorf("Scenarios()[%d].Name = %q, want %q (same order as ScenarioNames)", i, sc.Name, names[i])
		}
		if sc.Summary == "" || strings.Contains(sc.Summary, "\n") {
			t.Errorf("scenario %q Summary = %q, want one non-empty line", sc.Name, sc.Summary)
		}
	}
}

// TestScenariosBuiltFresh checks that changing what Scenarios returns changes nothing
// for the next caller.
func TestScenariosBuiltFresh(t *testing.T) {
	s := Scenarios()
	s[0].Name, s[0].Overlay = "changed", "seed: 1"
	if got := Scenarios()[0]; got.Name == "changed" || got.Overlay == "seed: 1" {
		t.Errorf("Scenarios()[0] = %+v after changing an earlier result, want the original", got)
	}
}

func TestLookupScenario(t *testing.T) {
	tests := []struct {
		name string
		ok   bool
	}{
		{"coffee-shop", true},
		{"mmc", true},
		{"rush-hour", true},
		{"rush", false},
		{"", false},
		{"MMC", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, ok := LookupScenario(tt.name)
			if ok != tt.ok || (ok && sc.Name != tt.name) {
				t.Errorf("LookupScenario(%q) = %q, %v; want ok %v", tt.name, sc.Name, ok, tt.ok)
			}
		})
	}
}

// TestScenariosValid loads every scenario over the defaults and checks that it validates
// and means the same over any base: its overlay sets every key that defines the shop.
func TestScenariosValid(t *testing.T) {
	base := defaultSource(t)
	odd := &Source{Name: "odd.yaml", Data: []byte(`
shop: {baristas: 9, machines: 1, queue_capacity: 3, brew_mode: blocking, executor_workers: 9}
arrivals: {interarrival: fixed(9s), rate: 9, schedule: [{from: 1h, rate: 9}]}
customers: {order_time: fixed(9s), patience: fixed(9s)}
menu: [{name: odd, weight: 9, brew: fixed(9s)}, {name: odder, weight: 9, brew: fixed(9s)}]
brew: {rate: 9}
run: {duration: 9h, customers: 9}
`)}
	for _, sc := range Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			c, err := Resolve(Options{Base: base, Scenario: sc.Name})
			if err != nil {
				t.Fatalf("Resolve(--scenario %s) error:\n%v", sc.Name, err)
			}
			over, err := Resolve(Options{Base: base, File: odd, Scenario: sc.Name})
			if err != nil {
				t.Fatalf("Resolve(--config odd.yaml --scenario %s) error:\n%v", sc.Name, err)
			}
			if !reflect.DeepEqual(over, c) {
				t.Errorf("Resolve(--config odd.yaml --scenario %s) =\n%+v\nwant\n%+v (the overlay must set every shop key)", sc.Name, over, c)
			}
		})
	}
}

func TestCoffeeShopIsTheDefault(t *testing.T) {
	base := defaultSource(t)
	c := mustResolve(t, Options{Base: base, Scenario: "coffee-shop"})
	if want := wantDefault(); !reflect.DeepEqual(c, want) {
		t.Errorf("Resolve(--scenario coffee-shop) =\n%+v\nwant config.yaml's\n%+v", c, want)
	}
}

func TestMMCScenario(t *testing.T) {
	c := mustResolve(t, Options{Base: defaultSource(t), Scenario: "mmc"})
	checks := []struct {
		what      string
		got, want any
	}{
		{"shop.brew_mode", c.Shop.BrewMode, ModeHandsOn},
		{"shop.baristas", c.Shop.Baristas, 4},
		{"shop.machines", c.Shop.Machines, 4},
		{"shop.queue_capacity", c.Shop.QueueCapacity, 0},
		{"arrivals.interarrival", c.Arrivals.Interarrival, dist.Exponential(16667 * time.Millisecond)},
		{"arrivals.rate", c.Arrivals.Rate, 1.0},
		{"arrivals.schedule", len(c.Arrivals.Schedule), 0},
		{"customers.order_time", c.Customers.OrderTime, dist.Fixed(0)},
		{"customers.patience", c.Customers.Patience, dist.Dist{}},
		{"len(menu)", len(c.Menu), 1},
		{"menu.0.brew", c.Menu[0].Brew, dist.Exponential(time.Minute)},
		{"brew.rate", c.Brew.Rate, 1.0},
		{"run.customers", c.Run.Customers, 0},
	}
	for _, ck := range checks {
		t.Run(ck.what, func(t *testing.T) {
			if ck.got != ck.want {
				t.Errorf("mmc %s = %v, want %v", ck.what, ck.got, ck.want)
			}
		})
	}
	// rho = lambda / (c mu) = E[service] / (c E[interarrival]).
	rho := c.Menu[0].Brew.Mean().Seconds() / (float64(c.Shop.Baristas) * c.Arrivals.Interarrival.Mean().Seconds())
	if math.Abs(rho-0.9) > 0.001 {
		t.Errorf("mmc utilisation = %.4f, want 0.9", rho)
	}
	if c.Run.Duration < 50*time.Hour {
		t.Errorf("mmc run.duration = %v, want at least 50h for the means to settle", c.Run.Duration)
	}
}

// TestRushHourScenario checks that the rush hour can make people balk and renege: a queue
// limit, finite patience, and a peak arrival rate above what the baristas can take.
func TestRushHourScenario(t *testing.T) {
	c := mustResolve(t, Options{Base: defaultSource(t), Scenario: "rush-hour"})
	if c.Shop.QueueCapacity <= 0 {
		t.Errorf("rush-hour shop.queue_capacity = %d, want > 0 so customers balk", c.Shop.QueueCapacity)
	}
	if c.Customers.Patience.IsNone() {
		t.Errorf("rush-hour customers.patience = none, want a distribution so customers renege")
	}
	if len(c.Arrivals.Schedule) < 3 {
		t.Fatalf("rush-hour arrivals.schedule has %d steps, want several", len(c.Arrivals.Schedule))
	}
	peak, low := 0.0, math.Inf(1)
	for _, s := range c.Arrivals.Schedule {
		peak, low = max(peak, s.Rate), min(low, s.Rate)
	}
	perMinute := func(d time.Duration) float64 { return time.Minute.Seconds() / d.Seconds() }
	arrivals := perMinute(c.Arrivals.Interarrival.Mean()) * c.Arrivals.Rate
	orders := perMinute(c.Customers.OrderTime.Mean()) * float64(c.Shop.Baristas)
	if arrivals*peak <= orders {
		t.Errorf("rush-hour peak arrivals = %.1f/min, want more than the %.1f/min the baristas take", arrivals*peak, orders)
	}
	if arrivals*low >= orders {
		t.Errorf("rush-hour quietest arrivals = %.1f/min, want fewer than the %.1f/min the baristas take", arrivals*low, orders)
	}
	if last := c.Arrivals.Schedule[len(c.Arrivals.Schedule)-1].From; last >= c.Run.Duration {
		t.Errorf("rush-hour last schedule step at %v, want before run.duration %v", last, c.Run.Duration)
	}
}

func TestResolveUnknownScenario(t *testing.T) {
	tests := []struct {
		name, want string
	}{
		{"rush", `--scenario rush: unknown scenario "rush"; did you mean "rush-hour"? (allowed: blocking, cancel, coffee-shop, count, count-sequential, gather, mmc, primitives, rush-hour, sequential, timeout, to-thread)`},
		{"mcc", `--scenario mcc: unknown scenario "mcc"; did you mean "mmc"? (allowed: blocking, cancel, coffee-shop, count, count-sequential, gather, mmc, primitives, rush-hour, sequential, timeout, to-thread)`},
		{"tea-house", `--scenario tea-house: unknown scenario "tea-house" (allowed: blocking, cancel, coffee-shop, count, count-sequential, gather, mmc, primitives, rush-hour, sequential, timeout, to-thread)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Resolve(Options{Base: defaultSource(t), Scenario: tt.name})
			if err == nil || err.Error() != tt.want {
				t.Errorf("Resolve(--scenario %s) = %v, %v; want error %q", tt.name, c, err, tt.want)
			}
		})
	}
}

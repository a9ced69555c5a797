package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/lesson"
	"github.com/brewloop/brewloop/model/theory"
	"github.com/brewloop/brewloop/sim"
)

// resolveT resolves the embedded defaults with a scenario and --set overrides.
func resolveT(t testing.TB, scenario string, sets ...string) *config.Config {
	t.Helper()
	base, err := os.ReadFile("../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml", Data: base}, Scenario: scenario, Sets: sets})
	if err != nil {
		t.Fatalf("Resolve(%q, %q) = %v", scenario, sets, err)
	}
	return cfg
}

func newShopT(t testing.TB, cfg *config.Config, opts ...Option) *Player {
	t.Helper()
	s, err := NewShop(cfg, opts...)
	if err != nil {
		t.Fatalf("NewShop = %v", err)
	}
	t.Cleanup(s.Close)
	return Live(s)
}

// runCustomers runs a customers-limited shop until it drains.
func runCustomers(t testing.TB, s *Player) {
	t.Helper()
	for !s.Finished() {
		if err := s.RunUntil(s.Now() + time.Hour); err != nil {
			t.Fatalf("RunUntil = %v", err)
		}
	}
}

// meanCI returns the mean of xs and the half-width of its 99.9% confidence interval
// (Student t), for results of independent seeds.
func meanCI(xs []float64) (mean, half float64) {
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	var ss float64
	for _, x := range xs {
		ss += (x - mean) * (x - mean)
	}
	sd := math.Sqrt(ss / float64(len(xs)-1))
	// t quantiles for 99.9% two-sided with n-1 degrees of freedom, n = 8.
	const t999df7 = 5.408
	return mean, t999df7 * sd / math.Sqrt(float64(len(xs)))
}

// TestShopAgreesWithTheory checks long seeded runs of hands-on shops with exponential times
// against Erlang C (and one M/M/c/K against its blocking formula). The tolerance is
// the 99.9% confidence interval over 8 independent seeds plus 2% for the warm-up
// bias of starting empty, so it is justified by the run length rather than picked.
func TestShopAgreesWithTheory(t *testing.T) {
	cases := []struct {
		name          string
		c, capacity   int
		rho           float64
		customers     int
		wantLittleErr float64
	}{
		{"M/M/1 rho 0.5", 1, 0, 0.5, 30_000, 0.01},
		{"M/M/2 rho 0.7", 2, 0, 0.7, 30_000, 0.01},
		{"M/M/4 rho 0.9", 4, 0, 0.9, 60_000, 0.01},
		{"M/M/2 rho 0.9", 2, 0, 0.9, 60_000, 0.01},
		{"M/M/2/6 rho 0.9", 2, 4, 0.9, 30_000, 0.01},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			brew := 60 * time.Second
			inter := time.Duration(float64(brew) / (tc.rho * float64(tc.c)))
			var waits, blocks, littles []float64
			var th *Theory
			for seed := 1; seed <= 8; seed++ {
				cfg := resolveT(t, "mmc",
					fmt.Sprintf("seed=%d", seed),
					fmt.Sprintf("shop.baristas=%d", tc.c), fmt.Sprintf("shop.machines=%d", tc.c),
					fmt.Sprintf("shop.queue_capacity=%d", tc.capacity),
					fmt.Sprintf("arrivals.interarrival=exponential(%s)", inter),
					fmt.Sprintf("menu.0.brew=exponential(%s)", brew),
					fmt.Sprintf("run.customers=%d", tc.customers))
				s := newShopT(t, cfg)
				th = s.Theory()
				runCustomers(t, s)
				m := s.Metrics()
				waits = append(waits, m.WaitMean.Seconds())
				blocks = append(blocks, float64(m.Balked)/float64(m.Arrived))
				// Little's law on simulated numbers: mean queue length = arrival rate
				// of those who joined the queue x their mean wait.
				lambda := float64(m.Arrived-m.Balked) / s.Now().Seconds()
				littles = append(littles, theory.LittleCheck(m.QueueLenMean, lambda, m.WaitMean.Seconds()))
			}
			if th == nil {
				t.Fatal("Theory() = nil for a textbook hands-on shop")
			}
			mean, half := meanCI(waits)
			want := th.WaitMean.Seconds()
			t.Logf("wait %.2fs ± %.2fs vs %.2fs", mean, half, want)
			if tol := half + 0.02*want; math.Abs(mean-want) > tol {
				t.Errorf("mean wait over 8 seeds = %.2fs ± %.2fs, theory (%s) %.2fs: off by %.2fs, more than %.2fs",
					mean, half, th.Model, want, math.Abs(mean-want), tol)
			}
			if tc.capacity > 0 {
				pb, bh := meanCI(blocks)
				if tol := bh + 0.02*th.PBlock; math.Abs(pb-th.PBlock) > tol {
					t.Errorf("P(block) = %.4f ± %.4f, theory %.4f", pb, bh, th.PBlock)
				}
			}
			for i, e := range littles {
				if e > tc.wantLittleErr {
					t.Errorf("seed %d: Little's law L = lambda W off by %.3f%%, want within %.0f%%", i+1, 100*e, 100*tc.wantLittleErr)
				}
			}
		})
	}
}

// traceOf runs cfg for d and returns the trace hash and the recorded events.
func traceOf(t *testing.T, cfg *config.Config, d time.Duration) (string, []sim.Record) {
	t.Helper()
	h := sim.NewHasher()
	rec := &sim.Recorder{}
	s := newShopT(t, cfg, WithTracer(sim.Tee(h, rec)))
	if err := s.RunUntil(d); err != nil {
		t.Fatal(err)
	}
	return h.Sum(), rec.Events
}

func TestDeterminism(t *testing.T) {
	for _, sc := range []string{"coffee-shop", "mmc", "rush-hour"} {
		t.Run(sc, func(t *testing.T) {
			a, evA := traceOf(t, resolveT(t, sc, "seed=7"), 2*time.Hour)
			b, evB := traceOf(t, resolveT(t, sc, "seed=7"), 2*time.Hour)
			if a != b || len(evA) != len(evB) {
				t.Fatalf("same config and seed: hashes %s and %s (%d and %d events), want equal", a[:12], b[:12], len(evA), len(evB))
			}
			c, _ := traceOf(t, resolveT(t, sc, "seed=8"), 2*time.Hour)
			if a == c {
				t.Errorf("seeds 7 and 8 gave the same trace %s", a[:12])
			}
		})
	}
}

// arrivalTimes returns when each customer task was spawned, by name.
func arrivalTimes(evs []sim.Record) map[string]time.Duration {
	m := map[string]time.Duration{}
	for _, ev := range evs {
		if ev.Kind == sim.KindSpawn && strings.HasPrefix(ev.Name, "customer-") {
			m[ev.Name] = ev.Time
		}
	}
	return m
}

// TestCommonRandomNumbers: changing the number of baristas, the machines or the
// brew mode sees the same customers arrive at the same times.
func TestCommonRandomNumbers(t *testing.T) {
	_, base := traceOf(t, resolveT(t, "mmc", "seed=3"), 3*time.Hour)
	want := arrivalTimes(base)
	if len(want) < 100 {
		t.Fatalf("only %d arrivals in 3h", len(want))
	}
	for _, set := range []string{"shop.baristas=2", "shop.machines=1", "shop.brew_mode=async", "menu.0.brew=fixed(10s)"} {
		_, evs := traceOf(t, resolveT(t, "mmc", "seed=3", set), 3*time.Hour)
		got := arrivalTimes(evs)
		if len(got) != len(want) {
			t.Errorf("with %s: %d arrivals, want %d", set, len(got), len(want))
			continue
		}
		for name, at := range want {
			if got[name] != at {
				t.Errorf("with %s: %s arrived at %v, want %v", set, name, got[name], at)
				break
			}
		}
	}
}

// checker follows a shop's trace and checks its invariants.
type checker struct {
	t        *testing.T
	ended    map[int]bool
	ready    map[string]int // "Order N" -> times its coffee was ready
	customer map[int]bool
}

func newChecker(t *testing.T) *checker {
	return &checker{t: t, ended: map[int]bool{}, ready: map[string]int{}, customer: map[int]bool{}}
}

func (c *checker) Event(ev sim.Record) {
	if c.ended[ev.Task] && ev.Kind != sim.KindCancel {
		c.t.Errorf("event after the end of task %d: %v", ev.Task, ev)
	}
	switch ev.Kind {
	case sim.KindDone, sim.KindFail:
		c.end(ev)
	case sim.KindCancel:
		if ev.Detail == "ended" {
			c.end(ev)
		}
	case sim.KindSay:
		if i := strings.Index(ev.Detail, ": Coffee is ready!"); i > 0 {
			c.ready[ev.Detail[:i]]++
		}
	}
	if ev.Kind == sim.KindFail {
		c.t.Errorf("task failed: %v", ev)
	}
}

func (c *checker) end(ev sim.Record) {
	if c.ended[ev.Task] {
		c.t.Errorf("task %d ended twice: %v", ev.Task, ev)
	}
	c.ended[ev.Task] = true
}

// TestInvariants runs random configurations and live control changes and checks
// that every customer leaves exactly once, machines are never over capacity, no
// order is lost or brewed twice, and only blocking mode makes the loop late.
func TestInvariants(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	modes := config.BrewModeNames()
	for i := 0; i < 24; i++ {
		mode := modes[i%len(modes)]
		sets := []string{
			fmt.Sprintf("seed=%d", r.Uint64()),
			"shop.brew_mode=" + mode,
			fmt.Sprintf("shop.baristas=%d", 1+r.IntN(4)),
			fmt.Sprintf("shop.machines=%d", 1+r.IntN(4)),
			fmt.Sprintf("shop.queue_capacity=%d", r.IntN(6)),
			fmt.Sprintf("shop.executor_workers=%d", 1+r.IntN(3)),
			fmt.Sprintf("arrivals.interarrival=exponential(%ds)", 1+r.IntN(5)),
			fmt.Sprintf("menu.0.brew=uniform(%ds, %ds)", 1+r.IntN(3), 4+r.IntN(4)),
			"run.customers=300",
		}
		if r.IntN(2) == 0 {
			sets = append(sets, fmt.Sprintf("customers.patience=exponential(%ds)", 5+r.IntN(30)))
		}
		if r.IntN(2) == 0 {
			sets = append(sets, "customers.order_time=uniform(0s, 2s)")
		}
		t.Run(fmt.Sprintf("%d-%s", i, mode), func(t *testing.T) {
			cfg := resolveT(t, "coffee-shop", sets...)
			ck := newChecker(t)
			s := newShopT(t, cfg, WithTracer(ck))
			// Live changes part-way through: fewer baristas (they finish their
			// order), more machines, another mode, faster brews.
			for step := 0; !s.Finished() && step < 10_000; step++ {
				if err := s.RunUntil(s.Now() + 30*time.Second); err != nil {
					t.Fatal(err)
				}
				switch step {
				case 3:
					s.Apply(Baristas(1))
				case 5:
					s.Apply(Machines(cfg.Shop.Machines + 1))
				case 7:
					s.Apply(BrewMode(config.BrewMode(r.IntN(4))))
				case 9:
					s.Apply(Baristas(3))
					s.Apply(BrewRate(2))
				}
				if busy := s.m.busyMachines.Value(); int(busy) > s.machines.Limit() && s.machines.Held() > s.machines.Limit() {
					t.Fatalf("%v busy machines, limit %d", busy, s.machines.Limit())
				}
			}
			if !s.Finished() {
				t.Fatalf("the shop did not drain: %d in system", s.Metrics().InSystem)
			}
			m := s.Metrics()
			if m.Arrived != 300 || m.Served+m.Balked+m.Reneged != m.Arrived || m.InSystem != 0 {
				t.Errorf("arrived %d = served %d + balked %d + reneged %d (+ %d inside), want 300 who all left",
					m.Arrived, m.Served, m.Balked, m.Reneged, m.InSystem)
			}
			brewed := 0
			for order, n := range ck.ready {
				if n != 1 {
					t.Errorf("%s brewed %d times", order, n)
				}
				brewed++
			}
			if brewed != m.Served {
				t.Errorf("%d orders brewed, %d customers served", brewed, m.Served)
			}
			if s.e.NumLive() != 0 {
				t.Errorf("%d tasks still live after draining", s.e.NumLive())
			}
		})
	}
}

// TestLateness: a blocking brew makes the loop late; async and executor never are.
func TestLateness(t *testing.T) {
	for _, tc := range []struct {
		mode string
		late bool
	}{{"async", false}, {"hands-on", false}, {"executor", false}, {"blocking", true}} {
		s := newShopT(t, resolveT(t, "coffee-shop", "shop.brew_mode="+tc.mode))
		if err := s.RunUntil(30 * time.Minute); err != nil {
			t.Fatal(err)
		}
		m := s.Metrics()
		if got := m.LatenessMax > 0; got != tc.late {
			t.Errorf("%s: lateness max %v, blocked %v; want late = %v", tc.mode, m.LatenessMax, m.Blocked, tc.late)
		}
		if got := m.Blocked > 0; got != tc.late {
			t.Errorf("%s: blocked %v, want blocked = %v", tc.mode, m.Blocked, tc.late)
		}
	}
}

// TestRemoveBaristaFinishesOrder: a barista let go mid-brew finishes it first.
func TestRemoveBaristaFinishesOrder(t *testing.T) {
	cfg := resolveT(t, "coffee-shop", "shop.brew_mode=hands-on", "shop.baristas=2", "menu.0.brew=fixed(10s)",
		"arrivals.interarrival=fixed(1s)", "run.customers=5")
	ck := newChecker(t)
	s := newShopT(t, cfg, WithTracer(ck))
	if err := s.RunUntil(2500 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	snap := s.Snapshot()
	if len(snap.Baristas) != 2 || snap.Baristas[1].State != BaristaBrewing {
		t.Fatalf("at 2.5s baristas = %+v, want 2 with barista-2 brewing", snap.Baristas)
	}
	s.Apply(Baristas(1))
	if got := s.Snapshot().Baristas[1].State; got != BaristaLeaving {
		t.Errorf("after SetBaristas(1) barista-2 is %v, want %v", got, BaristaLeaving)
	}
	// barista-2 started its 10 s brew at 2s: it leaves once the drink is ready.
	if err := s.RunUntil(12500 * time.Millisecond); err != nil {
		t.Fatal(err)
	}
	if bs := s.Snapshot().Baristas; len(bs) != 1 || bs[0].Name != "barista-1" {
		t.Errorf("at 12.5s baristas = %+v, want only barista-1", bs)
	}
	runCustomers(t, s)
	if m := s.Metrics(); m.Served != 5 {
		t.Errorf("served %d, want all 5 (no order lost)", m.Served)
	}
}

func TestPanelFor(t *testing.T) {
	py, err := os.ReadFile("lesson/lessons/coffee-shop.py")
	if err != nil {
		t.Fatal(err)
	}
	if p := lesson.PanelFor("coffee-shop"); p == nil || p.Python != string(py) || p.About == "" || p.Watch == "" {
		t.Errorf("PanelFor(coffee-shop) = %+v, want the shop's panel with model/lesson/lessons/coffee-shop.py", p)
	}
	if p := lesson.PanelFor("count"); p == nil || p.Main == nil {
		t.Errorf("PanelFor(count) = %v, want the count lesson", p)
	}
	if p := lesson.PanelFor("mmc"); p != nil {
		t.Errorf("PanelFor(mmc) = %v, want nil", p.Name)
	}
}

// A steady shop allocates nothing per customer: a served customer's order is
// reused for a later arrival (see newOrder) with its task body, the customer's task
// is released so the loop reuses its storage (sim's Task.Release), and nothing
// else grows with the customers. The M/M/c shop serves about 216 customers per
// virtual hour.
func TestShopReusesOrders(t *testing.T) {
	s := newShopT(t, resolveT(t, "mmc"))
	now := 10 * time.Hour
	if err := s.RunUntil(now); err != nil { // warm up: the queue, the lists, the sketches
		t.Fatal(err)
	}
	before := s.Metrics().Served
	allocs := testing.AllocsPerRun(10, func() {
		now += time.Hour
		if err := s.RunUntil(now); err != nil {
			t.Fatal(err)
		}
	})
	served := float64(s.Metrics().Served-before) / 11 // AllocsPerRun runs once more to warm up
	if served < 100 {
		t.Fatalf("only %.0f customers served per hour; the test needs a busy shop", served)
	}
	if perCustomer := allocs / served; perCustomer > 0.05 {
		t.Errorf("%.2f allocations per customer (%.0f per hour for %.0f customers), want 0: orders, their task bodies or the customers' tasks are not reused", perCustomer, allocs, served)
	}
}

// A barista takes an order at the very instant its customer's patience runs out
// (interarrival 1s, brew 2s, patience 2s, one barista): the customer stays and is
// served, the queue length never goes negative, and the customers-limited run
// finishes with every customer accounted for.
func TestTakeAtTheInstantPatienceRunsOut(t *testing.T) {
	cfg := resolveT(t, "coffee-shop", "shop.baristas=1", "shop.brew_mode=hands-on", "arrivals.interarrival=fixed(1s)",
		"menu.0.brew=fixed(2s)", "customers.patience=fixed(2s)", "run.customers=6")
	s := newShopT(t, cfg)
	for i := 0; i < 5000 && !s.Finished(); i++ {
		s.Step()
		if q := s.Snapshot().QueueLen; q < 0 {
			t.Fatalf("queue length %d at %v", q, s.Now())
		}
	}
	m := s.Metrics()
	if !s.Finished() || m.Arrived != 6 || m.Served+m.Reneged+m.Balked != 6 || m.InSystem != 0 {
		t.Errorf("finished %v: arrived %d, served %d, reneged %d, balked %d, in system %d; want a finished run of 6 customers, each gone once",
			s.Finished(), m.Arrived, m.Served, m.Reneged, m.Balked, m.InSystem)
	}
	if m.Served < 3 {
		t.Errorf("served %d, want at least 3 (customers whose order was taken as patience ran out stay)", m.Served)
	}
}

package main

import (
	"context"
	"io"
	"math"
	"os"
	"runtime/debug"
	"strconv"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/replay"
	"github.com/brewloop/brewloop/sim"
	"github.com/brewloop/brewloop/ui"
)

// busyShop is a real shop under overload: two hands-on baristas and five arrivals
// a second. The queue holds at most 5,000 (later arrivals balk), so it settles at
// 5,000 queued customers and just over 5,000 live tasks: a steady busy state,
// whatever the number of benchmark iterations.
func busyShop(b *testing.B) *model.Player {
	b.Helper()
	cfg, err := config.Resolve(config.Options{
		Base: config.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
		Sets: []string{"shop.brew_mode=hands-on", "shop.baristas=2", "shop.machines=2",
			"shop.queue_capacity=5000", "arrivals.interarrival=exponential(200ms)", "menu.0.brew=exponential(60s)"},
	})
	if err != nil {
		b.Fatal(err)
	}
	shop, err := model.NewShop(cfg, model.WithScenario("busy"), model.WithEventLog(eventLogSize))
	if err != nil {
		b.Fatal(err)
	}
	player := model.Live(shop)
	for s := player.Snapshot(); s.QueueLen < 5000 || len(s.Tasks) < 5000; s = player.Snapshot() {
		player.AdvanceTo(player.Now()+time.Minute, 1<<30)
	}
	return player
}

// BenchmarkFrameBusyShop is one TUI frame on the busy shop: advance one virtual
// minute, take the snapshot, draw 160x48. Target: under 10 ms.
func BenchmarkFrameBusyShop(b *testing.B) {
	shop := busyShop(b)
	defer shop.Close()
	// One virtual minute per frame: speed x1800 at 30 fps.
	a := ui.New(ui.Options{Shop: shop, Seed: 42, Speed: 1800, FPS: 30, StepBudget: 1 << 30, Getenv: func(string) string { return "" }})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	b.ReportAllocs()
	for b.Loop() {
		a.Update(a.NextFrame())
		_ = a.View()
	}
	s := shop.Snapshot()
	b.ReportMetric(float64(s.QueueLen), "queued")
	b.ReportMetric(float64(len(s.Tasks)), "tasks")
}

// BenchmarkViewBusyShop draws the busy shop at 160x48 (no simulation). Target:
// under 2 ms.
func BenchmarkViewBusyShop(b *testing.B) {
	shop := busyShop(b)
	defer shop.Close()
	a := ui.New(ui.Options{Shop: shop, Seed: 42, Speed: 1, Paused: true, Getenv: func(string) string { return "" }})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	a.Update(a.NextFrame())
	b.ReportAllocs()
	for b.Loop() {
		_ = a.View()
	}
}

// BenchmarkSeekHour re-simulates the default shop from the start to one virtual
// hour with a few control changes, as `g 1h` does. Target: under 1 s.
func BenchmarkSeekHour(b *testing.B) {
	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml (embedded)", Data: defaultConfig}})
	if err != nil {
		b.Fatal(err)
	}
	ctl := []model.ControlChange{
		{T: 10 * time.Minute, Control: model.ArrivalRate(1.5)},
		{T: 20 * time.Minute, Control: model.Baristas(3)},
		{T: 40 * time.Minute, Control: model.BrewMode(config.ModeHandsOn)},
	}
	for b.Loop() {
		h := replay.NewHasher()
		p, err := model.Seek(cfg, ctl, time.Hour, time.Hour, model.WithScenario("coffee-shop"), model.WithTracer(h), model.WithEventLog(eventLogSize))
		if err != nil {
			b.Fatal(err)
		}
		p.Close()
	}
}

// benchHeadless runs the mmc scenario headless for b.N customers the way
// `brewloop run --scenario mmc --customers N` does (same slicing, same outputs
// minus the file), so ns/op is nanoseconds per customer. With traced set, the JSON
// Lines trace is encoded to a discarding writer.
func benchHeadless(b *testing.B, traced bool) {
	cfg, err := config.Resolve(config.Options{
		Base:     config.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
		Scenario: "mmc",
		Sets:     []string{"run.customers=" + strconv.Itoa(b.N)},
	})
	if err != nil {
		b.Fatal(err)
	}
	opts := []model.Option{model.WithScenario("mmc")}
	var async *sim.Async
	if traced { // as runHeadless does: encoded beside the loop
		async = sim.NewAsync(sim.NewJSONEncoder(io.Discard))
		defer async.Close()
		opts = append(opts, model.WithTracer(async))
	}
	shop, err := model.NewShop(cfg, opts...)
	if err != nil {
		b.Fatal(err)
	}
	defer shop.Close()
	if os.Getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(200)) // as runHeadless does
	}
	b.ReportAllocs()
	b.ResetTimer()
	if _, err := model.Live(shop).Play(context.Background(), math.MaxInt64); err != nil {
		b.Fatal(err)
	}
	if async != nil {
		async.Close()
	}
	b.StopTimer()
	if sum := shop.Summary(""); sum.Arrived != b.N {
		b.Fatalf("%d customers arrived, want %d", sum.Arrived, b.N)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "customers/s")
}

// BenchmarkHeadlessMMc is the in-process counterpart of the whole-process figure
// (target 700k customers/s): go test . -run '^$' -bench Headless -benchtime 1000000x
func BenchmarkHeadlessMMc(b *testing.B) { benchHeadless(b, false) }

// BenchmarkHeadlessMMcTraced adds the JSON Lines trace, encoded on a second
// goroutine to a discarding writer (the whole-process target of 200k customers/s
// also pays for writing the file).
func BenchmarkHeadlessMMcTraced(b *testing.B) { benchHeadless(b, true) }

// BenchmarkTraceEncode is the JSON Lines encoder alone on the events of the mmc
// scenario (recorded first); ns/op is per event.
func BenchmarkTraceEncode(b *testing.B) {
	cfg, err := config.Resolve(config.Options{
		Base:     config.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
		Scenario: "mmc",
		Sets:     []string{"run.customers=20000"},
	})
	if err != nil {
		b.Fatal(err)
	}
	rec := &sim.Recorder{}
	shop, err := model.NewShop(cfg, model.WithScenario("mmc"), model.WithTracer(rec))
	if err != nil {
		b.Fatal(err)
	}
	defer shop.Close()
	if _, err := model.Live(shop).Play(context.Background(), math.MaxInt64); err != nil {
		b.Fatal(err)
	}
	evs := rec.Events
	w := sim.NewJSONEncoder(io.Discard)
	b.ResetTimer()
	for i := range b.N {
		w.Event(evs[i%len(evs)])
	}
}

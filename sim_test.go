package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/model/replay"
	"github.com/brewloop/brewloop/sim"
)

// The -update flag rewrites the golden files in testdata/. x/exp/golden (imported
// by teatest) may have registered it already; then both share it.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata/")
	}
}

func updateGolden() bool { return flag.Lookup("update").Value.String() == "true" }

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if updateGolden() {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it after a deliberate change):\n got: %.600s\nwant: %.600s", name, got, want)
	}
}

func embedded(t *testing.T, scenario string, sets ...string) *config.Config {
	t.Helper()
	cfg, err := config.Resolve(config.Options{
		Base:     config.Source{Name: "config.yaml (embedded)", Data: defaultConfig},
		Scenario: scenario, Sets: sets,
	})
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

// shopInvariants follows a coffee shop's trace: every customer task ends exactly
// once (served, balked or reneged), no event follows a task's end, the machines
// are never over capacity, and no order is brewed twice.
type shopInvariants struct {
	t       *testing.T
	ended   map[int]bool
	brewed  map[string]bool
	clock   time.Duration
	custEnd int
	drinks  int // drink flags set: one per brewed order, narrated or not
}

var heldRE = regexp.MustCompile(`^(\d+)/(\d+) held$`)

func (c *shopInvariants) Event(ev sim.Record) {
	if ev.Time < c.clock {
		c.t.Errorf("the clock went back: %v after %v", ev, c.clock)
	}
	c.clock = ev.Time
	if c.ended[ev.Task] {
		c.t.Errorf("event after the end of its task: %v", ev)
	}
	switch ev.Kind {
	case sim.KindDone, sim.KindFail, sim.KindCancel:
		if ev.Kind == sim.KindCancel && ev.Detail != "ended" {
			return
		}
		if ev.Kind == sim.KindFail {
			c.t.Errorf("a task failed: %v", ev)
		}
		c.ended[ev.Task] = true
		if strings.HasPrefix(ev.Name, "customer-") {
			c.custEnd++
		}
	case sim.KindAcquire, sim.KindRelease:
		if m := heldRE.FindStringSubmatch(ev.Detail); ev.Object == "machines" && m != nil {
			held, _ := strconv.Atoi(m[1])
			limit, _ := strconv.Atoi(m[2])
			if held > limit && ev.Kind == sim.KindAcquire {
				c.t.Errorf("machines over capacity: %v", ev)
			}
		}
	case sim.KindSet:
		if ev.Object == "drink" {
			c.drinks++
		}
	case sim.KindSay:
		if i := strings.Index(ev.Detail, ": Coffee is ready!"); i > 0 {
			order := ev.Detail[:i]
			if c.brewed[order] {
				c.t.Errorf("%s brewed twice", order)
			}
			c.brewed[order] = true
		}
	}
}

// TestEndToEnd runs the embedded config.yaml and each scenario headless on the
// virtual clock, checks the invariants, and compares the JSON summary (with its
// trace hash) with a golden file.
func TestEndToEnd(t *testing.T) {
	for _, sc := range config.Scenarios() {
		t.Run(sc.Name, func(t *testing.T) {
			cfg := embedded(t, sc.Name, "run.duration=2h")
			ck := &shopInvariants{t: t, ended: map[int]bool{}, brewed: map[string]bool{}}
			h := replay.NewHasher()
			shop, err := model.NewShop(cfg, model.WithScenario(sc.Name), model.WithFingerprint(), model.WithTracer(sim.Tee(h, ck)))
			if err != nil {
				t.Fatal(err)
			}
			defer shop.Close()
			if err := model.Live(shop).RunUntil(cfg.Run.Duration); err != nil {
				t.Fatal(err)
			}
			sum := shop.Summary(h.Sum())
			if sc.Lesson == "" {
				if sum.Served+sum.Balked+sum.Reneged+sum.InSystem != sum.Arrived {
					t.Errorf("served %d + balked %d + reneged %d + in system %d != arrived %d",
						sum.Served, sum.Balked, sum.Reneged, sum.InSystem, sum.Arrived)
				}
				if ck.custEnd != sum.Served+sum.Balked+sum.Reneged {
					t.Errorf("%d customer tasks ended, want served+balked+reneged = %d", ck.custEnd, sum.Served+sum.Balked+sum.Reneged)
				}
				if ck.drinks < sum.Served || ck.drinks > sum.Arrived-sum.Balked-sum.Reneged {
					t.Errorf("%d drinks made, %d customers served, %d stayed to be served", ck.drinks, sum.Served, sum.Arrived-sum.Balked-sum.Reneged)
				}
				if cfg.Shop.Narrate && len(ck.brewed) != ck.drinks {
					t.Errorf("%d orders narrated as ready, %d drinks made", len(ck.brewed), ck.drinks)
				}
			}
			b, err := json.MarshalIndent(sum, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("summary", sc.Name+".json"), append(b, '\n'))
		})
	}
}

// TestGoldenTrace pins the first minute of the default shop, event by event.
func TestGoldenTrace(t *testing.T) {
	var buf bytes.Buffer
	w := sim.NewJSONWriter(&buf)
	shop, err := model.NewShop(embedded(t, ""), model.WithScenario("coffee-shop"), model.WithTracer(w))
	if err != nil {
		t.Fatal(err)
	}
	defer shop.Close()
	if err := model.Live(shop).RunUntil(time.Minute); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	golden(t, "trace/coffee-shop-1m.jsonl", buf.Bytes())
}

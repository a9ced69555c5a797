package replay

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model"
	"github.com/brewloop/brewloop/model/config"
	"github.com/brewloop/brewloop/sim"
)

func resolveT(t testing.TB, scenario string, sets ...string) *config.Config {
	t.Helper()
	base, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Resolve(config.Options{Base: config.Source{Name: "config.yaml", Data: base}, Scenario: scenario, Sets: sets})
	if err != nil {
		t.Fatalf("Resolve(%q, %q) = %v", scenario, sets, err)
	}
	return cfg
}

func newShopT(t testing.TB, cfg *config.Config, opts ...model.Option) *model.Player {
	t.Helper()
	s, err := model.NewShop(cfg, opts...)
	if err != nil {
		t.Fatalf("NewShop = %v", err)
	}
	t.Cleanup(s.Close)
	return model.Live(s)
}

// TestTraceHasherCoarsens: past the checkpoint limit, pairs of checkpoints combine
// into coarser ones, so a recording of any length stays small enough to read back
// (issue 13, item 7); the coarse checkpoints are what combining the fine ones gives.
func TestTraceHasherCoarsens(t *testing.T) {
	cfg := resolveT(t, "coffee-shop")
	for _, d := range []time.Duration{0, 5 * time.Second, 10 * time.Minute, 40 * time.Minute, 3 * time.Hour} {
		t.Run(fmt.Sprint(d), func(t *testing.T) {
			fine := NewHasher()
			fine.max = 1 << 30
			coarse := NewHasher()
			coarse.max = 8
			s := newShopT(t, cfg, model.WithTracer(sim.Tee(fine, coarse)))
			if err := s.RunUntil(d); err != nil {
				t.Fatal(err)
			}
			n := int(fine.Count())
			if fine.Sum() != coarse.Sum() || fine.Count() != coarse.Count() {
				t.Fatal("the trace hash depends on the checkpoint limit")
			}
			got := coarse.Checkpoints()
			if len(got) >= 8 {
				t.Errorf("%d events: %d checkpoints, want fewer than the limit 8", n, len(got))
			}
			if want := uint64(n) / coarse.Every(); uint64(len(got)) != want {
				t.Errorf("%d events: %d checkpoints of %d events, want %d", n, len(got), coarse.Every(), want)
			}
			level := 0
			for CheckpointEvery<<level < coarse.Every() {
				level++
			}
			if want := CombineCheckpoints(fine.Checkpoints(), level); !slices.Equal(got, want) {
				t.Errorf("%d events: checkpoints %v, want the fine ones combined %d times: %v", n, got, level, want)
			}
		})
	}
}

package model

import (
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/model/config"
)

// TestControlText: every control reads back from its recording text exactly, and
// the constructors clamp to the allowed range.
func TestControlText(t *testing.T) {
	tests := []struct {
		c          Control
		name, text string
	}{
		{ArrivalRate(1.7), "arrival_rate", "1.7"},
		{ArrivalRate(1.0 / 3), "arrival_rate", "0.3333333333333333"},
		{BrewRate(1e9), "brew_rate", "100"},
		{BrewRate(0), "brew_rate", "0.01"},
		{Baristas(4), "baristas", "4"},
		{Baristas(-3), "baristas", "1"},
		{Machines(5000), "machines", "1000"},
		{BrewMode(config.ModeExecutor), "brew_mode", "executor"},
	}
	for _, tt := range tests {
		if got := tt.c.String(); got != tt.name+"="+tt.text {
			t.Errorf("%+v.String() = %q, want %s=%s", tt.c, got, tt.name, tt.text)
		}
		back, err := ParseControl(tt.name, tt.text)
		if err != nil || back != tt.c {
			t.Errorf("ParseControl(%q, %q) = %+v, %v; want %+v", tt.name, tt.text, back, err, tt.c)
		}
	}
}

func TestParseControlErrors(t *testing.T) {
	tests := []struct{ name, value, want string }{
		{"arrival_rate", "fast", `arrival_rate = "fast": want a number from 0.01 to 100`},
		{"brew_rate", "NaN", `brew_rate = "NaN": want a number from 0.01 to 100`},
		{"baristas", "0", `baristas = "0": want a whole number from 1 to 1000`},
		{"brew_mode", "asink", `brew_mode = "asink": want one of [async hands-on blocking executor]`},
		{"speed", "2", `unknown control "speed": want one of arrival_rate, brew_rate, baristas, machines, brew_mode`},
	}
	for _, tt := range tests {
		_, err := ParseControl(tt.name, tt.value)
		if err == nil || err.Error() != tt.want {
			t.Errorf("ParseControl(%q, %q) = %v, want %q", tt.name, tt.value, err, tt.want)
		}
	}
}

// TestPlayerForksAndFollows: a replay applies its recorded changes at their
// times; a live change forks it and drops the rest; an invalid one is refused.
func TestPlayerForksAndFollows(t *testing.T) {
	cfg := resolveT(t, "coffee-shop")
	shop, err := NewShop(cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer shop.Close()
	ctl := []ControlChange{{T: time.Minute, Control: Baristas(5)}, {T: 3 * time.Minute, Control: Machines(1)}}
	p := Replay(shop, ctl, 5*time.Minute)
	if err := p.RunUntil(2 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := p.Controls().Baristas; got != 5 || !p.Replaying() {
		t.Fatalf("at 2m: baristas %d, Replaying %v; want 5, true", got, p.Replaying())
	}
	if err := p.Apply(Control{Knob: KnobMachines, N: 0}); err == nil || !strings.Contains(err.Error(), "machines") {
		t.Errorf("Apply(machines=0) = %v, want an error", err)
	}
	if !p.Replaying() {
		t.Error("a refused change forked the run")
	}
	if err := p.Apply(BrewRate(2)); err != nil {
		t.Fatal(err)
	}
	if p.Replaying() || len(p.Pending()) != 0 {
		t.Errorf("after a live change: Replaying %v, %d pending; want a fork with none", p.Replaying(), len(p.Pending()))
	}
	if err := p.RunUntil(4 * time.Minute); err != nil {
		t.Fatal(err)
	}
	if got := p.Controls().Machines; got != cfg.Shop.Machines {
		t.Errorf("machines = %d after the fork, want %d (the dropped change not applied)", got, cfg.Shop.Machines)
	}
	log := p.Log()
	if len(log) != 2 || log[1].T != 2*time.Minute || log[1].Control != BrewRate(2) {
		t.Errorf("Log() = %+v, want baristas=5 at 1m, brew_rate=2 at 2m", log)
	}
}

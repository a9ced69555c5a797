// This file checks a decoded Config: every problem at once, by key.

package config

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/brewloop/brewloop/model/dist"
)

// ---- Validation ----

// configValidator collects problems in the order the checks run.
type configValidator struct {
	problems []Problem
}

func (v *configValidator) add(key, format string, args ...any) {
	v.problems = append(v.problems, Problem{Key: key, Msg: fmt.Sprintf(format, args...)})
}

func (v *configValidator) int(key string, n int) {
	if r := ruleFor(key); !r.inRangeInt(int64(n)) {
		v.add(key, "must be %s, got %d", r.allowed("an integer"), n)
	}
}

func (v *configValidator) float(key string, f float64) {
	if r := ruleFor(key); !r.inRange(f) {
		v.add(key, "must be %s, got %s", r.allowed("a number"), strconv.FormatFloat(f, 'g', -1, 64))
	}
}

func (v *configValidator) duration(key string, d time.Duration) {
	if r := ruleFor(key); !r.inRangeInt(int64(d)) {
		v.add(key, "must be %s, got %s", r.allowed("a duration"), d)
	}
}

// list checks a list's length and reports whether its items are worth checking one by one
// (not when there are absurdly many of them).
func (v *configValidator) list(key string, n int) bool {
	r := ruleFor(key)
	if !r.inRangeInt(int64(n)) {
		v.add(key, "must be %s, got %d", r.allowed(""), n)
	}
	return float64(n) <= r.hi
}

// dist checks a distribution; none is allowed only where noneOK.
func (v *configValidator) dist(key string, d dist.Dist, noneOK bool) bool {
	if d.IsNone() && !noneOK {
		v.add(key, "must be a distribution, not none (none is allowed only for customers.patience); allowed: %s", dist.Forms)
		return false
	}
	if msg := d.Check(); msg != "" {
		v.add(key, "invalid distribution %s: %s", d, msg)
		return false
	}
	return true
}

// problems is Validate's list, in config.yaml order.
func (c *Config) problems() []Problem {
	var v configValidator
	v.int("shop.baristas", c.Shop.Baristas)
	v.int("shop.machines", c.Shop.Machines)
	v.int("shop.queue_capacity", c.Shop.QueueCapacity)
	if c.Shop.BrewMode >= numModes {
		v.add("shop.brew_mode", "must be one of %s, got %s", strings.Join(BrewModeNames(), ", "), c.Shop.BrewMode)
	}
	v.int("shop.executor_workers", c.Shop.ExecutorWorkers)

	if v.dist("arrivals.interarrival", c.Arrivals.Interarrival, false) && c.Arrivals.Interarrival.Mean() <= 0 {
		v.add("arrivals.interarrival", "must have a mean greater than 0 (or every customer arrives at once), got %s", c.Arrivals.Interarrival)
	}
	v.float("arrivals.rate", c.Arrivals.Rate)
	if v.list("arrivals.schedule", len(c.Arrivals.Schedule)) {
		for i, s := range c.Arrivals.Schedule {
			k := "arrivals.schedule." + strconv.Itoa(i)
			v.duration(k+".from", s.From)
			if i > 0 && s.From >= 0 && s.From <= c.Arrivals.Schedule[i-1].From {
				v.add(k+".from", "must be later than the previous step's from (%s), got %s", c.Arrivals.Schedule[i-1].From, s.From)
			}
			v.float(k+".rate", s.Rate)
		}
	}

	v.dist("customers.order_time", c.Customers.OrderTime, false)
	v.dist("customers.patience", c.Customers.Patience, true)

	if v.list("menu", len(c.Menu)) {
		for i, it := range c.Menu {
			k := "menu." + strconv.Itoa(i)
			if msg := checkMenuName(it.Name); msg != "" {
				v.add(k+".name", "%s", msg)
			} else if j := slices.IndexFunc(c.Menu[:i], func(o MenuItem) bool { return o.Name == it.Name }); j >= 0 {
				v.add(k+".name", "duplicate name %q (also menu.%d.name); names must be unique", it.Name, j)
			}
			v.float(k+".weight", it.Weight)
			v.dist(k+".brew", it.Brew, false)
		}
	}

	v.float("brew.rate", c.Brew.Rate)
	v.duration("run.duration", c.Run.Duration)
	v.int("run.customers", c.Run.Customers)
	v.float("ui.speed", c.UI.Speed)
	v.int("ui.fps", c.UI.FPS)
	return v.problems
}

// checkMenuName returns what is wrong with a menu item's name, or "".
func checkMenuName(name string) string {
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return "must not be empty"
	case n > MaxMenuNameLen:
		return fmt.Sprintf("must be at most %d characters, got %d", MaxMenuNameLen, n)
	case !utf8.ValidString(name):
		return "must be valid UTF-8 text"
	case strings.IndexFunc(name, func(r rune) bool { return !unicode.IsPrint(r) }) >= 0:
		return "must be printable text on one line (letters, digits, spaces, punctuation)"
	}
	return ""
}

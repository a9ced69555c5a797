// This file holds the limits every key is checked against and the rules that say, per key,
// which numbers are allowed; the loader and Validate share them.

package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/brewloop/brewloop/internal/say"
)

// The limits Validate enforces. They are far beyond any useful shop; they exist so that a
// typo (an extra zero, a wrong unit) is reported instead of exhausting memory or time.
// The live controls clamp to the same limits, so a
// config never starts a slider out of its range.
const (
	MaxBaristas        = 1000
	MaxMachines        = 1000
	MinRate            = 0.01 // the smallest rate factor, in a config and on the live sliders
	MaxRate            = 100  // arrivals.rate, brew.rate and each schedule step's rate
	MaxExecutorWorkers = 1000
	MaxQueueCapacity   = 1_000_000
	MaxMenuItems       = 100
	MaxMenuNameLen     = 40 // characters
	MaxScheduleSteps   = 1000
	MaxWeight          = 1e6
	MaxRunDuration     = 10000 * time.Hour
	MaxRunCustomers    = 1_000_000_000
	MinSpeed           = 0.1
	MaxSpeed           = 1000
	MaxFPS             = 120
	MaxConfigBytes     = 1 << 20 // per source: a config file, an overlay or one --set value
)

// Input limits checked on the YAML tokens before parsing: goccy/go-yaml's parser takes time
// quadratic in the size of a mapping or the depth of nesting, so a hostile 1 MiB file could
// otherwise stall the program for minutes. A real config has a few hundred tokens; the
// largest allowed one (100 menu items, 1000 schedule steps) about 10,000.
const (
	maxConfigTokens = 20_000
	maxFlowDepth    = 32
	maxProblems     = 50 // problems shown; the rest are counted
)

// ---- Rules: the allowed values of each numeric key, shared by the loader and Validate. ----

type ruleKind uint8

const (
	ruleNone ruleKind = iota
	ruleInt
	ruleUint
	ruleFloat
	ruleDuration
	ruleList
)

// configRule is the allowed range of one key: [lo, hi], or (lo, hi] when loOpen.
type configRule struct {
	kind   ruleKind
	lo, hi float64
	loOpen bool
	note   string // appended in parentheses: "0 = unlimited"
}

// ruleFor returns the rule of a key; list indices match any index ("menu.3.weight").
func ruleFor(key string) configRule {
	switch genericKey(key) {
	case "seed":
		return configRule{kind: ruleUint}
	case "shop.baristas":
		return configRule{kind: ruleInt, lo: 1, hi: MaxBaristas}
	case "shop.machines":
		return configRule{kind: ruleInt, lo: 1, hi: MaxMachines}
	case "shop.executor_workers":
		return configRule{kind: ruleInt, lo: 1, hi: MaxExecutorWorkers}
	case "shop.queue_capacity":
		return configRule{kind: ruleInt, lo: 0, hi: MaxQueueCapacity, note: "0 = unlimited"}
	case "arrivals.rate", "brew.rate", "arrivals.schedule.*.rate":
		return configRule{kind: ruleFloat, lo: MinRate, hi: MaxRate}
	case "arrivals.schedule":
		return configRule{kind: ruleList, lo: 0, hi: MaxScheduleSteps}
	case "arrivals.schedule.*.from":
		return configRule{kind: ruleDuration, lo: 0, hi: float64(MaxRunDuration)}
	case "menu":
		return configRule{kind: ruleList, lo: 1, hi: MaxMenuItems}
	case "menu.*.weight":
		return configRule{kind: ruleFloat, lo: 0, loOpen: true, hi: MaxWeight}
	case "run.duration":
		return configRule{kind: ruleDuration, lo: 0, loOpen: true, hi: float64(MaxRunDuration)}
	case "run.customers":
		return configRule{kind: ruleInt, lo: 0, hi: MaxRunCustomers, note: "0 = no limit"}
	case "ui.speed":
		return configRule{kind: ruleFloat, lo: MinSpeed, hi: MaxSpeed}
	case "ui.fps":
		return configRule{kind: ruleInt, lo: 1, hi: MaxFPS}
	}
	return configRule{}
}

// genericKey replaces list indices in a dotted path with "*".
func genericKey(key string) string {
	segs := strings.Split(key, ".")
	for i, s := range segs {
		if s != "" && strings.Trim(s, "0123456789") == "" {
			segs[i] = "*"
		}
	}
	return strings.Join(segs, ".")
}

// allowed describes the rule's values: "an integer from 1 to 1000".
func (r configRule) allowed(what string) string {
	var s string
	num := func(f float64) string {
		if r.kind == ruleDuration {
			return say.Hours(time.Duration(f))
		}
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	switch {
	case r.kind == ruleUint:
		return "an integer from 0 to " + strconv.FormatUint(math.MaxUint64, 10)
	case r.kind == ruleList && r.lo == 0:
		return fmt.Sprintf("a list of at most %s items", num(r.hi))
	case r.kind == ruleList:
		return fmt.Sprintf("a list of %s to %s items", num(r.lo), num(r.hi))
	case r.loOpen:
		s = fmt.Sprintf("%s greater than %s and at most %s", what, num(r.lo), num(r.hi))
	default:
		s = fmt.Sprintf("%s from %s to %s", what, num(r.lo), num(r.hi))
	}
	if r.note != "" {
		s += " (" + r.note + ")"
	}
	return s
}

// inRange reports whether f satisfies the rule's bounds (false for NaN).
func (r configRule) inRange(f float64) bool {
	if r.loOpen {
		return f > r.lo && f <= r.hi
	}
	return f >= r.lo && f <= r.hi
}

// inRangeInt is inRange for integers and durations, compared exactly: as float64, a duration
// one nanosecond past 10000h would round to 10000h. The bounds are whole numbers well
// within float64's exact integers.
func (r configRule) inRangeInt(n int64) bool {
	lo, hi := int64(r.lo), int64(r.hi)
	if r.loOpen {
		return n > lo && n <= hi
	}
	return n >= lo && n <= hi
}

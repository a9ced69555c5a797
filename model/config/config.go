// Package config is the configuration of a run: the Config type, which mirrors config.yaml
// key for key, and how one is built and checked. config.go has the types, Resolve and Load;
// layers.go applies files, scenario overlays (scenario.go) and --set items (set.go) in order;
// decode.go and values.go decode YAML with file:line:column problems (configtext.go checks
// the raw text first); validate.go checks values against limits.go; mode.go is the brew mode.
package config

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"

	"github.com/brewloop/brewloop/internal/say"
	"github.com/brewloop/brewloop/model/dist"
)

// Config is everything that defines a run, mirroring config.yaml key for key (the yaml tags
// are the keys). Build one with Resolve or Load, which layer config files, a scenario and
// --set items over the embedded defaults; check one built in code with Validate.
type Config struct {
	Seed      uint64     `yaml:"seed"`
	Shop      Shop       `yaml:"shop"`
	Arrivals  Arrivals   `yaml:"arrivals"`
	Customers Customers  `yaml:"customers"`
	Menu      []MenuItem `yaml:"menu"`
	Brew      Brew       `yaml:"brew"`
	Run       Run        `yaml:"run"`
	UI        UI         `yaml:"ui"`
}

// Shop is the shop's staff and equipment (the shop: section).
type Shop struct {
	Baristas        int      `yaml:"baristas"`
	Machines        int      `yaml:"machines"`       // espresso machines
	QueueCapacity   int      `yaml:"queue_capacity"` // 0: unlimited; else arrivals balk when full
	BrewMode        BrewMode `yaml:"brew_mode"`
	ExecutorWorkers int      `yaml:"executor_workers"` // threads in the executor pool
	Narrate         bool     `yaml:"narrate"`          // tasks say what they do (the lesson transcript)
}

// Arrivals is how customers arrive (the arrivals: section).
type Arrivals struct {
	Interarrival dist.Dist  `yaml:"interarrival"`
	Rate         float64    `yaml:"rate"`     // live factor: interarrival = sample / rate
	Schedule     []RateStep `yaml:"schedule"` // rush hours, From strictly increasing
}

// RateStep multiplies the arrival rate by Rate from virtual time From on, until the next step.
type RateStep struct {
	From time.Duration `yaml:"from"`
	Rate float64       `yaml:"rate"`
}

// Customers is how long ordering takes and how long customers wait (the customers: section).
type Customers struct {
	OrderTime dist.Dist `yaml:"order_time"`
	Patience  dist.Dist `yaml:"patience"` // DistNone: customers never renege
}

// MenuItem is one drink: customers pick items in proportion to Weight.
type MenuItem struct {
	Name   string    `yaml:"name"`
	Weight float64   `yaml:"weight"`
	Brew   dist.Dist `yaml:"brew"`
}

// Brew holds the brew speed factor (the brew: section).
type Brew struct {
	Rate float64 `yaml:"rate"` // live factor: brew time = sample / rate
}

// Run is the headless stop condition (the run: section).
type Run struct {
	Duration  time.Duration `yaml:"duration"`  // virtual time
	Customers int           `yaml:"customers"` // > 0: stop arrivals after this many and drain
}

// UI is the TUI's start-up settings (the ui: section).
type UI struct {
	Speed float64 `yaml:"speed"` // virtual seconds per wall second
	FPS   int     `yaml:"fps"`
}

// Source is one layer of configuration: YAML text and the name problems are reported under
// (a file path, "config.yaml (embedded)", ...).
type Source struct {
	Name string
	Data []byte
}

// Options says where a run's configuration comes from. See Resolve.
type Options struct {
	Base     Source   // the embedded default config.yaml
	File     *Source  // --config FILE, or nil
	Scenario string   // --scenario NAME, or "" for none
	Sets     []string // --set key=value items, in order
}

// Resolve builds the configuration of a run from its layers, in this order: Base, File,
// the scenario's overlay, then each --set item. A layer names keys and replaces their values:
// sections (shop, arrivals, ...) merge key by key, so a partial file overrides only the keys
// it has, while everything else — numbers, strings, distributions and whole lists such as
// menu — is replaced as one value. A --set item addresses any key by dotted path, list
// items by index ("menu.0.brew"). The result is validated; on failure the error is a
// *Error listing every problem found in every layer.
func Resolve(o Options) (*Config, error) {
	st := newLoadState()
	c := &Config{}
	st.applySource(c, o.Base)
	if o.File != nil {
		st.applySource(c, *o.File)
	}
	if o.Scenario != "" {
		st.applyScenario(c, o.Scenario)
	}
	for _, s := range o.Sets {
		st.applySet(c, s)
	}
	return st.finish(c)
}

// Load is Resolve with YAML layers only: base, then each layer in order.
func Load(base Source, layers ...Source) (*Config, error) {
	st := newLoadState()
	c := &Config{}
	st.applySource(c, base)
	for _, l := range layers {
		st.applySource(c, l)
	}
	return st.finish(c)
}

// Problem is one thing wrong with a configuration. File is the source's name (for a --set
// item, "--set key=value"); Line and Col are 1-based and 0 when unknown; Key is the dotted
// path of the offending key ("menu.0.brew"), empty for problems of the whole source.
type Problem struct {
	File      string
	Line, Col int
	Key       string
	Msg       string
}

// String formats p as "file:line:col: key: message", leaving out the parts p does not have.
// Text from the user is escaped (see EscapeText); a message may go on over more lines.
func (p Problem) String() string {
	var b strings.Builder
	if p.File != "" {
		b.WriteString(say.Escape(p.File))
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
		}
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(say.Escape(p.Key))
		b.WriteString(": ")
	}
	lines := strings.Split(p.Msg, "\n")
	for i, l := range lines {
		lines[i] = say.Escape(l)
	}
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}

// Error lists every problem of a configuration, in a stable order: by layer, then by
// position in the layer's text.
type Error struct {
	Problems []Problem
}

// Error prints one problem per line.
func (e *Error) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Validate reports every problem of c at once as a *Error (nil when c is valid):
// out-of-range numbers, NaN and infinities, distributions that are invalid or not allowed
// where they are, an empty menu, unordered schedules. Problems have keys but no positions;
// Resolve and Load add the file, line and column where each value came from.
func (c *Config) Validate() error {
	if ps := c.problems(); len(ps) > 0 {
		return &Error{Problems: ps}
	}
	return nil
}

// Clone returns a deep copy of c: changing the copy's menu or schedule leaves c alone.
func (c *Config) Clone() *Config {
	d := *c
	d.Arrivals.Schedule = slices.Clone(c.Arrivals.Schedule)
	d.Menu = slices.Clone(c.Menu)
	return &d
}

// MarshalJSON writes the fully resolved config with config.yaml's keys, in declaration order,
// durations and distributions as strings ("1h0m0s", "uniform(1s, 3s)"), and whole floats as
// integers, as the YAML library writes JSON. YAML is a superset of JSON, so the output is a
// complete layer: Load(base, Source{Data: out}) gives back an equal Config. It has a value
// receiver so that a Config held by value in another struct marshals the same way as a
// *Config. NaN, infinities and unknown enum values are errors.
func (c Config) MarshalJSON() ([]byte, error) {
	if err := c.checkEncodable(); err != nil {
		return nil, err
	}
	b, err := yaml.MarshalWithOptions(c, yaml.JSON(), yaml.AutoInt())
	if err != nil {
		return nil, fmt.Errorf("model: marshal config: %w", err)
	}
	return b, nil
}

// checkEncodable reports, by key, the first value JSON cannot hold: NaN, an infinity, an
// unknown brew mode or distribution kind.
func (c *Config) checkEncodable() error {
	check := func(key string, f float64) error {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("model: marshal config: %s: %v is not a finite number", key, f)
		}
		return nil
	}
	errs := []error{check("arrivals.rate", c.Arrivals.Rate), check("brew.rate", c.Brew.Rate), check("ui.speed", c.UI.Speed)}
	for i, s := range c.Arrivals.Schedule {
		errs = append(errs, check(fmt.Sprintf("arrivals.schedule.%d.rate", i), s.Rate))
	}
	for i, m := range c.Menu {
		errs = append(errs, check(fmt.Sprintf("menu.%d.weight", i), m.Weight))
	}
	if c.Shop.BrewMode >= numModes {
		errs = append(errs, fmt.Errorf("model: marshal config: shop.brew_mode: unknown brew mode %d", uint8(c.Shop.BrewMode)))
	}
	dists := []struct {
		key string
		d   dist.Dist
	}{{"arrivals.interarrival", c.Arrivals.Interarrival}, {"customers.order_time", c.Customers.OrderTime}, {"customers.patience", c.Customers.Patience}}
	for i, m := range c.Menu {
		dists = append(dists, struct {
			key string
			d   dist.Dist
		}{fmt.Sprintf("menu.%d.brew", i), m.Brew})
	}
	for _, kd := range dists {
		if !kd.d.Kind.Valid() {
			errs = append(errs, fmt.Errorf("model: marshal config: %s: unknown distribution kind %d", kd.key, uint8(kd.d.Kind)))
		}
	}
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

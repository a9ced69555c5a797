package model

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// Config is everything that defines a run, mirroring config.yaml key for key (the yaml tags
// are the keys). Build one with Resolve or Load, which layer config files, a scenario and
// --set items over the embedded defaults; check one built in code with Validate.
type Config struct {
	Seed      uint64          `yaml:"seed"`
	Shop      ShopConfig      `yaml:"shop"`
	Arrivals  ArrivalsConfig  `yaml:"arrivals"`
	Customers CustomersConfig `yaml:"customers"`
	Menu      []MenuItem      `yaml:"menu"`
	Brew      BrewConfig      `yaml:"brew"`
	Run       RunConfig       `yaml:"run"`
	UI        UIConfig        `yaml:"ui"`
}

// ShopConfig is the shop's staff and equipment (the shop: section).
type ShopConfig struct {
	Baristas        int      `yaml:"baristas"`
	Machines        int      `yaml:"machines"`       // espresso machines
	QueueCapacity   int      `yaml:"queue_capacity"` // 0: unlimited; else arrivals balk when full
	BrewMode        BrewMode `yaml:"brew_mode"`
	ExecutorWorkers int      `yaml:"executor_workers"` // threads in the executor pool
	Narrate         bool     `yaml:"narrate"`          // tasks say what they do (the lesson transcript)
}

// ArrivalsConfig is how customers arrive (the arrivals: section).
type ArrivalsConfig struct {
	Interarrival Dist       `yaml:"interarrival"`
	Rate         float64    `yaml:"rate"`     // live factor: interarrival = sample / rate
	Schedule     []RateStep `yaml:"schedule"` // rush hours, From strictly increasing
}

// RateStep multiplies the arrival rate by Rate from virtual time From on, until the next step.
type RateStep struct {
	From time.Duration `yaml:"from"`
	Rate float64       `yaml:"rate"`
}

// CustomersConfig is how long ordering takes and how long customers wait (the customers: section).
type CustomersConfig struct {
	OrderTime Dist `yaml:"order_time"`
	Patience  Dist `yaml:"patience"` // DistNone: customers never renege
}

// MenuItem is one drink: customers pick items in proportion to Weight.
type MenuItem struct {
	Name   string  `yaml:"name"`
	Weight float64 `yaml:"weight"`
	Brew   Dist    `yaml:"brew"`
}

// BrewConfig holds the brew speed factor (the brew: section).
type BrewConfig struct {
	Rate float64 `yaml:"rate"` // live factor: brew time = sample / rate
}

// RunConfig is the headless stop condition (the run: section).
type RunConfig struct {
	Duration  time.Duration `yaml:"duration"`  // virtual time
	Customers int           `yaml:"customers"` // > 0: stop arrivals after this many and drain
}

// UIConfig is the TUI's start-up settings (the ui: section).
type UIConfig struct {
	Speed float64 `yaml:"speed"` // virtual seconds per wall second
	FPS   int     `yaml:"fps"`
}

// The limits Validate enforces. They are far beyond any useful shop; they exist so that a
// typo (an extra zero, a wrong unit) is reported instead of exhausting memory or time.
// The live controls clamp to the same limits (MinRate is theirs, in controls.go), so a
// config never starts a slider out of its range.
const (
	MaxBaristas        = 1000
	MaxMachines        = 1000
	MaxRate            = 100 // arrivals.rate, brew.rate and each schedule step's rate; at least MinRate
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
// *ConfigError listing every problem found in every layer.
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
		b.WriteString(EscapeText(p.File))
		if p.Line > 0 {
			fmt.Fprintf(&b, ":%d:%d", p.Line, p.Col)
		}
		b.WriteString(": ")
	}
	if p.Key != "" {
		b.WriteString(EscapeText(p.Key))
		b.WriteString(": ")
	}
	lines := strings.Split(p.Msg, "\n")
	for i, l := range lines {
		lines[i] = EscapeText(l)
	}
	b.WriteString(strings.Join(lines, "\n"))
	return b.String()
}

// ConfigError lists every problem of a configuration, in a stable order: by layer, then by
// position in the layer's text.
type ConfigError struct {
	Problems []Problem
}

// Error prints one problem per line.
func (e *ConfigError) Error() string {
	lines := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		lines[i] = p.String()
	}
	return strings.Join(lines, "\n")
}

// Validate reports every problem of c at once as a *ConfigError (nil when c is valid):
// out-of-range numbers, NaN and infinities, distributions that are invalid or not allowed
// where they are, an empty menu, unordered schedules. Problems have keys but no positions;
// Resolve and Load add the file, line and column where each value came from.
func (c *Config) Validate() error {
	if ps := c.problems(); len(ps) > 0 {
		return &ConfigError{Problems: ps}
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
// durations and distributions as strings ("1h0m0s", "uniform(1s, 3s)"). YAML is a superset of
// JSON, so the output is a complete layer: Load(base, Source{Data: out}) gives back an equal
// Config. It has a value receiver so that a Config held by value in another struct marshals
// the same way as a *Config. NaN, infinities and unknown enum values are errors.
func (c Config) MarshalJSON() ([]byte, error) {
	return appendConfigJSON(nil, reflect.ValueOf(c), "")
}

// appendConfigJSON encodes v, walking the same yaml tags the loader reads.
func appendConfigJSON(b []byte, v reflect.Value, key string) ([]byte, error) {
	switch v.Type() {
	case durationType:
		return strconv.AppendQuote(b, time.Duration(v.Int()).String()), nil
	case distType:
		d := v.Interface().(Dist)
		if d.Kind >= numDistKinds {
			return nil, fmt.Errorf("model: marshal config: %s: unknown distribution kind %d", key, uint8(d.Kind))
		}
		return strconv.AppendQuote(b, d.String()), nil
	case brewModeType:
		m := BrewMode(v.Uint())
		if m >= numModes {
			return nil, fmt.Errorf("model: marshal config: %s: unknown brew mode %d", key, uint8(m))
		}
		return strconv.AppendQuote(b, m.String()), nil
	}
	switch v.Kind() {
	case reflect.Struct:
		b = append(b, '{')
		for i, f := range configFields(v.Type()) {
			if i > 0 {
				b = append(b, ',')
			}
			b = strconv.AppendQuote(b, f.name)
			b = append(b, ':')
			var err error
			if b, err = appendConfigJSON(b, v.Field(f.index), joinKey(key, f.name)); err != nil {
				return nil, err
			}
		}
		return append(b, '}'), nil
	case reflect.Slice:
		b = append(b, '[')
		for i := range v.Len() {
			if i > 0 {
				b = append(b, ',')
			}
			var err error
			if b, err = appendConfigJSON(b, v.Index(i), joinKey(key, strconv.Itoa(i))); err != nil {
				return nil, err
			}
		}
		return append(b, ']'), nil
	case reflect.Int:
		return strconv.AppendInt(b, v.Int(), 10), nil
	case reflect.Uint64:
		return strconv.AppendUint(b, v.Uint(), 10), nil
	case reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil, fmt.Errorf("model: marshal config: %s: %v is not a finite number", key, f)
		}
		return strconv.AppendFloat(b, f, 'g', -1, 64), nil
	case reflect.String:
		s, err := json.Marshal(v.String())
		return append(b, s...), err
	case reflect.Bool:
		return strconv.AppendBool(b, v.Bool()), nil
	}
	panic("model: config key " + key + " has unsupported type " + v.Type().String())
}

var (
	durationType = reflect.TypeFor[time.Duration]()
	distType     = reflect.TypeFor[Dist]()
	brewModeType = reflect.TypeFor[BrewMode]()
)

// configField is one key of a config section.
type configField struct {
	name  string
	index int
}

// configFields lists a section's keys in declaration order, from the yaml tags.
func configFields(t reflect.Type) []configField {
	fs := make([]configField, 0, t.NumField())
	for i := range t.NumField() {
		if name := t.Field(i).Tag.Get("yaml"); name != "" {
			fs = append(fs, configField{name: name, index: i})
		}
	}
	return fs
}

// fieldNames returns the keys of fs.
func fieldNames(fs []configField) []string {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = f.name
	}
	return names
}

// isConfigSection reports whether t is a mapping of keys (a struct that is not a Dist).
func isConfigSection(t reflect.Type) bool { return t.Kind() == reflect.Struct && t != distType }

// joinKey appends a key segment to a dotted path.
func joinKey(path, seg string) string {
	if path == "" {
		return seg
	}
	return path + "." + seg
}

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
			return fmtDurationCap(time.Duration(f))
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
func (v *configValidator) dist(key string, d Dist, noneOK bool) bool {
	if d.IsNone() && !noneOK {
		v.add(key, "must be a distribution, not none (none is allowed only for customers.patience); allowed: %s", distForms)
		return false
	}
	if msg := d.check(); msg != "" {
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

// ---- Loading: layers, positions, problems ----

// loadState accumulates one Resolve or Load: the problems found and, for each key a layer
// set, where it was set, so that Validate's problems can point at the offending text.
type loadState struct {
	layer    int // index of the layer being applied; problems sort by it first
	problems []sortedProblem
	origins  []keyOrigin // in the order keys were set; later entries win
	decoded  []string    // keys with a problem found while decoding
}

type sortedProblem struct {
	Problem
	layer int
	seq   int
}

// keyOrigin records that a layer set key from the text at file:line:col.
type keyOrigin struct {
	key, file string
	line, col int
	layer     int
}

func newLoadState() *loadState { return &loadState{layer: -1} }

// finish validates c, attaches positions to the validation problems, and returns c or a
// *ConfigError with every problem sorted by layer and position.
func (st *loadState) finish(c *Config) (*Config, error) {
	for _, p := range c.problems() {
		if st.decodedUnder(p.Key) {
			continue // already reported, more precisely, while decoding
		}
		o, ok := st.origin(p.Key)
		if !ok {
			o = keyOrigin{layer: st.layer + 1}
		}
		p.File, p.Line, p.Col = o.file, o.line, o.col
		st.problems = append(st.problems, sortedProblem{Problem: p, layer: o.layer, seq: len(st.problems)})
	}
	if len(st.problems) == 0 {
		return c, nil
	}
	slices.SortStableFunc(st.problems, func(a, b sortedProblem) int {
		return cmp.Or(cmp.Compare(a.layer, b.layer), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), cmp.Compare(a.seq, b.seq))
	})
	ps := make([]Problem, 0, min(len(st.problems), maxProblems+1))
	for i, p := range st.problems {
		if i == maxProblems {
			ps = append(ps, Problem{Msg: fmt.Sprintf("%d more problems not shown", len(st.problems)-maxProblems)})
			break
		}
		ps = append(ps, p.Problem)
	}
	return nil, &ConfigError{Problems: ps}
}

// decodedUnder reports whether key, a key above it or a key below it had a problem while
// decoding: then its value is the previous layer's or a zero (a menu item whose brew mapping
// was bad has no brew), and validating it would only add noise.
func (st *loadState) decodedUnder(key string) bool {
	for _, d := range st.decoded {
		if key == d || strings.HasPrefix(key, d+".") || strings.HasPrefix(d, key+".") {
			return true
		}
	}
	return false
}

// origin finds where key was last set: the newest record of key itself or of a list or
// section above it (a layer that replaced the whole menu is where menu.0.brew came from).
func (st *loadState) origin(key string) (keyOrigin, bool) {
	for i := len(st.origins) - 1; i >= 0; i-- {
		o := st.origins[i]
		if o.key == key || strings.HasPrefix(key, o.key+".") {
			return o, true
		}
	}
	return keyOrigin{}, false
}

// applySource decodes one YAML layer onto c.
func (st *loadState) applySource(c *Config, src Source) {
	st.layer++
	d := &configDecoder{st: st, file: src.Name}
	body, ok := d.parse(src.Data)
	if !ok || body == nil {
		return // a syntax error (reported), or an empty layer
	}
	d.decodeSection(reflect.ValueOf(c).Elem(), body, "")
}

// applyScenario decodes a scenario's overlay onto c.
func (st *loadState) applyScenario(c *Config, name string) {
	sc, ok := LookupScenario(name)
	if !ok {
		st.layer++
		d := &configDecoder{st: st, file: "--scenario " + name}
		d.problemKey("", fmt.Sprintf("unknown scenario %q%s (allowed: %s)", clip(name), didYouMean(name, ScenarioNames()), strings.Join(ScenarioNames(), ", ")))
		return
	}
	st.applySource(c, Source{Name: "scenario " + sc.Name, Data: []byte(sc.Overlay)})
}

// applySet applies one --set key=value item: the value is YAML, decoded at the dotted path.
func (st *loadState) applySet(c *Config, item string) {
	st.layer++
	d := &configDecoder{st: st, file: "--set " + clip(item), noPos: true}
	k, val, found := strings.Cut(item, "=")
	k = strings.TrimSpace(k)
	if !found || k == "" {
		d.problemKey("", "expected key=value with a dotted key, such as shop.baristas=4 or menu.0.brew='fixed(30s)'")
		return
	}
	node, ok := d.parse([]byte(val))
	if !ok {
		return
	}
	d.setPath(reflect.ValueOf(c).Elem(), strings.Split(k, "."), node)
}

// configDecoder decodes one layer's YAML onto a Config, reporting problems with positions.
type configDecoder struct {
	st    *loadState
	file  string
	noPos bool // --set values: positions inside the value text mean nothing to the user
}

// problem reports msg about key at n's position.
func (d *configDecoder) problem(n ast.Node, key, msg string) {
	line, col := nodePos(n)
	d.add(line, col, key, msg)
}

// problemKey reports msg about key without a position.
func (d *configDecoder) problemKey(key, msg string) { d.add(0, 0, key, msg) }

func (d *configDecoder) add(line, col int, key, msg string) {
	if d.noPos {
		line, col = 0, 0
	}
	st := d.st
	st.problems = append(st.problems, sortedProblem{
		Problem: Problem{File: d.file, Line: line, Col: col, Key: clip(key), Msg: msg},
		layer:   st.layer,
		seq:     len(st.problems),
	})
	if key != "" {
		st.decoded = append(st.decoded, key)
	}
}

// setOrigin records that this layer set key from n.
func (d *configDecoder) setOrigin(key string, n ast.Node) {
	o := keyOrigin{key: key, file: d.file, layer: d.st.layer}
	if !d.noPos {
		o.line, o.col = nodePos(n)
	}
	d.st.origins = append(d.st.origins, o)
}

// nodePos is where a node starts, 1-based; (0, 0) when unknown.
func nodePos(n ast.Node) (line, col int) {
	if mv, ok := n.(*ast.MappingValueNode); ok {
		n = mv.Key
	}
	if m, ok := n.(*ast.MappingNode); ok && !m.IsFlowStyle && len(m.Values) > 0 {
		n = m.Values[0].Key // a block mapping's own token is its first ':'
	}
	if n == nil {
		return 0, 0
	}
	tk := n.GetToken()
	if tk == nil || tk.Position == nil {
		return 0, 0
	}
	return tk.Position.Line, tk.Position.Column
}

// parse checks and parses one source's text, returning the document's body (nil when
// empty). Anchors and aliases are rejected outright: they are the tool of "billion laughs"
// attacks, and a config this small never needs them.
func (d *configDecoder) parse(data []byte) (ast.Node, bool) {
	if len(data) > MaxConfigBytes {
		d.problemKey("", fmt.Sprintf("larger than 1 MiB (%d bytes), the limit for a config", len(data)))
		return nil, false
	}
	if !d.checkText(data) {
		return nil, false
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff")) // a byte order mark, as some Windows editors write
	tokens := lexer.Tokenize(string(data))
	if !d.scanTokens(tokens) || !d.checkTabs(tokens) {
		return nil, false
	}
	f, err := parser.Parse(tokens, 0, parser.AllowDuplicateMapKey()) // duplicates: see decodeSection
	if err != nil {
		var ye yaml.Error
		if errors.As(err, &ye) && ye.GetToken() != nil && ye.GetToken().Position != nil {
			line, col := syntaxPos(ye.GetToken())
			msg := "invalid YAML: " + strings.ReplaceAll(ye.GetMessage(), "character '\t'", "a tab") // not a raw tab
			if !d.noPos {
				msg += snippet(data, line, col)
			}
			d.add(line, col, "", msg)
		} else {
			d.problemKey("", "invalid YAML: "+err.Error())
		}
		return nil, false
	}
	var body ast.Node
	for _, doc := range f.Docs {
		if doc == nil || doc.Body == nil {
			continue
		}
		if body != nil {
			d.problem(doc.Body, "", "more than one YAML document (---); a config is a single document")
			return nil, false
		}
		body = doc.Body
	}
	return body, true
}

// scanTokens rejects, before parsing, what the parser should never see: too many tokens,
// deep flow nesting, anchors, aliases, tags and merge keys.
func (d *configDecoder) scanTokens(tokens token.Tokens) bool {
	n := 0
	for _, tk := range tokens {
		if tk.Type != token.CommentType {
			n++
		}
	}
	if n > maxConfigTokens {
		d.problemKey("", fmt.Sprintf("too large: %d YAML tokens, at most %d", n, maxConfigTokens))
		return false
	}
	// Anchors, aliases, tags and merge keys: the first of each kind, with a count, since
	// an alias bomb repeats the same mistake hundreds of times.
	var first [4]*token.Token
	var count [4]int
	depth := 0
	for _, tk := range tokens {
		kind := -1
		switch tk.Type {
		case token.AnchorType:
			kind = 0
		case token.AliasType:
			kind = 1
		case token.TagType:
			kind = 2
		case token.MergeKeyType:
			kind = 3
		case token.SequenceStartType, token.MappingStartType:
			if depth++; depth > maxFlowDepth {
				d.add(tk.Position.Line, tk.Position.Column, "", fmt.Sprintf("nested too deeply: more than %d levels of [ ] and { }", maxFlowDepth))
				return false
			}
		case token.SequenceEndType, token.MappingEndType:
			depth--
		}
		if kind >= 0 {
			if count[kind] == 0 {
				first[kind] = tk
			}
			count[kind]++
		}
	}
	for kind, tk := range first {
		if tk == nil {
			continue
		}
		name := ""
		if tk.Next != nil {
			name = tk.Next.Value
		}
		var msg string
		switch kind {
		case 0:
			msg = "YAML anchors (&" + clip(name) + ") are not supported; write the value out in full"
		case 1:
			msg = "YAML aliases (*" + clip(name) + ") are not supported; write the value out in full"
		case 2:
			msg = "YAML tags (" + clip(tk.Value) + ") are not supported; write the plain value"
		case 3:
			msg = "YAML merge keys (<<) are not supported; write the keys out in full"
		}
		if n := count[kind]; n > 1 {
			msg += fmt.Sprintf(" (%d more after this one)", n-1)
		}
		d.add(tk.Position.Line, tk.Position.Column, "", msg)
	}
	return first == [4]*token.Token{}
}

// setPath applies a --set value at a dotted path: sections by key, lists by index.
func (d *configDecoder) setPath(v reflect.Value, segs []string, n ast.Node) {
	key := ""
	for i, seg := range segs {
		next := joinKey(key, seg)
		switch {
		case seg == "":
			d.problemKey(key, fmt.Sprintf("empty key in dotted path %q", clip(strings.Join(segs, "."))))
			return
		case isConfigSection(v.Type()):
			fs := configFields(v.Type())
			j := slices.IndexFunc(fs, func(f configField) bool { return f.name == seg })
			if j < 0 {
				d.problemKey(next, unknownKeyMsg(seg, fieldNames(fs)))
				return
			}
			v = v.Field(fs[j].index)
		case v.Kind() == reflect.Slice:
			idx, err := strconv.Atoi(seg)
			if err != nil || idx < 0 || idx >= v.Len() {
				d.problemKey(next, fmt.Sprintf("no item %s: %s has %d item%s, indexed from 0 (to change its length, set the whole list: --set %s='[...]')",
					clip(seg), key, v.Len(), plural(v.Len()), key))
				return
			}
			v = v.Index(idx)
			if i == len(segs)-1 && isConfigSection(v.Type()) {
				// A list item is one value: replaced whole, every key required.
				if item, ok := d.decodeItem(v.Type(), n, next); ok {
					v.Set(item)
				}
				return
			}
		default:
			what := "a single value"
			if v.Type() == distType {
				what = "a distribution"
			}
			d.problemKey(strings.Join(segs, "."), fmt.Sprintf("%s is %s without keys below it; set it whole, as in --set %s=...", key, what, key))
			return
		}
		key = next
	}
	d.decode(v, n, key)
}

// mappingEntries returns a mapping's key/value pairs, or false when n is not a mapping.
func mappingEntries(n ast.Node) ([]*ast.MappingValueNode, bool) {
	switch m := n.(type) {
	case *ast.MappingNode:
		return m.Values, true
	case *ast.MappingValueNode:
		return []*ast.MappingValueNode{m}, true
	}
	return nil, false
}

// isNull reports whether n is absent or YAML null ("key:" with nothing after it, "~").
func isNull(n ast.Node) bool {
	if n == nil {
		return true
	}
	_, ok := n.(*ast.NullNode)
	return ok
}

// isImplicitNull reports whether n is a null that was not written ("key:" with no value).
func isImplicitNull(n ast.Node) bool {
	if n == nil {
		return true
	}
	tk := n.GetToken()
	_, null := n.(*ast.NullNode)
	return null && (tk == nil || tk.Type == token.ImplicitNullType)
}

// keyText returns a mapping key's text; ok is false for keys that are not plain text.
func keyText(k ast.MapKeyNode) (string, bool) {
	switch k := k.(type) {
	case *ast.StringNode:
		return k.Value, true
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.NullNode:
		return k.GetToken().Value, true
	}
	return "", false
}

// decodeSection merges a mapping into a section: each key it has replaces that key's value,
// and keys it does not have keep theirs.
func (d *configDecoder) decodeSection(v reflect.Value, n ast.Node, key string) {
	if isNull(n) {
		return // "shop:" with every key commented out: nothing to change
	}
	d.decodeKeys(v, n, key, false)
}

// decodeItem decodes a list item (a menu item, a schedule step) as a whole new value: every
// key is required. ok is false when n is not a mapping at all.
func (d *configDecoder) decodeItem(t reflect.Type, n ast.Node, key string) (reflect.Value, bool) {
	v := reflect.New(t).Elem()
	return v, d.decodeKeys(v, n, key, true)
}

// decodeKeys decodes a mapping's keys onto the fields of v; with all, keys it lacks are
// reported missing. It returns false only when n is not a mapping.
//
// Duplicate keys are checked here rather than by the parser because of one repair: in a flow
// mapping, YAML splits "{brew: uniform(1s, 5s)}" at the comma into brew: "uniform(1s" and a
// key "5s)" with no value. That is how the contract writes menu items, so for distribution
// keys the pieces are joined back; two such splits in one mapping could produce the same
// stray key, which the parser would reject as a duplicate.
func (d *configDecoder) decodeKeys(v reflect.Value, n ast.Node, key string, all bool) bool {
	fs := configFields(v.Type())
	entries, ok := mappingEntries(n)
	if !ok {
		d.problem(n, key, fmt.Sprintf("must be a mapping with keys %s, got %s", strings.Join(fieldNames(fs), ", "), describeNode(n)))
		return false
	}
	flow := false
	if m, ok := n.(*ast.MappingNode); ok {
		flow = m.IsFlowStyle
	}
	seen := make([]bool, len(fs))
	firstAt := make(map[string]ast.Node, len(entries))
	for i := 0; i < len(entries); i++ {
		e := entries[i]
		name, ok := keyText(e.Key)
		if !ok {
			d.problem(e.Key, key, "keys must be plain names, got "+describeNode(e.Key))
			continue
		}
		sub := joinKey(key, name)
		if first, dup := firstAt[name]; dup {
			line, col := nodePos(first)
			d.problem(e.Key, sub, fmt.Sprintf("duplicate key %q (first at line %d, column %d)", clip(name), line, col))
			continue
		}
		firstAt[name] = e.Key
		j := slices.IndexFunc(fs, func(f configField) bool { return f.name == name })
		if j < 0 {
			d.problem(e.Key, sub, unknownKeyMsg(name, fieldNames(fs)))
			continue
		}
		seen[j] = true
		fv := v.Field(fs[j].index)
		if fv.Type() == distType && flow {
			if text, used := joinSplitDist(entries[i:]); used > 0 {
				i += used
				d.decodeDistText(fv, text, e.Value, sub)
				continue
			}
		}
		d.decode(fv, e.Value, sub)
	}
	if all {
		for j, f := range fs {
			if !seen[j] {
				d.problem(n, key, fmt.Sprintf("missing key %q (each item needs %s)", f.name, strings.Join(fieldNames(fs), ", ")))
			}
		}
	}
	return true
}

// joinSplitDist undoes YAML's split of "uniform(1s, 5s)" inside a flow mapping (see
// decodeKeys): entries[0] is the distribution key, with a value that opens more parentheses
// than it closes; the following entries whose keys carry no value are the rest. It returns
// the joined text and how many entries after entries[0] it used (0: nothing to join).
func joinSplitDist(entries []*ast.MappingValueNode) (string, int) {
	s, ok := entries[0].Value.(*ast.StringNode)
	if !ok || s.GetToken().Type != token.StringType {
		return "", 0
	}
	text, used := s.Value, 0
	for strings.Count(text, "(") > strings.Count(text, ")") && used+1 < len(entries) {
		next := entries[used+1]
		k, ok := next.Key.(*ast.StringNode)
		if !ok || !isImplicitNull(next.Value) {
			break // "x: null" is a real key; the stray piece has no ':' and no value at all
		}
		text += ", " + k.Value
		used++
	}
	if used == 0 {
		return "", 0
	}
	return text, used
}

// decode decodes n onto v (a field or list item) at key. A value that cannot be decoded is
// reported and leaves v as the previous layer set it.
func (d *configDecoder) decode(v reflect.Value, n ast.Node, key string) {
	t := v.Type()
	switch t {
	case durationType:
		if dur, ok := d.durationValue(n, key); ok {
			v.SetInt(int64(dur))
			d.setOrigin(key, n)
		}
		return
	case distType:
		d.decodeDist(v, n, key)
		return
	case brewModeType:
		s, ok := scalarString(n)
		m, known := ParseBrewMode(s)
		if !ok || !known {
			got := describeNode(n)
			d.problem(n, key, fmt.Sprintf("unknown brew mode %s%s (allowed: %s)", got, didYouMean(s, BrewModeNames()), strings.Join(BrewModeNames(), ", ")))
			return
		}
		v.SetUint(uint64(m))
		d.setOrigin(key, n)
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		d.setOrigin(key, n)
		d.decodeSection(v, n, key)
	case reflect.Slice:
		d.decodeList(v, n, key)
	case reflect.Int:
		if i, ok := d.intValue(n, key); ok {
			v.SetInt(i)
			d.setOrigin(key, n)
		}
	case reflect.Uint64:
		if u, ok := d.uintValue(n, key); ok {
			v.SetUint(u)
			d.setOrigin(key, n)
		}
	case reflect.Float64:
		if f, ok := d.floatValue(n, key); ok {
			v.SetFloat(f)
			d.setOrigin(key, n)
		}
	case reflect.String:
		switch s := n.(type) {
		case *ast.StringNode:
			v.SetString(s.Value)
		case *ast.LiteralNode:
			v.SetString(s.Value.Value)
		default:
			d.problem(n, key, "must be a string (text; quote it if it looks like a number), got "+describeNode(n))
			return
		}
		d.setOrigin(key, n)
	case reflect.Bool:
		b, ok := n.(*ast.BoolNode)
		if !ok {
			d.problem(n, key, "must be true or false, got "+describeNode(n))
			return
		}
		v.SetBool(b.Value)
		d.setOrigin(key, n)
	default:
		panic("model: config key " + key + " has unsupported type " + t.String())
	}
}

// decodeList replaces a whole list. Items with problems are kept (with zero values where
// they failed) so that the other items are still validated; their own problems are reported.
func (d *configDecoder) decodeList(v reflect.Value, n ast.Node, key string) {
	r := ruleFor(key)
	var items []ast.Node
	switch s := n.(type) {
	case *ast.SequenceNode:
		items = s.Values
	case *ast.NullNode:
		// "schedule:" with nothing: an empty list
	default:
		d.problem(n, key, fmt.Sprintf("must be %s, got %s", r.allowed(""), describeNode(n)))
		return
	}
	if r.kind == ruleList && float64(len(items)) > r.hi {
		d.problem(n, key, fmt.Sprintf("must be %s, got %d", r.allowed(""), len(items)))
		return
	}
	d.setOrigin(key, n)
	if len(items) == 0 {
		v.Set(reflect.Zero(v.Type())) // nil, so that "[]" and a Config built in code compare equal
		return
	}
	list := reflect.MakeSlice(v.Type(), len(items), len(items))
	for i, item := range items {
		ik := joinKey(key, strconv.Itoa(i))
		if isConfigSection(v.Type().Elem()) {
			if iv, ok := d.decodeItem(v.Type().Elem(), item, ik); ok {
				list.Index(i).Set(iv)
			}
			continue
		}
		d.decode(list.Index(i), item, ik)
	}
	v.Set(list)
}

// decodeDist decodes a distribution from its string form or its mapping form.
func (d *configDecoder) decodeDist(v reflect.Value, n ast.Node, key string) {
	if entries, ok := mappingEntries(n); ok {
		if dist, ok := d.distMapping(entries, n, key); ok {
			v.Set(reflect.ValueOf(dist))
			d.setOrigin(key, n)
		}
		return
	}
	s, ok := n.(*ast.StringNode)
	if !ok {
		d.problem(n, key, fmt.Sprintf("must be a distribution, got %s; allowed: %s%s", describeNode(n), distForms, noneHint(key)))
		return
	}
	d.decodeDistText(v, s.Value, n, key)
}

// decodeDistText decodes a distribution's string form.
func (d *configDecoder) decodeDistText(v reflect.Value, text string, n ast.Node, key string) {
	dist, msg := parseDist(text)
	if msg != "" {
		d.problem(n, key, fmt.Sprintf("invalid distribution %q: %s", clip(text), msg))
		return
	}
	v.Set(reflect.ValueOf(dist))
	d.setOrigin(key, n)
}

// noneHint adds ", or none" where a key allows none.
func noneHint(key string) string {
	if key == "customers.patience" {
		return ", or none"
	}
	return ""
}

// distMapping decodes the mapping form {dist: uniform, min: 1s, max: 3s}.
func (d *configDecoder) distMapping(entries []*ast.MappingValueNode, n ast.Node, key string) (Dist, bool) {
	allKeys := []string{"dist", "value", "min", "max", "mean", "stddev"}
	vals := map[string]*ast.MappingValueNode{}
	ok := true
	for _, e := range entries {
		name, isText := keyText(e.Key)
		switch {
		case !isText:
			d.problem(e.Key, key, "keys must be plain names, got "+describeNode(e.Key))
			ok = false
		case !slices.Contains(allKeys, name):
			d.problem(e.Key, joinKey(key, name), unknownKeyMsg(name, allKeys))
			ok = false
		case vals[name] != nil:
			line, col := nodePos(vals[name].Key)
			d.problem(e.Key, joinKey(key, name), fmt.Sprintf("duplicate key %q (first at line %d, column %d)", name, line, col))
			ok = false
		default:
			vals[name] = e
		}
	}
	if !ok {
		return Dist{}, false
	}
	kindEntry := vals["dist"]
	if kindEntry == nil {
		d.problem(n, key, `missing key "dist": a distribution mapping names its kind, as in {dist: uniform, min: 1s, max: 3s}`)
		return Dist{}, false
	}
	kindName, _ := scalarString(kindEntry.Value)
	kind, known := lookupDistKind(kindName)
	if !known {
		d.problem(kindEntry.Value, joinKey(key, "dist"), fmt.Sprintf("unknown distribution %s%s (allowed: %s)",
			describeNode(kindEntry.Value), didYouMean(kindName, distKindNames[:]), strings.Join(distKindNames[:], ", ")))
		return Dist{}, false
	}
	params := distParamNames[kind]
	var ds [2]time.Duration
	for _, name := range allKeys[1:] {
		e := vals[name]
		j := slices.Index(params, name)
		switch {
		case e == nil && j >= 0:
			d.problem(n, key, fmt.Sprintf("missing key %q: %s takes %s", name, kind, strings.Join(params, ", ")))
			ok = false
		case e != nil && j < 0:
			d.problem(e.Key, joinKey(key, name), fmt.Sprintf("%s does not take %s (it takes %s)", kind, name, takesList(params)))
			ok = false
		case e != nil:
			dur, good := d.durationValue(e.Value, joinKey(key, name))
			ds[j] = dur
			ok = ok && good
		}
	}
	if !ok {
		return Dist{}, false
	}
	dist := Dist{Kind: kind, A: ds[0], B: ds[1]}
	if msg := dist.check(); msg != "" {
		d.problem(n, key, fmt.Sprintf("invalid distribution %s: %s", dist, msg))
		return Dist{}, false
	}
	return dist, true
}

// takesList names a kind's parameters for a message, "nothing" for none.
func takesList(params []string) string {
	if len(params) == 0 {
		return "nothing"
	}
	return strings.Join(params, ", ")
}

// scalarString returns the text of a string node.
func scalarString(n ast.Node) (string, bool) {
	if s, ok := n.(*ast.StringNode); ok {
		return s.Value, true
	}
	return "", false
}

// durationValue reads a Go duration string ("90s", "1h30m"; a bare 0 is also accepted).
func (d *configDecoder) durationValue(n ast.Node, key string) (time.Duration, bool) {
	var text string
	switch s := n.(type) {
	case *ast.StringNode:
		text = s.Value
	case *ast.IntegerNode:
		text = s.GetToken().Value
	}
	if text != "" {
		if dur, err := time.ParseDuration(text); err == nil {
			return dur, true
		}
	}
	what := "a duration (a Go duration string such as 90s, 1m30s or 2h)"
	if r := ruleFor(key); r.kind == ruleDuration {
		what = r.allowed(what)
	}
	d.problem(n, key, fmt.Sprintf("must be %s, got %s", what, describeNode(n)))
	return 0, false
}

// numberText returns the text of a number-like scalar: goccy/go-yaml reads some numbers
// ("1e3", integers beyond 64 bits) as strings, so those are parsed here.
func numberText(n ast.Node) (string, bool) {
	switch s := n.(type) {
	case *ast.IntegerNode, *ast.FloatNode, *ast.NanNode, *ast.InfinityNode:
		return s.GetToken().Value, true
	case *ast.StringNode:
		return s.Value, true
	}
	return "", false
}

// intValue reads an integer that fits in an int; the rule's range is checked by Validate.
func (d *configDecoder) intValue(n ast.Node, key string) (int64, bool) {
	if in, ok := n.(*ast.IntegerNode); ok {
		// goccy/go-yaml stores non-negative integers as uint64, negative ones as int64.
		switch i := in.Value.(type) {
		case int64:
			if i >= math.MinInt {
				return i, true
			}
		case uint64:
			if i <= math.MaxInt {
				return int64(i), true
			}
		}
	} else if text, ok := numberText(n); ok {
		if i, err := strconv.ParseInt(text, 10, strconv.IntSize); err == nil {
			return i, true
		}
	}
	d.problem(n, key, fmt.Sprintf("must be %s, got %s", ruleFor(key).allowed("an integer"), describeNode(n)))
	return 0, false
}

// uintValue reads a non-negative 64-bit integer (the seed).
func (d *configDecoder) uintValue(n ast.Node, key string) (uint64, bool) {
	if in, ok := n.(*ast.IntegerNode); ok {
		switch u := in.Value.(type) {
		case uint64:
			return u, true
		case int64:
			if u >= 0 {
				return uint64(u), true
			}
		}
	} else if text, ok := numberText(n); ok {
		if u, err := strconv.ParseUint(text, 10, 64); err == nil {
			return u, true
		}
	}
	d.problem(n, key, fmt.Sprintf("must be %s, got %s", ruleFor(key).allowed("an integer"), describeNode(n)))
	return 0, false
}

// floatValue reads a number. NaN and infinities are read as such and rejected by Validate,
// whose message names the allowed range.
func (d *configDecoder) floatValue(n ast.Node, key string) (float64, bool) {
	switch s := n.(type) {
	case *ast.IntegerNode:
		switch i := s.Value.(type) {
		case int64:
			return float64(i), true
		case uint64:
			return float64(i), true
		}
	case *ast.FloatNode:
		return s.Value, true
	case *ast.InfinityNode:
		return s.Value, true
	case *ast.NanNode:
		return math.NaN(), true
	case *ast.StringNode:
		if f, err := strconv.ParseFloat(s.Value, 64); err == nil {
			return f, true
		}
	}
	d.problem(n, key, fmt.Sprintf("must be %s, got %s", ruleFor(key).allowed("a number"), describeNode(n)))
	return 0, false
}

// describeNode names what a node is, for "got ..." in messages.
func describeNode(n ast.Node) string {
	switch s := n.(type) {
	case nil:
		return "nothing"
	case *ast.NullNode:
		if isImplicitNull(s) {
			return "nothing"
		}
		return "null"
	case *ast.StringNode:
		return strconv.Quote(clip(s.Value))
	case *ast.LiteralNode:
		return "a block of text"
	case *ast.MappingNode, *ast.MappingValueNode:
		return "a mapping"
	case *ast.SequenceNode:
		return "a list"
	case *ast.AnchorNode, *ast.AliasNode, *ast.TagNode:
		return "an anchor, alias or tag"
	}
	if tk := n.GetToken(); tk != nil {
		return clip(tk.Value)
	}
	return "an unexpected " + n.Type().String()
}

// clip shortens user text quoted in messages.
func clip(s string) string {
	const max = 100
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	return string([]rune(s)[:max]) + "…"
}

// unknownKeyMsg is the message for a key that is not in allowed.
func unknownKeyMsg(name string, allowed []string) string {
	if hint := didYouMean(name, allowed); hint != "" {
		return fmt.Sprintf("unknown key %q%s", clip(name), hint)
	}
	return fmt.Sprintf("unknown key %q (allowed: %s)", clip(name), strings.Join(allowed, ", "))
}

// didYouMean returns `; did you mean "x"?` for the candidate closest to s, or "" when none
// is close: within about a third of its length in edit distance, or starting with s.
// Ties go to the earlier candidate, so the suggestion is stable.
func didYouMean(s string, candidates []string) string {
	if best := closestName(s, candidates); best != "" {
		return fmt.Sprintf("; did you mean %q?", best)
	}
	return ""
}

// closestName implements didYouMean's choice.
func closestName(s string, candidates []string) string {
	orig := s
	s = strings.ToLower(strings.TrimSpace(s))
	best, bestDist := "", math.MaxInt
	for _, c := range candidates {
		if c == orig {
			continue
		}
		limit := max(1, (len(c)+2)/3)
		if len(s) > len(c)+limit {
			continue // too long to be close; also bounds the cost of editDistance
		}
		dist := editDistance(s, c)
		if dist > limit && (len(s) < 3 || !strings.HasPrefix(c, s)) {
			continue
		}
		if dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in bytes (keys are ASCII).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"math"
	"os"
	"path"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/brewloop/brewloop/internal/say"
	"github.com/brewloop/brewloop/model/dist"
)

// The -update flag rewrites golden files. It is looked up rather than declared as a
// variable so that another test file in this package may declare it too.
func init() {
	if flag.Lookup("update") == nil {
		flag.Bool("update", false, "rewrite the golden files in testdata")
	}
}

func updateConfigGolden() bool {
	f := flag.Lookup("update")
	return f != nil && f.Value.String() == "true"
}

// defaultSource is the repository's config.yaml, which main embeds.
func defaultSource(t *testing.T) Source {
	t.Helper()
	data, err := os.ReadFile("../../config.yaml")
	if err != nil {
		t.Fatalf("os.ReadFile(../config.yaml) error = %v", err)
	}
	return Source{Name: "config.yaml", Data: data}
}

// wantDefault is config.yaml, written out in Go.
func wantDefault() *Config {
	return &Config{
		Seed: 42,
		Shop: Shop{Baristas: 2, Machines: 3, QueueCapacity: 0, BrewMode: ModeAsync, ExecutorWorkers: 4, Narrate: true},
		Arrivals: Arrivals{
			Interarrival: dist.Uniform(time.Second, 3*time.Second),
			Rate:         1,
		},
		Customers: Customers{OrderTime: dist.Fixed(0), Patience: dist.Dist{}},
		Menu:      []MenuItem{{Name: "espresso", Weight: 1, Brew: dist.Uniform(time.Second, 5*time.Second)}},
		Brew:      Brew{Rate: 1},
		Run:       Run{Duration: time.Hour, Customers: 0},
		UI:        UI{Speed: 1, FPS: 30},
	}
}

// mustResolve resolves o or fails the test.
func mustResolve(t *testing.T, o Options) *Config {
	t.Helper()
	c, err := Resolve(o)
	if err != nil {
		t.Fatalf("Resolve(%+v) error:\n%v", o.Sets, err)
	}
	return c
}

func TestDefaultConfigFile(t *testing.T) {
	base := defaultSource(t)
	c, err := Load(base)
	if err != nil {
		t.Fatalf("Load(config.yaml) error:\n%v", err)
	}
	if want := wantDefault(); !reflect.DeepEqual(c, want) {
		t.Errorf("Load(config.yaml) =\n%+v\nwant\n%+v", c, want)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("Load(config.yaml).Validate() = %v, want nil", err)
	}
	if err := wantDefault().Validate(); err != nil {
		t.Errorf("wantDefault().Validate() = %v, want nil", err)
	}
}

// TestConfigYAMLDocumentsEveryKey checks that config.yaml sets every key of Config (so the
// embedded default is complete) by loading it over an empty base and comparing.
func TestConfigYAMLDocumentsEveryKey(t *testing.T) {
	c, err := Load(Source{Name: "empty"}, defaultSource(t))
	if err != nil {
		t.Fatalf("Load(empty, config.yaml) error:\n%v", err)
	}
	if want := wantDefault(); !reflect.DeepEqual(c, want) {
		t.Errorf("Load(empty, config.yaml) = %+v, want %+v", c, want)
	}
}

func TestLoadBadCorpus(t *testing.T) {
	base := defaultSource(t)
	entries, err := os.ReadDir("testdata/config/bad")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok {
			continue
		}
		n++
		t.Run(name, func(t *testing.T) {
			file := path.Join("testdata/config/bad", e.Name())
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Resolve(Options{Base: base, File: &Source{Name: file, Data: data}})
			if err == nil {
				t.Fatalf("Resolve(%s) = %+v, nil; want an error", file, c)
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("Resolve(%s) error = %T %v, want a *Error", file, err, err)
			}
			if c != nil {
				t.Errorf("Resolve(%s) = %+v with an error, want nil", file, c)
			}
			for _, p := range ce.Problems {
				if p.File != file || p.Line <= 0 || p.Col <= 0 {
					t.Errorf("Resolve(%s) problem %q has no position in %s", file, p, file)
				}
			}
			checkGolden(t, strings.TrimSuffix(file, ".yaml")+".golden", []byte(err.Error()+"\n"))
		})
	}
	if n < 15 {
		t.Errorf("testdata/config/bad has %d configs, want at least 15", n)
	}
}

func TestLoadGoodCorpus(t *testing.T) {
	base := defaultSource(t)
	entries, err := os.ReadDir("testdata/config/good")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		name, ok := strings.CutSuffix(e.Name(), ".yaml")
		if !ok {
			continue
		}
		t.Run(name, func(t *testing.T) {
			file := path.Join("testdata/config/good", e.Name())
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			c, err := Resolve(Options{Base: base, File: &Source{Name: file, Data: data}})
			if err != nil {
				t.Fatalf("Resolve(%s) error:\n%v", file, err)
			}
			out, err := json.MarshalIndent(c, "", "  ")
			if err != nil {
				t.Fatalf("json.MarshalIndent(Resolve(%s)) error = %v", file, err)
			}
			checkGolden(t, strings.TrimSuffix(file, ".yaml")+".golden.json", append(out, '\n'))
		})
	}
}

// checkGolden compares got with the golden file, or rewrites it under -update.
func checkGolden(t *testing.T, file string, got []byte) {
	t.Helper()
	if updateConfigGolden() {
		if err := os.WriteFile(file, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("reading golden file: %v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it)\ngot:\n%s\nwant:\n%s", file, got, want)
	}
}

func TestResolveSets(t *testing.T) {
	tests := []struct {
		name string
		sets []string
		want func(c *Config) // changes to the default; nil when an error is wanted
		err  string
	}{
		{
			name: "int",
			sets: []string{"shop.baristas=4"},
			want: func(c *Config) { c.Shop.Baristas = 4 },
		},
		{
			name: "in order, last wins",
			sets: []string{"shop.baristas=4", "shop.machines=5", "shop.baristas=6"},
			want: func(c *Config) { c.Shop.Baristas, c.Shop.Machines = 6, 5 },
		},
		{
			name: "distribution string",
			sets: []string{"arrivals.interarrival=exponential(20s)"},
			want: func(c *Config) { c.Arrivals.Interarrival = dist.Exponential(20 * time.Second) },
		},
		{
			name: "distribution with a comma",
			sets: []string{"arrivals.interarrival=uniform(2s, 4s)"},
			want: func(c *Config) { c.Arrivals.Interarrival = dist.Uniform(2*time.Second, 4*time.Second) },
		},
		{
			name: "distribution mapping",
			sets: []string{"customers.patience={dist: normal, mean: 4m, stddev: 1m}"},
			want: func(c *Config) { c.Customers.Patience = dist.Normal(4*time.Minute, time.Minute) },
		},
		{
			name: "list item field",
			sets: []string{"menu.0.brew=fixed(30s)"},
			want: func(c *Config) { c.Menu[0].Brew = dist.Fixed(30 * time.Second) },
		},
		{
			name: "whole list, flow form",
			sets: []string{"menu=[{name: tea, weight: 2, brew: uniform(1m, 2m)}, {name: coffee, weight: 1, brew: fixed(1m)}]"},
			want: func(c *Config) {
				c.Menu = []MenuItem{
					{Name: "tea", Weight: 2, Brew: dist.Uniform(time.Minute, 2*time.Minute)},
					{Name: "coffee", Weight: 1, Brew: dist.Fixed(time.Minute)},
				}
			},
		},
		{
			name: "whole list item",
			sets: []string{"menu.0={name: tea, weight: 2, brew: fixed(1m)}"},
			want: func(c *Config) { c.Menu[0] = MenuItem{Name: "tea", Weight: 2, Brew: dist.Fixed(time.Minute)} },
		},
		{
			name: "list then its item",
			sets: []string{"arrivals.schedule=[{from: 1h, rate: 2}]", "arrivals.schedule.0.rate=3"},
			want: func(c *Config) { c.Arrivals.Schedule = []RateStep{{From: time.Hour, Rate: 3}} },
		},
		{
			name: "section merges",
			sets: []string{"shop={baristas: 7, brew_mode: hands-on}"},
			want: func(c *Config) { c.Shop.Baristas, c.Shop.BrewMode = 7, ModeHandsOn },
		},
		{
			name: "spaces around key and value",
			sets: []string{" ui.fps = 60 "},
			want: func(c *Config) { c.UI.FPS = 60 },
		},
		{
			name: "quoted string value",
			sets: []string{`menu.0.name="flat white"`, "seed=7"},
			want: func(c *Config) { c.Menu[0].Name, c.Seed = "flat white", 7 },
		},
		{
			name: "bad value",
			sets: []string{"shop.baristas=x"},
			err:  `--set shop.baristas=x: shop.baristas: must be an integer from 1 to 1000, got "x"`,
		},
		{
			name: "out of range",
			sets: []string{"shop.baristas=0"},
			err:  `--set shop.baristas=0: shop.baristas: must be an integer from 1 to 1000, got 0`,
		},
		{
			name: "unknown key",
			sets: []string{"shop.baristaz=4"},
			err:  `--set shop.baristaz=4: shop.baristaz: unknown key "baristaz"; did you mean "baristas"?`,
		},
		{
			name: "unknown section",
			sets: []string{"shops.baristas=4"},
			err:  `--set shops.baristas=4: shops: unknown key "shops"; did you mean "shop"?`,
		},
		{
			name: "no equals sign",
			sets: []string{"shop.baristas"},
			err:  `--set shop.baristas: expected key=value with a dotted key, such as shop.baristas=4 or menu.0.brew='fixed(30s)'`,
		},
		{
			name: "empty key",
			sets: []string{"=4"},
			err:  `--set =4: expected key=value with a dotted key, such as shop.baristas=4 or menu.0.brew='fixed(30s)'`,
		},
		{
			name: "empty segment",
			sets: []string{"shop..baristas=4"},
			err:  `--set shop..baristas=4: shop: empty key in dotted path "shop..baristas"`,
		},
		{
			name: "empty value",
			sets: []string{"shop.baristas="},
			err:  `--set shop.baristas=: shop.baristas: must be an integer from 1 to 1000, got nothing`,
		},
		{
			name: "index out of range",
			sets: []string{"menu.1.brew=fixed(1s)"},
			err:  `--set menu.1.brew=fixed(1s): menu.1: no item 1: menu has 1 item, indexed from 0 (to change its length, set the whole list: --set menu='[...]')`,
		},
		{
			name: "index not a number",
			sets: []string{"menu.first.brew=fixed(1s)"},
			err:  `--set menu.first.brew=fixed(1s): menu.first: no item first: menu has 1 item, indexed from 0 (to change its length, set the whole list: --set menu='[...]')`,
		},
		{
			name: "below a distribution",
			sets: []string{"arrivals.interarrival.max=5s"},
			err:  `--set arrivals.interarrival.max=5s: arrivals.interarrival.max: arrivals.interarrival is a distribution without keys below it; set it whole, as in --set arrivals.interarrival=...`,
		},
		{
			name: "below a number",
			sets: []string{"shop.baristas.count=5"},
			err:  `--set shop.baristas.count=5: shop.baristas.count: shop.baristas is a single value without keys below it; set it whole, as in --set shop.baristas=...`,
		},
		{
			name: "invalid YAML value",
			sets: []string{"menu=[{name: tea"},
			err:  `--set menu=[{name: tea: invalid YAML: could not find flow mapping end token '}'`,
		},
		{
			name: "list item missing keys",
			sets: []string{"menu=[{name: tea}]"},
			err: `--set menu=[{name: tea}]: menu.0: missing key "weight" (each item needs name, weight, brew)` + "\n" +
				`--set menu=[{name: tea}]: menu.0: missing key "brew" (each item needs name, weight, brew)`,
		},
		{
			name: "alias",
			sets: []string{"seed=*x"},
			err:  `--set seed=*x: YAML aliases (*x) are not supported; write the value out in full`,
		},
		{
			name: "every problem, in order",
			sets: []string{"shop.baristas=0", "ui.fps=x", "menu.0.weight=-1"},
			err: "--set shop.baristas=0: shop.baristas: must be an integer from 1 to 1000, got 0\n" +
				`--set ui.fps=x: ui.fps: must be an integer from 1 to 120, got "x"` + "\n" +
				"--set menu.0.weight=-1: menu.0.weight: must be a number greater than 0 and at most 1000000, got -1",
		},
	}
	base := defaultSource(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Resolve(Options{Base: base, Sets: tt.sets})
			if tt.want == nil {
				if err == nil {
					t.Fatalf("Resolve(--set %q) = %+v, nil; want error %q", tt.sets, c, tt.err)
				}
				if err.Error() != tt.err {
					t.Errorf("Resolve(--set %q) error =\n%v\nwant\n%v", tt.sets, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatalf("Resolve(--set %q) error:\n%v", tt.sets, err)
			}
			want := wantDefault()
			tt.want(want)
			if !reflect.DeepEqual(c, want) {
				t.Errorf("Resolve(--set %q) =\n%+v\nwant\n%+v", tt.sets, c, want)
			}
		})
	}
}

// TestLayers checks the merge rules: sections merge key by key, other values (lists
// included) are replaced whole, and later layers win.
func TestLayers(t *testing.T) {
	base := defaultSource(t)
	tests := []struct {
		name string
		opts Options
		want func(c *Config)
	}{
		{
			name: "partial file overrides only its keys",
			opts: Options{File: &Source{Name: "f.yaml", Data: []byte("shop:\n  machines: 9\n")}},
			want: func(c *Config) { c.Shop.Machines = 9 },
		},
		{
			name: "byte order mark and CRLF line ends",
			opts: Options{File: &Source{Name: "f.yaml", Data: []byte("\ufeffshop:\r\n  machines: 9\r\n")}},
			want: func(c *Config) { c.Shop.Machines = 9 },
		},
		{
			name: "a list in a layer replaces the whole list",
			opts: Options{File: &Source{Name: "f.yaml", Data: []byte("menu:\n  - {name: tea, weight: 1, brew: fixed(1m)}\n  - {name: mocha, weight: 2, brew: fixed(2m)}\n")}},
			want: func(c *Config) {
				c.Menu = []MenuItem{{Name: "tea", Weight: 1, Brew: dist.Fixed(time.Minute)}, {Name: "mocha", Weight: 2, Brew: dist.Fixed(2 * time.Minute)}}
			},
		},
		{
			name: "a distribution is one value",
			opts: Options{File: &Source{Name: "f.yaml", Data: []byte("arrivals:\n  interarrival: {dist: exponential, mean: 5s}\n")}},
			want: func(c *Config) { c.Arrivals.Interarrival = dist.Exponential(5 * time.Second) },
		},
		{
			name: "empty section and null list",
			opts: Options{File: &Source{Name: "f.yaml", Data: []byte("shop:\narrivals:\n  schedule:\n")}},
			want: func(c *Config) {},
		},
		{
			name: "scenario after file, set after scenario",
			opts: Options{
				File:     &Source{Name: "f.yaml", Data: []byte("shop: {baristas: 9}\nui: {fps: 60}\nseed: 5\n")},
				Scenario: "mmc",
				Sets:     []string{"shop.machines=6"},
			},
			want: func(c *Config) {
				*c = *mustResolve(t, Options{Base: base, Scenario: "mmc"})
				c.UI.FPS, c.Seed = 60, 5 // the scenario leaves ui and seed alone
				c.Shop.Machines = 6
			},
		},
		{
			name: "set changes one field of the scenario's list",
			opts: Options{Scenario: "rush-hour", Sets: []string{"menu.1.weight=9"}},
			want: func(c *Config) {
				*c = *mustResolve(t, Options{Base: base, Scenario: "rush-hour"})
				c.Menu[1].Weight = 9
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Base = base
			got := mustResolve(t, tt.opts)
			want := wantDefault()
			tt.want(want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Resolve() =\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

func TestLoadLayersInOrder(t *testing.T) {
	base := defaultSource(t)
	c, err := Load(base,
		Source{Name: "a", Data: []byte("shop: {baristas: 3, machines: 4}")},
		Source{Name: "b", Data: []byte("shop: {baristas: 5}")},
	)
	if err != nil {
		t.Fatalf("Load() error:\n%v", err)
	}
	if c.Shop.Baristas != 5 || c.Shop.Machines != 4 {
		t.Errorf("Load(base, a, b) shop = %+v, want baristas 5 (from b) and machines 4 (from a)", c.Shop)
	}
	_, err = Load(base,
		Source{Name: "a", Data: []byte("shop: {baristas: 0}")},
		Source{Name: "b", Data: []byte("ui: {fps: 0}")},
	)
	want := "a:1:18: shop.baristas: must be an integer from 1 to 1000, got 0\nb:1:11: ui.fps: must be an integer from 1 to 120, got 0"
	if err == nil || err.Error() != want {
		t.Errorf("Load(base, a, b) error =\n%v\nwant\n%s", err, want)
	}
}

func TestMarshalJSON(t *testing.T) {
	got, err := json.Marshal(wantDefault())
	if err != nil {
		t.Fatalf("json.Marshal(default) error = %v", err)
	}
	const want = `{"seed":42,"shop":{"baristas":2,"machines":3,"queue_capacity":0,"brew_mode":"async","executor_workers":4,"narrate":true},` +
		`"arrivals":{"interarrival":"uniform(1s, 3s)","rate":1,"schedule":[]},"customers":{"order_time":"fixed(0s)","patience":"none"},` +
		`"menu":[{"name":"espresso","weight":1,"brew":"uniform(1s, 5s)"}],"brew":{"rate":1},"run":{"duration":"1h0m0s","customers":0},` +
		`"ui":{"speed":1,"fps":30}}`
	if string(got) != want {
		t.Errorf("json.Marshal(default) =\n%s\nwant\n%s", got, want)
	}
	// A Config held by value marshals the same way.
	byValue, err := json.Marshal(struct{ C Config }{*wantDefault()})
	if err != nil || string(byValue) != `{"C":`+want+`}` {
		t.Errorf("json.Marshal(struct{C Config}) = %s, %v; want {\"C\":%s}", byValue, err, want)
	}
}

// TestMarshalJSONRoundTrip feeds MarshalJSON's output back through Load, as a replay does,
// and wants the same Config: compact, indented, and indented inside another document.
func TestMarshalJSONRoundTrip(t *testing.T) {
	base := defaultSource(t)
	configs := map[string]*Config{"default": wantDefault()}
	for _, s := range Scenarios() {
		configs["scenario "+s.Name] = mustResolve(t, Options{Base: base, Scenario: s.Name})
	}
	edge := wantDefault()
	edge.Seed = math.MaxUint64
	edge.Arrivals.Rate = 0.1 + 0.2 // not exactly 0.3: the shortest repr must survive
	edge.Arrivals.Schedule = []RateStep{{From: 0, Rate: 1e-2}, {From: 90 * time.Minute, Rate: 2.5}}
	edge.Customers.Patience = dist.Lognormal(1234567891*time.Nanosecond, time.Second)
	edge.Menu = append(edge.Menu, MenuItem{Name: `"Crème" <brûlée> & \ co`, Weight: 1e6, Brew: dist.Normal(0, dist.MaxParam)})
	edge.Run.Duration = MaxRunDuration
	configs["edge values"] = edge

	for name, c := range configs {
		t.Run(name, func(t *testing.T) {
			out, err := c.MarshalJSON()
			if err != nil {
				t.Fatalf("MarshalJSON() error = %v", err)
			}
			if !json.Valid(out) {
				t.Fatalf("MarshalJSON() = %s, not valid JSON", out)
			}
			var indented, nested bytes.Buffer
			if err := json.Indent(&indented, out, "", "  "); err != nil {
				t.Fatal(err)
			}
			if err := json.Indent(&nested, out, "    ", "\t"); err != nil {
				t.Fatal(err)
			}
			for form, data := range map[string][]byte{"compact": out, "indented": indented.Bytes(), "nested": nested.Bytes()} {
				// Over the default base, and alone (the replay case): both must give c back.
				got, err := Load(base, Source{Name: form, Data: data})
				if err != nil {
					t.Fatalf("Load(base, %s MarshalJSON) error:\n%v", form, err)
				}
				if !reflect.DeepEqual(got, c) {
					t.Errorf("Load(base, %s MarshalJSON) =\n%+v\nwant\n%+v", form, got, c)
				}
				alone, err := Load(Source{Name: form, Data: data})
				if err != nil || !reflect.DeepEqual(alone, c) {
					t.Errorf("Load(%s MarshalJSON) = %+v, %v; want %+v", form, alone, err, c)
				}
			}
		})
	}
}

func TestMarshalJSONErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   string
	}{
		{"NaN", func(c *Config) { c.Arrivals.Rate = math.NaN() }, "model: marshal config: arrivals.rate: NaN is not a finite number"},
		{"Inf", func(c *Config) { c.Menu[0].Weight = math.Inf(1) }, "model: marshal config: menu.0.weight: +Inf is not a finite number"},
		{"unknown mode", func(c *Config) { c.Shop.BrewMode = 9 }, "model: marshal config: shop.brew_mode: unknown brew mode 9"},
		{"unknown dist", func(c *Config) { c.Customers.Patience.Kind = 9 }, "model: marshal config: customers.patience: unknown distribution kind 9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := wantDefault()
			tt.change(c)
			out, err := c.MarshalJSON()
			if err == nil || err.Error() != tt.want {
				t.Errorf("MarshalJSON() = %s, %v; want error %q", out, err, tt.want)
			}
		})
	}
}

// TestValidate checks Validate on configs built in code: each change to a valid config
// gives exactly the listed problems, with keys but no positions.
func TestValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(c *Config)
		want   []string
	}{
		{"valid", func(c *Config) {}, nil},
		{"zero config", func(c *Config) { *c = Config{} }, []string{
			"shop.baristas: must be an integer from 1 to 1000, got 0",
			"shop.machines: must be an integer from 1 to 1000, got 0",
			"shop.executor_workers: must be an integer from 1 to 1000, got 0",
			"arrivals.interarrival: must be a distribution, not none (none is allowed only for customers.patience); allowed: " + dist.Forms,
			"arrivals.rate: must be a number from 0.01 to 100, got 0",
			"customers.order_time: must be a distribution, not none (none is allowed only for customers.patience); allowed: " + dist.Forms,
			"menu: must be a list of 1 to 100 items, got 0",
			"brew.rate: must be a number from 0.01 to 100, got 0",
			"run.duration: must be a duration greater than 0s and at most 10000h, got 0s",
			"ui.speed: must be a number from 0.1 to 1000, got 0",
			"ui.fps: must be an integer from 1 to 120, got 0",
		}},
		{"upper bounds are allowed", func(c *Config) {
			c.Shop = Shop{Baristas: MaxBaristas, Machines: MaxMachines, QueueCapacity: MaxQueueCapacity, BrewMode: ModeExecutor, ExecutorWorkers: MaxExecutorWorkers}
			c.Arrivals.Rate, c.Brew.Rate, c.UI.Speed, c.UI.FPS = MaxRate, MaxRate, MaxSpeed, MaxFPS
			c.Run = Run{Duration: MaxRunDuration, Customers: MaxRunCustomers}
		}, nil},
		{"just past the upper bounds", func(c *Config) {
			c.Shop = Shop{Baristas: MaxBaristas + 1, Machines: MaxMachines + 1, QueueCapacity: MaxQueueCapacity + 1, BrewMode: ModeExecutor, ExecutorWorkers: MaxExecutorWorkers + 1}
			c.Run = Run{Duration: MaxRunDuration + 1, Customers: MaxRunCustomers + 1}
		}, []string{
			"shop.baristas: must be an integer from 1 to 1000, got 1001",
			"shop.machines: must be an integer from 1 to 1000, got 1001",
			"shop.queue_capacity: must be an integer from 0 to 1000000 (0 = unlimited), got 1000001",
			"shop.executor_workers: must be an integer from 1 to 1000, got 1001",
			"run.duration: must be a duration greater than 0s and at most 10000h, got 10000h0m0.000000001s",
			"run.customers: must be an integer from 0 to 1000000000 (0 = no limit), got 1000000001",
		}},
		{"NaN and infinities", func(c *Config) {
			c.Arrivals.Rate, c.Brew.Rate, c.UI.Speed, c.Menu[0].Weight = math.NaN(), math.Inf(1), math.Inf(-1), math.NaN()
		}, []string{
			"arrivals.rate: must be a number from 0.01 to 100, got NaN",
			"menu.0.weight: must be a number greater than 0 and at most 1000000, got NaN",
			"brew.rate: must be a number from 0.01 to 100, got +Inf",
			"ui.speed: must be a number from 0.1 to 1000, got -Inf",
		}},
		{"bad brew mode", func(c *Config) { c.Shop.BrewMode = 7 }, []string{
			"shop.brew_mode: must be one of async, hands-on, blocking, executor, got mode(7)",
		}},
		{"arrivals all at once", func(c *Config) { c.Arrivals.Interarrival = dist.Fixed(0) }, []string{
			"arrivals.interarrival: must have a mean greater than 0 (or every customer arrives at once), got fixed(0s)",
		}},
		{"invalid distributions", func(c *Config) {
			c.Customers.OrderTime = dist.Uniform(2*time.Second, time.Second)
			c.Customers.Patience = dist.Exponential(-time.Second)
			c.Menu[0].Brew = dist.Dist{}
		}, []string{
			"customers.order_time: invalid distribution uniform(2s, 1s): min 2s is greater than max 1s",
			"customers.patience: invalid distribution exponential(-1s): mean must not be negative, got -1s",
			"menu.0.brew: must be a distribution, not none (none is allowed only for customers.patience); allowed: " + dist.Forms,
		}},
		{"schedule", func(c *Config) {
			c.Arrivals.Schedule = []RateStep{{From: time.Hour, Rate: 2}, {From: time.Hour, Rate: 0}, {From: -time.Hour, Rate: 1}}
		}, []string{
			"arrivals.schedule.1.from: must be later than the previous step's from (1h0m0s), got 1h0m0s",
			"arrivals.schedule.1.rate: must be a number from 0.01 to 100, got 0",
			"arrivals.schedule.2.from: must be a duration from 0s to 10000h, got -1h0m0s",
		}},
		{"schedule too long", func(c *Config) {
			c.Arrivals.Schedule = make([]RateStep, MaxScheduleSteps+1) // items not checked one by one
		}, []string{
			"arrivals.schedule: must be a list of at most 1000 items, got 1001",
		}},
		{"menu names", func(c *Config) {
			c.Menu = []MenuItem{
				{Name: "a", Weight: 1, Brew: dist.Fixed(1)},
				{Name: "a", Weight: 1, Brew: dist.Fixed(1)},
				{Name: "", Weight: 1, Brew: dist.Fixed(1)},
				{Name: strings.Repeat("é", MaxMenuNameLen+1), Weight: 1, Brew: dist.Fixed(1)},
				{Name: "new\nline", Weight: 1, Brew: dist.Fixed(1)},
				{Name: "\xff", Weight: 1, Brew: dist.Fixed(1)},
				{Name: strings.Repeat("é", MaxMenuNameLen), Weight: 0, Brew: dist.Fixed(1)},
			}
		}, []string{
			`menu.1.name: duplicate name "a" (also menu.0.name); names must be unique`,
			"menu.2.name: must not be empty",
			"menu.3.name: must be at most 40 characters, got 41",
			"menu.4.name: must be printable text on one line (letters, digits, spaces, punctuation)",
			"menu.5.name: must be valid UTF-8 text",
			"menu.6.weight: must be a number greater than 0 and at most 1000000, got 0",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := wantDefault()
			tt.change(c)
			err := c.Validate()
			var got []string
			if err != nil {
				var ce *Error
				if !errors.As(err, &ce) {
					t.Fatalf("Validate() = %T, want *Error", err)
				}
				for _, p := range ce.Problems {
					if p.File != "" || p.Line != 0 || p.Col != 0 {
						t.Errorf("Validate() problem %+v has a position, want none", p)
					}
					got = append(got, p.String())
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestClone(t *testing.T) {
	c := wantDefault()
	c.Arrivals.Schedule = []RateStep{{From: time.Hour, Rate: 2}}
	d := c.Clone()
	if !reflect.DeepEqual(c, d) {
		t.Fatalf("Clone() = %+v, want %+v", d, c)
	}
	d.Menu[0].Name = "changed"
	d.Menu = append(d.Menu, MenuItem{Name: "x"})
	d.Arrivals.Schedule[0].Rate = 9
	d.Shop.Baristas = 9
	if want := wantDefault(); c.Menu[0] != want.Menu[0] || len(c.Menu) != 1 || c.Arrivals.Schedule[0].Rate != 2 || c.Shop.Baristas != 2 {
		t.Errorf("changing a Clone() changed the original: %+v", c)
	}
	if e := (&Config{}).Clone(); e.Menu != nil || e.Arrivals.Schedule != nil {
		t.Errorf("(&Config{}).Clone() = %+v, want nil slices", e)
	}
}

// TestCloneCoversEverySlice fails when a slice (or map or pointer) field is added to Config
// without teaching Clone to copy it.
func TestCloneCoversEverySlice(t *testing.T) {
	var refs []string
	var walk func(t reflect.Type, path string)
	walk = func(t reflect.Type, path string) {
		switch t.Kind() {
		case reflect.Struct:
			for i := range t.NumField() {
				walk(t.Field(i).Type, joinKey(path, t.Field(i).Name))
			}
		case reflect.Slice, reflect.Map, reflect.Pointer:
			refs = append(refs, path)
			walk(t.Elem(), path+"[]")
		}
	}
	walk(reflect.TypeFor[Config](), "")
	want := []string{"Arrivals.Schedule", "Menu"}
	if !reflect.DeepEqual(refs, want) {
		t.Errorf("Config's reference fields = %v, want %v (update Clone and this test)", refs, want)
	}
}

// TestHostileInputs checks that inputs meant to exhaust memory or time are rejected with
// one clean message.
func TestHostileInputs(t *testing.T) {
	deep := "ui: " + strings.Repeat("[", 5000) + strings.Repeat("]", 5000)
	wide := "ui: [" + strings.Repeat("1,", 100_000) + "]"
	var manyKeys strings.Builder
	for i := 0; manyKeys.Len() < MaxConfigBytes-100; i++ {
		manyKeys.WriteString("k")
		manyKeys.WriteString(strings.Repeat("x", i%7))
		manyKeys.WriteString(": 1\n")
	}
	tests := []struct {
		name string
		data string
		want string
	}{
		{"over 1 MiB", "# " + strings.Repeat("x", MaxConfigBytes), "f: larger than 1 MiB (1048578 bytes), the limit for a config"},
		{"deep flow nesting", deep, "f:1:37: nested too deeply: more than 32 levels of [ ] and { }"},
		{"many keys", manyKeys.String(), "f: too large: "},
		{"many tokens", wide, "f: too large: 200004 YAML tokens, at most 20000"},
		{"long key", strings.Repeat("k", 500_000) + ": 1\n", "f:1:1: " + strings.Repeat("k", 100) + `…: unknown key "` + strings.Repeat("k", 100) + `…" (allowed: seed, shop, arrivals, customers, menu, brew, run, ui)`},
	}
	base := defaultSource(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(base, Source{Name: "f", Data: []byte(tt.data)})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("Load(%s) error = %.300v, want prefix %q", tt.name, err, tt.want)
			}
			if n := strings.Count(err.Error(), "\n"); n > maxProblems {
				t.Errorf("Load(%s) error has %d lines, want at most %d", tt.name, n+1, maxProblems+1)
			}
		})
	}
}

func TestProblemsCapped(t *testing.T) {
	var b strings.Builder
	for i := range 70 {
		b.WriteString("bad")
		b.WriteString(strings.Repeat("z", i))
		b.WriteString(": 1\n")
	}
	_, err := Load(defaultSource(t), Source{Name: "f", Data: []byte(b.String())})
	var ce *Error
	if !errors.As(err, &ce) {
		t.Fatalf("Load() error = %v, want *Error", err)
	}
	if len(ce.Problems) != maxProblems+1 {
		t.Fatalf("Load() has %d problems, want %d", len(ce.Problems), maxProblems+1)
	}
	if got, want := ce.Problems[maxProblems].String(), "20 more problems not shown"; got != want {
		t.Errorf("last problem = %q, want %q", got, want)
	}
	if got := ce.Problems[0].String(); !strings.HasPrefix(got, "f:1:1: bad: unknown key") {
		t.Errorf("first problem = %q, want the one on line 1", got)
	}
}

// TestErrorsStable loads the same bad input twice and wants byte-identical errors, sorted by
// position even where decoding and validation found them in another order.
func TestErrorsStable(t *testing.T) {
	data := []byte("ui: {fps: 0}\nshop:\n  baristas: x\n  machines: 0\nmenu: []\narrivals: {rate: 0, interarrival: foo}\n")
	base := defaultSource(t)
	_, err1 := Load(base, Source{Name: "f", Data: data})
	_, err2 := Load(base, Source{Name: "f", Data: data})
	if err1 == nil || err2 == nil || err1.Error() != err2.Error() {
		t.Fatalf("Load() twice = %v and %v, want the same error", err1, err2)
	}
	want := `f:1:11: ui.fps: must be an integer from 1 to 120, got 0
f:3:13: shop.baristas: must be an integer from 1 to 1000, got "x"
f:4:13: shop.machines: must be an integer from 1 to 1000, got 0
f:5:7: menu: must be a list of 1 to 100 items, got 0
f:6:18: arrivals.rate: must be a number from 0.01 to 100, got 0
f:6:35: arrivals.interarrival: invalid distribution "foo": "foo" is not a distribution (allowed: none, ` + dist.Forms + `)`
	if err1.Error() != want {
		t.Errorf("Load() error =\n%v\nwant\n%s", err1, want)
	}
}

func TestProblemString(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "f.yaml", Line: 3, Col: 5, Key: "shop.baristas", Msg: "bad"}, "f.yaml:3:5: shop.baristas: bad"},
		{Problem{File: "--set shop.baristas=x", Key: "shop.baristas", Msg: "bad"}, "--set shop.baristas=x: shop.baristas: bad"},
		{Problem{File: "f.yaml", Line: 1, Col: 1, Msg: "invalid YAML"}, "f.yaml:1:1: invalid YAML"},
		{Problem{Key: "ui.fps", Msg: "bad"}, "ui.fps: bad"},
		{Problem{Msg: "3 more problems not shown"}, "3 more problems not shown"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.String(); got != tt.want {
				t.Errorf("%#v.String() = %q, want %q", tt.p, got, tt.want)
			}
		})
	}
	err := &Error{Problems: []Problem{tests[0].p, tests[3].p}}
	if got, want := err.Error(), "f.yaml:3:5: shop.baristas: bad\nui.fps: bad"; got != want {
		t.Errorf("Error.Error() = %q, want %q", got, want)
	}
}

func TestDidYouMean(t *testing.T) {
	keys := []string{"baristas", "machines", "queue_capacity", "brew_mode", "executor_workers"}
	tests := []struct {
		in, want string
	}{
		{"baristaz", "baristas"},
		{"Baristas", "baristas"},
		{"barista", "baristas"},
		{"machine", "machines"},
		{"queue", "queue_capacity"},
		{"brewmode", "brew_mode"},
		{"executor", "executor_workers"},
		{"colour", ""},
		{"", ""},
		{"x", ""},
		{"baristas", ""}, // an exact match is not a suggestion
		{strings.Repeat("b", 1000), ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := say.Closest(tt.in, keys); got != tt.want {
				t.Errorf("say.Closest(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if got, want := say.Closest("asink", BrewModeNames()), "async"; got != want {
		t.Errorf("say.Closest(asink, modes) = %q, want %q", got, want)
	}
}

// TestConfigText: a tab inside a plain value, invalid UTF-8, UTF-16 and NUL bytes
// are reported where they are, not read as something else; a key with an escape
// sequence is printed escaped; an indentation error is shown at the bad line with a
// caret (issue 13, item 9).
func TestConfigText(t *testing.T) {
	base := defaultSource(t)
	tests := []struct {
		name, data string
		want       []string
	}{
		{"tab inside a value", "seed: 4\t2\n", []string{"f:1:7: ", "a tab inside the value", `"4\t2"`}},
		{"tab after the colon is fine", "seed:\t42\n", nil},
		{"tab before a comment is fine", "seed: 42\t# the seed\n", nil},
		{"invalid UTF-8", "menu:\n  - {name: caf\xe9, weight: 1, brew: fixed(1s)}\n", []string{"f:2:15: ", "not valid UTF-8", "0xe9"}},
		{"UTF-16", "\xff\xfes\x00e\x00e\x00d\x00", []string{"f:1:1: ", "UTF-16"}},
		{"NUL byte", "seed: 4\x002\n", []string{"f:1:8: ", "NUL byte"}},
		{"escape sequence in a key", "\x1b[2Jseed: 4\n", []string{`\x1b[2Jseed`}},
		{"indented too far", "shop:\n  baristas: 2\n   machines: 3\n", []string{"f:3:4: invalid YAML", "3 |    machines: 3", "\n       |    ^"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Load(base, Source{Name: "f", Data: []byte(tt.data)})
			if tt.want == nil {
				if err != nil || cfg.Seed != 42 {
					t.Errorf("Load(%q) = seed %v, error %v; want seed 42", tt.data, cfg, err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Load(%q) = seed %d, no error; want %q", tt.data, cfg.Seed, tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Load(%q) error = %q, want it to contain %q", tt.data, err, w)
				}
			}
			if strings.ContainsAny(err.Error(), "\x1b\x00") {
				t.Errorf("Load(%q) error %q carries a control character", tt.data, err)
			}
		})
	}
}

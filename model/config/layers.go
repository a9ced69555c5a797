// This file applies the layers of a configuration in order (files, a scenario's overlay,
// --set items) and sorts the problems they report by layer and position.

package config

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/brewloop/brewloop/internal/say"
)

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
// *Error with every problem sorted by layer and position.
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
	return nil, &Error{Problems: ps}
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
		d.problemKey("", fmt.Sprintf("unknown scenario %q%s (allowed: %s)", say.Clip(name), say.DidYouMean(name, ScenarioNames()), strings.Join(ScenarioNames(), ", ")))
		return
	}
	st.applySource(c, Source{Name: "scenario " + sc.Name, Data: []byte(sc.Overlay)})
}

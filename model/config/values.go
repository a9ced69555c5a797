// This file decodes single values: lists, distributions in both forms, durations and
// numbers, and describes a wrong value in a problem message.

package config

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"

	"github.com/brewloop/brewloop/internal/say"
	"github.com/brewloop/brewloop/model/dist"
)

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
			d.problem(n, key, fmt.Sprintf("unknown brew mode %s%s (allowed: %s)", got, say.DidYouMean(s, BrewModeNames()), strings.Join(BrewModeNames(), ", ")))
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
		d.problem(n, key, fmt.Sprintf("must be a distribution, got %s; allowed: %s%s", describeNode(n), dist.Forms, noneHint(key)))
		return
	}
	d.decodeDistText(v, s.Value, n, key)
}

// decodeDistText decodes a distribution's string form.
func (d *configDecoder) decodeDistText(v reflect.Value, text string, n ast.Node, key string) {
	dist, msg := dist.ParseText(text)
	if msg != "" {
		d.problem(n, key, fmt.Sprintf("invalid distribution %q: %s", say.Clip(text), msg))
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
func (d *configDecoder) distMapping(entries []*ast.MappingValueNode, n ast.Node, key string) (dist.Dist, bool) {
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
		return dist.Dist{}, false
	}
	kindEntry := vals["dist"]
	if kindEntry == nil {
		d.problem(n, key, `missing key "dist": a distribution mapping names its kind, as in {dist: uniform, min: 1s, max: 3s}`)
		return dist.Dist{}, false
	}
	kindName, _ := scalarString(kindEntry.Value)
	kind, known := dist.LookupKind(kindName)
	if !known {
		d.problem(kindEntry.Value, joinKey(key, "dist"), fmt.Sprintf("unknown distribution %s%s (allowed: %s)",
			describeNode(kindEntry.Value), say.DidYouMean(kindName, dist.KindNames()), strings.Join(dist.KindNames(), ", ")))
		return dist.Dist{}, false
	}
	params := kind.Params()
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
		return dist.Dist{}, false
	}
	got := dist.Dist{Kind: kind, A: ds[0], B: ds[1]}
	if msg := got.Check(); msg != "" {
		d.problem(n, key, fmt.Sprintf("invalid distribution %s: %s", got, msg))
		return dist.Dist{}, false
	}
	return got, true
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
		return strconv.Quote(say.Clip(s.Value))
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
		return say.Clip(tk.Value)
	}
	return "an unexpected " + n.Type().String()
}

// unknownKeyMsg is the message for a key that is not in allowed.
func unknownKeyMsg(name string, allowed []string) string {
	if hint := say.DidYouMean(name, allowed); hint != "" {
		return fmt.Sprintf("unknown key %q%s", say.Clip(name), hint)
	}
	return fmt.Sprintf("unknown key %q (allowed: %s)", say.Clip(name), strings.Join(allowed, ", "))
}

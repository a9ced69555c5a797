// This file applies --set items: key=value, the value YAML, the key a dotted path
// that addresses any key, list items by index ("menu.0.brew").

package config

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/goccy/go-yaml/ast"

	"github.com/brewloop/brewloop/internal/say"
)

// applySet applies one --set key=value item: the value is YAML, decoded at the dotted path.
func (st *loadState) applySet(c *Config, item string) {
	st.layer++
	d := &configDecoder{st: st, file: "--set " + say.Clip(item), noPos: true}
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

// setPath applies a --set value at a dotted path: sections by key, lists by index.
func (d *configDecoder) setPath(v reflect.Value, segs []string, n ast.Node) {
	key := ""
	for i, seg := range segs {
		next := joinKey(key, seg)
		switch {
		case seg == "":
			d.problemKey(key, fmt.Sprintf("empty key in dotted path %q", say.Clip(strings.Join(segs, "."))))
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
					say.Clip(seg), key, v.Len(), say.Plural(v.Len()), key))
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

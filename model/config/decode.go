// This file decodes one YAML layer onto a Config: parsing with input limits, walking
// sections and keys by their yaml tags, and --set's dotted paths.

package config

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/lexer"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/brewloop/brewloop/internal/say"
	"github.com/brewloop/brewloop/model/dist"
)

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
		Problem: Problem{File: d.file, Line: line, Col: col, Key: say.Clip(key), Msg: msg},
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
			msg = "YAML anchors (&" + say.Clip(name) + ") are not supported; write the value out in full"
		case 1:
			msg = "YAML aliases (*" + say.Clip(name) + ") are not supported; write the value out in full"
		case 2:
			msg = "YAML tags (" + say.Clip(tk.Value) + ") are not supported; write the plain value"
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
			d.problem(e.Key, sub, fmt.Sprintf("duplicate key %q (first at line %d, column %d)", say.Clip(name), line, col))
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

var (
	durationType = reflect.TypeFor[time.Duration]()
	distType     = reflect.TypeFor[dist.Dist]()
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

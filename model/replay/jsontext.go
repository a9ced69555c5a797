// This file reads a recording's JSON text for messages: where each top-level key
// is, lines and columns, what a decoding error means in the user's terms, and the
// recorded config as a source whose problems point into the file.

package replay

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/brewloop/brewloop/model/config"
)

// configSource is the recording's config as a source whose errors point into the
// recording file: the file's text with everything before the config value blanked
// out (newlines kept), so lines and columns are the file's. Should the value not be
// found there, it is the config alone, named "(config)".
func configSource(name string, data []byte, keys map[string]topKey, text []byte) config.Source {
	k, ok := keys["config"]
	if !ok || !bytes.HasPrefix(data[k.value:], text) || k.value+int64(len(text)) > config.MaxConfigBytes {
		// (A config after a long checkpoint list would pass the config size limit.)
		return config.Source{Name: name + " (config)", Data: text}
	}
	src := make([]byte, k.value+int64(len(text)))
	for i, c := range data[:k.value] {
		if c != '\n' {
			c = ' '
		}
		src[i] = c
	}
	copy(src[k.value:], text)
	return config.Source{Name: name, Data: src}
}

// topKey is where a key of the recording's top-level object is in the file: the
// offsets of its opening quote and of its value.
type topKey struct{ key, value int64 }

// topKeys returns the top-level keys of the JSON object in data (the last of a
// repeated one, as decoding keeps the last), or nil when data is not an object.
func topKeys(data []byte) map[string]topKey {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil
	}
	skip := func(i int64, chars string) int64 {
		for i < int64(len(data)) && strings.IndexByte(chars, data[i]) >= 0 {
			i++
		}
		return i
	}
	keys := map[string]topKey{}
	for dec.More() {
		start := skip(dec.InputOffset(), " \t\r\n,")
		t, err := dec.Token()
		if err != nil {
			return keys
		}
		value := skip(dec.InputOffset(), " \t\r\n:")
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return keys
		}
		if k, ok := t.(string); ok {
			keys[k] = topKey{start, value}
		}
	}
	return keys
}

// quoteText quotes user text for a message, escaping what a terminal would act on.
func quoteText(s string) string { return strconv.Quote(s) }

// jsonErr describes a JSON decoding error in user terms, with the line and column
// where it is known.
func jsonErr(data []byte, err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		// Offset counts the bytes read, the bad one included.
		line, col := lineCol(data, se.Offset-1)
		return fmt.Sprintf("line %d, column %d: %s", line, col, strings.TrimPrefix(se.Error(), "json: "))
	case errors.As(err, &te):
		// Offset is just past the value of the wrong type; point at its start.
		start := valueStart(data, te.Offset)
		line, col := lineCol(data, start)
		field := te.Field
		switch {
		case field == "":
			field = "the recording"
		case listField(field) && te.Type.Kind() != reflect.Slice:
			field = "each item of " + field
		}
		return fmt.Sprintf("line %d, column %d: %s must be %s, not %s", line, col, field, jsonKind(te.Type.Kind()), jsonValueName(te.Value))
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the file ends early (truncated JSON)"
	}
	msg := strings.TrimPrefix(err.Error(), "json: ")
	if f, ok := strings.CutPrefix(msg, "unknown field "); ok {
		msg = "unknown field " + f
		if k, ok := topKeys(data)[unquote(f)]; ok {
			line, col := lineCol(data, k.key)
			msg = fmt.Sprintf("line %d, column %d: %s (a recording has format, version, brewloop, scenario, seed, config, controls, end_ns, events, fingerprint (version 1: trace_sha256), checkpoint_every, checkpoints, summary)", line, col, msg)
		}
	}
	return msg
}

func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

// listField says whether the recording's top-level field named by its JSON key is
// a list, so that a type error in it is about its items.
func listField(key string) bool {
	t := reflect.TypeFor[Recording]()
	for i := range t.NumField() {
		if tag, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ","); tag == key {
			return t.Field(i).Type.Kind() == reflect.Slice && t.Field(i).Type != reflect.TypeFor[json.RawMessage]()
		}
	}
	return false
}

// lineCol returns the 1-based line and column of byte offset off.
func lineCol(data []byte, off int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < off && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
	}
	return line, col
}

// valueStart finds where the JSON value that ends at end begins: after the colon,
// comma or bracket before it.
func valueStart(data []byte, end int64) int64 {
	end = min(end, int64(len(data)))
	i := end - 1
	inString := i >= 0 && data[i] == '"'
	for i > 0 {
		c := data[i-1]
		if inString {
			if c == '"' && (i < 2 || data[i-2] != '\\') {
				return i - 1
			}
		} else if c == ':' || c == ',' || c == '[' || c == ' ' || c == '\n' || c == '\t' {
			return i
		}
		i--
	}
	return max(i, 0)
}

func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "text in quotes"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return "a whole number"
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number, 0 or more"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice, reflect.Array:
		return "a list [...]"
	}
	return "an object {...}"
}

func jsonValueName(v string) string {
	switch {
	case v == "string":
		return "text"
	case v == "number":
		return "a number"
	case strings.HasPrefix(v, "number "):
		return "the number " + strings.TrimPrefix(v, "number ")
	case v == "array":
		return "a list"
	case v == "object":
		return "an object"
	case v == "bool":
		return "true or false"
	}
	return v
}

package config

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml/token"

	"github.com/brewloop/brewloop/internal/say"
)

// checkText rejects a config's text before the YAML lexer sees it: the lexer
// replaces invalid UTF-8 silently, and UTF-16 text reaches it as NUL bytes.
func (d *configDecoder) checkText(data []byte) bool {
	if bytes.HasPrefix(data, []byte{0xff, 0xfe}) || bytes.HasPrefix(data, []byte{0xfe, 0xff}) {
		d.add(1, 1, "", "the text is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8")
		return false
	}
	if i := bytes.IndexByte(data, 0); i >= 0 {
		line, col := textPos(data, i)
		d.add(line, col, "", "the text has a NUL byte, as UTF-16 text or a binary file has; save it as UTF-8 text")
		return false
	}
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			line, col := textPos(data, i)
			d.add(line, col, "", fmt.Sprintf("not valid UTF-8 text (byte 0x%02x); save the file as UTF-8", data[i]))
			return false
		}
		i += n
	}
	return true
}

// checkTabs reports a tab inside a plain (unquoted) value: the YAML library drops
// it, so "seed: 4<TAB>2" would read as 42.
func (d *configDecoder) checkTabs(tokens token.Tokens) bool {
	ok := true
	for _, tk := range tokens {
		switch tk.Type {
		case token.SingleQuoteType, token.DoubleQuoteType, token.CommentType:
			continue
		}
		if v := strings.TrimSpace(tk.Origin); strings.ContainsRune(v, '\t') && tk.Position != nil {
			d.add(tk.Position.Line, tk.Position.Column, "", fmt.Sprintf("a tab inside the value %s: YAML would drop it; use a space, or quote the value", strconv.Quote(say.Clip(v))))
			ok = false
		}
	}
	return ok
}

// syntaxPos returns where a YAML syntax error really is. The parser blames the
// start of the token it could not place, and a plain value that runs on into a
// wrongly indented line starts on the line before: then the line where the value
// went on is the one to show.
func syntaxPos(tk *token.Token) (line, col int) {
	line, col = tk.Position.Line, tk.Position.Column
	origin := strings.TrimLeft(tk.Origin, " \t\r\n")
	if i := strings.LastIndexByte(origin, '\n'); i >= 0 {
		rest := origin[i+1:]
		line += strings.Count(origin, "\n")
		col = len(rest) - len(strings.TrimLeft(rest, " \t")) + 1
	}
	return line, col
}

// snippet shows the line before and the line at a syntax error, with a caret under
// its column, escaped so the text cannot act on a terminal.
func snippet(data []byte, line, col int) string {
	lines := strings.Split(string(data), "\n")
	if line < 1 || line > len(lines) {
		return ""
	}
	var b strings.Builder
	for n := max(1, line-1); n <= line; n++ {
		fmt.Fprintf(&b, "\n  %4d | %s", n, say.Escape(strings.TrimRight(lines[n-1], "\r")))
	}
	pad := say.Escape(string([]rune(lines[line-1])[:min(max(col-1, 0), utf8.RuneCountInString(lines[line-1]))]))
	fmt.Fprintf(&b, "\n       | %s^", strings.Repeat(" ", utf8.RuneCountInString(pad)))
	return b.String()
}

// textPos returns the 1-based line and column (in characters) of byte offset i.
func textPos(data []byte, i int) (line, col int) {
	before := data[:i]
	line = bytes.Count(before, []byte("\n")) + 1
	col = utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
	return line, col
}

package sim

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendJSON appends ev as one JSON object and a newline: the JSON Lines trace format.
// Field names and their order are fixed:
//
//	{"t":1500000000,"seq":7,"task":3,"name":"barista-1","kind":"acquire","obj":"machines","detail":"2/3 held"}
//
// t is virtual time in integer nanoseconds; obj and detail are omitted when empty.
func AppendJSON(dst []byte, ev Record) []byte {
	dst = append(dst, `{"t":`...)
	dst = strconv.AppendInt(dst, int64(ev.Time), 10)
	dst = append(dst, `,"seq":`...)
	dst = strconv.AppendUint(dst, ev.Seq, 10)
	dst = append(dst, `,"task":`...)
	dst = strconv.AppendInt(dst, int64(ev.Task), 10)
	dst = append(dst, `,"name":`...)
	dst = AppendJSONString(dst, ev.Name)
	return appendJSONTail(dst, ev)
}

// appendJSONTail appends the kind, object and detail of ev and ends the line.
func appendJSONTail(dst []byte, ev Record) []byte {
	dst = append(dst, `,"kind":"`...)
	dst = append(dst, ev.Kind.String()...)
	dst = append(dst, '"')
	if ev.Object != "" {
		dst = append(dst, `,"obj":`...)
		dst = AppendJSONString(dst, ev.Object)
	}
	if ev.Detail != "" {
		dst = append(dst, `,"detail":`...)
		dst = AppendJSONString(dst, ev.Detail)
	}
	return append(dst, "}\n"...)
}

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes that need no escaping inside a JSON string.
var jsonSafe = func() (t [256]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// AppendJSONString appends s as a JSON string (quoted and escaped), as the trace
// encoder writes names, objects and details; tracers that write JSON of their own
// can use it too.
func AppendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	dst = AppendJSONEscaped(dst, s)
	return append(dst, '"')
}

// AppendJSONEscaped appends s escaped for the inside of a JSON string, without the
// quotes. JSON text is UTF-8: an invalid byte becomes U+FFFD, as encoding/json does.
func AppendJSONEscaped(dst []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		if i+8 <= len(s) && !needsEscape8(load8(s, i)) {
			i += 8 // eight plain ASCII bytes at once: the common case
			continue
		}
		c := s[i]
		if jsonSafe[c] { // most bytes: one table load (the trace encodes millions of names)
			i++
			continue
		}
		if c >= utf8.RuneSelf {
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				dst = append(dst, s[start:i]...)
				dst = append(dst, `\ufffd`...)
				start = i + 1
			}
			i += size
			continue
		}
		i++
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		dst = append(dst, s[start:i-1]...)
		switch c {
		case '"', '\\':
			dst = append(dst, '\\', c)
		case '\n':
			dst = append(dst, '\\', 'n')
		case '\t':
			dst = append(dst, '\\', 't')
		case '\r':
			dst = append(dst, '\\', 'r')
		default:
			dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
		}
		start = i
	}
	return append(dst, s[start:]...)
}

// needsEscape8 reports whether any of the eight bytes in x (little-endian) needs
// escaping or is not ASCII: a byte below 0x20, '"', '\\' or a byte from 0x80. It is
// SWAR: subtracting 0x01 (or 0x20) from every byte borrows exactly where a byte is
// below it. Borrows can also mark bytes above a true hit, which is harmless: the
// slow path then looks at each byte.
func needsEscape8(x uint64) bool {
	const lo, hi = 0x0101010101010101, 0x8080808080808080
	q := x ^ (lo * '"')
	b := x ^ (lo * '\\')
	return (x|(x-lo*0x20)&^x|(q-lo)&^q|(b-lo)&^b)&hi != 0
}

// load8 reads s[i:i+8] as a little-endian word.
func load8(s string, i int) uint64 {
	_ = s[i+7]
	return uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
		uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
}

// JSONWriter is a tracer that encodes events as JSON Lines (see AppendJSON) to a
// writer and hashes exactly the bytes it writes. Call Flush at the end of the run.
type JSONWriter struct {
	w    io.Writer // nil: hash only
	buf  []byte
	h    hash.Hash
	n    uint64
	err  error
	size int
	enc  lineEncoder
}

// lineEncoder writes the same bytes as AppendJSON, faster for a stream: the events
// of a trace share their time with the one before, count seq up by one and repeat
// a few tasks, so it keeps the digits of the last time and seq and the encoded
// task and name of recent tasks, and formats only what changed.
type lineEncoder struct {
	time    time.Duration
	timeEnc []byte // `{"t":<time>,"seq":`
	seq     uint64
	seqBuf  [20]byte // the digits of seq, right-aligned from seqAt
	seqAt   int
	tasks   [64]taskEnc // by task id modulo 64
}

// taskEnc is `,"task":<id>,"name":"<name>"` for one task and name.
type taskEnc struct {
	task int
	name string
	enc  []byte
}

func (l *lineEncoder) append(dst []byte, ev Record) []byte {
	if ev.Time != l.time || l.timeEnc == nil {
		l.time = ev.Time
		l.timeEnc = append(strconv.AppendInt(append(l.timeEnc[:0], `{"t":`...), int64(ev.Time), 10), `,"seq":`...)
	}
	dst = append(dst, l.timeEnc...)
	if ev.Seq == l.seq+1 && ev.Seq != 0 && l.seqAt > 0 {
		i := len(l.seqBuf) - 1
		for i >= l.seqAt && l.seqBuf[i] == '9' {
			l.seqBuf[i] = '0'
			i--
		}
		if i < l.seqAt {
			l.seqAt--
			l.seqBuf[l.seqAt] = '1'
		} else {
			l.seqBuf[i]++
		}
	} else {
		d := strconv.AppendUint(l.seqBuf[:0:0], ev.Seq, 10)
		l.seqAt = len(l.seqBuf) - len(d)
		copy(l.seqBuf[l.seqAt:], d)
	}
	l.seq = ev.Seq
	dst = append(dst, l.seqBuf[l.seqAt:]...)
	te := &l.tasks[uint(ev.Task)%uint(len(l.tasks))]
	if te.enc == nil || te.task != ev.Task || te.name != ev.Name {
		te.task, te.name = ev.Task, ev.Name
		te.enc = strconv.AppendInt(append(te.enc[:0], `,"task":`...), int64(ev.Task), 10)
		te.enc = AppendJSONString(append(te.enc, `,"name":`...), ev.Name)
	}
	dst = append(dst, te.enc...)
	return appendJSONTail(dst, ev)
}

// NewJSONWriter returns a JSON Lines tracer writing to w that also computes the
// trace hash; w may be nil to only hash.
func NewJSONWriter(w io.Writer) *JSONWriter {
	return &JSONWriter{w: w, h: sha256.New(), buf: make([]byte, 0, 64<<10), size: 64 << 10}
}

// NewJSONEncoder returns a JSON Lines tracer writing to w without hashing: SHA-256
// costs more than the encoding, so a run that does not need the hash skips it.
// Its Sum returns "".
func NewJSONEncoder(w io.Writer) *JSONWriter {
	return &JSONWriter{w: w, buf: make([]byte, 0, 64<<10), size: 64 << 10}
}

// NewHasher returns a tracer that computes the trace hash without writing anything.
func NewHasher() *JSONWriter { return NewJSONWriter(nil) }

// Event encodes ev.
func (j *JSONWriter) Event(ev Record) {
	j.buf = j.enc.append(j.buf, ev)
	j.n++
	if len(j.buf) >= j.size-512 {
		j.flushBuf()
	}
}

func (j *JSONWriter) flushBuf() {
	if len(j.buf) == 0 {
		return
	}
	if j.h != nil {
		j.h.Write(j.buf)
	}
	if j.w != nil && j.err == nil {
		_, j.err = j.w.Write(j.buf)
	}
	j.buf = j.buf[:0]
}

// Flush writes what is buffered and returns the first write error, if any.
func (j *JSONWriter) Flush() error {
	j.flushBuf()
	return j.err
}

// Count returns how many events were encoded.
func (j *JSONWriter) Count() uint64 { return j.n }

// Sum flushes and returns the hex SHA-256 of every byte encoded so far: the trace hash.
func (j *JSONWriter) Sum() string {
	j.flushBuf()
	if j.h == nil {
		return ""
	}
	return hex.EncodeToString(j.h.Sum(nil))
}

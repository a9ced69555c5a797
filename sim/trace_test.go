package sim

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestEventString(t *testing.T) {
	tests := []struct {
		ev   Record
		want string
	}{
		{Record{Time: 1500 * time.Millisecond, Task: 42, Name: "barista-2", Kind: KindAcquire, Object: "machines", Detail: "2/3 held"},
			"00:01.500  #42  barista-2   acquire   machines (2/3 held)"},
		{Record{Time: 0, Task: 1, Name: "a", Kind: KindRun},
			"00:00.000  #1  a           run"},
		{Record{Time: time.Second, Task: 1, Name: "a", Kind: KindSleep, Detail: "until 00:02.000"},
			"00:01.000  #1  a           sleep     until 00:02.000"},
		{Record{Time: time.Second, Task: 3, Name: "w", Kind: KindWait, Object: "orders"},
			"00:01.000  #3  w           wait      orders"},
		{Record{Time: 2*time.Hour + 3*time.Minute + 4*time.Second + 5*time.Millisecond, Task: 0, Kind: KindSet, Object: "open"},
			"2:03:04.005  #0              set       open"},
		{Record{Task: 7, Name: "a-very-long-name", Kind: KindDone},
			"00:00.000  #7  a-very-long-name done"},
		{Record{Task: 7, Name: "x", Kind: Kind(99), Detail: "?"},
			"00:00.000  #7  x           kind(99)  ?"},
		{Record{Task: 7, Name: "new\nline", Kind: KindSay, Object: "o\x00", Detail: "left\nin a \"huff\"\t"},
			`00:00.000  #7  new\nline   say       o\x00 (left\nin a "huff"\t)`},
	}
	for _, tt := range tests {
		got := tt.ev.String()
		if got != tt.want {
			t.Errorf("Record.String() =\n%q, want\n%q", got, tt.want)
		}
		if strings.TrimRight(got, " ") != got {
			t.Errorf("Record.String() = %q ends in spaces", got)
		}
	}
}

func TestFormatClock(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "00:00.000"},
		{999 * time.Microsecond, "00:00.000"},
		{1500 * time.Millisecond, "00:01.500"},
		{59*time.Minute + 59*time.Second + 999*time.Millisecond, "59:59.999"},
		{time.Hour, "1:00:00.000"},
		{25*time.Hour + time.Millisecond, "25:00:00.001"},
		{-1500 * time.Millisecond, "-00:01.500"},
	}
	for _, tt := range tests {
		if got := FormatClock(tt.d); got != tt.want {
			t.Errorf("FormatClock(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestKinds(t *testing.T) {
	want := "spawn run sleep wake wait acquire release put get timeout cancel done fail block unblock set say"
	var names []string
	for _, k := range Kinds() {
		names = append(names, k.String())
		if p, ok := ParseKind(k.String()); !ok || p != k {
			t.Errorf("ParseKind(%q) = %v, %v, want %v, true", k.String(), p, ok, k)
		}
	}
	if got := strings.Join(names, " "); got != want {
		t.Errorf("Kinds() = %s, want %s", got, want)
	}
	if _, ok := ParseKind("nope"); ok {
		t.Errorf("ParseKind(\"nope\") ok")
	}
	if Kind(0).String() != "kind(0)" {
		t.Errorf("Kind(0).String() = %q", Kind(0).String())
	}
}

func TestAppendJSON(t *testing.T) {
	tests := []struct {
		name string
		ev   Record
		want string
	}{
		{"full", Record{Time: 1500 * time.Millisecond, Seq: 7, Task: 3, Name: "barista-1", Kind: KindAcquire, Object: "machines", Detail: "2/3 held"},
			`{"t":1500000000,"seq":7,"task":3,"name":"barista-1","kind":"acquire","obj":"machines","detail":"2/3 held"}` + "\n"},
		{"empty object and detail are omitted", Record{Seq: 1, Task: 1, Name: "a", Kind: KindRun},
			`{"t":0,"seq":1,"task":1,"name":"a","kind":"run"}` + "\n"},
		{"loop event", Record{Time: 1, Seq: 2, Kind: KindSet, Object: "f"},
			`{"t":1,"seq":2,"task":0,"name":"","kind":"set","obj":"f"}` + "\n"},
		{"escaping", Record{Seq: 3, Task: 2, Name: `say "hi"`, Kind: KindSay, Object: `back\slash`, Detail: "line1\nline2\ttab\rcr\x00\x01\x1f\x7f é ☕"},
			`{"t":0,"seq":3,"task":2,"name":"say \"hi\"","kind":"say","obj":"back\\slash","detail":"line1\nline2\ttab\rcr\u0000\u0001\u001f` + "\x7f é ☕\"}\n"},
		{"invalid UTF-8", Record{Seq: 4, Task: 2, Name: "bad\xffbyte\xc3", Kind: KindSay},
			`{"t":0,"seq":4,"task":2,"name":"bad\ufffdbyte\ufffd","kind":"say"}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(AppendJSON([]byte("prefix"), tt.ev))
			if got != "prefix"+tt.want {
				t.Errorf("AppendJSON() =\n%s\nwant\n%s", got, tt.want)
			}
			line := []byte(strings.TrimPrefix(got, "prefix"))
			if !json.Valid(line) {
				t.Fatalf("AppendJSON() = %s is not valid JSON", line)
			}
			var dec struct {
				T      int64  `json:"t"`
				Seq    uint64 `json:"seq"`
				Task   int    `json:"task"`
				Name   string `json:"name"`
				Kind   string `json:"kind"`
				Obj    string `json:"obj"`
				Detail string `json:"detail"`
			}
			if err := json.Unmarshal(line, &dec); err != nil {
				t.Fatal(err)
			}
			back := Record{Time: time.Duration(dec.T), Seq: dec.Seq, Task: dec.Task, Name: dec.Name, Object: dec.Obj, Detail: dec.Detail}
			back.Kind, _ = ParseKind(dec.Kind)
			if tt.name != "invalid UTF-8" && back != tt.ev {
				t.Errorf("decoded %+v, want %+v", back, tt.ev)
			}
		})
	}
}

type failWriter struct{ n int }

func (w *failWriter) Write(p []byte) (int, error) {
	w.n++
	return 0, errors.New("disk full")
}

func TestJSONWriterHashesExactlyTheBytes(t *testing.T) {
	var buf bytes.Buffer
	jw := NewJSONWriter(&buf)
	h := NewHasher()
	e := New(WithTracer(Tee(jw, h, nil)))
	defer e.Close()
	randomProgram(e, 300)
	_ = e.RunUntilIdle()
	if err := jw.Flush(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(buf.Bytes())
	if got, want := jw.Sum(), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("JSONWriter.Sum() = %s, want sha256 of the written bytes %s", got, want)
	}
	if h.Sum() != jw.Sum() {
		t.Errorf("NewHasher().Sum() = %s, want %s", h.Sum(), jw.Sum())
	}
	lines := bytes.Count(buf.Bytes(), []byte("\n"))
	if uint64(lines) != jw.Count() || jw.Count() != e.Events() {
		t.Errorf("%d lines, Count() = %d, Events() = %d; want all equal", lines, jw.Count(), e.Events())
	}
	if buf.Len() < 64<<10 {
		t.Errorf("trace of %d bytes does not cross the writer's buffer size; make the program bigger", buf.Len())
	}
	// A write error is reported by Flush; hashing goes on.
	fw := &failWriter{}
	jf := NewJSONWriter(fw)
	jf.Event(Record{Seq: 1, Kind: KindRun})
	if err := jf.Flush(); err == nil || fw.n != 1 {
		t.Errorf("Flush() = %v after %d writes, want the write error", err, fw.n)
	}
	jf.Event(Record{Seq: 2, Kind: KindRun})
	if err := jf.Flush(); err == nil || fw.n != 1 {
		t.Errorf("second Flush() = %v after %d writes, want the first error and no more writes", err, fw.n)
	}
}

// randomProgram spawns a randomized coffee shop driven by the engine's named
// streams, so its trace depends only on the seed.
func randomProgram(e *Engine, customers int) {
	arrivals, brew := e.Rand("arrivals"), e.Rand("brew")
	orders := NewQueue[int](e, "orders", 3)
	machines := NewSemaphore(e, "machines", 2)
	for b := range 2 {
		e.SpawnN("barista", b, func(t *Task) error {
			for {
				o, err := orders.Get(t)
				if err != nil {
					return nil
				}
				if err := machines.Acquire(t); err != nil {
					return err
				}
				err = t.Sleep(time.Duration(brew.IntN(3000)+o) * time.Millisecond)
				machines.Release()
				if err != nil {
					return err
				}
			}
		})
	}
	e.Spawn("arrivals", func(t *Task) error {
		for i := range customers {
			if err := t.Sleep(time.Duration(arrivals.ExpFloat64()*1000) * time.Millisecond); err != nil {
				return err
			}
			t.SpawnN("customer", i, func(t *Task) error {
				err := WaitFor(t, time.Duration(arrivals.IntN(5000))*time.Millisecond, func(t *Task) error { return orders.Put(t, i) })
				if errors.Is(err, ErrTimeout) {
					t.Say("gave up")
					return nil
				}
				return err
			})
		}
		if err := t.Sleep(time.Minute); err != nil {
			return err
		}
		orders.Close()
		return nil
	})
}

func traceOf(seed uint64) (string, uint64) {
	h := NewHasher()
	e := New(WithSeed(seed), WithTracer(h))
	defer e.Close()
	randomProgram(e, 200)
	if err := e.RunUntilIdle(); err != nil {
		panic(err)
	}
	return h.Sum(), h.Count()
}

func TestSameSeedSameTrace(t *testing.T) {
	a, n := traceOf(1)
	b, _ := traceOf(1)
	c, _ := traceOf(2)
	if a != b {
		t.Errorf("seed 1 twice: trace hashes %s and %s differ", a, b)
	}
	if a == c {
		t.Errorf("seeds 1 and 2 gave the same trace %s", a)
	}
	if n < 1000 {
		t.Errorf("trace has %d events; the program is too small to prove much", n)
	}
}

// Without a tracer the loop behaves the same and still counts events.
func TestNilTracer(t *testing.T) {
	_, n := traceOf(3)
	e := New(WithSeed(3))
	defer e.Close()
	randomProgram(e, 200)
	if err := e.RunUntilIdle(); err != nil {
		t.Fatal(err)
	}
	if e.Events() != n {
		t.Errorf("untraced Events() = %d, traced %d", e.Events(), n)
	}
	// SetTracer(nil) mid-run and back.
	rec := &Recorder{}
	e2 := New(WithTracer(rec))
	defer e2.Close()
	e2.Spawn("a", func(t *Task) error {
		e2.SetTracer(nil)
		if err := t.Sleep(time.Second); err != nil {
			return err
		}
		e2.SetTracer(rec)
		e2.Emit(KindSay, "", "back")
		return nil
	})
	mustRun(t, e2)
	checkLines(t, "trace", rec.Lines(), []string{
		"00:00.000  #1  a           spawn",
		"00:00.000  #1  a           run",
		"00:01.000  #1  a           say       back",
		"00:01.000  #1  a           done",
	})
	if rec.Events[2].Seq != 6 {
		t.Errorf("Seq after an untraced stretch = %d, want 6 (untraced events are counted)", rec.Events[2].Seq)
	}
	if Tee() != nil || Tee(nil, rec) != Tracer(rec) {
		t.Errorf("Tee of nothing or one tracer does not simplify")
	}
	var got []Kind
	TracerFunc(func(ev Record) { got = append(got, ev.Kind) }).Event(Record{Kind: KindSay})
	if len(got) != 1 {
		t.Errorf("TracerFunc did not forward the event")
	}
}

// goldenProgram is a small shop whose trace shows every kind of event.
func goldenProgram(e *Engine) {
	orders := NewQueue[string](e, "orders", 1)
	machines := NewSemaphore(e, "machines", 1)
	open := NewEvent(e, "open")
	e.Spawn("door", func(t *Task) error {
		if err := t.Sleep(500 * time.Millisecond); err != nil {
			return err
		}
		open.Set()
		t.Say(`shop is "open"`)
		return nil
	})
	barista := e.Spawn("barista", func(t *Task) error {
		for {
			o, err := orders.Get(t)
			if err != nil {
				return err
			}
			if err := machines.Acquire(t); err != nil {
				return err
			}
			err = t.Sleep(time.Second)
			machines.Release()
			if err != nil {
				return err
			}
			t.Say("made " + o)
		}
	})
	for i, drink := range []string{"latte", "mocha", "tea"} {
		e.SpawnN("customer", i, func(t *Task) error {
			if err := open.Wait(t); err != nil {
				return err
			}
			err := WaitFor(t, 800*time.Millisecond, func(t *Task) error { return orders.Put(t, drink) })
			if errors.Is(err, ErrTimeout) {
				t.Say("left\nin a huff")
				return nil
			}
			return err
		})
	}
	e.Spawn("clumsy", func(t *Task) error {
		t.Block(700 * time.Millisecond)
		return errors.New("spilled the milk")
	})
	e.Spawn("closer", func(t *Task) error {
		if err := t.Sleep(4 * time.Second); err != nil {
			return err
		}
		barista.Cancel()
		return nil
	})
}

func TestTraceGolden(t *testing.T) {
	var jsonl bytes.Buffer
	rec := &Recorder{}
	jw := NewJSONWriter(&jsonl)
	e := New(WithSeed(1), WithTracer(Tee(rec, jw)))
	defer e.Close()
	goldenProgram(e)
	err := e.RunUntilIdle()
	if err == nil || err.Error() != `sim: task "clumsy" failed: spilled the milk` {
		t.Errorf("Run() = %v, want clumsy's failure", err)
	}
	if err := jw.Flush(); err != nil {
		t.Fatal(err)
	}
	text := strings.Join(rec.Lines(), "\n") + "\n"
	for _, f := range []struct {
		name string
		got  []byte
	}{{"trace.golden.jsonl", jsonl.Bytes()}, {"trace.golden.txt", []byte(text)}} {
		path := filepath.Join("testdata", f.name)
		if *update {
			if err := os.MkdirAll("testdata", 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, f.got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./sim -run TestTraceGolden -update to create it)", err)
		}
		if !bytes.Equal(f.got, want) {
			checkLines(t, path, strings.Split(string(f.got), "\n"), strings.Split(string(want), "\n"))
		}
	}
	// Every kind appears in the golden trace.
	seen := map[Kind]bool{}
	for _, ev := range rec.Events {
		seen[ev.Kind] = true
	}
	for _, k := range Kinds() {
		if !seen[k] {
			t.Errorf("kind %v does not appear in the golden trace", k)
		}
	}
}

// Each kind is emitted where it belongs: for the right task at the right time.
func TestKindsWhereTheyBelong(t *testing.T) {
	e, rec := newTestEngine(t)
	goldenProgram(e)
	_ = e.RunUntilIdle()
	first := map[Kind]string{}
	for _, s := range kinds(rec) {
		k, _ := ParseKind(s[:strings.IndexByte(s, ' ')])
		if _, ok := first[k]; !ok {
			first[k] = s
		}
	}
	want := map[Kind]string{
		KindSpawn:   "spawn door@0s",
		KindRun:     "run door@0s",
		KindSleep:   "sleep door@0s (until 00:00.500)",
		KindWait:    "wait barista@0s orders",
		KindBlock:   "block clumsy@0s (for 700ms)",
		KindUnblock: "unblock clumsy@700ms (after 700ms)",
		KindFail:    "fail clumsy@700ms (sim: task \"clumsy\" failed: spilled the milk)",
		KindWake:    "wake door@700ms (late 200ms)",
		KindSet:     "set door@700ms open",
		KindSay:     "say door@700ms (shop is \"open\")",
		KindDone:    "done door@700ms",
		KindPut:     "put customer-0@700ms orders (1/1 queued)",
		KindGet:     "get barista@700ms orders (0/1 queued)",
		KindAcquire: "acquire barista@700ms machines (1/1 held)",
		KindTimeout: "timeout customer-2@1.5s (after 800ms)",
		KindRelease: "release barista@1.7s machines (0/1 held)",
		KindCancel:  "cancel customer-2@1.5s (requested)", // by its deadline, as asyncio.timeout does
	}
	for _, k := range Kinds() {
		if first[k] != want[k] {
			t.Errorf("first %v event = %q, want %q", k, first[k], want[k])
		}
	}
}

// The eight-byte fast path of AppendJSONEscaped agrees with a byte-by-byte check
// for every byte value in every position.
func TestNeedsEscape8(t *testing.T) {
	plain := []byte("abcdefgh")
	for pos := 0; pos < 8; pos++ {
		for c := 0; c < 256; c++ {
			w := append([]byte(nil), plain...)
			w[pos] = byte(c)
			want := c < 0x20 || c == '"' || c == '\\' || c >= 0x80
			if got := needsEscape8(load8(string(w), 0)); got != want {
				t.Fatalf("byte %#x at %d: needsEscape8 = %v, want %v", c, pos, got, want)
			}
		}
	}
	// A word of only safe bytes, including the edges of the ranges.
	for _, w := range []string{" !#$[]~\x7f", "~~~~~~~~", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f", "        ", "!!!!!!!!", "########", "[[[[[[[[", "]]]]]]]]"} {
		if needsEscape8(load8(w, 0)) {
			t.Errorf("%q: needsEscape8 = true, want false", w)
		}
	}
}

// AppendJSONString writes valid JSON that decodes to the string, with each invalid
// UTF-8 byte as U+FFFD, exactly as encoding/json reads back its own encoding.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "customer-12", "until 00:01:02.5", "a\"b\\c\nd\te\x01", "héllo wörld ☕", "\xff\xfe ok \xc3", "0123456789abcdef\x1f", strings.Repeat("x", 63) + "\"", "\u2028\u2029<>&"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		enc := AppendJSONString(nil, s)
		var got string
		if err := json.Unmarshal(enc, &got); err != nil {
			t.Fatalf("%q encodes as invalid JSON %s: %v", s, enc, err)
		}
		ref, _ := json.Marshal(s)
		var want string
		if err := json.Unmarshal(ref, &want); err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("%q: decodes to %q, encoding/json gives %q", s, got, want)
		}
		if bytes.ContainsAny(enc[1:len(enc)-1], "\n\r\t\x00") {
			t.Fatalf("%q: raw control byte in %q", s, enc)
		}
	})
}

// The JSONWriter's stream encoder, which reuses the digits of the last time and
// seq and the encoding of recent tasks, writes exactly what AppendJSON writes.
func TestJSONWriterMatchesAppendJSON(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	names := []string{"customer-1", "barista-2", "a\"b", "caf\xe9", "", "x\ny"}
	var out bytes.Buffer
	w := NewJSONEncoder(&out)
	var want []byte
	ev := Record{}
	for i := 0; i < 20000; i++ {
		switch r.IntN(4) { // mostly the same instant, sometimes later, rarely anything
		case 0:
			ev.Time += time.Duration(r.IntN(1e9))
		case 1:
			if r.IntN(50) == 0 {
				ev.Time = time.Duration(r.Int64N(1<<62)) - 1<<61
			}
		}
		switch r.IntN(20) { // mostly the next seq, sometimes a jump (a filtered trace)
		case 0:
			ev.Seq = r.Uint64()
		case 1:
			ev.Seq = 999_999 + uint64(r.IntN(3)) // carries across a new digit
		case 2:
			ev.Seq = ^uint64(0) // and wraps with the next one
		default:
			ev.Seq++
		}
		ev.Task = r.IntN(200) // ids that collide modulo the cache size
		if r.IntN(10) == 0 {
			ev.Task = -r.IntN(3)
		}
		ev.Name = names[r.IntN(len(names))]
		ev.Kind = Kind(r.IntN(int(kindEnd) + 2))
		ev.Object, ev.Detail = "", ""
		if r.IntN(2) == 0 {
			ev.Object = names[r.IntN(len(names))]
		}
		if r.IntN(2) == 0 {
			ev.Detail = "until " + FormatClock(ev.Time)
		}
		w.Event(ev)
		want = AppendJSON(want, ev)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), want) {
		a, b := out.Bytes(), want
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		lo := max(0, i-80)
		t.Fatalf("stream encoder differs at byte %d:\n got %q\nwant %q", i, a[lo:min(len(a), i+80)], b[lo:min(len(b), i+80)])
	}
}

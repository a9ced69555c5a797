package sim

// WithFingerprint makes the engine keep a fingerprint of its event stream (see
// Engine.Fingerprint).
func WithFingerprint() Option {
	return func(e *Engine) { e.fingerprint, e.cpEvery = true, FingerprintEvery }
}

// FingerprintEvery is how many events a fingerprint checkpoint covers at first;
// MaxFingerprintCheckpoints bounds how many a run keeps: when it has that many,
// every other one is dropped and the rest cover twice as many events each.
const (
	FingerprintEvery          = 256
	MaxFingerprintCheckpoints = 1 << 14
)

// checkpoint keeps the fingerprint after the current event.
func (e *Engine) checkpoint() {
	e.cps = append(e.cps, e.fp)
	if len(e.cps) == MaxFingerprintCheckpoints {
		k := 0
		for i := 1; i < len(e.cps); i += 2 {
			e.cps[k] = e.cps[i]
			k++
		}
		e.cps = e.cps[:k]
		e.cpEvery *= 2
	}
}

// FingerprintCheckpoints returns the fingerprint as it was after every
// every-th event, in hex: two runs whose checkpoints differ first at index i
// diverged within events i*every+1 to (i+1)*every.
func (e *Engine) FingerprintCheckpoints() (every uint64, cps []string) {
	for _, c := range e.cps {
		cps = append(cps, hex16(c))
	}
	return e.cpEvery, cps
}

// Fingerprint returns a fingerprint of the event stream so far: a 64-bit hash, in
// hex, of every event's time, task and kind, in order, computed inside the loop
// without formatting anything (WithFingerprint turns it on; it is "" otherwise).
// Two runs with the same fingerprint and event count took the same course; it is
// cheap enough for every run, unlike hashing the JSON trace.
func (e *Engine) Fingerprint() string {
	if !e.fingerprint {
		return ""
	}
	return hex16(e.fp)
}

// hex16 formats x as 16 hex digits.
func hex16(x uint64) string {
	var b [16]byte
	const digits = "0123456789abcdef"
	for i := range 16 {
		b[i] = digits[x>>(60-4*i)&0xf]
	}
	return string(b[:])
}

// fold mixes x into the hash h (FNV-1a over the value's 8 bytes at once, then a
// multiply-xorshift finaliser step, so each field moves every bit).
func fold(h, x uint64) uint64 {
	h = (h ^ x) * 0x100000001b3
	return h ^ (h >> 29)
}

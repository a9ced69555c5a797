package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"unicode/utf8"
)

// createTemp creates a temporary file beside target, named after it so that a
// leftover says what it was: .NAME.brewloop-HEX.tmp, with NAME cut short when
// the whole would pass the 255-byte limit on a file name.
func createTemp(target string) (*os.File, error) {
	dir, base := filepath.Split(target)
	const room = 255 - len("..brewloop-.tmp") - 12
	if len(base) > room {
		cut := room
		for cut > 0 && !utf8.RuneStart(base[cut]) {
			cut--
		}
		base = base[:cut]
	}
	for range 100 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(dir, "."+base+".brewloop-"+hex.EncodeToString(b[:])+".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err == nil {
			rememberTemp(name)
		}
		return f, err
	}
	return nil, errors.New("cannot find a free temporary name")
}

// temps are the temporary files not yet renamed or removed, so that a second
// interrupt, which ends brewloop at once, still removes them.
var temps struct {
	sync.Mutex
	names map[string]bool
}

func rememberTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	if temps.names == nil {
		temps.names = map[string]bool{}
	}
	temps.names[name] = true
}

func forgetTemp(name string) {
	temps.Lock()
	defer temps.Unlock()
	delete(temps.names, name)
}

func removeTemps() {
	temps.Lock()
	defer temps.Unlock()
	for name := range temps.names {
		os.Remove(name)
	}
}

// writeNewFile writes data to a new file, base+ext or the first free of base-2+ext,
// base-3+ext, ..., and returns its name. It never replaces a file: the data goes to
// a temporary file, which is then linked to the name (a link fails when the name
// exists); where links are not supported, the name is first created empty with
// O_EXCL and the temporary file renamed over it.
func writeNewFile(base, ext string, data []byte) (string, error) {
	f, err := createTemp(base + ext)
	if err != nil {
		return base + ext, err
	}
	tmp := f.Name()
	defer func() {
		os.Remove(tmp)
		forgetTemp(tmp)
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return base + ext, err
	}
	for i := 1; i <= 1000; i++ {
		name := base + ext
		if i > 1 {
			name = fmt.Sprintf("%s-%d%s", base, i, ext)
		}
		err := os.Link(tmp, name)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err == nil {
			return name, nil
		}
		g, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		if err != nil {
			return name, err
		}
		g.Close()
		if err := os.Rename(tmp, name); err != nil {
			os.Remove(name)
			return name, err
		}
		return name, nil
	}
	return base + ext, fmt.Errorf("%s and the next 999 names are all taken", quote(base+ext))
}

// writeFile writes data to the regular file path atomically (the TUI's recordings).
func writeFile(flag, path string, data []byte) error {
	s, err := planOutput(flag, path, nil, false)
	if err != nil {
		return err
	}
	o, err := openOutput(context.Background(), s, nil, nil)
	if err != nil {
		return err
	}
	o.Write(data)
	return o.commit()
}

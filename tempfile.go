package main

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// createTemp creates a temporary file in dir with a short name, so that a target
// whose name is near the 255-byte limit can still be written.
func createTemp(dir string) (*os.File, error) {
	for range 100 {
		var b [6]byte
		rand.Read(b[:])
		name := filepath.Join(dir, ".brewloop-"+hex.EncodeToString(b[:])+".tmp")
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

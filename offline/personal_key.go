package offline

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
)

// PersonalKeyFile is the file, beside the database, that holds the key of
// the personal data: 32 random bytes, readable by the user only (0600).
//
// The key lives in a file of its own rather than in the OS keyring: the
// app runs on Linux desktops and kiosks where no keyring service may be
// running, on phones whose app folder is already private, and in tests; a
// file behaves the same everywhere. Kept apart from the database, it stays
// out of copies of the database file (a backup, a file sent for support, a
// damaged store moved aside), and deleting it at sign-out makes any sealed
// bytes left in free pages of the database unreadable.
const PersonalKeyFile = "personal.key"

// personalKeyLen is an AES-256 key.
const personalKeyLen = 32

// ErrSignedOut is returned for personal data when no one is signed in on
// this device (or the key of the personal data is gone).
var ErrSignedOut = errors.New("offline: not signed in")

// vault holds the AEAD of the personal data once its key is loaded, and
// the server that the personal data and new requests are bound to. A store
// in memory (kiosk mode) keeps its key in memory only.
type vault struct {
	mu     sync.Mutex
	aead   cipher.AEAD
	origin string // the server the app talks to (UseServer); "" for none

	// gate orders writes of personal records against sign-out; epoch
	// counts sign-outs, so that a sync that began before one writes
	// nothing after it.
	gate  sync.Mutex
	epoch uint64
}

// keyPath is where the key file of a store on disk lives.
func (s *Store) keyPath() string {
	return filepath.Join(filepath.Dir(s.path), PersonalKeyFile)
}

// personalAEAD returns the AEAD that seals personal records. With create
// it makes and keeps a new key when there is none; without, a missing key
// is ErrSignedOut.
func (s *Store) personalAEAD(create bool) (cipher.AEAD, error) {
	s.vault.mu.Lock()
	defer s.vault.mu.Unlock()
	if s.vault.aead != nil {
		return s.vault.aead, nil
	}
	var key []byte
	var err error
	switch {
	case s.memory && !create:
		return nil, ErrSignedOut
	case s.memory:
		key, err = newPersonalKey()
	default:
		key, err = s.loadPersonalKey(create)
	}
	if err != nil {
		return nil, err
	}
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	s.vault.aead = aead
	return aead, nil
}

// newAEAD is AES-256-GCM under key.
func newAEAD(key []byte) (cipher.AEAD, error) {
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("personal key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("personal key: %w", err)
	}
	return aead, nil
}

// loadPersonalKey reads the key file, or with create writes a new one.
func (s *Store) loadPersonalKey(create bool) ([]byte, error) {
	path := s.keyPath()
	key, err := os.ReadFile(path)
	switch {
	case err == nil && len(key) == personalKeyLen:
		if info, err := os.Stat(path); err == nil && info.Mode().Perm()&0o077 != 0 {
			_ = os.Chmod(path, 0o600) // others could read it: take that back
		}
		return key, nil
	case err == nil:
		return nil, fmt.Errorf("personal key %s: %d bytes, want %d", path, len(key), personalKeyLen)
	case !errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("personal key: %w", err)
	case !create:
		return nil, ErrSignedOut
	}
	key, err = newPersonalKey()
	if err != nil {
		return nil, err
	}
	if err := writeKeyFile(path, key); err != nil {
		return nil, err
	}
	return key, nil
}

// writeKeyFile writes a key to a new file with mode 0600, synced to disk.
func writeKeyFile(path string, key []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("personal key: %w", err)
	}
	if _, err := f.Write(key); err != nil {
		f.Close()
		return fmt.Errorf("personal key: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("personal key: %w", err)
	}
	return f.Close()
}

func newPersonalKey() ([]byte, error) {
	key := make([]byte, personalKeyLen)
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("personal key: %w", err)
	}
	return key, nil
}

// dropPersonalKey forgets the key and deletes its file.
func (s *Store) dropPersonalKey() error {
	s.vault.mu.Lock()
	defer s.vault.mu.Unlock()
	s.vault.aead = nil
	if s.memory {
		return nil
	}
	if err := os.Remove(s.keyPath()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete personal key: %w", err)
	}
	return nil
}

// stagedKey is a new key put in use while a transaction seals what is
// kept under it: commit makes its file the key file once the transaction
// has committed; rollback goes back to the old key.
type stagedKey struct {
	s   *Store
	old cipher.AEAD
	tmp string // the new key's file until commit; "" in memory
}

// stageKey puts a new key in use: in memory at once, so that whatever is
// sealed from now on uses it, and in a file beside the key file.
func (s *Store) stageKey() (*stagedKey, cipher.AEAD, error) {
	key, err := newPersonalKey()
	if err != nil {
		return nil, nil, err
	}
	aead, err := newAEAD(key)
	if err != nil {
		return nil, nil, err
	}
	k := &stagedKey{s: s}
	if !s.memory {
		k.tmp = s.keyPath() + ".new"
		_ = os.Remove(k.tmp) // left by a crash; it opens nothing
		if err := writeKeyFile(k.tmp, key); err != nil {
			return nil, nil, err
		}
	}
	s.vault.mu.Lock()
	k.old, s.vault.aead = s.vault.aead, aead
	s.vault.mu.Unlock()
	return k, aead, nil
}

// commit puts the new key's file in place of the old one.
func (k *stagedKey) commit() error {
	if k.tmp == "" {
		return nil
	}
	if err := os.Rename(k.tmp, k.s.keyPath()); err != nil {
		return fmt.Errorf("personal key: %w", err)
	}
	if d, err := os.Open(filepath.Dir(k.tmp)); err == nil {
		_ = d.Sync() // the rename reaches the disk
		d.Close()
	}
	return nil
}

// rollback goes back to the old key and deletes the new one's file.
func (k *stagedKey) rollback() {
	k.s.vault.mu.Lock()
	k.s.vault.aead = k.old
	k.s.vault.mu.Unlock()
	if k.tmp != "" {
		_ = os.Remove(k.tmp)
	}
}

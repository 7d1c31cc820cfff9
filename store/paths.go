package store

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DataDir returns the folder kiemtra keeps its data in: $XDG_DATA_HOME/kiemtra
// (default ~/.local/share/kiemtra) on Linux and BSD, %LOCALAPPDATA%\kiemtra
// on Windows, ~/Library/Application Support/kiemtra on macOS.
func DataDir() (string, error) {
	switch runtime.GOOS {
	case "windows":
		if d := os.Getenv("LOCALAPPDATA"); d != "" {
			return filepath.Join(d, "kiemtra"), nil
		}
		d, err := os.UserConfigDir() // %AppData%
		if err != nil {
			return "", fmt.Errorf("find data folder: %w", err)
		}
		return filepath.Join(d, "kiemtra"), nil
	case "darwin":
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w", err)
		}
		return filepath.Join(home, "Library", "Application Support", "kiemtra"), nil
	default:
		if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
			return filepath.Join(d, "kiemtra"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find data folder: %w", err)
		}
		return filepath.Join(home, ".local", "share", "kiemtra"), nil
	}
}

// DefaultPath is the real database's default location.
func DefaultPath() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "kiemtra.db"), nil
}

// DemoPath is the demo database's default location: beside the real one,
// never the same file, so trying the demo cannot touch real work.
func DemoPath() (string, error) {
	d, err := DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "demo.db"), nil
}

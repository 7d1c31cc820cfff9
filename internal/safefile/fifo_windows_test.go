//go:build windows

package safefile

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on Windows") }

//go:build windows

package cli

import "errors"

func mkfifo(string) error { return errors.New("no FIFOs on Windows") }

func mknodNull(string) error { return errors.New("no device nodes on Windows") }

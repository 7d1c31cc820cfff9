// Package opener shows a file or a folder with the program the system
// opens it with (xdg-open on Linux and the BSDs, open on macOS, rundll32 on
// Windows). The TUI asks for it through an interface main wires; the
// program is started with nothing on the terminal (the TUI owns it) and
// is not waited for beyond its start.
package opener

import (
	"errors"
	"fmt"
	"io"
	"os/exec"

	"kiemtra/model"
)

// Opener opens paths with the system's program.
type Opener struct {
	// command is the program and its arguments before the path.
	command []string
}

// New is the opener of this system.
func New() Opener { return Opener{command: systemCommand()} }

// Open shows path (a file, or a folder) with the system's program. It
// returns once the program has started; ENoOpener when the system has
// none (a server without a desktop), naming the program looked for.
func (o Opener) Open(path string) error {
	if len(o.command) == 0 {
		return model.NewError(model.ENoOpener, nil, "xdg-open")
	}
	prog, err := exec.LookPath(o.command[0])
	if err != nil {
		if errors.Is(err, exec.ErrNotFound) {
			return model.NewError(model.ENoOpener, err, o.command[0])
		}
		return fmt.Errorf("open %s: %w", path, err)
	}
	args := append(append([]string{}, o.command[1:]...), path)
	cmd := exec.Command(prog, args...)
	// Nothing reaches the terminal the TUI draws on.
	cmd.Stdin, cmd.Stdout, cmd.Stderr = nil, io.Discard, io.Discard
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("open %s: %w", path, err)
	}
	// xdg-open and rundll32 return at once; a program that stays is reaped
	// when it ends, so it leaves no zombie.
	go func() { _ = cmd.Wait() }()
	return nil
}

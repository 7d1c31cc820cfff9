//go:build !windows

package termin

// ttyName is the terminal to open when standard input is not one, as
// Bubble Tea opens it.
const ttyName = "/dev/tty"

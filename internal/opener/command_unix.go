//go:build !windows && !darwin

package opener

func systemCommand() []string { return []string{"xdg-open"} }

//go:build darwin

package opener

func systemCommand() []string { return []string{"open"} }

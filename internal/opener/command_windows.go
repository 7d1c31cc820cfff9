//go:build windows

package opener

// start is cmd's own command; its first quoted argument is a window
// title, so an empty one comes before the path (which may be quoted).
func systemCommand() []string { return []string{"cmd", "/c", "start", ""} }

//go:build windows

package opener

// rundll32 with url.dll's FileProtocolHandler opens a file with its
// program and a folder in Explorer, taking the path as one argument: cmd's
// start would read & and ^ in a path (both allowed in Windows names) as
// its own syntax, and explorer.exe exits 1 even when it opened the path.
func systemCommand() []string { return []string{"rundll32.exe", "url.dll,FileProtocolHandler"} }

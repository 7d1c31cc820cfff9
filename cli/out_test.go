package cli

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"kiemtra/store/bundle"
)

// special is a path that is not a regular file, and how to tell it is
// untouched afterwards.
type special struct {
	name  string
	path  string
	check func() string // "" when untouched, else what changed
}

// specials makes, in dir, a symbolic link to a file outside dir, a link to
// a folder, a folder, a named pipe and (as root) a character device.
func specials(t *testing.T, dir string) []special {
	t.Helper()
	outside := filepath.Join(t.TempDir(), "outside.txt")
	if err := os.WriteFile(outside, []byte("giữ nguyên"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out []special
	link := filepath.Join(dir, "link.out")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	out = append(out, special{"link", link, func() string {
		if to, err := os.Readlink(link); err != nil || to != outside {
			return "the link was replaced"
		}
		if b, err := os.ReadFile(outside); err != nil || string(b) != "giữ nguyên" {
			return "the file it points to was written"
		}
		return ""
	}})
	folder := filepath.Join(dir, "folder.out")
	if err := os.Mkdir(folder, 0o700); err != nil {
		t.Fatal(err)
	}
	out = append(out, special{"folder", folder, func() string {
		if st, err := os.Lstat(folder); err != nil || !st.IsDir() {
			return "the folder was replaced"
		}
		if es, _ := os.ReadDir(folder); len(es) > 0 {
			return "something was written into the folder"
		}
		return ""
	}})
	fifo := filepath.Join(dir, "pipe.out")
	if err := mkfifo(fifo); err == nil {
		out = append(out, special{"pipe", fifo, func() string {
			if st, err := os.Lstat(fifo); err != nil || st.Mode()&os.ModeNamedPipe == 0 {
				return "the pipe was replaced"
			}
			return ""
		}})
	}
	dev := filepath.Join(dir, "null.out")
	if err := mknodNull(dev); err == nil {
		out = append(out, special{"device", dev, func() string {
			if st, err := os.Lstat(dev); err != nil || st.Mode()&os.ModeCharDevice == 0 {
				return "the device was replaced by a regular file"
			}
			return ""
		}})
	} else {
		t.Logf("no device node (%v): the device case needs root", err)
	}
	return out
}

// TestOutNeverReplacesSpecialFiles gives every command that writes a file
// (bundle, keys export, report unit and report summary in every format,
// with and without --force) an --out that is a link, a folder, a pipe or a
// device: each refuses with exit 1 and a message naming the path as not a
// regular file, and the path, what it points to and its folder are as they
// were (no temporary file left either). Run as root, the device case is
// the one the issue reports: "kiemtra bundle --out /dev/null" replaced the
// system's /dev/null with a regular file.
func TestOutNeverReplacesSpecialFiles(t *testing.T) {
	t.Parallel()
	db := laptop(t, "Lê Thu Trang", true)
	var cmds [][]string
	cmds = append(cmds, []string{"bundle"}, []string{"keys", "export"})
	for _, f := range []string{"md", "html", "xlsx"} {
		cmds = append(cmds, []string{"report", "unit", "--unit", "STP", "--format", f})
	}
	for _, f := range []string{"md", "html", "xlsx", "csv", "json"} {
		cmds = append(cmds, []string{"report", "summary", "--format", f})
	}
	dir := t.TempDir()
	sp := specials(t, dir)
	before := listTree(t, dir)
	for _, c := range cmds {
		for _, force := range []bool{false, true} {
			if force && c[0] != "report" {
				continue // --force is report's
			}
			for _, s := range sp {
				args := append([]string{"--db", db}, c...)
				args = append(args, "--out", s.path)
				if force {
					args = append(args, "--force")
				}
				name := strings.Join(c, " ") + " --out " + s.name
				if force {
					name += " --force"
				}
				r := runCLI(t, nil, args...)
				if r.code != 1 || !strings.Contains(r.stderr, s.path+" không phải tệp thông thường") {
					t.Errorf("%s: status %d, stderr %q", name, r.code, r.stderr)
				}
				if what := s.check(); what != "" {
					t.Errorf("%s: %s", name, what)
				}
			}
		}
	}
	if after := listTree(t, dir); strings.Join(after, "\n") != strings.Join(before, "\n") {
		t.Errorf("the folder changed: %v, was %v", after, before)
	}
}

// TestOutDashIsStandardOutput: --out - sends the bundle and the public key
// file down standard output as a stream, and no file named "-" appears.
// The bundle that came out that way imports at Sở Nội vụ like a file; its
// words go to standard error, and neither a terminal nor --json can take
// standard output from it. Before, both commands wrote a file named "-".
func TestOutDashIsStandardOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lap := laptop(t, "Lê Thu Trang", true)
	wd := filepath.Dir(lap)
	r := runCLI(t, nil, "--db", lap, "bundle", "--out", "-")
	if r.code != 0 || !strings.HasPrefix(r.stdout, bundle.Magic) {
		t.Fatalf("bundle --out -: status %d, stdout %.20q, stderr %q", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "Đã ghi gói số 1 (-)") {
		t.Errorf("bundle --out - says on stderr %q", r.stderr)
	}
	bundleFile := filepath.Join(dir, "from-stdout.ktb")
	if err := os.WriteFile(bundleFile, []byte(r.stdout), 0o600); err != nil {
		t.Fatal(err)
	}
	office := laptop(t, "Văn phòng Sở Nội vụ", false)
	key := filepath.Join(dir, "lap.pub")
	mustRun(t, "--db", lap, "keys", "export", "--out", key)
	mustRun(t, "--db", office, "keys", "trust", key, "--name", "Máy chị Trang")
	if r := runCLI(t, nil, "--db", office, "import", bundleFile); r.code != 0 {
		t.Errorf("import of the bundle that went to standard output: %+v", r)
	}

	r = runCLI(t, nil, "--db", lap, "keys", "export", "--out", "-")
	if r.code != 0 || !strings.Contains(r.stdout, `"public_key"`) || r.stderr != "" {
		t.Errorf("keys export --out -: %+v", r)
	}
	if r := runCLI(t, nil, "--db", lap, "bundle", "--out", "-", "--json"); r.code != 2 {
		t.Errorf("bundle --out - --json: %+v", r)
	}
	for _, d := range []string{wd, dir, "."} {
		es, err := os.ReadDir(d)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, e := range es {
			names = append(names, e.Name())
		}
		sort.Strings(names)
		for _, n := range names {
			if n == "-" {
				t.Errorf("a file named - was written in %s", d)
			}
		}
	}
}

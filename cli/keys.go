package cli

import (
	"encoding/base64"
	"flag"
	"fmt"

	"kiemtra/model"
)

// The device's signing key: show it, export it for the office, trust
// another device's.

func init() {
	Register(Command{Name: "keys show", Summary: "sync.keys_show.summary", Usage: "sync.keys_show.usage", Run: runKeysShow})
	Register(Command{Name: "keys export", Summary: "sync.keys_export.summary", Usage: "sync.keys_export.usage", Run: runKeysExport})
	Register(Command{Name: "keys trust", Summary: "sync.keys_trust.summary", Usage: "sync.keys_trust.usage", Run: runKeysTrust})
}

func runKeysShow(env *Env, fs *flag.FlagSet) func([]string) error {
	asJSON := fs.Bool("json", false, env.T.T("cli.flag.json"))
	return func(args []string) (err error) {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		k, err := db.DeviceKey(env.Ctx)
		if err != nil {
			return err
		}
		trusted, err := db.TrustedKeys(env.Ctx)
		if err != nil {
			return err
		}
		pub := base64.StdEncoding.EncodeToString(k.Public)
		if *asJSON {
			return writeJSON(env.Stdout, map[string]any{"device": k.Device, "fingerprint": k.Fingerprint, "public_key": pub,
				"private_key_file": k.Path, "trusted": trusted})
		}
		w := env.Stdout
		fmt.Fprintln(w, env.T.T("sync.keys.device", model.ShortID(k.Device)))
		fmt.Fprintln(w, env.T.T("sync.keys.fingerprint", k.Fingerprint))
		fmt.Fprintln(w, env.T.T("sync.keys.public", pub))
		fmt.Fprintln(w, env.T.T("sync.keys.private", k.Path))
		fmt.Fprintln(w)
		fmt.Fprintln(w, env.T.T("sync.keys.trusted"))
		for _, tk := range trusted {
			name := tk.Name
			if tk.Self {
				name = env.T.T("sync.keys.self")
			}
			fmt.Fprintf(w, "  %s  %-30s %s  %s\n", tk.Fingerprint, name, model.ShortID(tk.Device), tk.AddedAt.Local().Format("02/01/2006"))
		}
		return nil
	}
}

func runKeysExport(env *Env, fs *flag.FlagSet) func([]string) error {
	out := fs.String("out", "", env.T.T("sync.flag.out"))
	return func(args []string) (err error) {
		if len(args) > 0 {
			return Usage(env.T.T("cli.no_args"))
		}
		if *out == "" {
			return Usage(env.T.T("sync.need_out"))
		}
		db, err := env.OpenExisting()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		if *out == "-" {
			// The key file itself, for a pipe or the screen: it is text.
			_, b, err := db.PublicKeyFile(env.Ctx)
			if err != nil {
				return err
			}
			_, err = env.Stdout.Write(b)
			return err
		}
		pf, err := db.ExportPublicKey(env.Ctx, *out)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, env.T.T("sync.keys.exported", *out, pf.Fingerprint))
		return nil
	}
}

func runKeysTrust(env *Env, fs *flag.FlagSet) func([]string) error {
	name := fs.String("name", "", env.T.T("sync.flag.name"))
	return func(args []string) (err error) {
		if len(args) != 1 {
			return Usage(env.T.T("sync.need_keyfile"))
		}
		db, err := env.OpenDB()
		if err != nil {
			return err
		}
		defer closeDB(db, &err)
		k, err := db.TrustKeyFile(env.Ctx, args[0], *name)
		if err != nil {
			return err
		}
		fmt.Fprintln(env.Stdout, env.T.T("sync.keys.trusted_ok", k.Name, model.ShortID(k.Device), k.Fingerprint))
		return nil
	}
}

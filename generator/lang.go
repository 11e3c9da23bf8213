package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/loa-vn/loa/generator/msg"
)

// term is a command's output stream, in the command's language: say and
// tr find the language there, so that every command keeps the signature
// (args, stdout, stderr).
type term struct {
	io.Writer
	p    *msg.Printer
	lang msg.Lang // --lang, or "" to follow the site
}

// printer returns the language of w, or the default one.
func printer(w io.Writer) *msg.Printer {
	if t, ok := w.(*term); ok {
		return t.p
	}
	return msg.New(msg.Default)
}

// say writes a message to w in w's language. Every line the commands print
// goes through say, so that it is in the catalog.
func say(w io.Writer, format string, args ...any) {
	printer(w).Fprintf(w, format, args...)
}

// tr returns a message in w's language (flag descriptions).
func tr(w io.Writer, format string, args ...any) string {
	return printer(w).Sprintf(format, args...)
}

// langArg chooses the language of a command run with args: --lang
// (anywhere in args), else the language of the site that -s names (or of
// the current folder), else Vietnamese. It also returns the --lang given
// ("" when none), the args without a --lang given before the command, and
// the value of a --lang that names a language Loa does not speak.
func langArg(args []string) (chosen, given msg.Lang, rest []string, bad string) {
	site, flagLang := ".", ""
	command := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || a == "--" {
			command = true
			rest = append(rest, a)
			continue
		}
		switch name {
		case "lang", "s":
			if !hasValue && i+1 < len(args) {
				i++
				value = args[i]
				if command || name == "s" {
					rest = append(rest, a, value)
				}
			} else if command || name == "s" {
				rest = append(rest, a)
			}
			if name == "s" {
				site = value
			} else if _, ok := msg.Parse(value); ok {
				flagLang = value
			} else {
				bad = value
			}
			continue
		}
		rest = append(rest, a)
	}
	if flagLang != "" {
		given, _ = msg.Parse(flagLang)
	}
	return msg.Choose(flagLang, siteLanguage(site)), given, rest, bad
}

// langFlagOf returns the --lang the command was given, or "" when the
// langArg follows the site.
func langFlagOf(w io.Writer) msg.Lang {
	if t, ok := w.(*term); ok {
		return t.lang
	}
	return ""
}

// siteLanguage reads the language of the site in dir, or "" when there is
// no site.toml or it does not parse (the build reports why).
func siteLanguage(dir string) string {
	var site struct{ Language string }
	toml.DecodeFile(filepath.Join(dir, "site.toml"), &site)
	return site.Language
}

// prog is the program's name as it was run, for usage texts: "loa" for a
// binary called loa, "go run ./generator" when go run built it in its
// temporary folder.
var prog = progName(os.Args[0])

func progName(arg0 string) string {
	if strings.Contains(filepath.ToSlash(arg0), "/go-build") {
		return "go run ./generator"
	}
	return filepath.Base(arg0)
}

// langFlag adds --lang to fs; language has already read it.
func langFlag(fs *flag.FlagSet) {
	fs.String("lang", "", tr(fs.Output(), "the `language` of the messages: en or vi (default: site.toml's language, else vi)"))
}

// parseFlags parses the flags, printing errors and usage in the command's
// language; it returns -1 to go on, or an exit status.
func parseFlags(fs *flag.FlagSet, args []string) int {
	w, usage := fs.Output(), fs.Usage
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	err := fs.Parse(args)
	fs.SetOutput(w)
	fs.Usage = usage
	switch {
	case err == nil:
		return -1
	case errors.Is(err, flag.ErrHelp):
		fs.Usage()
		return 0
	}
	say(w, "loa %s: %s\n", fs.Name(), flagError(printer(w), err))
	fs.Usage()
	return 2
}

// printDefaults is flag.PrintDefaults in w's language.
func printDefaults(fs *flag.FlagSet) {
	w := fs.Output()
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		line := "  -" + f.Name
		if name != "" {
			line += " " + name
		}
		if len(line) <= 4 {
			line += "\t"
		} else {
			line += "\n    \t"
		}
		line += strings.ReplaceAll(usage, "\n", "\n    \t")
		if f.DefValue != "" && f.DefValue != "false" {
			line += tr(w, " (default %q)", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

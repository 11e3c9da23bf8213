// Command synth writes the synthetic sites of the benchmark (see package
// synth): a national Loa site with -o, a plain Hugo site with -hugo, or both.
//
//	go run ./generator/internal/synth/cmd/synth -o DIR [-units 10000] [-groups 50] \
//	    [-directives 1000] [-reports 104] [-words 600] [-hugo DIR] [-pages 11000] [-seed N]
//
// Each folder must be empty or absent. The same flags give byte-identical
// files. Exit status: 0 success, 1 a write failed, 2 wrong usage.
package main

import (
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/loa-vn/loa/generator/internal/synth"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	cfg, hcfg := synth.Default(), synth.DefaultHugo()
	fset := flag.NewFlagSet("synth", flag.ContinueOnError)
	fset.SetOutput(stderr)
	out := fset.String("o", "", "write the Loa site into `DIR`")
	hugo := fset.String("hugo", "", "write the Hugo site into `DIR`")
	fset.IntVar(&cfg.Units, "units", cfg.Units, "units")
	fset.IntVar(&cfg.Groups, "groups", cfg.Groups, "groups of units (content/units/tinh-NN.toml)")
	fset.IntVar(&cfg.Directives, "directives", cfg.Directives, "directives")
	fset.IntVar(&cfg.Reports, "reports", cfg.Reports, "weekly reports from 2024-01-01")
	fset.IntVar(&cfg.Words, "words", cfg.Words, "words per directive and per Hugo page, about")
	fset.IntVar(&hcfg.Pages, "pages", hcfg.Pages, "pages of the Hugo site")
	fset.Uint64Var(&cfg.Seed, "seed", cfg.Seed, "random seed")
	fset.Usage = func() {
		fmt.Fprintln(fset.Output(), "Usage: go run ./generator/internal/synth/cmd/synth -o DIR [-hugo DIR] [flags]")
		fset.PrintDefaults()
	}
	if err := fset.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if fset.NArg() > 0 || (*out == "" && *hugo == "") {
		fset.Usage()
		return 2
	}
	hcfg.Words, hcfg.Seed = cfg.Words, cfg.Seed
	if *out != "" {
		start := time.Now()
		if err := synth.Write(*out, cfg); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintf(stdout, "loa site: %d units in %d groups, %d reports, %d directives: %s in %s\n",
			cfg.Units, cfg.Groups, cfg.Reports, cfg.Directives, size(*out), time.Since(start).Round(time.Millisecond))
	}
	if *hugo != "" {
		start := time.Now()
		if err := synth.WriteHugo(*hugo, hcfg); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
		fmt.Fprintf(stdout, "hugo site: %d pages: %s in %s\n", hcfg.Pages, size(*hugo), time.Since(start).Round(time.Millisecond))
	}
	return 0
}

// size says how many files dir holds and how big they are.
func size(dir string) string {
	var files, bytes int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				files++
				bytes += info.Size()
			}
		}
		return nil
	})
	return fmt.Sprintf("%d files, %.1f MB", files, float64(bytes)/1e6)
}

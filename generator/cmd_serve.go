package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"

	"github.com/loa-vn/loa/generator/build"
	"github.com/loa-vn/loa/generator/diag"
	"github.com/loa-vn/loa/generator/serve"
)

func cmdServe(args []string, stdout, stderr io.Writer) int {
	var opts build.Options
	fs := flags("serve", "serve [-s DIR] [--addr 127.0.0.1:1313] [--drafts]", stderr, &opts)
	addr := fs.String("addr", serve.DefaultAddr, tr(stderr, "listen on `HOST:PORT`; loopback unless another address is named (port 0: any free port)"))
	if code := parse(fs, args); code >= 0 {
		return code
	}
	if _, _, err := net.SplitHostPort(*addr); err != nil {
		say(stderr, "loa serve: --addr %q: want HOST:PORT, like %s\n", *addr, serve.DefaultAddr)
		return 2
	}
	// serve.Run warns when the address it binds is beyond loopback.

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := serve.Run(ctx, serve.Config{
		Build: opts,
		Addr:  *addr,
		Log:   stderr,
		Lang:  langFlagOf(stderr),
		Ready: func(url string) {
			say(stdout, "serving %sat %s (Ctrl-C to stop)\n", title(opts), url)
		},
	})
	if err != nil {
		say(stderr, "loa serve: %v\n", err)
		return 1
	}
	return 0
}

// title is the site's title and a space, or "" when it has none yet.
func title(opts build.Options) string {
	if t := build.Model(opts, new(diag.List)).Site.Title; t != "" {
		return fmt.Sprintf("%q ", t)
	}
	return ""
}

package main

import (
	"regexp"
	"strings"

	"github.com/loa-vn/loa/generator/msg"
)

const (
	msgFlagUndefined = "flag provided but not defined: -%s"
	msgFlagArgument  = "flag needs an argument: -%s"
	msgFlagBool      = "invalid value %q for -%s: write true or false"
	msgFlagValue     = "invalid value %q for -%s: %s"
	msgFlagSyntax    = "bad flag syntax: %s"
)

// flagErrors are the errors of package flag, in English there; flagError
// says them in the command's language.
var flagErrors = []struct {
	re     *regexp.Regexp
	format string
}{
	{regexp.MustCompile(`^flag provided but not defined: -(.*)$`), msgFlagUndefined},
	{regexp.MustCompile(`^flag needs an argument: -(.*)$`), msgFlagArgument},
	{regexp.MustCompile(`^invalid boolean value "(.*)" for -(.*): .*$`), msgFlagBool},
	{regexp.MustCompile(`^invalid value "(.*)" for flag -([^:]*): (.*)$`), msgFlagValue},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), msgFlagSyntax},
}

func flagError(p *msg.Printer, err error) string {
	s := err.Error()
	for _, e := range flagErrors {
		m := e.re.FindStringSubmatch(s)
		if m == nil {
			continue
		}
		args := make([]any, 0, len(m)-1)
		for _, a := range m[1:] {
			args = append(args, a)
		}
		if len(args) == 3 {
			// The reason is a flag's own message (--followers), in the
			// catalog, or Go's words for a number that does not parse.
			reason := args[2].(string)
			if !strings.Contains(reason, "%") {
				args[2] = p.Sprintf(reason)
			}
		}
		switch len(args) {
		case 1:
			return p.Sprintf(e.format, args[0])
		case 2:
			return p.Sprintf(e.format, args[0], args[1])
		}
		return p.Sprintf(e.format, args...)
	}
	return s
}

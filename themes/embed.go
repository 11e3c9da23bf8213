// Package themes holds the themes built into the Loa generator. It is the
// one Go package outside generator/, because go:embed can only reach files
// in its own folder and below, and the default theme lives here, beside the
// folders that sites copy to override it.
package themes

import "embed"

// Default is the built-in default theme: templates/ (html/template files)
// and static/ (assets copied to /static/ in the output), under the folder
// "default". A site's themes/default/ overrides it file by file.
//
//go:embed all:default
var Default embed.FS

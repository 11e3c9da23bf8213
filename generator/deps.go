package main

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/fsnotify/fsnotify"
	_ "github.com/skip2/go-qrcode"
	_ "github.com/yuin/goldmark"
	_ "golang.org/x/net/html"
	_ "golang.org/x/text/collate"
	_ "golang.org/x/text/unicode/norm"
)

func main() {}

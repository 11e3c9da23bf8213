package campaign

import "strings"

func isCongVan(kind string) bool {
	k := strings.ToLower(strings.TrimSpace(kind))
	return k == "công văn" || k == "cong van"
}

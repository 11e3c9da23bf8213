package build

import (
	"fmt"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"github.com/loa-vn/loa/generator/diag"
)

func TestZZKeys(t *testing.T) {
	dir := os.Getenv("ZZSITE")
	if dir == "" {
		t.Skip()
	}
	out := os.Getenv("ZZOUT")
	for i := 0; i < 2; i++ {
		ents, _ := os.ReadDir(dir + "/content/reports")
		last := dir + "/content/reports/" + ents[len(ents)-1].Name()
		b, _ := os.ReadFile(last)
		os.WriteFile(last, append(b, []byte("\n# x\n")...), 0o644)
		f, _ := os.Create(fmt.Sprintf("/tmp/prof/cpu%d.out", i))
		pprof.StartCPUProfile(f)
		var diags diag.List
		t0 := time.Now()
		st, err := Site(Options{Site: dir, Out: out}, &diags)
		pprof.StopCPUProfile()
		if err != nil {
			t.Fatal(err, diags.Errors())
		}
		t.Logf("build %d: %v linked %d files %d", i, time.Since(t0), st.Linked, st.Files)
	}
}

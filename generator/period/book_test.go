package period

import (
	"reflect"
	"runtime"
	"sync"
	"testing"
	"time"
	"weak"
)

// TestBookGoesWithItsCampaign checks that what Of keeps for a campaign is
// dropped once the campaign is no longer used: serve makes a new model on
// every save.
func TestBookGoesWithItsCampaign(t *testing.T) {
	c := model(t, exampleWithLater(t))
	Of(c, len(c.Reports)-1)
	k := weak.Make(c)
	if _, ok := books.Load(k); !ok {
		t.Fatal("Of kept nothing for its campaign")
	}
	c = nil
	for range 200 {
		runtime.GC()
		if _, ok := books.Load(k); !ok {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Error("the book of a campaign outlived it")
}

// TestBookOfAChangedCampaign checks that a ranking kept for a campaign
// that has changed since (it should not) is not used when it cannot be
// the ranking of the period as it is now.
func TestBookOfAChangedCampaign(t *testing.T) {
	c := model(t, exampleWithLater(t))
	i := len(c.Reports) - 1
	Of(c, i)
	for _, u := range c.All {
		if u.Target > 0 {
			u.Target = 0 // no share: out of the ranking
			break
		}
	}
	if got, want := Of(c, i), oldOf(c, i); !reflect.DeepEqual(got, want) {
		t.Errorf("Of differs:\n%s", diff(got, want))
	}
}

// TestBookShared checks periods asked for at once by several jobs, as a
// build's pool does: each is the period as computed alone.
func TestBookShared(t *testing.T) {
	c := model(t, exampleWithLater(t))
	want := make([]*Period, len(c.Reports))
	for i := range c.Reports {
		want[i] = oldOf(c, i)
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for i := range c.Reports {
				if got := Of(c, i); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("report %d: Of differs:\n%s", i, diff(got, want[i]))
				}
			}
		})
	}
	wg.Wait()
}

package render

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"sync"

	"github.com/loa-vn/loa/generator/campaign"
)

// Prepared is a render that passed its checks: its jobs are known, each
// with the files it writes, and none has run. build writes them all;
// serve runs a job when one of its files is asked for, so that a change
// in a national site shows in the page being looked at without rendering
// the 40,000 others.
type Prepared struct {
	jobs  []job
	jobOf map[string]int // output path -> job
	// key computes a job's key (keys.go); nil when the render makes none.
	key func(job) ([sha256.Size]byte, bool)
	// docOf is the parse of a directive's body; nil for one not rendered.
	docOf func(*campaign.Directive) *docRef

	mu    sync.Mutex
	once  []sync.Once
	errs  []error
	files map[string][]byte // what the jobs run so far wrote
}

func newPrepared(jobs []job) *Prepared {
	n := 0
	for _, j := range jobs {
		n += len(j.paths)
	}
	p := &Prepared{jobs: jobs, jobOf: make(map[string]int, n), once: make([]sync.Once, len(jobs)), errs: make([]error, len(jobs)), files: map[string][]byte{}}
	for i, j := range jobs {
		for _, path := range j.paths {
			p.jobOf[path] = i
		}
	}
	return p
}

// WriteAll runs every job into sink, on a pool (see run). When sink is a
// Keeper and the render makes keys (Options.Keyed), a job whose files the
// previous output holds as it would write them does not run (keys.go).
func (p *Prepared) WriteAll(sink Sink) error {
	keeper, _ := sink.(Keeper)
	runs := make([]func() error, len(p.jobs))
	for i, j := range p.jobs {
		runs[i] = func() error {
			if keeper == nil || p.key == nil {
				return j.run(sink)
			}
			k, ok := p.key(j)
			if !ok {
				return j.run(sink)
			}
			if keeper.Keep(j.paths, k) {
				return nil
			}
			if err := j.run(sink); err != nil {
				return err
			}
			keeper.Keyed(j.paths, k)
			return nil
		}
	}
	return run(runs)
}

// LabelSummary returns the LabelSummary (see markdown.Document) of the
// body of directive d, of at most max runes, from the parse this render
// made of it: the summary of d's entry in the feed, which is made of the
// body alone (a text directive stands as its label). ok is false for a
// directive the render does not publish.
func (p *Prepared) LabelSummary(d *campaign.Directive, max int) (summary string, ok bool) {
	if p == nil || p.docOf == nil {
		return "", false
	}
	doc := p.docOf(d)
	if doc == nil {
		return "", false
	}
	return doc.LabelSummary(max), true
}

// Has reports whether path is a file of the render.
func (p *Prepared) Has(path string) bool {
	_, ok := p.jobOf[path]
	return ok
}

// ErrNoFile is returned by File for a path the render does not write.
var ErrNoFile = errors.New("render: no such file")

// File returns the bytes of the file at path, running the job that writes
// it the first time one of its files is asked for; the files are kept.
// It is safe for concurrent use. The bytes must not be changed.
func (p *Prepared) File(path string) ([]byte, error) {
	i, ok := p.jobOf[path]
	if !ok {
		return nil, ErrNoFile
	}
	p.once[i].Do(func() {
		c := &capture{files: map[string][]byte{}}
		err := p.jobs[i].run(c)
		p.mu.Lock()
		defer p.mu.Unlock()
		p.errs[i] = err
		for k, v := range c.files {
			p.files[k] = v
		}
	})
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.errs[i]; err != nil {
		return nil, err
	}
	data, ok := p.files[path]
	if !ok {
		return nil, ErrNoFile // declared, not written: a QR image under SkipQR
	}
	return data, nil
}

// capture is the Sink of one job run by File.
type capture struct {
	files map[string][]byte
}

func (c *capture) Put(path string, data []byte) error {
	c.files[path] = bytes.Clone(data)
	return nil
}

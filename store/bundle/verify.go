package bundle

import (
	"crypto/ed25519"
	"runtime"
	"sync"

	"kiemtra/model"
)

// verifier checks entry signatures on every core while the decoder reads
// on: an ed25519 verification costs about as much as decoding the entry.
// Jobs are small (a message and a signature) and the queue is bounded, so
// a large bundle never piles them up in memory.
type verifier struct {
	jobs chan sigJob
	wg   sync.WaitGroup
	mu   sync.Mutex
	err  error
	once sync.Once
}

type sigJob struct {
	keys   []ed25519.PublicKey
	link   ChainLink
	device string
	seq    int64
}

func newVerifier() *verifier {
	v := &verifier{jobs: make(chan sigJob, 256)}
	n := max(1, runtime.GOMAXPROCS(0))
	for range n {
		v.wg.Add(1)
		go v.work()
	}
	return v
}

func (v *verifier) work() {
	defer v.wg.Done()
	for j := range v.jobs {
		if v.failed() {
			continue
		}
		if !VerifyEntrySig(j.keys, j.link) {
			v.fail(model.NewError(model.EEntrySignature, nil, model.ShortID(j.device), itoa(j.seq)))
		}
	}
}

func (v *verifier) failed() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.err != nil
}

func (v *verifier) fail(err error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.err == nil {
		v.err = err
	}
}

// check queues one signature.
func (v *verifier) check(keys []ed25519.PublicKey, l ChainLink) {
	v.jobs <- sigJob{keys: keys, link: l, device: l.Device, seq: l.DevSeq}
}

// wait ends the queue and returns the first failure. It may be called
// more than once.
func (v *verifier) wait() error {
	v.once.Do(func() { close(v.jobs) })
	v.wg.Wait()
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.err
}

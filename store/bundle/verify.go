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
// a large bundle never piles them up in memory. An inline verifier
// (DecodeOptions.OneCore) checks each signature as it is queued.
type verifier struct {
	inline bool
	jobs   chan sigJob
	wg     sync.WaitGroup
	mu     sync.Mutex
	err    error
	once   sync.Once
}

type sigJob struct {
	keys   []ed25519.PublicKey
	link   ChainLink
	device string
	seq    int64
}

func newVerifier(inline bool) *verifier {
	v := &verifier{inline: inline}
	if inline {
		return v
	}
	v.jobs = make(chan sigJob, 256)
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
		v.do(j)
	}
}

func (v *verifier) do(j sigJob) {
	if v.failed() {
		return
	}
	if !VerifyEntrySig(j.keys, j.link) {
		v.fail(model.NewError(model.EEntrySignature, nil, model.ShortID(j.device), itoa(j.seq)))
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
	j := sigJob{keys: keys, link: l, device: l.Device, seq: l.DevSeq}
	if v.inline {
		v.do(j)
		return
	}
	v.jobs <- j
}

// wait ends the queue and returns the first failure. It may be called
// more than once.
func (v *verifier) wait() error {
	v.once.Do(func() {
		if v.jobs != nil {
			close(v.jobs)
		}
	})
	v.wg.Wait()
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.err
}

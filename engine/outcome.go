package main

import (
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// outcome is one finished request reduced to what windows keep: no URL, no body.
type outcome struct {
	intent intent
	code   uint16
	class  errorClass
	// latency counts from the intended send time, service from the actual send.
	latency time.Duration
	service time.Duration
	// serverUs is Qdrant's `time` in µs, or -1 when the body had none.
	serverUs          int64
	bytesIn, bytesOut uint64
	recallChecked     bool
	recall            float64
	// message is the transport error, for the engine's log.
	message string
}

// evaluator turns vegeta results into outcomes: classification, the response check, Qdrant's
// time and the recall sample. It is safe for concurrent use, so the expensive part (parsing
// bodies) runs outside the recorder's lock.
type evaluator struct {
	began  time.Time
	corpus *Corpus
	recall *recallSampler
}

// evaluate reduces one result of the request it intended.
func (e *evaluator) evaluate(res *vegeta.Result, it intent) outcome {
	end := res.Timestamp.Add(res.Latency)
	o := outcome{
		intent:   it,
		code:     res.Code,
		latency:  end.Sub(e.began.Add(it.at)),
		service:  res.Latency,
		serverUs: -1,
		bytesIn:  res.BytesIn,
		bytesOut: res.BytesOut,
	}
	if res.Code == 0 {
		o.class, o.message = transportClass(res.Error), res.Error
		return o
	}
	o.class = statusClass(res.Code)
	collection := &e.corpus.Collections[it.collection]
	body := collection.Check.read(res.Body)
	o.serverUs = body.serverUs // from an error body too: Qdrant times its failures as well
	if o.class == classNone && !body.shapeOK {
		o.class = classCheck
	}
	if truth := collection.Requests[it.request].Truth; o.class == classNone && len(truth) > 0 && e.recall.due() {
		o.recallChecked, o.recall = true, recallAt(truth, collection.Check.returnedIDs(body.result))
	}
	return o
}

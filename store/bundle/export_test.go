package bundle

// ParsePayload exposes the payload parser to the fuzz target in
// bundle_test.
var ParsePayload = parsePayload

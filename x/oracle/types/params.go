package types

// DefaultParams: prices come from vote extensions.
func DefaultParams() Params { return Params{PublisherFallback: false} }

// Validate checks the params; every combination of a bool is valid, the
// method exists so that params keep a validation point as they grow.
func (p Params) Validate() error { return nil }

package app_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/ampchain/ampchain/app/apptesting"
)

func TestInitChainReturnsGenesisValidators(t *testing.T) {
	vals := []apptesting.Validator{apptesting.NewValidator("a", 10), apptesting.NewValidator("b", 20)}
	a := apptesting.NewApp(t)
	res := apptesting.InitChain(t, a, apptesting.GenesisState(t, a, apptesting.Options{Validators: vals}))
	require.Len(t, res.Validators, 2)
	var total int64
	for _, u := range res.Validators {
		total += u.Power
	}
	require.Equal(t, int64(30), total)
}

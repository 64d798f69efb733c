package keeper

import (
	"context"
	"time"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	cryptotypes "github.com/cosmos/cosmos-sdk/crypto/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	evidencetypes "github.com/cosmos/cosmos-sdk/x/evidence/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/ampchain/ampchain/x/poa/types"
)

// EvidenceAdapter lets x/evidence process CometBFT's double-sign evidence
// against the permissioned set. There is no stake to slash, so the one
// penalty is removal: the "slash" removes the validator and the "tombstone"
// bars its consensus key for good.
type EvidenceAdapter struct {
	k Keeper
}

var (
	_ evidencetypes.StakingKeeper  = EvidenceAdapter{}
	_ evidencetypes.SlashingKeeper = EvidenceAdapter{}
)

// EvidenceAdapter returns the staking and slashing view x/evidence needs.
func (k Keeper) EvidenceAdapter() EvidenceAdapter { return EvidenceAdapter{k: k} }

func (a EvidenceAdapter) ConsensusAddressCodec() address.Codec { return a.k.consAddressCodec }

// ValidatorByConsAddr presents a member as a bonded staking validator whose
// tokens are its power; an unknown address yields nil, which x/evidence ignores.
func (a EvidenceAdapter) ValidatorByConsAddr(ctx context.Context, consAddr sdk.ConsAddress) (stakingtypes.ValidatorI, error) {
	v, err := a.k.GetValidatorByConsAddr(ctx, consAddr)
	if errorsmod.IsOf(err, types.ErrValidatorNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return stakingtypes.Validator{
		OperatorAddress: v.OperatorAddress,
		ConsensusPubkey: v.ConsensusPubkey,
		Status:          stakingtypes.Bonded,
		Tokens:          math.NewInt(v.Power),
		DelegatorShares: math.LegacyNewDec(v.Power),
		Description:     stakingtypes.Description{Moniker: v.Moniker},
	}, nil
}

func (a EvidenceAdapter) GetParams(context.Context) (stakingtypes.Params, error) {
	return stakingtypes.DefaultParams(), nil
}

func (a EvidenceAdapter) GetPubkey(ctx context.Context, addr cryptotypes.Address) (cryptotypes.PubKey, error) {
	v, err := a.k.GetValidatorByConsAddr(ctx, sdk.ConsAddress(addr))
	if err != nil {
		return nil, err
	}
	return v.ConsPubKey()
}

func (a EvidenceAdapter) IsTombstoned(ctx context.Context, consAddr sdk.ConsAddress) bool {
	has, err := a.k.Tombstoned.Has(ctx, consAddr)
	return err == nil && has
}

// HasValidatorSigningInfo is true for every member: x/evidence only asks after
// ValidatorByConsAddr found one.
func (a EvidenceAdapter) HasValidatorSigningInfo(ctx context.Context, consAddr sdk.ConsAddress) bool {
	has, err := a.k.ValidatorsByCons.Has(ctx, consAddr)
	return err == nil && has
}

// Tombstone bars the key for good, unless the validator is still in the
// set: the last validator is kept (see RemoveForDoubleSign), and a
// tombstoned key in the set would make the exported genesis invalid.
func (a EvidenceAdapter) Tombstone(ctx context.Context, consAddr sdk.ConsAddress) error {
	if inSet, err := a.k.ValidatorsByCons.Has(ctx, consAddr); err != nil || inSet {
		return err
	}
	return a.k.Tombstoned.Set(ctx, consAddr)
}

func (a EvidenceAdapter) Slash(ctx context.Context, consAddr sdk.ConsAddress, _ math.LegacyDec, _, _ int64) error {
	return a.k.RemoveForDoubleSign(ctx, consAddr)
}

func (a EvidenceAdapter) SlashWithInfractionReason(ctx context.Context, consAddr sdk.ConsAddress, _ math.LegacyDec, _, _ int64, _ stakingtypes.Infraction) error {
	return a.k.RemoveForDoubleSign(ctx, consAddr)
}

func (a EvidenceAdapter) SlashFractionDoubleSign(context.Context) (math.LegacyDec, error) {
	return math.LegacyOneDec(), nil
}

// Jail and JailUntil do nothing: removal already took the validator out.
func (a EvidenceAdapter) Jail(context.Context, sdk.ConsAddress) error                 { return nil }
func (a EvidenceAdapter) JailUntil(context.Context, sdk.ConsAddress, time.Time) error { return nil }

// RemoveForDoubleSign removes the validator behind consAddr. The guard rails
// that bind the admin do not apply — evidence must take effect — except that
// the last validator stays, since CometBFT cannot run with an empty set.
func (k Keeper) RemoveForDoubleSign(ctx context.Context, consAddr sdk.ConsAddress) error {
	v, err := k.GetValidatorByConsAddr(ctx, consAddr)
	if errorsmod.IsOf(err, types.ErrValidatorNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	total, err := k.TotalPower(ctx)
	if err != nil {
		return err
	}
	if total-v.Power <= 0 {
		k.Logger(ctx).Error("double-sign evidence against the last validator; keeping it so the chain can run", "validator", v.OperatorAddress)
		return nil
	}
	if err := k.deleteValidator(ctx, v); err != nil {
		return err
	}
	return k.emitRemoved(ctx, v, types.RemovalReasonDoubleSign)
}

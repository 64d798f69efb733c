package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	storetypes "cosmossdk.io/core/store"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/codec"
	cryptocodec "github.com/cosmos/cosmos-sdk/crypto/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	cmtprotocrypto "github.com/cometbft/cometbft/proto/tendermint/crypto"

	"github.com/ampchain/ampchain/x/poa/types"
)

// Keeper owns the permissioned validator set: who validates, with what power,
// what CometBFT was last told, and the fees each operator has earned.
type Keeper struct {
	cdc              codec.BinaryCodec
	storeService     storetypes.KVStoreService
	accountKeeper    types.AccountKeeper
	bankKeeper       types.BankKeeper
	consAddressCodec address.Codec
	feeCollectorName string

	Schema           collections.Schema
	Params           collections.Item[types.Params]
	Validators       collections.Map[sdk.ValAddress, types.Validator]
	ValidatorsByCons collections.Map[sdk.ConsAddress, []byte]
	// LastValidatorSet is the set CometBFT was last sent, keyed by consensus
	// address; it keeps the key of a removed validator until its power-0
	// update has gone out.
	LastValidatorSet collections.Map[sdk.ConsAddress, types.Validator]
	// PendingUpdates are consensus addresses whose power may differ from
	// LastValidatorSet; the end blocker turns them into validator updates.
	PendingUpdates  collections.KeySet[sdk.ConsAddress]
	Tombstoned      collections.KeySet[sdk.ConsAddress]
	OutstandingFees collections.Map[sdk.ValAddress, types.ValidatorFees]
	// ConsensusKeys remembers every consensus key that was ever in the set:
	// CometBFT keeps a removed validator signing for two more heights, and
	// its vote extensions must still verify.
	ConsensusKeys collections.Map[sdk.ConsAddress, types.Validator]
}

// NewKeeper builds the keeper; feeCollectorName is the module account the
// ante handler collects fees into.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService storetypes.KVStoreService,
	accountKeeper types.AccountKeeper,
	bankKeeper types.BankKeeper,
	consAddressCodec address.Codec,
	feeCollectorName string,
) Keeper {
	if accountKeeper.GetModuleAddress(types.ModuleName) == nil {
		panic(fmt.Sprintf("the %s module account has not been set", types.ModuleName))
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:              cdc,
		storeService:     storeService,
		accountKeeper:    accountKeeper,
		bankKeeper:       bankKeeper,
		consAddressCodec: consAddressCodec,
		feeCollectorName: feeCollectorName,
		Params:           collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		Validators:       collections.NewMap(sb, types.ValidatorsKey, "validators", sdk.ValAddressKey, codec.CollValue[types.Validator](cdc)),
		ValidatorsByCons: collections.NewMap(sb, types.ValidatorsByConsKey, "validators_by_cons", sdk.ConsAddressKey, collections.BytesValue),
		LastValidatorSet: collections.NewMap(sb, types.LastValidatorSetKey, "last_validator_set", sdk.ConsAddressKey, codec.CollValue[types.Validator](cdc)),
		PendingUpdates:   collections.NewKeySet(sb, types.PendingUpdatesKey, "pending_updates", sdk.ConsAddressKey),
		Tombstoned:       collections.NewKeySet(sb, types.TombstonedKey, "tombstoned", sdk.ConsAddressKey),
		OutstandingFees:  collections.NewMap(sb, types.OutstandingFeesKey, "outstanding_fees", sdk.ValAddressKey, codec.CollValue[types.ValidatorFees](cdc)),
		ConsensusKeys:    collections.NewMap(sb, types.ConsensusKeysKey, "consensus_keys", sdk.ConsAddressKey, codec.CollValue[types.Validator](cdc)),
	}
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Logger returns the module's logger.
func (k Keeper) Logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

// ConsensusAddressCodec encodes consensus addresses (ampvalcons1…).
func (k Keeper) ConsensusAddressCodec() address.Codec { return k.consAddressCodec }

// GetValidator returns the validator with the given operator address.
func (k Keeper) GetValidator(ctx context.Context, operator sdk.ValAddress) (types.Validator, error) {
	v, err := k.Validators.Get(ctx, operator)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Validator{}, errorsmod.Wrapf(types.ErrValidatorNotFound, "%s", operator)
	}
	return v, err
}

// GetValidatorByConsAddr returns the validator CometBFT knows by consAddr.
func (k Keeper) GetValidatorByConsAddr(ctx context.Context, consAddr sdk.ConsAddress) (types.Validator, error) {
	operator, err := k.ValidatorsByCons.Get(ctx, consAddr)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Validator{}, errorsmod.Wrapf(types.ErrValidatorNotFound, "consensus address %s", consAddr)
	}
	if err != nil {
		return types.Validator{}, err
	}
	return k.GetValidator(ctx, operator)
}

// IsActiveValidatorAccount reports whether addr operates a validator with power > 0.
func (k Keeper) IsActiveValidatorAccount(ctx context.Context, addr sdk.AccAddress) (bool, error) {
	v, err := k.Validators.Get(ctx, sdk.ValAddress(addr))
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return v.IsActive(), nil
}

// ActiveValidators returns the validators with power > 0 in operator order.
func (k Keeper) ActiveValidators(ctx context.Context) ([]types.Validator, error) {
	var active []types.Validator
	err := k.Validators.Walk(ctx, nil, func(_ sdk.ValAddress, v types.Validator) (bool, error) {
		if v.IsActive() {
			active = append(active, v)
		}
		return false, nil
	})
	return active, err
}

// TotalPower is the summed power of the active validators.
func (k Keeper) TotalPower(ctx context.Context) (int64, error) {
	active, err := k.ActiveValidators(ctx)
	if err != nil {
		return 0, err
	}
	var total int64
	for _, v := range active {
		total += v.Power
	}
	return total, nil
}

// setValidator stores v and its consensus-address index and queues a
// validator update for it.
func (k Keeper) setValidator(ctx context.Context, v types.Validator) error {
	operator, err := v.OperatorBytes()
	if err != nil {
		return err
	}
	consAddr, err := v.ConsAddress()
	if err != nil {
		return err
	}
	if err := k.Validators.Set(ctx, operator, v); err != nil {
		return err
	}
	if err := k.ValidatorsByCons.Set(ctx, consAddr, operator); err != nil {
		return err
	}
	if err := k.ConsensusKeys.Set(ctx, consAddr, v); err != nil {
		return err
	}
	return k.PendingUpdates.Set(ctx, consAddr)
}

// GetPubKeyByConsAddr returns the CometBFT key of any validator that was
// ever in the set; baseapp uses it to verify vote extensions.
func (k Keeper) GetPubKeyByConsAddr(ctx context.Context, consAddr sdk.ConsAddress) (cmtprotocrypto.PublicKey, error) {
	v, err := k.ConsensusKeys.Get(ctx, consAddr)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return cmtprotocrypto.PublicKey{}, errorsmod.Wrapf(types.ErrValidatorNotFound, "consensus address %s", consAddr)
	}
	if err != nil {
		return cmtprotocrypto.PublicKey{}, err
	}
	pk, err := v.ConsPubKey()
	if err != nil {
		return cmtprotocrypto.PublicKey{}, err
	}
	return cryptocodec.ToCmtProtoPublicKey(pk)
}

// deleteValidator removes v and queues its power-0 update.
func (k Keeper) deleteValidator(ctx context.Context, v types.Validator) error {
	operator, err := v.OperatorBytes()
	if err != nil {
		return err
	}
	consAddr, err := v.ConsAddress()
	if err != nil {
		return err
	}
	if err := k.Validators.Remove(ctx, operator); err != nil {
		return err
	}
	if err := k.ValidatorsByCons.Remove(ctx, consAddr); err != nil {
		return err
	}
	return k.PendingUpdates.Set(ctx, consAddr)
}

// currentPower is the power the validator behind consAddr holds now, 0 if gone.
func (k Keeper) currentPower(ctx context.Context, consAddr sdk.ConsAddress) (types.Validator, int64, error) {
	v, err := k.GetValidatorByConsAddr(ctx, consAddr)
	if errorsmod.IsOf(err, types.ErrValidatorNotFound) {
		return types.Validator{}, 0, nil
	}
	if err != nil {
		return types.Validator{}, 0, err
	}
	return v, v.Power, nil
}

// lastPower is the power CometBFT was last told for consAddr, 0 if none.
func (k Keeper) lastPower(ctx context.Context, consAddr sdk.ConsAddress) (types.Validator, int64, error) {
	v, err := k.LastValidatorSet.Get(ctx, consAddr)
	if errorsmod.IsOf(err, collections.ErrNotFound) {
		return types.Validator{}, 0, nil
	}
	if err != nil {
		return types.Validator{}, 0, err
	}
	return v, v.Power, nil
}

// checkPendingChanges enforces the guard rails on the changes queued in this
// block: the set never becomes empty, and the summed absolute power change
// stays within 1/3 of the power CometBFT last saw, so a light client that
// trusts the previous set can still verify the next one.
func (k Keeper) checkPendingChanges(ctx context.Context) error {
	var lastTotal int64
	if err := k.LastValidatorSet.Walk(ctx, nil, func(_ sdk.ConsAddress, v types.Validator) (bool, error) {
		lastTotal += v.Power
		return false, nil
	}); err != nil {
		return err
	}
	var changed, delta int64
	if err := k.PendingUpdates.Walk(ctx, nil, func(consAddr sdk.ConsAddress) (bool, error) {
		_, cur, err := k.currentPower(ctx, consAddr)
		if err != nil {
			return true, err
		}
		_, last, err := k.lastPower(ctx, consAddr)
		if err != nil {
			return true, err
		}
		delta += cur - last
		if cur > last {
			changed += cur - last
		} else {
			changed += last - cur
		}
		return false, nil
	}); err != nil {
		return err
	}
	if lastTotal+delta <= 0 {
		return errorsmod.Wrap(types.ErrLastValidator, "the validator set would have no power left")
	}
	if changed*3 > lastTotal {
		return errorsmod.Wrapf(types.ErrPowerChangeTooLarge,
			"this block would change %d of %d total power; change power in steps of at most 1/3 per block", changed, lastTotal)
	}
	return nil
}

package types

import (
	"fmt"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
)

const (
	// ModuleName is the module's name, store key and fee account.
	ModuleName = "collateral"
	StoreKey   = ModuleName

	// AMPPairBase is the base of every price pair a lock is sized with:
	// "AMP/" + the guarantee's quote currency.
	AMPPairBase = "AMP"

	// MaxReferenceLength bounds the external payment fields.
	MaxReferenceLength = 256

	// DefaultMaxExpiriesPerBlock bounds the end blocker's work.
	DefaultMaxExpiriesPerBlock = 100
)

var (
	ParamsKey              = collections.NewPrefix(0)
	NextManagerIDKey       = collections.NewPrefix(1)
	NextGuaranteeIDKey     = collections.NewPrefix(2)
	NextWithdrawalIDKey    = collections.NewPrefix(3)
	ManagersKey            = collections.NewPrefix(4)
	ManagerByAddressKey    = collections.NewPrefix(5)
	RolesKey               = collections.NewPrefix(6)
	PoolsKey               = collections.NewPrefix(7)
	PositionsKey           = collections.NewPrefix(8)
	GuaranteesKey          = collections.NewPrefix(9)
	AttestationsKey        = collections.NewPrefix(10)
	ExpiryQueueKey         = collections.NewPrefix(11)
	WithdrawalsKey         = collections.NewPrefix(12)
	WithdrawalsByPoolKey   = collections.NewPrefix(13)
	WithdrawalsByStakerKey = collections.NewPrefix(14)
	EpochEndsKey           = collections.NewPrefix(15)
)

// ManagerAddress derives manager id's address: 20 bytes, like a module
// account, so it fits a partition's owner field.
func ManagerAddress(id uint64) sdk.AccAddress {
	return authtypes.NewModuleAddress(fmt.Sprintf("%s/manager/%d", ModuleName, id))
}

// PricePair is the oracle pair that prices AMP in quote.
func PricePair(quote string) string { return AMPPairBase + "/" + quote }

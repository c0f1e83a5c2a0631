/**
 * Runs before every test file (vitest.config.ts `setupFiles`): the accounts the tests create hash
 * their passwords at a low scrypt cost (about a millisecond instead of about a second at N=2^17
 * on this machine), through the password module's explicit setter. Sign-in still runs real scrypt
 * over the parameters stored with each hash, so every test keeps its meaning; the production
 * cost is checked in tests/unit/password.test.ts on a fresh copy of the module.
 */
import { setPasswordCost } from "../../functions/core/accounts/password";

export const TEST_PASSWORD_COST = { N: 2 ** 10, r: 8, p: 1 } as const;

setPasswordCost(TEST_PASSWORD_COST);

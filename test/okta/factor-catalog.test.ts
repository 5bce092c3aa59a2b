import fc from 'fast-check';
import { factorChoiceValue, parseFactorChoice } from '../../src/okta/factor-catalog';

describe('factor choice values (list_factors_to_enroll_ddl)', () => {
  test('a factor type with colons keeps them; the provider is what follows the last colon', () => {
    expect(factorChoiceValue({ factorType: 'token:software:totp', provider: 'GOOGLE' })).toBe('token:software:totp:GOOGLE');
    expect(parseFactorChoice('token:software:totp:GOOGLE')).toEqual({ factorType: 'token:software:totp', provider: 'GOOGLE' });
    expect(parseFactorChoice('signed_nonce:OKTA')).toEqual({ factorType: 'signed_nonce', provider: 'OKTA' });
  });

  test('an entry without a provider round-trips without inventing one', () => {
    const value = factorChoiceValue({ factorType: 'token:hotp' });
    expect(value).toBe('token:hotp:');
    expect(parseFactorChoice(value)).toEqual({ factorType: 'token:hotp' });
  });

  test('any factor type and colon-free provider round-trip', () => {
    const provider = fc.string({ minLength: 1 }).filter((p) => !p.includes(':'));
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), provider, (factorType, p) => {
        expect(parseFactorChoice(factorChoiceValue({ factorType, provider: p }))).toEqual({ factorType, provider: p });
      }),
    );
  });
});

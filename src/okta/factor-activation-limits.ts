/**
 * Five activation attempts per factor in five minutes, then E0000047 (the code of the rate-limit buckets)
 * on activate and on resend alike: a bucket reset does not lift it, so the caller is told to wait it out.
 * Passed as `functionalLimits` on the factor activate and resend requests.
 */
export const FACTOR_ACTIVATION_LIMITS: Record<string, number> = { E0000047: 300 };

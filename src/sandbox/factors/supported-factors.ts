/** What the sandbox org offers for MFA: the factor catalog, the security questions and the delivery limits. */

/** Okta's 20 security questions (`UserFactorSecurityQuestionProfile.question` keys and their texts). */
export const SECURITY_QUESTIONS: ReadonlyArray<{ question: string; questionText: string }> = [
  { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' },
  { question: 'name_of_first_plush_toy', questionText: 'What is the name of your first stuffed animal?' },
  { question: 'first_award', questionText: 'What did you earn your first medal or award for?' },
  { question: 'favorite_security_question', questionText: 'What is your favorite security question?' },
  { question: 'favorite_toy', questionText: 'What is the toy/stuffed animal you liked the most as a kid?' },
  { question: 'first_computer_game', questionText: 'What was the first computer game you played?' },
  { question: 'favorite_movie_quote', questionText: 'What is your favorite movie quote?' },
  { question: 'first_sports_team_mascot', questionText: 'What was the mascot of the first sports team you played on?' },
  { question: 'first_music_purchase', questionText: 'What music album or song did you first purchase?' },
  { question: 'favorite_art_piece', questionText: 'What is your favorite piece of art?' },
  { question: 'grandmother_favorite_desert', questionText: "What was your grandmother's favorite dessert?" },
  { question: 'first_thing_cooked', questionText: 'What was the first thing you learned to cook?' },
  { question: 'childhood_dream_job', questionText: 'What was your dream job as a child?' },
  { question: 'first_kiss_location', questionText: 'Where did you have your first kiss?' },
  { question: 'place_where_significant_other_was_met', questionText: 'Where did you meet your spouse/significant other?' },
  { question: 'favorite_vacation_location', questionText: 'Where did you go for your favorite vacation?' },
  { question: 'new_years_two_thousand', questionText: "Where were you on New Year's Eve in the year 2000?" },
  { question: 'favorite_speaker_actor', questionText: 'Who is your favorite speaker/orator?' },
  { question: 'favorite_book_movie_character', questionText: 'Who is your favorite book/movie character?' },
  { question: 'favorite_sports_player', questionText: 'Who is your favorite sports player?' },
];

export const questionText = (key: string): string | undefined => SECURITY_QUESTIONS.find((q) => q.question === key)?.questionText;

export interface CatalogFactor {
  factorType: string;
  provider: string;
  /** What the sandbox's enrollment policy says for this factor. */
  enrollment: 'OPTIONAL' | 'REQUIRED';
  /** Id prefix of enrolled factors of this kind, as Okta's (`mbl…` sms, `clf…` call, `ostf…` TOTP …). */
  idPrefix: string;
  /** False for factors this API can list but not enroll (FastPass needs a device). */
  enrollable: boolean;
}

/** The authenticator enrollment policy of the sandbox org: every factor it lists, in catalog order. */
export const FACTOR_CATALOG: readonly CatalogFactor[] = [
  { factorType: 'question', provider: 'OKTA', enrollment: 'OPTIONAL', idPrefix: 'ufs', enrollable: true },
  { factorType: 'sms', provider: 'OKTA', enrollment: 'REQUIRED', idPrefix: 'mbl', enrollable: true },
  { factorType: 'call', provider: 'OKTA', enrollment: 'OPTIONAL', idPrefix: 'clf', enrollable: true },
  { factorType: 'email', provider: 'OKTA', enrollment: 'OPTIONAL', idPrefix: 'emf', enrollable: true },
  { factorType: 'token:software:totp', provider: 'OKTA', enrollment: 'OPTIONAL', idPrefix: 'ostf', enrollable: true },
  { factorType: 'token:software:totp', provider: 'GOOGLE', enrollment: 'OPTIONAL', idPrefix: 'uft', enrollable: true },
  { factorType: 'push', provider: 'OKTA', enrollment: 'OPTIONAL', idPrefix: 'opf', enrollable: true },
  { factorType: 'signed_nonce', provider: 'OKTA', enrollment: 'OPTIONAL', idPrefix: 'sfn', enrollable: false },
];

/** Okta's factor providers (spec `UserFactorProvider`): another provider is "Invalid Provider.", a known one outside the policy "Factor not enabled.". */
export const FACTOR_PROVIDERS: ReadonlySet<string> = new Set(['CUSTOM', 'DUO', 'FIDO', 'GOOGLE', 'OKTA', 'RSA', 'SYMANTEC', 'YUBICO']);

/** How long a push activation (spec example `EnrollFactorOVPushResponse`: 10 minutes) and a push challenge wait. */
export const PUSH_ACTIVATION_MS = 10 * 60_000;
export const PUSH_CHALLENGE_MS = 5 * 60_000;

export const catalogFactor = (factorType: unknown, provider: unknown): CatalogFactor | undefined =>
  FACTOR_CATALOG.find((f) => f.factorType === factorType && f.provider === provider);

/** Factors whose enrollment delivers a code (and so can be resent): Okta's one-message-per-window limits. */
export const DELIVERY_LIMITS: Record<string, { seconds: number; errorCode: string; errorSummary: string }> = {
  sms: { seconds: 30, errorCode: 'E0000109', errorSummary: 'An SMS message was recently sent. Please wait 30 seconds before trying again.' },
  call: { seconds: 30, errorCode: 'E0000133', errorSummary: 'A phone call was recently made. Please wait 30 seconds before trying again.' },
  email: { seconds: 5, errorCode: 'E0000118', errorSummary: 'An email was recently sent. Please wait 5 seconds before trying again.' },
};

/** Factor types with an activation step (`question` is ACTIVE at once). `activate=true` skips it for these: */
export const AUTO_ACTIVATABLE = new Set(['sms', 'call', 'email']);

/** Okta's limit on activation attempts per factor. */
export const ACTIVATION_ATTEMPTS = { max: 5, windowMs: 5 * 60_000 };

/** Okta's E.164 rule for factor phone numbers (`UserFactorSMSProfile.phoneNumber`). */
export const E164 = /^\+[1-9]\d{1,14}$/;

/** Okta's examples write numbers like `+1-555-415-1337`: separators are dropped before the E.164 check. */
export const normalizePhone = (phone: string): string => phone.replace(/[\s().-]/g, '');

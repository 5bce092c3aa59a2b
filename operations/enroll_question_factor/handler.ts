import type { EnrollQuestionFactorInput } from '../../src/generated/types';
import { enrollFactor } from '../../src/factor-enrollment';

export default enrollFactor<EnrollQuestionFactorInput>({
  factorType: 'question',
  profile: (input) => ({ question: input.question, answer: input.answer }),
});

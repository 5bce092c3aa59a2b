import { enrollFactor } from '../../src/sdk';
import type { EnrollQuestionFactorInput } from '../../src/sdk';

export default enrollFactor<EnrollQuestionFactorInput>({
  factorType: 'question',
  profile: (input) => ({ question: input.question, answer: input.answer }),
});

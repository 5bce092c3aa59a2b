import type { ListSecurityQuestionsInput, ListSecurityQuestionsOutput, OktaSecurityQuestion } from '../../src/generated/types';
import { securityQuestionsRequest } from '../../src/factor-catalog';
import { singleRequest } from '../../src/operation';

export default singleRequest<ListSecurityQuestionsInput, ListSecurityQuestionsOutput, OktaSecurityQuestion[]>({
  request: securityQuestionsRequest,
  output: (response) => ({ questions: response.body ?? [] }),
});

import { securityQuestionsRequest, singleRequest } from '../../src/sdk';
import type { ListSecurityQuestionsInput, ListSecurityQuestionsOutput, OktaSecurityQuestion } from '../../src/sdk';

export default singleRequest<ListSecurityQuestionsInput, ListSecurityQuestionsOutput, OktaSecurityQuestion[]>({
  request: securityQuestionsRequest,
  output: (response) => ({ questions: response.body ?? [] }),
});

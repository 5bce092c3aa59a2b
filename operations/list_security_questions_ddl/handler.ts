import { ddlRequest, securityQuestionsRequest } from '../../src/sdk';
import type { ListSecurityQuestionsDDLInput, OktaSecurityQuestion } from '../../src/sdk';

export default ddlRequest<ListSecurityQuestionsDDLInput, OktaSecurityQuestion>({
  request: securityQuestionsRequest,
  option: (question) => ({ text: question.questionText ?? question.question, value: question.question }),
});

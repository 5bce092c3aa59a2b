import type { ListSecurityQuestionsDDLInput, OktaSecurityQuestion } from '../../src/generated/types';
import { securityQuestionsRequest } from '../../src/factor-catalog';
import { ddlRequest } from '../../src/operation';

export default ddlRequest<ListSecurityQuestionsDDLInput, OktaSecurityQuestion>({
  request: securityQuestionsRequest,
  option: (question) => ({ text: question.questionText ?? question.question, value: question.question }),
});

import { payOrder, registerWechatLearner, type Account } from './fixtures';
import type { TestApp } from './harness';

export interface PaidOrderBody {
  id: number;
  item_type: string;
  course: number;
  question: number | null;
  status: string;
  amount_fen: number;
  out_trade_no: string;
}

export interface PaidQuestionBody {
  id: number;
  course: number;
  text: string;
  status: string;
  answer: string | null;
  locked: boolean;
  unlocked: boolean;
  is_public: boolean;
  unlock_price_fen: number | null;
  order: number | null;
  order_status: string | null;
  paid_at: string | null;
  answer_due_at: string | null;
}

/** A WeChat learner asks the course's creator a paid question and pays for it in the sandbox cashier. */
export async function askPaidQuestion(
  app: TestApp,
  courseId: number,
  options: { allowPublic?: boolean; text?: string } = {},
): Promise<{ asker: Account; question: PaidQuestionBody; order: PaidOrderBody }> {
  const asker = await registerWechatLearner(app);
  const asked = await app.request<{ question: PaidQuestionBody; order: PaidOrderBody }>('POST', `/api/courses/${courseId}/paid-questions`, {
    token: asker.token,
    body: { text: options.text ?? '第二章的例子看不懂，从哪里开始补？', allow_public: options.allowPublic ?? true },
  });
  if (asked.status !== 201) throw new Error(`ask failed: ${asked.status} ${JSON.stringify(asked.body)}`);
  await payOrder(app, asker, asked.body.order.id);
  const question = (await app.request<PaidQuestionBody>('GET', `/api/paid-questions/${asked.body.question.id}`, { token: asker.token })).body;
  return { asker, question, order: asked.body.order };
}

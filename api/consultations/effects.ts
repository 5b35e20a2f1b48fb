import type { FromSchema } from 'json-schema-to-ts';
import { reservedNumbers } from '../../db/queries/numbering';
import { answerConsultationUpdate } from '../../workflows/consultation/contract';
import type { Principal } from '../http/principal';
import { oversightEffect } from '../http/workflow-update';
import { loggedEffect } from '../supervision-log/intents';
import type { faqBody, staffRegisterBody } from './schema';
import { askQuestion, publishFaq } from './service';

/** A caller's question registered by staff: it starts under numbers reserved for its intent, so applying it again finds the first one. */
export const phoneQuestion = loggedEffect({
  action: 'consultation.register',
  apply: async (ctx, args: { body: FromSchema<typeof staffRegisterBody>; user: Principal }, intent) => {
    const asked = await askQuestion(ctx, args.body, 'phone', args.user, reservedNumbers(ctx.db, `intent:${intent.id}`, ctx.now));
    return { result: asked, target: { kind: 'consultation', id: asked.consultationNo }, details: { itemCode: args.body.itemCode } };
  },
});

export const consultationAnswer = oversightEffect('consultation.answer', answerConsultationUpdate, {
  code: 'ALREADY_ANSWERED', detail: 'The consultation was answered already.',
});

/** Publishing an answered question to the item's guide. */
export const faqPublication = loggedEffect({
  action: 'consultation.publish-faq',
  apply: async (ctx, args: { consultationNo: string; edit: FromSchema<typeof faqBody>; user: Principal }) => {
    const faq = await publishFaq(ctx, args.consultationNo, args.user, args.edit);
    return { result: faq, target: { kind: 'consultation', id: args.consultationNo }, details: { edited: Object.keys(args.edit) } };
  },
});

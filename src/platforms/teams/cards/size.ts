// Teams refuses messages over about 28 KB. Cards that would be larger are shortened here: first
// every long text is clipped, then body elements are dropped from the end (buttons are kept, so a
// prompt can still be answered) and a note says the card was shortened.
import { clip } from './escape';
import type { AdaptiveCard, CardElement } from './types';

/** Bytes left for the card once the activity envelope is counted. */
export const CARD_BYTE_BUDGET = 24_000;
const TEXT_CLIP = 1_500;
const SHORTENED_NOTE: CardElement = {
  type: 'TextBlock',
  text: '… shortened: the full text is too long for a Teams message.',
  isSubtle: true,
  size: 'Small',
  wrap: true,
};

/** Bytes Teams counts: base64 images (a chart) are not counted against the message limit. */
export function byteSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value).replace(/data:image\/[a-z]+;base64,[A-Za-z0-9+/=]+/g, ''), 'utf8');
}

export function fitCard(card: AdaptiveCard, budget = CARD_BYTE_BUDGET): AdaptiveCard {
  if (byteSize(card) <= budget) return card;
  const clipped: AdaptiveCard = { ...card, body: card.body.map((e) => clipTexts(e) as CardElement) };
  if (byteSize(clipped) <= budget) return clipped;
  const body = [...clipped.body];
  const kept: CardElement[] = [];
  // Buttons at the end stay; the other elements go from the end until the card fits.
  while (body.length && body[body.length - 1]!.type === 'ActionSet') kept.unshift(body.pop()!);
  let result: AdaptiveCard = { ...clipped, body: [...body, SHORTENED_NOTE, ...kept] };
  while (body.length > 1 && byteSize(result) > budget) {
    body.pop();
    result = { ...clipped, body: [...body, SHORTENED_NOTE, ...kept] };
  }
  if (byteSize(result) > budget) {
    // Even the remaining buttons and first element are too big: keep a bare card.
    result = { ...clipped, body: [...body.slice(0, 1).map((e) => clipTexts(e, 200) as CardElement), SHORTENED_NOTE] };
  }
  return result;
}

function clipTexts(value: unknown, max = TEXT_CLIP): unknown {
  if (Array.isArray(value)) return value.map((v) => clipTexts(v, max));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = (k === 'text' || k === 'value' || k === 'title') && typeof v === 'string' ? clip(v, max) : clipTexts(v, max);
    }
    return out;
  }
  return value;
}

// The slice of the Adaptive Card schema Clause5 produces. Teams renders schema 1.5 at most.

export const cardVersion = '1.5';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type CardElement = { type: string } & Record<string, unknown>;

export interface MentionEntity {
  type: 'mention';
  /** Exactly the '<at>…</at>' text used on the card. */
  text: string;
  mentioned: { id: string; name: string };
}

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: string;
  fallbackText?: string;
  body: CardElement[];
  msteams?: { width?: 'Full'; entities?: MentionEntity[] };
}

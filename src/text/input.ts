/**
 * The one input type of every function that reads an article: a body, or a title and a body. Training examples
 * (`{ text, title? }`) are read the same way, so a model sees a headline at prediction time exactly as it saw one
 * in training: the title, a line break, then the body.
 */
import { InvalidInputError } from '../common/errors.js';

/** An article as callers pass it: its body, or `{ title?, body }` (`text` is accepted in place of `body`). */
export type ArticleInput = string | { readonly title?: string | null; readonly body: string } | { readonly title?: string | null; readonly text: string };

/** A validated article. */
export interface Article {
  readonly title: string | null;
  readonly body: string;
}

const EXPECTED = 'a non-empty string or an object { title?, body }';

/** Validates an input; `field` names it in the error (e.g. `input` or `inputs[3]`). */
export function toArticle(input: unknown, field: string): Article {
  if (typeof input === 'string') {
    if (!/\S/.test(input)) throw new InvalidInputError(field, 'a non-empty text', input);
    return { title: null, body: input };
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw new InvalidInputError(field, EXPECTED, input);
  const record = input as Record<string, unknown>;
  const hasBody = record.body !== undefined;
  const hasText = record.text !== undefined;
  if (hasBody && hasText) throw new InvalidInputError(`${field}.body`, 'either body or text, not both', input);
  const key = hasText ? 'text' : 'body';
  const body = record[key];
  if (typeof body !== 'string') throw new InvalidInputError(`${field}.${key}`, 'a string', body);
  const title = record.title;
  if (title !== undefined && title !== null && typeof title !== 'string') throw new InvalidInputError(`${field}.title`, 'a string or null', title);
  const article = { title: typeof title === 'string' && title.length > 0 ? title : null, body };
  if (!/\S/.test(articleText(article))) throw new InvalidInputError(`${field}.${key}`, 'a non-empty text', body);
  return article;
}

/** The text a model reads: the title (when there is one), a line break, then the body. */
export function articleText(article: Article): string {
  return article.title === null ? article.body : `${article.title}\n${article.body}`;
}

export function expireAll(): void;
export function cacheStats(matching?: string): {
  entries: number;
  matched: number | undefined;
  bytes: number;
  generation: number;
  pending: number;
  hits: number;
  misses: number;
  stored: number;
  refused: number;
};
export default class NewsroomCacheHandler {
  constructor(options: unknown);
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown, context: { cacheControl?: unknown }): Promise<void>;
  revalidateTag(tags: string | string[]): Promise<void>;
  resetRequestCache(): void;
}

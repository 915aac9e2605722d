/** One dispatched server-sent event. */
export interface SseMessage {
  id: string | undefined;
  event: string | undefined;
  data: string;
}

/** A connected (or refused) server-sent events client built on fetch. */
export interface SseClient {
  status: number;
  headers: Headers;
  /** The body when the server refused the stream (problem+json). */
  refusal: string;
  messages: SseMessage[];
  comments: string[];
  retry: number | undefined;
  /** Resolves when the stream ended (server closed it or `close()` was called). */
  ended: Promise<void>;
  close(): void;
}

/** Feeds complete lines of an event stream into `client` (the parsing rules of the HTML spec). */
function parser(client: SseClient) {
  let data: string[] = [];
  let id: string | undefined;
  let event: string | undefined;
  return (line: string) => {
    if (line === '') {
      if (data.length > 0) client.messages.push({ id, event, data: data.join('\n') });
      data = [];
      event = undefined;
      return;
    }
    if (line.startsWith(':')) {
      client.comments.push(line.slice(1).trim());
      return;
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
    else if (field === 'event') event = value;
    else if (field === 'retry') client.retry = Number(value);
  };
}

/** Opens `url` as an event stream; resolves once the response headers are in. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseClient> {
  const abort = new AbortController();
  const res = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: abort.signal,
  });
  const client: SseClient = {
    status: res.status,
    headers: res.headers,
    refusal: '',
    messages: [],
    comments: [],
    retry: undefined,
    ended: Promise.resolve(),
    close: () => abort.abort(),
  };
  if (res.status !== 200 || !res.body) {
    client.refusal = await res.text();
    return client;
  }
  const feed = parser(client);
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  client.ended = (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += value;
        const lines = buffer.split(/\r\n|\r|\n/);
        buffer = lines.pop() ?? '';
        for (const line of lines) feed(line);
      }
    } catch {
      // Aborted by close(), or the server went away: the stream has ended either way.
    }
  })();
  return client;
}

/** The ids of the events a client received, as numbers. */
export function idsOf(c: SseClient): number[] {
  return c.messages.map((m) => Number(m.id));
}

import type { AdoptedSocket, SocketLike } from './socket-types';
import { TOKEN_KEY } from './token';

/** Where the head script leaves the connection it opened, for the store to take over. */
export const EARLY_SOCKET_KEY = '__floorMonitorSocket';

/** How long an opened connection waits to be taken before the page closes it (a page without the store). */
const UNTAKEN_CLOSE_MS = 15_000;

/** What the head script keeps beside the connection until the store takes it. */
export interface EarlySocketState {
  socket: RawSocket;
  token: string;
  url: string;
  /** Frames that arrived before the store took the connection, in order. */
  frames: unknown[];
  /** Set once the auth frame went out (the script sends it as the connection opens). */
  authSent: boolean;
  closed: { code: number; reason: string } | null;
}

/** The part of the browser WebSocket the hand-over uses. */
export interface RawSocket extends SocketLike {
  readonly readyState: number;
}

const OPEN = 1;

/**
 * A script the document runs in its head: with a token in storage that has not expired, it opens the
 * gateway connection and sends the auth frame as soon as the socket opens, while the page's scripts
 * still download. The handshake and the welcome then overlap loading instead of following it; frames
 * that arrive meanwhile are kept, in order, for the store. The token goes in the first frame, never in
 * the URL, exactly as the store's own connections send it.
 */
export function earlySocketScript(): string {
  const tokenKey = JSON.stringify(TOKEN_KEY);
  const slot = JSON.stringify(EARLY_SOCKET_KEY);
  return (
    `(function(){try{var t=localStorage.getItem(${tokenKey});if(!t)return;` +
    `var c=JSON.parse(atob(t.split('.')[1].replace(/-/g,'+').replace(/_/g,'/')));` +
    `if(typeof c.exp==='number'&&c.exp*1000<Date.now())return;` +
    `var u=(location.protocol==='https:'?'wss':'ws')+'://'+location.host+'/v1/ws',s=new WebSocket(u),` +
    `e={socket:s,token:t,url:u,frames:[],authSent:false,closed:null};` +
    `s.onopen=function(){s.send(JSON.stringify({type:'auth',token:t}));e.authSent=true};` +
    `s.onmessage=function(m){e.frames.push(m.data)};` +
    `s.onclose=function(x){e.closed={code:x.code,reason:x.reason}};` +
    `window[${slot}]=e;` +
    `setTimeout(function(){if(window[${slot}]===e){delete window[${slot}];s.close(1000,'not taken')}},${UNTAKEN_CLOSE_MS})` +
    `}catch(x){}})();`
  );
}

/**
 * Takes the head script's connection when it is for this `url` and `token` and still usable; once
 * only. A connection for another token (signed in again since) or already closed is let go, and the
 * caller opens its own. Frames that arrived before are handed over, in order, when the caller calls
 * `replay` once its handlers are set; a later frame is a task of its own, so it cannot come first.
 */
export function takeEarlySocket(slot: Record<string, unknown>, url: string, token: string): AdoptedSocket | null {
  const early = slot[EARLY_SOCKET_KEY] as EarlySocketState | undefined;
  if (!early) return null;
  delete slot[EARLY_SOCKET_KEY];
  const raw = early.socket;
  if (early.closed || raw.readyState > OPEN || early.url !== url || early.token !== token) {
    raw.onopen = raw.onmessage = raw.onclose = raw.onerror = null;
    if (!early.closed) raw.close(1000, 'not taken');
    return null;
  }
  const socket = new HandedOverSocket(early);
  return { socket, authSent: early.authSent, replay: () => socket.replay() };
}

/** The head script's connection, seen by the store as any other socket. */
class HandedOverSocket implements SocketLike {
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  /** Frames that arrived before the take-over, until `replay`. */
  private held: unknown[];

  constructor(private readonly early: EarlySocketState) {
    const raw = early.socket;
    this.held = early.frames;
    early.frames = [];
    // Later events go to the store's handlers; the store sends the auth frame itself if the socket has not opened yet.
    raw.onopen = (ev) => this.onopen?.(ev);
    raw.onerror = (ev) => this.onerror?.(ev);
    raw.onmessage = (ev) => this.onmessage?.(ev);
    raw.onclose = (ev) => this.onclose?.(ev);
  }

  replay(): void {
    const held = this.held;
    this.held = [];
    for (const data of held) this.onmessage?.({ data });
  }

  send(data: string): void {
    this.early.socket.send(data);
  }

  close(code?: number, reason?: string): void {
    this.early.socket.close(code, reason);
  }
}

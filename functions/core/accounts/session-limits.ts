/**
 * How long a session lives (sessions.ts): 30 minutes idle, 12 hours absolute. Its own module so
 * that the session cookie's code (http/session.ts) can name them without loading the session store,
 * which the reader imports only when a request carries a session cookie.
 */
export const IDLE_MS = 30 * 60 * 1000;
export const ABSOLUTE_MS = 12 * 60 * 60 * 1000;

/**
 * Bounds for queue positions typed by users. The engine keeps at most 1000 upcoming tracks; the
 * option bound only keeps absurd numbers out, the engine's own check decides the rest.
 */
export const MAX_QUEUE_POSITION = 1000;

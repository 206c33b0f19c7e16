// Bounds on hostile output inside the watch rules (the regular expressions are the person's, the
// text they run over is the web's): text a pattern is matched against is cut to this length.
export const MAX_MATCH_CHARS = 20_000;

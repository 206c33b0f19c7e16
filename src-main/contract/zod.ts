// The contract's zod, configured before any schema exists: zod decides at construction time
// whether an object schema may compile a fast parser with `new Function`. The app's CSP forbids
// string evaluation and the desktop app's main process should not need it either, so every
// contract file takes `z` from here and gets the plain parsers.
import { z } from 'zod';

z.config({ jitless: true });

export { z };
